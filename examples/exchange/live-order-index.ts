// Finds a live order by (account, clOrdId) — what cancels, replaces and the
// duplicate check need — without allocating.
//
// A JavaScript Map would do, but V8 rebuilds a Map's table as entries come and
// go, which showed up as ~20 bytes of garbage per command in the matching
// benchmark. This is an open-addressing hash table over typed arrays: linear
// probing, and deletion by shifting later entries back (no tombstones), so it
// only allocates when the number of live orders reaches a new high and the
// table doubles. Accounts are numbered once, on first sight.

import type { RestingOrder } from "./resting-order.js";

const EMPTY = -1;

export class LiveOrderIndex {
  private readonly accountIds = new Map<string, number>();
  private mask: number;
  /** Per slot: account number, or EMPTY. */
  private slotAccount: Int32Array;
  private slotClOrdId: Float64Array;
  private slotOrder: (RestingOrder | null)[];
  private size = 0;

  constructor(initialCapacity: number) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2; // keep the load at or below one half
    this.mask = capacity - 1;
    this.slotAccount = new Int32Array(capacity).fill(EMPTY);
    this.slotClOrdId = new Float64Array(capacity);
    this.slotOrder = new Array<RestingOrder | null>(capacity).fill(null);
  }

  get count(): number {
    return this.size;
  }

  /** The number of `account`, assigned on first use (the only allocation: one Map entry per account). */
  accountNumber(account: string): number {
    let id = this.accountIds.get(account);
    if (id === undefined) {
      id = this.accountIds.size;
      this.accountIds.set(account, id);
    }
    return id;
  }

  find(account: string, clOrdId: number): RestingOrder | null {
    const accountId = this.accountIds.get(account);
    if (accountId === undefined) return null;
    for (let slot = this.home(accountId, clOrdId); ; slot = (slot + 1) & this.mask) {
      const a = this.slotAccount[slot]!;
      if (a === EMPTY) return null;
      if (a === accountId && this.slotClOrdId[slot] === clOrdId) return this.slotOrder[slot]!;
    }
  }

  /** Adds `order` under (order.accountId, order.clOrdId); the pair must not be in the index. */
  add(order: RestingOrder): void {
    if ((this.size + 1) * 2 > this.slotAccount.length) this.grow();
    let slot = this.home(order.accountId, order.clOrdId);
    while (this.slotAccount[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.slotAccount[slot] = order.accountId;
    this.slotClOrdId[slot] = order.clOrdId;
    this.slotOrder[slot] = order;
    this.size++;
  }

  /** Removes `order` (found by its accountId and clOrdId); it must be in the index. */
  remove(order: RestingOrder): void {
    let slot = this.home(order.accountId, order.clOrdId);
    while (this.slotOrder[slot] !== order) {
      if (this.slotAccount[slot] === EMPTY) throw new Error(`order ${order.orderId} is not in the live order index`);
      slot = (slot + 1) & this.mask;
    }
    // Shift back every later entry of the run whose home is not between the hole and itself.
    let hole = slot;
    for (let next = (hole + 1) & this.mask; this.slotAccount[next] !== EMPTY; next = (next + 1) & this.mask) {
      const home = this.home(this.slotAccount[next]!, this.slotClOrdId[next]!);
      const homeInRange = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (homeInRange) continue;
      this.slotAccount[hole] = this.slotAccount[next]!;
      this.slotClOrdId[hole] = this.slotClOrdId[next]!;
      this.slotOrder[hole] = this.slotOrder[next]!;
      hole = next;
    }
    this.slotAccount[hole] = EMPTY;
    this.slotOrder[hole] = null;
    this.size--;
  }

  private home(accountId: number, clOrdId: number): number {
    const low = clOrdId >>> 0;
    const high = (clOrdId / 0x1_0000_0000) >>> 0;
    let h = Math.imul(low ^ Math.imul(accountId, 0x9e3779b1), 0x85ebca6b);
    h = Math.imul(h ^ high ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) & this.mask;
  }

  private grow(): void {
    const orders = this.slotOrder;
    const capacity = orders.length * 2;
    this.mask = capacity - 1;
    this.slotAccount = new Int32Array(capacity).fill(EMPTY);
    this.slotClOrdId = new Float64Array(capacity);
    this.slotOrder = new Array<RestingOrder | null>(capacity).fill(null);
    this.size = 0;
    for (const order of orders) if (order !== null) this.add(order);
  }
}

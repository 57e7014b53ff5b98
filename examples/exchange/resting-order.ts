// An order the engine holds, and the pool that recycles them.
//
// Every live order is one RestingOrder object, linked into its price level's
// FIFO queue through prev/next. Objects are never dropped: a done order goes
// back to the pool's free list and becomes the next order entered, so a warm
// engine creates no garbage per order. All objects have the same shape (every
// field set in the constructor), which keeps property access monomorphic.

import type { PriceLevel } from "./price-level.js";

export class RestingOrder {
  /** Engine-assigned, sequential from 1. */
  orderId = 0;
  /** The client's id for the order's current terms; changes on replace. */
  clOrdId = 0;
  account = "";
  /** The account's number in the LiveOrderIndex. */
  accountId = 0;
  symbol = "";
  side = 0;
  /** Limit price in ticks (double(4) mantissa). */
  price = 0;
  /** Total quantity of the current terms, including what already filled. */
  qty = 0;
  /** Filled so far. */
  cumQty = 0;
  /** Still open: qty - cumQty while the order lives. */
  leavesQty = 0;
  timeInForce = 0;
  flags = 0;
  /** The level this order rests in; null while it is being matched or after it is done. */
  level: PriceLevel | null = null;
  /** Toward the front of the level's queue (earlier time priority). */
  prev: RestingOrder | null = null;
  /** Toward the back of the level's queue. */
  next: RestingOrder | null = null;
}

/** A free list of RestingOrder objects. Grows when empty; never shrinks. */
export class OrderPool {
  private readonly free: RestingOrder[] = [];
  private freeCount = 0;
  private created = 0;

  constructor(initialCapacity: number) {
    for (let i = 0; i < initialCapacity; i++) this.free.push(new RestingOrder());
    this.freeCount = initialCapacity;
    this.created = initialCapacity;
  }

  acquire(): RestingOrder {
    if (this.freeCount === 0) {
      this.created++;
      return new RestingOrder();
    }
    return this.free[--this.freeCount]!;
  }

  /** Returns a done order. Clears references so the pool keeps no strings or levels alive. */
  release(order: RestingOrder): void {
    order.account = "";
    order.symbol = "";
    order.level = null;
    order.prev = null;
    order.next = null;
    if (this.freeCount < this.free.length) this.free[this.freeCount] = order;
    else this.free.push(order);
    this.freeCount++;
  }

  /** How many RestingOrder objects exist, free or in use. */
  get capacity(): number {
    return this.created;
  }

  /** How many are out of the pool. */
  get inUse(): number {
    return this.created - this.freeCount;
  }
}

/**
 * The sequencer's accounts: who may send commands, the last command number sequenced for each (duplicate
 * suppression), the state of each instance (active, passive, forced passive, last heartbeat) and the throttle.
 */
import { ACCOUNT_LENGTH } from "../protocol/frames.js";
import type { AheadBuffer } from "./ahead-buffer.js";
import { bytesEqual, checkName, nameBytes } from "../protocol/bytes.js";

export interface InstanceState {
  instance: number;
  active: boolean;
  /** Forced passive by the operator or a missed heartbeat: its commands are dropped until it activates again. */
  forcedPassive: boolean;
  /** nanoTime of the last heartbeat or command, -1 before any. */
  lastHeardNs: number;
}

export class Account {
  readonly name: string;
  readonly nameBytes: Uint8Array;
  /** The last command number sequenced; the next accepted is exactly this + 1. */
  lastCommandNumber = 0;
  readonly instances: InstanceState[] = [];
  /** Throttle: commands accepted in the current window, and when the window opened. */
  windowStartNs = -Infinity;
  windowCount = 0;
  /** Whether the current window has already produced a throttle warning. */
  warnedThisWindow = false;
  /** Commands that arrived after a gap, held until it is filled (made on first need). */
  ahead: AheadBuffer | null = null;
  /** Per-account throttle, overriding the sequencer's when not null. */
  maxCommandsPerWindow: number | null = null;
  // counters
  sequenced = 0;
  duplicates = 0;
  outOfOrder = 0;
  throttled = 0;
  rejected = 0;

  constructor(name: string) {
    checkName("account", name, ACCOUNT_LENGTH);
    this.name = name;
    this.nameBytes = nameBytes(name, ACCOUNT_LENGTH);
  }

  /**
   * Throttle (a fixed window): counts one command in the window at `nowNs` and returns true, or returns false
   * (and counts a throttled command) when the window already holds `max`.
   */
  takeThrottleSlot(nowNs: number, max: number, windowNs: number): boolean {
    if (nowNs - this.windowStartNs >= windowNs) {
      this.windowStartNs = nowNs;
      this.windowCount = 0;
      this.warnedThisWindow = false;
    }
    if (this.windowCount < max) {
      this.windowCount++;
      return true;
    }
    this.throttled++;
    return false;
  }

  /** True the first time it is asked in a throttle window (one warning per window). */
  firstThrottleInWindow(): boolean {
    if (this.warnedThisWindow) return false;
    this.warnedThisWindow = true;
    return true;
  }

  instance(id: number): InstanceState {
    for (let i = 0; i < this.instances.length; i++) if (this.instances[i]!.instance === id) return this.instances[i]!;
    const state: InstanceState = { instance: id, active: false, forcedPassive: false, lastHeardNs: -1 };
    this.instances.push(state);
    return state;
  }
}

/** A snapshot of one account for `listAccounts()` (allocates; an admin call). */
export interface AccountInfo {
  name: string;
  lastCommandNumber: number;
  sequenced: number;
  duplicates: number;
  outOfOrder: number;
  throttled: number;
  rejected: number;
  instances: { instance: number; active: boolean; forcedPassive: boolean }[];
}

export class AccountTable {
  private readonly accounts: Account[] = [];

  add(name: string): Account {
    if (this.byName(name) !== null) throw new Error(`account ${name} already exists`);
    const account = new Account(name);
    this.accounts.push(account);
    return account;
  }

  remove(name: string): boolean {
    const i = this.accounts.findIndex((a) => a.name === name);
    if (i < 0) return false;
    this.accounts.splice(i, 1);
    return true;
  }

  byName(name: string): Account | null {
    for (let i = 0; i < this.accounts.length; i++) if (this.accounts[i]!.name === name) return this.accounts[i]!;
    return null;
  }

  /** Finds the account whose 8 name bytes are at `offset`, comparing in place (no string). */
  byBytes(buf: Uint8Array, offset: number): Account | null {
    for (let i = 0; i < this.accounts.length; i++) {
      const a = this.accounts[i]!;
      if (bytesEqual(a.nameBytes, 0, buf, offset, ACCOUNT_LENGTH)) return a;
    }
    return null;
  }

  all(): readonly Account[] {
    return this.accounts;
  }

  info(): AccountInfo[] {
    return this.accounts.map((a) => ({
      name: a.name,
      lastCommandNumber: a.lastCommandNumber,
      sequenced: a.sequenced,
      duplicates: a.duplicates,
      outOfOrder: a.outOfOrder,
      throttled: a.throttled,
      rejected: a.rejected,
      instances: a.instances.map((s) => ({ instance: s.instance, active: s.active, forcedPassive: s.forcedPassive })),
    }));
  }
}

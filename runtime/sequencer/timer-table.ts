/**
 * Centralized timers: nodes ask the sequencer (a TimerSchedule command) and the sequencer publishes TimerFired
 * when one is due, so every node sees it at the same point of the stream. Keyed by (account, timer id);
 * scheduling an id again replaces it. Timers are few, so a flat array scanned when the earliest is due is enough.
 */
import type { Clock } from "../clock.js";

export class TimerTable {
  private accounts: string[] = [];
  private ids: number[] = [];
  private due: number[] = [];
  private order: number[] = [];
  private scheduled = 0;
  private earliest = Infinity;

  size(): number {
    return this.ids.length;
  }

  schedule(account: string, timerId: number, dueNs: number): void {
    this.cancel(account, timerId);
    this.accounts.push(account);
    this.ids.push(timerId);
    this.due.push(dueNs);
    this.order.push(this.scheduled++);
    if (dueNs < this.earliest) this.earliest = dueNs;
  }

  cancel(account: string, timerId: number): boolean {
    for (let i = 0; i < this.ids.length; i++) {
      if (this.ids[i] === timerId && this.accounts[i] === account) {
        this.removeAt(i);
        return true;
      }
    }
    return false;
  }

  /** Removes every timer of an account (the account was removed or reset). */
  cancelAll(account: string): void {
    for (let i = this.ids.length - 1; i >= 0; i--) if (this.accounts[i] === account) this.removeAt(i);
  }

  /**
   * Calls `fire` for each timer due now, earliest first (ties in the order they were scheduled), removing
   * it first so `fire` may schedule again.
   */
  fireDue(clock: Clock, fire: (account: string, timerId: number) => void): void {
    const nowNs = clock.nanoTime(); // read here: a double argument to a call that is not inlined would be boxed
    while (this.earliest <= nowNs) {
      let best = -1;
      for (let i = 0; i < this.ids.length; i++) {
        if (this.due[i]! > nowNs) continue;
        if (best < 0 || this.due[i]! < this.due[best]! || (this.due[i] === this.due[best] && this.order[i]! < this.order[best]!)) best = i;
      }
      if (best < 0) break;
      const account = this.accounts[best]!;
      const id = this.ids[best]!;
      this.removeAt(best);
      fire(account, id);
    }
  }

  private removeAt(i: number): void {
    const last = this.ids.length - 1;
    this.accounts[i] = this.accounts[last]!;
    this.ids[i] = this.ids[last]!;
    this.due[i] = this.due[last]!;
    this.order[i] = this.order[last]!;
    this.accounts.pop();
    this.ids.pop();
    this.due.pop();
    this.order.pop();
    let earliest = Infinity;
    for (let k = 0; k < this.due.length; k++) if (this.due[k]! < earliest) earliest = this.due[k]!;
    this.earliest = earliest;
  }
}

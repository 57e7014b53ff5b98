/**
 * Clocks. Components read time only through a Clock, so a test can run a whole cluster on a virtual clock that
 * moves only when the test steps it.
 *
 *  - `nanoTime()`: monotonic nanoseconds for intervals and timeouts (resend after, heartbeat every, timer due
 *    at). Its origin is arbitrary (the clock's creation); as a number it stays exact for 104 days of uptime.
 *  - `epochTime(into)`: wall-clock time, exact to the nanosecond, as a Timestamp (see protocol/timestamp.ts).
 *    Only the sequencer reads it, to stamp messages; nodes use the stamps (currentSequencerTime()).
 */
import { Timestamp } from "./protocol/timestamp.js";

export interface Clock {
  nanoTime(): number;
  epochTime(into: Timestamp): Timestamp;
}

/** A clock that moves only when told to: `advance(ns)` or `set(ns)`. Deterministic. */
export class VirtualClock implements Clock {
  private ns = 0;
  /** Epoch milliseconds at nanoTime() 0. */
  readonly startEpochMs: number;

  /** Starts at `startEpochMs` (default 2026-01-02T09:30:00Z, a fixed instant so runs are reproducible). */
  constructor(startEpochMs = Date.UTC(2026, 0, 2, 9, 30)) {
    this.startEpochMs = startEpochMs;
  }

  nanoTime(): number {
    return this.ns;
  }

  epochTime(into: Timestamp): Timestamp {
    const nanos = this.ns % 1_000_000;
    return into.set(this.startEpochMs + (this.ns - nanos) / 1_000_000, nanos);
  }

  advance(ns: number): void {
    if (!(ns >= 0)) throw new Error(`cannot move a clock backwards (advance ${ns})`);
    this.ns += Math.floor(ns);
  }

  /** Moves to an absolute nanoTime, never backwards. */
  advanceTo(ns: number): void {
    if (ns > this.ns) this.ns = Math.floor(ns);
  }
}

/** The machine's clocks: performance.now() for intervals, performance.timeOrigin + now() for the epoch. */
export class SystemClock implements Clock {
  nanoTime(): number {
    return Math.round(performance.now() * 1e6);
  }

  epochTime(into: Timestamp): Timestamp {
    // timeOrigin and now() are fractional milliseconds; keep whole ms and the sub-millisecond part separately
    // so nothing is lost to the 53-bit mantissa beyond the timer's own (microsecond) resolution.
    const origin = performance.timeOrigin;
    const now = performance.now();
    const originMs = Math.floor(origin);
    const nowMs = Math.floor(now);
    let frac = origin - originMs + (now - nowMs);
    let ms = originMs + nowMs;
    if (frac >= 1) {
      ms += 1;
      frac -= 1;
    }
    return into.set(ms, Math.min(999_999, Math.round(frac * 1e6)));
  }
}

/**
 * Exact nanosecond timestamps without BigInt.
 *
 * Nanoseconds since the Unix epoch exceed 2^53 (about 1.8e18 today), so a plain `number` cannot hold them
 * exactly. The runtime therefore carries a timestamp as two safe integers: `ms`, whole milliseconds since the
 * epoch (like Date.now()), and `nanos`, the nanoseconds within that millisecond (0 … 999 999). On the wire it is
 * one u64 of epoch nanoseconds, converted here through 16- and 32-bit pieces whose products stay below 2^53.
 */

const TWO_POW_16 = 65536;
const TWO_POW_32 = 4294967296;
const NS_PER_MS = 1_000_000;

/** A reusable, mutable timestamp: the runtime fills one in place instead of allocating. */
export class Timestamp {
  /** Whole milliseconds since the Unix epoch. */
  ms = 0;
  /** Nanoseconds within `ms`, 0 … 999 999. */
  nanos = 0;

  set(ms: number, nanos: number): this {
    this.ms = ms;
    this.nanos = nanos;
    return this;
  }

  copyFrom(other: Timestamp): this {
    this.ms = other.ms;
    this.nanos = other.nanos;
    return this;
  }

  /** Negative, zero or positive as this is earlier than, equal to or later than `other`. */
  compareTo(other: Timestamp): number {
    return this.ms !== other.ms ? this.ms - other.ms : this.nanos - other.nanos;
  }

  /** Epoch nanoseconds as a bigint (allocates; for logs and tests). */
  toBigInt(): bigint {
    return BigInt(this.ms) * 1_000_000n + BigInt(this.nanos);
  }

  /** ISO 8601 with nanoseconds, e.g. 2026-07-25T22:36:00.123456789Z (allocates). */
  toString(): string {
    const iso = new Date(this.ms).toISOString(); // …:00.123Z
    return `${iso.slice(0, -1)}${String(this.nanos).padStart(6, "0")}Z`;
  }
}

/**
 * Writes a Timestamp as u64 LE epoch nanoseconds at `offset`. It takes the object, not `ms` as a number: epoch
 * milliseconds are beyond the JIT's small integers, and a double passed to a call that is not inlined is boxed,
 * which would allocate on every message.
 */
export function writeEpochNanos(view: DataView, offset: number, time: Timestamp): void {
  const ms = time.ms;
  const nanos = time.nanos;
  // value = ms * 1e6 + nanos = X * 2^16 + Y, with X and Y safe integers.
  const msHi = Math.floor(ms / TWO_POW_16);
  const msLo = ms - msHi * TWO_POW_16;
  const x = msHi * NS_PER_MS; // < 2^47
  const y = msLo * NS_PER_MS + nanos; // < 2^37
  const xHi = Math.floor(x / TWO_POW_16);
  const xLo = x - xHi * TWO_POW_16;
  const yHi = Math.floor(y / TWO_POW_32);
  const yLo = y - yHi * TWO_POW_32;
  const low = xLo * TWO_POW_16 + yLo; // < 2^33
  const carry = Math.floor(low / TWO_POW_32);
  view.setUint32(offset, low - carry * TWO_POW_32, true);
  view.setUint32(offset + 4, (xHi + yHi + carry) >>> 0, true);
}

/** Reads u64 LE epoch nanoseconds at `offset` into `into`. */
export function readEpochNanos(view: DataView, offset: number, into: Timestamp): Timestamp {
  const lo = view.getUint32(offset, true);
  const hi = view.getUint32(offset + 4, true);
  // value = hi * 2^32 + lo, hi = qh * 1e6 + rh  →  value = qh * 1e6 * 2^32 + (rh * 2^32 + lo)
  const rh = hi % NS_PER_MS;
  const qh = (hi - rh) / NS_PER_MS;
  const rest = rh * TWO_POW_32 + lo; // < 2^52
  const nanos = rest % NS_PER_MS;
  into.ms = qh * TWO_POW_32 + (rest - nanos) / NS_PER_MS;
  into.nanos = nanos;
  return into;
}

/**
 * A running 64-bit FNV-1a hash kept as two 32-bit halves (no BigInt per byte): each node folds every message it
 * delivers into one, so a test compares a single value per node to know that all nodes saw the same stream.
 */
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
// FNV 64-bit prime = 2^40 + 0x1b3.
const PRIME_LOW = 0x1b3;

export class RunningHash {
  private hi = OFFSET_HI;
  private lo = OFFSET_LO;

  reset(): void {
    this.hi = OFFSET_HI;
    this.lo = OFFSET_LO;
  }

  updateByte(b: number): void {
    const lo = (this.lo ^ (b & 0xff)) >>> 0;
    // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64
    const p = lo * PRIME_LOW; // < 2^41, exact
    const carry = Math.floor(p / 4294967296);
    this.lo = p >>> 0;
    this.hi = (this.hi * PRIME_LOW + carry + ((lo << 8) >>> 0)) >>> 0;
  }

  update(buf: Uint8Array, offset: number, length: number): void {
    for (let i = offset; i < offset + length; i++) this.updateByte(buf[i]!);
  }

  /** Folds a non-negative safe integer in as 8 little-endian bytes. */
  updateNumber(value: number): void {
    let lo = value >>> 0;
    let hi = Math.floor(value / 4294967296) >>> 0;
    for (let i = 0; i < 4; i++) {
      this.updateByte(lo & 0xff);
      lo >>>= 8;
    }
    for (let i = 0; i < 4; i++) {
      this.updateByte(hi & 0xff);
      hi >>>= 8;
    }
  }

  /** 16 hex digits (allocates; for reports). */
  toHex(): string {
    return this.hi.toString(16).padStart(8, "0") + this.lo.toString(16).padStart(8, "0");
  }
}

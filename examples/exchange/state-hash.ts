// The hash replicas compare to prove they hold the same state: 64-bit FNV-1a,
// the runtime's RunningHash (no BigInt), with a chained API for the values an
// engine's state is made of. Numbers are fed as 8 little-endian bytes of their
// 64-bit two's complement, strings as their length then their UTF-16 code units
// (2 bytes each), so "ab" + "c" and "a" + "bc" hash differently.
import { RunningHash } from "../../runtime/util/fnv-hash.js";

export class Fnv1a64 {
  private readonly running = new RunningHash();

  reset(): this {
    this.running.reset();
    return this;
  }

  /** Mixes one byte (0..255). */
  addByte(byte: number): this {
    this.running.updateByte(byte);
    return this;
  }

  /** Mixes an integer in the safe range as 8 bytes, little-endian two's complement. */
  addInteger(value: number): this {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Fnv1a64.addInteger: ${value} is not a safe integer`);
    const high = Math.floor(value / 0x1_0000_0000);
    const low = value - high * 0x1_0000_0000;
    this.addWord(low >>> 0);
    return this.addWord(high >>> 0);
  }

  addString(text: string): this {
    this.addInteger(text.length);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      this.running.updateByte(unit & 0xff);
      this.running.updateByte(unit >>> 8);
    }
    return this;
  }

  /** The hash as 16 lowercase hex digits. */
  digest(): string {
    return this.running.toHex();
  }

  private addWord(word: number): this {
    this.running.updateByte(word & 0xff);
    this.running.updateByte((word >>> 8) & 0xff);
    this.running.updateByte((word >>> 16) & 0xff);
    this.running.updateByte(word >>> 24);
    return this;
  }
}

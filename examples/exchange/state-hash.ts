// FNV-1a, 64-bit, without BigInt: the hash replicas compare to prove they hold
// the same state.
//
// The 64-bit state lives in four 16-bit limbs, so every product fits a double
// exactly. The FNV prime 2^40 + 0x1b3 makes the multiply cheap: h * 0x1b3 plus
// h shifted left by 40 bits. Numbers are fed as 8 little-endian bytes of their
// 64-bit two's complement, strings as their length then their UTF-16 code units
// (2 bytes each), so "ab" + "c" and "a" + "bc" hash differently.

export class Fnv1a64 {
  private h0 = 0x2325; // offset basis 0xcbf29ce484222325, lowest limb first
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  reset(): this {
    this.h0 = 0x2325;
    this.h1 = 0x8422;
    this.h2 = 0x9ce4;
    this.h3 = 0xcbf2;
    return this;
  }

  /** Mixes one byte (0..255). */
  addByte(byte: number): this {
    const h0 = this.h0 ^ (byte & 0xff);
    const h1 = this.h1;
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = this.h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = this.h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
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
      this.addByte(unit & 0xff);
      this.addByte(unit >>> 8);
    }
    return this;
  }

  /** The hash as 16 lowercase hex digits. */
  digest(): string {
    return hex4(this.h3) + hex4(this.h2) + hex4(this.h1) + hex4(this.h0);
  }

  private addWord(word: number): this {
    this.addByte(word & 0xff);
    this.addByte((word >>> 8) & 0xff);
    this.addByte((word >>> 16) & 0xff);
    return this.addByte(word >>> 24);
  }
}

function hex4(limb: number): string {
  return limb.toString(16).padStart(4, "0");
}

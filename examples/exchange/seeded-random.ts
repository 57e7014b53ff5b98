// A small seeded pseudo-random generator (mulberry32: one 32-bit state word,
// a Weyl step and an xorshift-multiply mix). Good enough statistically for
// simulated order flow, and the same seed gives the same numbers on every
// machine and Node version, which Math.random cannot promise.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`SeededRandom: seed must be an integer, got ${seed}`);
    this.state = seed | 0;
  }

  /** An integer in [0, 2^32). */
  nextUint32(): number {
    return this.step() >>> 0;
  }

  /**
   * A number in [0, 1). Returning a fractional double may allocate a heap number when the call is not
   * inlined; the integer methods below never do, so hot loops should prefer them.
   */
  nextFloat(): number {
    return (this.step() >>> 0) / 0x1_0000_0000;
  }

  /** An integer in [0, bound), bound a positive integer up to 2^31. */
  nextInt(bound: number): number {
    return Math.floor(((this.step() >>> 1) / 0x8000_0000) * bound);
  }

  /** An integer in [min, max], both included. */
  nextIntBetween(min: number, max: number): number {
    return min + this.nextInt(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.step() >>> 1 < p * 0x8000_0000;
  }

  /** Advances the state; returns 32 mixed bits as a signed int32 (a small integer, never boxed). */
  private step(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }
}

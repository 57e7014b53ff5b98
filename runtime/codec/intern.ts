/**
 * Interning for low-cardinality `chars(n)` values (symbols, accounts): a direct-mapped cache from the bytes on
 * the wire to one string object, so decoding "AAPL" a million times materializes it once.
 *
 * Direct-mapped (one entry per slot, newest wins) keeps a lookup to a hash, one comparison in place and no
 * allocation; a collision only costs re-materializing the string. Each cache holds at most `slots` strings.
 */
import { readAsciiOfLength } from "./ascii.js";

export class InternCache {
  private readonly strings: string[];
  private readonly mask: number;

  /** `slots` is rounded up to a power of two. */
  constructor(slots = 4096) {
    let size = 1;
    while (size < slots) size <<= 1;
    this.mask = size - 1;
    // Filled with "" up front so the array keeps one elements kind and never holes.
    this.strings = new Array<string>(size).fill("");
  }

  /** The string for the NUL-padded value in `bytes[at .. at+capacity)`, from the cache when present. */
  internAscii(bytes: Uint8Array, at: number, capacity: number): string {
    let hash = 0x811c9dc5;
    let n = 0;
    for (; n < capacity; n++) {
      const c = bytes[at + n]!;
      if (c === 0) break;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    const slot = (hash ^ (hash >>> 15)) & this.mask;
    const cached = this.strings[slot]!;
    if (cached.length === n) {
      let i = 0;
      while (i < n && cached.charCodeAt(i) === bytes[at + i]) i++;
      if (i === n) return cached;
    }
    const s = readAsciiOfLength(bytes, at, n);
    this.strings[slot] = s;
    return s;
  }
}

/** The cache generated `xInterned()` accessors use. */
export const defaultInternCache = new InternCache(4096);

/** `defaultInternCache.internAscii`, as a plain function for generated code. */
export function internAscii(bytes: Uint8Array, at: number, capacity: number): string {
  return defaultInternCache.internAscii(bytes, at, capacity);
}

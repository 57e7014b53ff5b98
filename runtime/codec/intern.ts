/**
 * Interning for low-cardinality `chars(n)` values (symbols, accounts): a direct-mapped cache from the bytes on
 * the wire to one string object, so decoding "AAPL" a million times materializes it once.
 *
 * Two-way set-associative: a value's hash picks a set of two slots; a lookup compares in place with at most
 * two strings and allocates nothing. A miss materializes the string into the set's first slot and moves the
 * one there to the second, so two values that share a set both stay cached (a direct-mapped cache thrashed on
 * every such pair: with 1024 distinct 12-character accounts in 4096 slots, about 15 B per decoded Order). A
 * third value in the same set evicts the older one; that only costs re-materializing it. Each cache holds at
 * most `slots` strings.
 */
import { asciiEquals, readAsciiOfLength } from "./ascii.js";

export class InternCache {
  private readonly strings: string[];
  private readonly mask: number;

  /** `slots` is rounded up to a power of two. */
  constructor(slots = 4096) {
    let size = 2;
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
    const slot = (hash ^ (hash >>> 15)) & this.mask & ~1;
    const first = this.strings[slot]!;
    if (asciiEquals(bytes, at, capacity, first)) return first;
    const second = this.strings[slot + 1]!;
    if (asciiEquals(bytes, at, capacity, second)) return second;
    const s = readAsciiOfLength(bytes, at, n);
    this.strings[slot + 1] = first;
    this.strings[slot] = s;
    return s;
  }
}

/** The cache generated `xInterned()` accessors use. */
export const defaultInternCache = new InternCache(8192);

/** `defaultInternCache.internAscii`, as a plain function for generated code. */
export function internAscii(bytes: Uint8Array, at: number, capacity: number): string {
  return defaultInternCache.internAscii(bytes, at, capacity);
}

/** coralseq/codec helpers on their own: UTF-8 against the platform's codec, interning, ASCII, hex dumps. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiEquals, CodecError, hexDump, InternCache, readAscii, readUtf8, utf8Length, writeAscii, writeUtf8 } from "../../runtime/codec/index.js";

describe("coralseq/codec", () => {
  it("UTF-8 encoding matches TextEncoder (lone surrogates as U+FFFD) and decodes back", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 20 }), fc.constantFrom("", "\ud800", "a\udc00b"), (s, odd) => {
        const text = s + odd;
        const expected = encoder.encode(text);
        const buf = new Uint8Array(expected.length + 3);
        expect(utf8Length(text)).toBe(expected.length);
        expect(writeUtf8(buf, 3, text)).toBe(expected.length);
        expect(Array.from(buf.subarray(3))).toEqual(Array.from(expected));
        expect(readUtf8(buf, 3, expected.length)).toBe(new TextDecoder().decode(expected));
      }),
    );
  });

  it("interning returns each of two values that share a set, whichever way of the set holds it", () => {
    const cache = new InternCache(2); // one set of two slots
    const bytes = new TextEncoder().encode("AAPL\0\0\0\0MSFT\0\0\0\0");
    const a = cache.internAscii(bytes, 0, 8);
    const m = cache.internAscii(bytes, 8, 8);
    for (let i = 0; i < 3; i++) {
      expect(cache.internAscii(bytes, 0, 8)).toBe(a);
      expect(cache.internAscii(bytes, 8, 8)).toBe(m);
    }
  });

  it("interning returns the same string object for the same bytes, and the right string after a collision", () => {
    const cache = new InternCache(2); // tiny: collisions guaranteed
    const bytes = new TextEncoder().encode("AAPL\0\0\0\0MSFT\0\0\0\0GOOG\0\0\0\0");
    const a = cache.internAscii(bytes, 0, 8);
    expect(a).toBe("AAPL");
    expect(cache.internAscii(bytes, 0, 8)).toBe(a);
    for (let i = 0; i < 10; i++) {
      expect(cache.internAscii(bytes, 8, 8)).toBe("MSFT");
      expect(cache.internAscii(bytes, 16, 8)).toBe("GOOG");
      expect(cache.internAscii(bytes, 0, 8)).toBe("AAPL");
    }
  });

  it("chars: NUL padding, in-place equality, errors naming the field", () => {
    const buf = new Uint8Array(8).fill(0xff);
    writeAscii(buf, 0, 8, "IBM", "X.symbol");
    expect(Array.from(buf)).toEqual([73, 66, 77, 0, 0, 0, 0, 0]);
    expect(readAscii(buf, 0, 8)).toBe("IBM");
    expect(readAscii(new TextEncoder().encode("ABCDEFGHIJKLMNOPQRS"), 0, 19)).toBe("ABCDEFGHIJKLMNOPQRS");
    expect([asciiEquals(buf, 0, 8, "IBM"), asciiEquals(buf, 0, 8, "IB"), asciiEquals(buf, 0, 8, "IBMX")]).toEqual([true, false, false]);
    expect(() => writeAscii(buf, 0, 2, "IBM", "X.symbol")).toThrow(CodecError);
    expect(() => writeAscii(buf, 0, 8, "é", "X.symbol")).toThrow(/X\.symbol at offset 0: "é" has a character outside printable US-ASCII/);
  });

  it("hexDump: offsets, hex, printable text", () => {
    const bytes = new TextEncoder().encode("NewOrder: 0123456789");
    expect(hexDump(bytes).split("\n")).toEqual([
      "0000  4e 65 77 4f 72 64 65 72  3a 20 30 31 32 33 34 35  NewOrder: 012345",
      "0010  36 37 38 39                                       6789",
    ]);
  });
});

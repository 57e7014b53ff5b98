import { describe, expect, it } from "vitest";
import { MessageStore, StreamDigest } from "../../runtime/index.js";

describe("MessageStore", () => {
  it("keeps every block, byte for byte, across chunk boundaries", () => {
    const store = new MessageStore("2611260000", new Uint8Array(10));
    const src = new Uint8Array(1400);
    // 4000 blocks of 900–1400 bytes: about 4.6 MiB, so the store fills its first 4 MiB chunk and starts another.
    const lengths: number[] = [];
    for (let s = 1; s <= 4000; s++) {
      const length = 900 + ((s * 37) % 501);
      for (let i = 0; i < length; i++) src[i] = (s * 31 + i) & 0xff;
      store.append(src, 0, length);
      lengths.push(length);
    }
    expect(store.size()).toBe(4000);
    const into = new Uint8Array(1500);
    for (let s = 1; s <= 4000; s++) {
      expect(store.blockLength(s)).toBe(lengths[s - 1]);
      const n = store.copyBlock(s, into, 7);
      expect(n).toBe(lengths[s - 1]);
      for (let i = 0; i < n; i += 97) expect(into[7 + i]).toBe((s * 31 + i) & 0xff);
      expect(into[7 + n - 1]).toBe((s * 31 + n - 1) & 0xff);
    }
  });

  it("stores a block from an offset in a larger buffer", () => {
    const store = new MessageStore("2611260000", new Uint8Array(10));
    const src = Uint8Array.from({ length: 64 }, (_, i) => i);
    store.append(src, 10, 5);
    const into = new Uint8Array(5);
    expect(store.copyBlock(1, into, 0)).toBe(5);
    expect([...into]).toEqual([10, 11, 12, 13, 14]);
  });
});

describe("StreamDigest", () => {
  const digestOf = (parts: (number | number[])[]): string => {
    const d = new StreamDigest();
    for (const p of parts) {
      if (typeof p === "number") d.updateNumber(p);
      else d.update(Uint8Array.from(p), 0, p.length);
    }
    return d.toHex();
  };

  it("is 16 hex digits, the same for the same stream however it is buffered", () => {
    const d = new StreamDigest();
    const buf = Uint8Array.from({ length: 40 }, (_, i) => i * 3);
    d.update(buf, 4, 30);
    expect(d.toHex()).toMatch(/^[0-9a-f]{16}$/);
    const e = new StreamDigest();
    const copy = new Uint8Array(100);
    copy.set(buf.subarray(4, 34), 50);
    e.update(copy, 50, 30);
    expect(e.toHex()).toBe(d.toHex());
    d.reset();
    expect(d.toHex()).toBe(new StreamDigest().toHex());
  });

  it("tells apart streams that differ in one bit, in order, in length or in a trailing zero byte", () => {
    const base = Array.from({ length: 23 }, (_, i) => (i * 11) & 0xff);
    const seen = new Set<string>();
    const variants: (number | number[])[][] = [
      [1, base],
      [2, base],
      [base, 1],
      [1, base.slice(0, 22)],
      [1, [...base, 0]],
      [1, [...base, 0, 0]],
      [1, [...base, 0, 0, 0, 0]],
      [1, []],
      [[]],
      [],
    ];
    for (let bit = 0; bit < 8 * base.length; bit++) {
      const flipped = base.slice();
      flipped[bit >> 3] ^= 1 << (bit & 7);
      variants.push([1, flipped]);
    }
    for (const v of variants) seen.add(digestOf(v));
    // [] and [[]] fold nothing in: the same digest; every other variant differs from all the rest.
    expect(seen.size).toBe(variants.length - 1);
  });

  it("folds numbers above 2^32 in exactly", () => {
    expect(digestOf([2 ** 40 + 1])).not.toBe(digestOf([2 ** 40]));
    expect(digestOf([2 ** 53 - 1])).not.toBe(digestOf([2 ** 53 - 2]));
  });
});

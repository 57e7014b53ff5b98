/**
 * Group-entry encoders: their setters check and write every field at once (wide ones included, unlike the
 * root block's), a written-mask gives unset fields their default when the entry is completed, and a group
 * without nested groups or var data moves the message's write position only when the encoder moves past it.
 * A schema made for these tests puts every wide kind, required and optional, in a flat group, a nested one
 * and one with more fields than the mask has bits.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSchemas } from "../../compiler/load.js";
import type { SchemaIR } from "../../compiler/ir.js";
import { blockArbitrary, checkBlock, encodeBlock, messageByName } from "./ir-model.js";
import { codecErrorOf, importGenerated } from "./helpers.js";

// 31 optional fields of every width: one more than a written-mask holds, so those entries are cleared instead.
const manyFields = Array.from({ length: 31 }, (_, i) => `        m${i}: ${["ubyte", "uint", "long", "ushort", "double", "float(2)"][i % 6]}!`).join("\n");

const IDL = `SCHEMA = GroupEntries
SCHEMA_ID = 9
VERSION = 0

ENUM Side: char
    Buy = 'B'
    Sell = 'S'

MESSAGE Flat
    TYPE = G
    SUBTYPE = F
    id: int
    entries:
        aLong: long
        anUlong: ulong
        anUint: uint
        aScaledFloat: float(2)
        aScaledDouble: double(6)
        aDouble: double
        aFloat32: float32
        optLong: long!
        optUlong: ulong!
        optUint: uint!
        optScaledFloat: float(3)!
        optScaledDouble: double(4)!
        optDouble: double!
        optFloat32: float32!
        side: Side
        optSide: Side!
        tag: chars(4)!
        n: ushort!
    after:
        x: uint

MESSAGE Nested
    TYPE = G
    SUBTYPE = N
    levels:
        px: double(4)
        orders:
            oid: ulong
            q: uint!
        note: varchars(8)!
    tail: varchars(8)

MESSAGE Many
    TYPE = G
    SUBTYPE = M
    rows:
${manyFields}
`;

function loadInline(): SchemaIR {
  const result = loadSchemas([{ file: "/inline/group-entries.idl", moduleName: "group-entries" }], () => IDL);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join("; "));
  return result.schemas.find((s) => s.moduleName === "group-entries")!;
}

const schema = loadInline();
let gen: any;
beforeAll(async () => {
  gen = await importGenerated(schema, "group-entries");
}, 60_000);

describe.each(["Flat", "Nested", "Many"])("%s round trip", (name) => {
  it("reads back what was set, and 0 or null for what was not, over a dirty buffer at any offset", () => {
    const message = messageByName(schema, name);
    const enc = new gen[`${name}Encoder`]();
    const dec = new gen[`${name}Decoder`]();
    const buf = new Uint8Array(8192);
    fc.assert(
      fc.property(blockArbitrary(schema, message), fc.integer({ min: 0, max: 64 }), (value, offset) => {
        buf.fill(0xa5); // an earlier message's bytes: unset fields must not show them
        encodeBlock(enc.wrap(buf, offset), message, value);
        const length = enc.encodedLength();
        checkBlock(dec.wrap(buf, offset, length), message, value, name);
      }),
      { numRuns: 150 },
    );
  });
});

describe("group entry setters", () => {
  const entryAt = (offset: number) => 8 + 4 + 4 + offset; // header, Flat's block (id), dimension
  const flatEntries = (count = 1) => new gen.FlatEncoder().wrap(new Uint8Array(512)).id(1).entriesCount(count);

  it("check wide fields at once and name the field, its offset and the range", () => {
    const e = flatEntries().next();
    expect(codecErrorOf(() => e.anUint(-1)).message).toBe(`Flat.entries.anUint at offset ${entryAt(16)}: -1 is out of range (expected uint32 0..4294967294)`);
    expect(codecErrorOf(() => e.anUint(2 ** 32 - 1)).field).toBe("Flat.entries.anUint");
    expect(codecErrorOf(() => e.anUlong(-1)).field).toBe("Flat.entries.anUlong");
    expect(codecErrorOf(() => e.aLong(2 ** 53)).message).toMatch(/^Flat\.entries\.aLong at offset 16: 9007199254740992 is out of range \(expected a safe integer/);
    expect(codecErrorOf(() => e.aScaledDouble(Number.NaN)).message).toMatch(/NaN is out of range \(expected a value whose × 10\^6 is a safe integer/);
    expect(codecErrorOf(() => e.aScaledDoubleRaw(1.5)).message).toMatch(/1\.5 is out of range \(expected a safe integer/);
    expect(codecErrorOf(() => e.aScaledFloat(2 ** 31)).field).toBe("Flat.entries.aScaledFloat");
    expect(codecErrorOf(() => e.optUint(4294967295)).field).toBe("Flat.entries.optUint");
    expect(codecErrorOf(() => e.anUlongBig(2n ** 64n)).field).toBe("Flat.entries.anUlong");
  });

  it("write the last value set, null for absent, and any 64-bit value through …Big()", () => {
    const buf = new Uint8Array(512);
    const enc = new gen.FlatEncoder().wrap(buf).id(1);
    const entries = enc.entriesCount(2);
    entries.next().anUint(5).anUint(7).optUint(3).optUint(null).optDouble(1.5).optDouble(null).aScaledDouble(1.25).aScaledDoubleRaw(99);
    entries.next().anUlongBig(2n ** 63n).optLongBig(null).optUlongBig(18446744073709551614n).optScaledDouble(null);
    const length = enc.encodedLength();
    const rows = new gen.FlatDecoder().wrap(buf, 0, length).entries();
    rows.next();
    expect([rows.anUint(), rows.optUint(), rows.optDouble(), rows.aScaledDoubleRaw(), rows.aLong()]).toEqual([7, null, null, 99, 0]);
    rows.next();
    expect([rows.anUlongBig(), rows.optLong(), rows.optUlongBig(), rows.optScaledDouble(), rows.anUint()]).toEqual([2n ** 63n, null, 18446744073709551614n, null, 0]);
  });

  it("give every field of an entry left empty its default, between full entries, in a reused buffer", () => {
    const buf = new Uint8Array(512).fill(0xff);
    const enc = new gen.FlatEncoder().wrap(buf).id(1);
    const entries = enc.entriesCount(3);
    const full = () =>
      entries
        .next()
        .aLong(-3)
        .anUlong(2 ** 40)
        .anUint(2 ** 31 + 1)
        .aScaledFloat(1.5)
        .aScaledDouble(2.5)
        .aDouble(0.1)
        .aFloat32(0.5)
        .optLong(-1)
        .optUlong(2)
        .optUint(3)
        .optScaledFloat(0.125)
        .optScaledDouble(4.5)
        .optDouble(6.5)
        .optFloat32(7.5)
        .side(gen.Side.Sell)
        .optSide(gen.Side.Buy)
        .tag("abcd")
        .n(9);
    full();
    entries.next();
    full();
    enc.afterCount(0);
    const rows = new gen.FlatDecoder().wrap(buf, 0, enc.encodedLength()).entries();
    rows.next();
    rows.next();
    expect(rows.toJSON()).toEqual({
      aLong: 0,
      anUlong: 0,
      anUint: 0,
      aScaledFloat: 0,
      aScaledDouble: 0,
      aDouble: 0,
      aFloat32: 0,
      optLong: null,
      optUlong: null,
      optUint: null,
      optScaledFloat: null,
      optScaledDouble: null,
      optDouble: null,
      optFloat32: null,
      side: 0,
      optSide: null,
      tag: null,
      n: null,
    });
    rows.next();
    expect([rows.anUint(), rows.optScaledFloat(), rows.tag()]).toEqual([2 ** 31 + 1, 0.125, "abcd"]);
  });
});

describe("group entry count and capacity", () => {
  let BL = 0;
  beforeAll(() => {
    BL = gen.FlatEntriesEncoder.BLOCK_LENGTH;
  });

  it("next() beyond the count or the buffer, and too few entries, throw with the entry's offset", () => {
    const enc = new gen.FlatEncoder().wrap(new Uint8Array(512)).id(1);
    const entries = enc.entriesCount(1);
    entries.next();
    expect(codecErrorOf(() => entries.next()).message).toBe(`Flat.entries at offset ${16 + BL}: next() called after the 1 entries declared`);

    const bytes = 8 + 4 + 4 + BL + 10; // room for one entry, not two
    const small = new gen.FlatEncoder().wrap(new Uint8Array(bytes)).id(1).entriesCount(2);
    small.next().anUint(1);
    expect(codecErrorOf(() => small.next()).message).toBe(`Flat.entries at offset ${16 + BL}: needs ${BL} bytes but only 10 remain`);

    const few = new gen.FlatEncoder().wrap(new Uint8Array(512)).id(1);
    few.entriesCount(3).next();
    expect(codecErrorOf(() => few.encodedLength()).message).toBe(`Flat.entries at offset ${16 + BL}: 1 of 3 entries written; call next() before each entry`);

    const none = new gen.FlatEncoder().wrap(new Uint8Array(512)).id(1);
    expect(codecErrorOf(() => none.entriesCount(0).next()).message).toMatch(/after the 0 entries declared/);
  });

  it("the message's write position moves past a group when the encoder moves on, for what follows it", () => {
    const buf = new Uint8Array(512);
    const enc = new gen.FlatEncoder().wrap(buf).id(7);
    const entries = enc.entriesCount(2);
    entries.next().anUint(1);
    entries.next().anUint(2);
    enc.afterCount(1).next().x(3);
    const length = enc.encodedLength();
    expect(length).toBe(8 + 4 + 4 + 2 * BL + 4 + 4);
    const dec = new gen.FlatDecoder().wrap(buf, 0, length);
    expect(dec.toJSON().after).toEqual([{ x: 3 }]);
    expect(dec.toJSON().entries.map((e: { anUint: number }) => e.anUint)).toEqual([1, 2]);
    // The same encoder, reused: a longer group first, then a shorter one over it.
    enc.wrap(buf).id(8).entriesCount(1).next().anUint(9);
    expect(enc.encodedLength()).toBe(8 + 4 + 4 + BL + 4);
  });
});

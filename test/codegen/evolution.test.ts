/**
 * Schema evolution with the `Evolving` message of every-construct.idl (version 2): v0 and v1 variants of the
 * schema are generated from the IR by dropping what is newer, and messages cross versions both ways. Old
 * decoders skip what they do not know by the wire block lengths; new decoders read what an old sender could
 * not write as absent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { importGenerated, loadSchema, schemaAtVersion } from "./helpers.js";

const v2Schema = loadSchema("every-construct");
let v0: any, v1: any, v2: any;

beforeAll(async () => {
  v2 = await importGenerated(v2Schema, "every-construct");
  v1 = await importGenerated(schemaAtVersion(v2Schema, 1), "every-construct-v1");
  v0 = await importGenerated(schemaAtVersion(v2Schema, 0), "every-construct-v0");
}, 60_000);

function encodeV2(buf: Uint8Array): number {
  const enc = new v2.EvolvingEncoder().wrap(buf).base(7).extra(2 ** 40 + 3).more(65000);
  const entries = enc.entriesCount(2);
  entries.next().a(1).b(-2);
  entries.next().a(3).b(null);
  enc.comment("added in v2");
  return enc.encodedLength();
}

describe("Evolving across versions", () => {
  it("the variants have the expected block lengths", () => {
    expect([v0.EvolvingEncoder.BLOCK_LENGTH, v1.EvolvingEncoder.BLOCK_LENGTH, v2.EvolvingEncoder.BLOCK_LENGTH]).toEqual([4, 12, 14]);
    expect([v0.EvolvingEntriesEncoder.BLOCK_LENGTH, v1.EvolvingEntriesEncoder.BLOCK_LENGTH]).toEqual([4, 8]);
  });

  it("a v1 decoder reads v2 bytes: skips the unknown root field by the wire block length, ignores trailing var data", () => {
    const buf = new Uint8Array(256);
    const length = encodeV2(buf);
    const dec = new v1.EvolvingDecoder().wrap(buf, 0, length);
    expect([dec.actingVersion(), dec.actingBlockLength()]).toEqual([2, 14]);
    expect([dec.base(), dec.extra()]).toEqual([7, 2 ** 40 + 3]);
    const entries = dec.entries();
    expect([entries.next().a(), entries.b()]).toEqual([1, -2]);
    expect([entries.next().a(), entries.b()]).toEqual([3, null]);
    expect(entries.hasNext()).toBe(false);
  });

  it("a v0 decoder reads v2 bytes: group entries advance by the wire entry length (8, not its own 4)", () => {
    const buf = new Uint8Array(256);
    const length = encodeV2(buf);
    const dec = new v0.EvolvingDecoder().wrap(buf, 0, length);
    expect(dec.base()).toBe(7);
    const entries = dec.entries();
    expect(entries.actingBlockLength()).toBe(8);
    expect([entries.next().a(), entries.next().a(), entries.hasNext()]).toEqual([1, 3, false]);
    expect(dec.toJSON()).toEqual({ base: 7, entries: [{ a: 1 }, { a: 3 }] });
  });

  it("a v2 decoder reads v1 and v0 bytes: newer fields, entries fields and var data read as absent", () => {
    const buf = new Uint8Array(256);
    const e1 = new v1.EvolvingEncoder().wrap(buf).base(5).extra(-9);
    e1.entriesCount(1).next().a(10).b(11);
    const dec = new v2.EvolvingDecoder().wrap(buf, 0, e1.encodedLength());
    expect([dec.actingVersion(), dec.base(), dec.extra(), dec.more(), dec.hasMore(), dec.comment()]).toEqual([1, 5, -9, null, false, ""]);
    const g = dec.entries();
    expect([g.next().a(), g.b()]).toEqual([10, 11]);

    const e0 = new v0.EvolvingEncoder().wrap(buf).base(6);
    const entries = e0.entriesCount(2);
    entries.next().a(1);
    entries.next().a(2);
    const old = new v2.EvolvingDecoder().wrap(buf, 0, e0.encodedLength());
    expect([old.actingVersion(), old.actingBlockLength(), old.base(), old.extra(), old.more(), old.comment()]).toEqual([0, 4, 6, null, null, ""]);
    expect(old.hasExtra()).toBe(false);
    const oldEntries = old.entries();
    expect([oldEntries.next().a(), oldEntries.b(), oldEntries.next().a(), oldEntries.b()]).toEqual([1, null, 2, null]);
    expect(old.toJSON()).toEqual({ base: 6, extra: null, more: null, entries: [{ a: 1, b: null }, { a: 2, b: null }], comment: "" });
  });

  it("rejects a block shorter than the sender's version needs", () => {
    const buf = new Uint8Array(256);
    const length = encodeV2(buf);
    new DataView(buf.buffer).setUint16(0, 10, true); // claims version 2 with a 10-byte block: `more` would not fit
    expect(() => new v2.EvolvingDecoder().wrap(buf, 0, length)).toThrow(/block length 10 is shorter than the 14 bytes the fields of version 2 need/);
  });
});

/**
 * Property-based round trips over every message of every-construct.idl and exchange.idl: whatever is
 * written (present, null, never set; empty, nested and skipped groups; var data) is read back exactly, into
 * a buffer full of garbage from earlier messages.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { blockArbitrary, checkBlock, encodeBlock } from "./ir-model.js";
import { importGenerated, loadSchema } from "./helpers.js";

const schemas = { every: loadSchema("every-construct"), exchange: loadSchema("exchange") };
const modules: Record<string, any> = {};

beforeAll(async () => {
  modules.every = await importGenerated(schemas.every, "every-construct");
  modules.exchange = await importGenerated(schemas.exchange, "exchange");
}, 60_000);

const cases = [
  ...schemas.every.messages.map((m) => ["every", m.name, m] as const),
  ...schemas.exchange.messages.map((m) => ["exchange", m.name, m] as const),
];

describe.each(cases)("%s %s round trip", (key, _name, message) => {
  const schema = schemas[key];
  it(`${message.name}: decode(encode(x)) = x at any offset, over a dirty buffer`, () => {
    const gen = modules[key];
    const enc = new gen[`${message.name}Encoder`]();
    const dec = new gen[`${message.name}Decoder`]();
    const buf = new Uint8Array(8192);
    fc.assert(
      fc.property(blockArbitrary(schema, message), fc.integer({ min: 0, max: 64 }), (value, offset) => {
        buf.fill(0xa5); // what an earlier, longer message would have left behind
        encodeBlock(enc.wrap(buf, offset), message, value);
        const length = enc.encodedLength();
        expect(dec.wrap(buf, offset, length).encodedLength()).toBe(length);
        expect(dec.actingVersion()).toBe(schema.version);
        checkBlock(dec, message, value, message.name);
        // Decoding with extra bytes after the message reads the same message.
        expect(dec.wrap(buf, offset).encodedLength()).toBe(length);
        JSON.stringify(dec.toJSON()); // never throws, whatever the values
      }),
      { numRuns: 150 },
    );
  });
});

describe("header and constants", () => {
  it("writes blockLength, templateId, schemaId and version little-endian", () => {
    const gen = modules.exchange;
    const buf = new Uint8Array(128);
    new gen.CancelOrderEncoder().wrap(buf, 3);
    const dv = new DataView(buf.buffer);
    expect([dv.getUint16(3, true), dv.getUint16(5, true), dv.getUint16(7, true), dv.getUint16(9, true)]).toEqual([
      gen.CancelOrderEncoder.BLOCK_LENGTH,
      ("O".charCodeAt(0) << 8) | "C".charCodeAt(0),
      1,
      schemas.exchange.version,
    ]);
    expect(gen.TemplateId.NewOrder).toBe(0x4f4e);
    expect(gen.sideName(gen.Side.Sell)).toBe("Sell");
    expect(gen.sideName(0x58)).toBeUndefined();
    expect(gen.execFlagsNames(gen.ExecFlags.Iso | gen.ExecFlags.Hidden | 0x80)).toEqual(["Iso", "Hidden", 0x80]);
    expect(modules.every.CODE_LENGTH).toBe(6);
    expect(modules.every.Venue.Xnas).toBe(0x4e58); // "XN": byte0 | byte1 << 8
  });

  it("toString names the message and shows enums by name, 64-bit values exactly", () => {
    const gen = modules.exchange;
    const buf = new Uint8Array(256);
    const enc = new gen.NewOrderEncoder().wrap(buf).clOrdIdBig(2n ** 60n).symbol("AAPL").side(gen.Side.Buy).price(1.5);
    const s = new gen.NewOrderDecoder().wrap(buf, 0, enc.encodedLength()).toString();
    expect(s).toMatch(/^NewOrder \{/);
    expect(s).toContain('"clOrdId":"1152921504606846976"');
    expect(s).toContain('"side":"Buy"');
    expect(s).toContain('"price":1.5');
    expect(s).toContain('"stopPrice":null');
  });
});

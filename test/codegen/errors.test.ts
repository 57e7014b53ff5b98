/**
 * Bad input gets a clear CodecError (field, offset, reason) and never an out-of-bounds read: truncated and
 * corrupted buffers on decode, out-of-range values and misuse on encode.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { codecErrorOf, importGenerated, loadSchema } from "./helpers.js";

let gen: any;
let nested: any;
beforeAll(async () => {
  gen = await importGenerated(loadSchema("exchange"), "exchange");
  nested = await importGenerated(loadSchema("every-construct"), "every-construct");
}, 60_000);

function newOrder(buf: Uint8Array): number {
  const enc = new gen.NewOrderEncoder().wrap(buf).clOrdId(42).account("ACC").symbol("AAPL").side(gen.Side.Buy).price(10).qty(5);
  const legs = enc.legsCount(2);
  legs.next().symbol("MSFT").ratio(1).side(gen.Side.Sell);
  legs.next().symbol("GOOG").ratio(-1).side(gen.Side.Buy);
  enc.text("audit trail");
  return enc.encodedLength();
}

function bookUpdate(buf: Uint8Array): number {
  const enc = new gen.BookUpdateEncoder().wrap(buf).symbol("AAPL");
  const levels = enc.levelsCount(2);
  levels.next().action(gen.BookAction.New).side(gen.Side.Buy).price(1).totalQty(3);
  const orders = levels.ordersCount(2);
  orders.next().orderId(1).qty(1);
  orders.next().orderId(2).qty(2);
  levels.next().action(gen.BookAction.Delete).side(gen.Side.Sell).price(2).totalQty(0).ordersCount(0);
  return enc.encodedLength();
}

describe("decoding bad buffers", () => {
  it("every truncation of a message with groups and var data throws a CodecError, never reads past the end", () => {
    for (const [make, Decoder] of [
      [newOrder, "NewOrderDecoder"],
      [bookUpdate, "BookUpdateDecoder"],
    ] as const) {
      const buf = new Uint8Array(512);
      const length = make(buf);
      const dec = new gen[Decoder]();
      for (let n = 0; n < length; n++) {
        const exact = buf.slice(0, n); // the buffer itself ends here, so any read beyond would be a RangeError
        const err = codecErrorOf(() => dec.wrap(exact, 0, n));
        expect(err.message).toMatch(/at offset \d+: /);
      }
      expect(dec.wrap(buf.slice(0, length), 0, length).encodedLength()).toBe(length);
    }
  });

  it("names the field, the offset and the reason", () => {
    const buf = new Uint8Array(512);
    const length = newOrder(buf);
    const dv = new DataView(buf.buffer);
    const legsAt = 8 + gen.NewOrderEncoder.BLOCK_LENGTH;
    const dec = new gen.NewOrderDecoder();

    dv.setUint16(legsAt + 2, 60000, true); // absurd leg count
    expect(codecErrorOf(() => dec.wrap(buf, 0, length)).message).toBe(
      `NewOrder.legs at offset ${legsAt + 4}: 60000 entries of 13 bytes run past the end of the message at offset ${length}`,
    );
    dv.setUint16(legsAt + 2, 2, true);

    const textAt = legsAt + 4 + 2 * 13;
    dv.setUint32(textAt, 65, true); // longer than varchars(64)
    expect(codecErrorOf(() => dec.wrap(buf, 0, length)).message).toBe(
      `NewOrder.text at offset ${textAt}: length 65 exceeds the declared maximum of 64`,
    );
    dv.setUint32(textAt, 11, true);

    dv.setUint16(2, gen.TemplateId.CancelOrder, true);
    expect(codecErrorOf(() => dec.wrap(buf, 0, length)).message).toMatch(/NewOrder at offset 0: header has template id 20291, expected 20302/);
    dv.setUint16(2, gen.TemplateId.NewOrder, true);
    dv.setUint16(4, 9, true);
    expect(codecErrorOf(() => dec.wrap(buf, 0, length)).message).toMatch(/schema id 9, expected 1/);
    dv.setUint16(4, 1, true);
    dv.setUint16(0, 20, true);
    expect(codecErrorOf(() => dec.wrap(buf, 0, length)).message).toMatch(/block length 20 is shorter than the 55 bytes/);
    dv.setUint16(0, gen.NewOrderEncoder.BLOCK_LENGTH, true);
    dv.setUint16(legsAt, 5, true); // group entries shorter than the leg fields
    expect(codecErrorOf(() => dec.wrap(buf, 0, length)).field).toBe("NewOrder.legs");
    dv.setUint16(legsAt, 13, true);

    expect(codecErrorOf(() => dec.wrap(buf, 500, 100)).message).toMatch(/runs past the end of the 512-byte buffer/);
    expect(dec.wrap(buf, 0, length).text()).toBe("audit trail");
  });

  it("random corruption: wrap either succeeds and every accessor then works, or throws a CodecError", () => {
    const clean = new Uint8Array(512);
    const length = bookUpdate(clean);
    const dec = new gen.BookUpdateDecoder();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(length - 1), fc.nat(255)), { minLength: 1, maxLength: 6 }), fc.nat(length), (edits, cut) => {
        const buf = clean.slice(0, length);
        for (const [at, byte] of edits) buf[at] = byte;
        let ok = true;
        try {
          dec.wrap(buf, 0, Math.max(cut, 8));
        } catch (e) {
          ok = false;
          expect((e as Error).name).toBe("CodecError");
        }
        if (!ok) return;
        JSON.stringify(dec.toJSON()); // walks every group and reads every field without throwing
        const levels = dec.levels();
        while (levels.hasNext()) {
          const orders = levels.next().orders();
          while (orders.hasNext()) orders.next().qty();
        }
        expect(codecErrorOf(() => levels.next()).message).toMatch(/next\(\) called after the last of \d+ entries/);
      }),
      { numRuns: 400 },
    );
  });

  it("a 64-bit value beyond the exact number range throws on the number accessor, reads through the bigint one", () => {
    const buf = new Uint8Array(512);
    const length = newOrder(buf);
    new DataView(buf.buffer).setBigUint64(8, 2n ** 63n, true);
    const dec = new gen.NewOrderDecoder().wrap(buf, 0, length);
    expect(codecErrorOf(() => dec.clOrdId()).message).toMatch(/^NewOrder\.clOrdId at offset 8: value .* use the …Big\(\) accessor$/);
    expect(dec.clOrdIdBig()).toBe(2n ** 63n);
  });
});

describe("encoding errors and misuse", () => {
  it("range errors name the field and the accepted range", () => {
    const enc = new gen.NewOrderEncoder().wrap(new Uint8Array(256));
    // Wide fields (64-bit, uint32, decimals, floats) are range-checked when the message is completed: their
    // setters only store the value, so V8 always inlines them (docs/GENERATED-API.md).
    const completing = (set: () => void) => {
      enc.wrap(new Uint8Array(256));
      set();
      return codecErrorOf(() => enc.encodedLength());
    };
    expect(completing(() => enc.qty(-1)).message).toBe("NewOrder.qty at offset 45: -1 is out of range (expected uint32 0..4294967294)");
    expect(completing(() => enc.qty(1.5)).field).toBe("NewOrder.qty");
    expect(completing(() => enc.clOrdId(2 ** 53)).field).toBe("NewOrder.clOrdId");
    expect(completing(() => enc.clOrdId(-1)).field).toBe("NewOrder.clOrdId");
    expect(completing(() => enc.price(Number.NaN)).message).toMatch(/^NewOrder\.price at offset 37: NaN is out of range \(expected a value whose × 10\^4 is/);
    expect(completing(() => enc.priceRaw(1.5)).message).toMatch(/^NewOrder\.price at offset 37: 1\.5 is out of range \(expected a safe integer/);
    expect(completing(() => enc.stopPrice(2 ** 60)).field).toBe("NewOrder.stopPrice");
    // The last call wins: a bad value replaced by a good one (or by null) is not an error.
    enc.wrap(new Uint8Array(256)).qty(-1).qty(5).stopPrice(Number.NaN).stopPrice(null);
    expect(enc.encodedLength()).toBeGreaterThan(0);
    enc.wrap(new Uint8Array(256));
    expect(codecErrorOf(() => enc.account("ABCDEFGHIJKLM")).message).toMatch(/NewOrder\.account .* 13 characters, more than the field's 12/);
    expect(codecErrorOf(() => enc.symbol("Ä")).message).toMatch(/outside printable US-ASCII/);
    expect(codecErrorOf(() => enc.side(300)).field).toBe("NewOrder.side");
    expect(codecErrorOf(() => enc.legsCount(70000)).message).toMatch(/an entry count 0\.\.65535/);
    expect(codecErrorOf(() => enc.text("x".repeat(65))).message).toMatch(/NewOrder\.text .*65 is out of range \(expected a length of at most 64 bytes\)/);
    expect(codecErrorOf(() => enc.clOrdIdBig(2n ** 64n)).field).toBe("NewOrder.clOrdId");
  });

  it("buffer too small, next() beyond the count, too few entries, out-of-order writes", () => {
    expect(codecErrorOf(() => new gen.NewOrderEncoder().wrap(new Uint8Array(40))).message).toMatch(/NewOrder at offset 0: needs 63 bytes but only 40 remain/);
    const small = new gen.NewOrderEncoder().wrap(new Uint8Array(70));
    expect(codecErrorOf(() => small.legsCount(1).next()).message).toMatch(/NewOrder\.legs .*needs 13 bytes/);

    const buf = new Uint8Array(256);
    const enc = new gen.NewOrderEncoder().wrap(buf);
    const legs = enc.legsCount(1);
    legs.next();
    expect(codecErrorOf(() => legs.next()).message).toMatch(/next\(\) called after the 1 entries declared/);

    const few = new gen.NewOrderEncoder().wrap(buf);
    few.legsCount(2).next();
    expect(codecErrorOf(() => few.encodedLength()).message).toMatch(/NewOrder\.legs .*1 of 2 entries written/);

    const order = new gen.NewOrderEncoder().wrap(buf).text("first");
    expect(codecErrorOf(() => order.legsCount(0)).message).toMatch(/in schema order: legs, text/);
  });

  it("skipped groups and var data are written empty; a reused buffer leaks nothing from the earlier message", () => {
    const buf = new Uint8Array(512);
    newOrder(buf); // a full message first
    const enc = new gen.NewOrderEncoder().wrap(buf).clOrdId(7);
    const length = enc.encodedLength();
    expect(length).toBe(8 + gen.NewOrderEncoder.BLOCK_LENGTH + 4 + 4);
    const dec = new gen.NewOrderDecoder().wrap(buf, 0, length);
    expect(dec.toJSON()).toEqual({
      clOrdId: 7,
      account: "",
      symbol: "",
      side: 0,
      price: 0,
      qty: 0,
      timeInForce: 0,
      flags: [],
      stopPrice: null,
      minQty: null,
      legs: [],
      text: "",
    });

    // Group entries: unset fields of a later entry read as defaults, not as the earlier message's entry.
    newOrder(buf);
    const partial = new gen.NewOrderEncoder().wrap(buf).clOrdId(8);
    const legs = partial.legsCount(2);
    legs.next().ratio(3);
    legs.next();
    const partialDec = new gen.NewOrderDecoder().wrap(buf, 0, partial.encodedLength());
    expect(partialDec.toJSON().legs).toEqual([
      { symbol: "", ratio: 3, side: 0 },
      { symbol: "", ratio: 0, side: 0 },
    ]);
    expect(partialDec.toJSON().account).toBe("");

    // Nested: a skipped inner group inside an entry, then the entry's var data.
    const n = new nested.NestedEncoder().wrap(buf).id(1);
    const outer = n.outerCount(1);
    outer.next().name("ab").label("lbl");
    const nd = new nested.NestedDecoder().wrap(buf, 0, n.encodedLength());
    expect(nd.toJSON()).toEqual({ id: 1, trailer: 0, outer: [{ name: "ab", inner: [], label: "lbl" }], empty: [] });
  });
});

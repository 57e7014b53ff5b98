/**
 * The codec benchmark's correctness half (bench/codec): every codec it times reproduces the whole input set
 * exactly, every timed decode path returns the input's checksum, and the hand-written flyweight writes the
 * same bytes as coralc's generated code. No timing here; that is `npm run bench:codec`.
 */
import { describe, expect, it } from "vitest";
import { CODEC_NAMES, createCodec, loadCodecModule } from "../../bench/codec/codec.js";
import { INPUT_COUNT, makeMarketData, makeOrders, MESSAGE_NAMES, type MessageName } from "../../bench/codec/inputs.js";
import { verifyRoundTrip } from "../../bench/codec/verify.js";

const inputsOf = (message: MessageName) => (message === "order" ? makeOrders() : makeMarketData());

describe("codec benchmark inputs", () => {
  it("are deterministic and of one shape per message", () => {
    expect(makeOrders()).toEqual(makeOrders());
    expect(makeMarketData()).toEqual(makeMarketData());
    const orders = makeOrders();
    const keys = JSON.stringify(Object.keys(orders[0]!));
    for (const o of orders) expect(JSON.stringify(Object.keys(o))).toBe(keys);
    const withStop = orders.filter((o) => o.stopPrice !== null).length;
    expect(withStop).toBeGreaterThan(INPUT_COUNT * 0.4);
    expect(withStop).toBeLessThan(INPUT_COUNT * 0.6);
    for (const o of orders) {
      expect(o.price).toBeGreaterThan(2 ** 32);
      expect(Number.isSafeInteger(o.clOrdId)).toBe(true);
      expect(o.legs).toHaveLength(3);
    }
    for (const u of makeMarketData()) expect(u.entries).toHaveLength(10);
  });
});

describe.each(MESSAGE_NAMES)("%s", (message) => {
  it.each(CODEC_NAMES)("%s reproduces every input exactly, on every timed path", async (codecName) => {
    const inputs = inputsOf(message);
    const codec = createCodec(await loadCodecModule(codecName), message, inputs);
    const { meanBytes } = verifyRoundTrip(codecName, codec, message, inputs);
    expect(meanBytes).toBeGreaterThan(0);
  });

  it("the round-trip check catches a codec that drops a field", async () => {
    const inputs = inputsOf(message);
    const codec = createCodec(await loadCodecModule("json"), message, inputs);
    const toMessage = codec.toMessage.bind(codec);
    codec.toMessage = (i) => {
      const m = toMessage(i) as unknown as Record<string, unknown>;
      delete m[message === "order" ? "stopPrice" : "transactTime"];
      return m as never;
    };
    expect(() => verifyRoundTrip("json", codec, message, inputs)).toThrow(/round trip failed/);
  });

  it("the hand-written flyweight writes the same bytes as coralc", async () => {
    const inputs = inputsOf(message);
    const coralc = createCodec(await loadCodecModule("coralc"), message, inputs);
    const handwritten = createCodec(await loadCodecModule("handwritten"), message, inputs);
    for (let i = 0; i < INPUT_COUNT; i++) {
      const expected = coralc.bytesOf(i);
      const actual = handwritten.bytesOf(i);
      if (Buffer.compare(actual, expected) !== 0) {
        expect.fail(
          `${message}[${i}]: handwritten ${Buffer.from(actual).toString("hex")} != coralc ${Buffer.from(expected).toString("hex")}`,
        );
      }
    }
    expect(coralc.bytesOf(0).length).toBe(message === "order" ? 101 : 271);
  });
});

describe("the Order's in-place comparisons the decode benchmark times", () => {
  // The checksum counts a comparison as 1 when it holds, and every timed comparison is with the input's own
  // value; so each flyweight's comparisons must also be seen to fail, or an always-true one would pass.
  it.each(["coralc", "handwritten"] as const)("%s: xEqualsKey() and xEquals() hold for the value written, and only for it", async (name) => {
    const classes: any = name === "coralc" ? await import("../../generated/bench.js") : await import("../../bench/codec/handwritten.js");
    const orders = makeOrders();
    const bytes = createCodec(await loadCodecModule(name), "order", orders).bytesOf(0);
    const d = new classes.OrderDecoder().wrap(bytes, 0, bytes.length);
    const m = orders[0]!;
    const other = orders.find((o) => o.account !== m.account && o.symbol !== m.symbol)!;
    expect([d.accountEqualsKey(classes.OrderDecoder.accountKey(m.account)), d.accountEquals(m.account)]).toEqual([true, true]);
    expect([d.accountEqualsKey(classes.OrderDecoder.accountKey(other.account)), d.accountEquals(other.account)]).toEqual([false, false]);
    expect([d.symbolEqualsKey(classes.OrderDecoder.symbolKey(m.symbol)), d.symbolEquals(m.symbol)]).toEqual([true, true]);
    expect([d.symbolEqualsKey(classes.OrderDecoder.symbolKey(other.symbol)), d.symbolEquals(other.symbol)]).toEqual([false, false]);
    const legs = d.legs();
    for (const leg of m.legs) {
      legs.next();
      const differs = leg.symbol === "AAPL" ? "MSFT" : "AAPL";
      expect(legs.symbolEqualsKey(classes.OrderLegsDecoder.symbolKey(leg.symbol))).toBe(true);
      expect(legs.symbolEqualsKey(classes.OrderLegsDecoder.symbolKey(differs))).toBe(false);
      expect(legs.symbolEquals(differs)).toBe(false);
    }
  });
});

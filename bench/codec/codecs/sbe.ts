/**
 * The benchmark driver for the two SBE flyweight codecs: coralc's generated classes and the hand-written ones
 * in ../handwritten.ts. Both offer the same calls, so the same code drives them and any difference in the
 * figures comes from the codec. Each benchmark process loads exactly one of the two, so the call sites here
 * only ever see one class each.
 */
import type { BenchCodec, CodecModule } from "../codec.js";
import { fold64, INPUT_COUNT, type MarketDataIncremental, type Order } from "../inputs.js";

// The calls the benchmark uses, as coralc generates them (docs/GENERATED-API.md).
interface OrderLegsEncoderApi {
  next(): OrderLegsEncoderApi;
  ratio(v: number): OrderLegsEncoderApi;
  symbol(s: string): OrderLegsEncoderApi;
  side(code: number): OrderLegsEncoderApi;
}
interface OrderEncoderApi {
  wrap(buf: Uint8Array, offset?: number): OrderEncoderApi;
  encodedLength(): number;
  clOrdId(v: number): OrderEncoderApi;
  priceRaw(v: number): OrderEncoderApi;
  stopPriceRaw(v: number | null): OrderEncoderApi;
  qty(v: number): OrderEncoderApi;
  account(s: string): OrderEncoderApi;
  symbol(s: string): OrderEncoderApi;
  side(code: number): OrderEncoderApi;
  timeInForce(code: number): OrderEncoderApi;
  legsCount(count: number): OrderLegsEncoderApi;
}
interface OrderLegsDecoderApi {
  hasNext(): boolean;
  next(): OrderLegsDecoderApi;
  ratio(): number;
  symbol(): string;
  symbolInterned(): string;
  symbolEquals(s: string): boolean;
  symbolEqualsKey(key: Int32Array): boolean;
  side(): number;
}
interface OrderDecoderApi {
  wrap(buf: Uint8Array, offset?: number, length?: number): OrderDecoderApi;
  clOrdId(): number;
  priceRaw(): number;
  hasStopPrice(): boolean;
  stopPriceRaw(): number | null;
  stopPriceRawOr(fallback: number): number;
  qty(): number;
  account(): string;
  accountInterned(): string;
  accountEquals(s: string): boolean;
  accountEqualsKey(key: Int32Array): boolean;
  symbol(): string;
  symbolInterned(): string;
  symbolEquals(s: string): boolean;
  symbolEqualsKey(key: Int32Array): boolean;
  side(): number;
  timeInForce(): number;
  legs(): OrderLegsDecoderApi;
}
interface EntriesEncoderApi {
  next(): EntriesEncoderApi;
  priceRaw(v: number): EntriesEncoderApi;
  qty(v: number): EntriesEncoderApi;
  securityId(v: number): EntriesEncoderApi;
  rptSeq(v: number): EntriesEncoderApi;
  numberOfOrders(v: number): EntriesEncoderApi;
  priceLevel(v: number): EntriesEncoderApi;
  action(code: number): EntriesEncoderApi;
  entryType(code: number): EntriesEncoderApi;
}
interface MarketDataEncoderApi {
  wrap(buf: Uint8Array, offset?: number): MarketDataEncoderApi;
  encodedLength(): number;
  transactTime(v: number): MarketDataEncoderApi;
  matchEventIndicator(v: number): MarketDataEncoderApi;
  entriesCount(count: number): EntriesEncoderApi;
}
interface EntriesDecoderApi {
  hasNext(): boolean;
  next(): EntriesDecoderApi;
  priceRaw(): number;
  qty(): number;
  securityId(): number;
  rptSeq(): number;
  numberOfOrders(): number;
  priceLevel(): number;
  action(): number;
  entryType(): number;
}
interface MarketDataDecoderApi {
  wrap(buf: Uint8Array, offset?: number, length?: number): MarketDataDecoderApi;
  transactTime(): number;
  matchEventIndicator(): number;
  entries(): EntriesDecoderApi;
}

export interface SbeClasses {
  OrderEncoder: new () => OrderEncoderApi;
  /** With the static key makers of its chars fields (`OrderDecoder.accountKey(s)`), as coralc generates them. */
  OrderDecoder: (new () => OrderDecoderApi) & { accountKey(s: string): Int32Array; symbolKey(s: string): Int32Array };
  OrderLegsDecoder: { symbolKey(s: string): Int32Array };
  MarketDataIncrementalEncoder: new () => MarketDataEncoderApi;
  MarketDataIncrementalDecoder: new () => MarketDataDecoderApi;
}

const MAX_MESSAGE = 512;

/** All inputs encoded back to back in one buffer, as they would sit in a receive buffer. */
interface Arena {
  bytes: Uint8Array;
  offsets: Int32Array;
  lengths: Int32Array;
}

function buildArena(bytesOf: (i: number) => Uint8Array): Arena {
  const bytes = new Uint8Array(INPUT_COUNT * MAX_MESSAGE);
  const offsets = new Int32Array(INPUT_COUNT);
  const lengths = new Int32Array(INPUT_COUNT);
  let at = 0;
  for (let i = 0; i < INPUT_COUNT; i++) {
    const message = bytesOf(i);
    bytes.set(message, at);
    offsets[i] = at;
    lengths[i] = message.length;
    at += message.length;
  }
  return { bytes, offsets, lengths };
}

function orderCodec(classes: SbeClasses, inputs: Order[]): BenchCodec {
  const enc = new classes.OrderEncoder();
  const dec = new classes.OrderDecoder();
  const out = new Uint8Array(MAX_MESSAGE);
  let bytes: Uint8Array = new Uint8Array(0);
  let offsets: Int32Array = new Int32Array(0);
  let lengths: Int32Array = new Int32Array(0);

  function encode(i: number): number {
    const m = inputs[i]!;
    enc
      .wrap(out, 0)
      .clOrdId(m.clOrdId)
      .priceRaw(m.price)
      .stopPriceRaw(m.stopPrice)
      .qty(m.qty)
      .account(m.account)
      .symbol(m.symbol)
      .side(m.side)
      .timeInForce(m.timeInForce);
    const legs = m.legs;
    const legsEncoder = enc.legsCount(legs.length);
    for (let j = 0; j < legs.length; j++) {
      const leg = legs[j]!;
      legsEncoder.next().ratio(leg.ratio).symbol(leg.symbol).side(leg.side);
    }
    return enc.encodedLength();
  }

  // The expected chars values pre-encoded for decode(), made once before timing as an application makes the
  // keys of the symbols and accounts it compares against (codec.ts explains the method).
  const accountKeys = inputs.map((m) => classes.OrderDecoder.accountKey(m.account));
  const symbolKeys = inputs.map((m) => classes.OrderDecoder.symbolKey(m.symbol));
  const legSymbolKeys = inputs.map((m) => m.legs.map((leg) => classes.OrderLegsDecoder.symbolKey(leg.symbol)));

  function decode(i: number): number {
    const d = dec.wrap(bytes, offsets[i]!, lengths[i]!);
    let acc = fold64(d.clOrdId());
    acc = (Math.imul(acc, 31) + fold64(d.priceRaw())) | 0;
    // stopPriceRawOr(): a `number | null` result would box the number (see docs/GENERATED-API.md).
    acc = (Math.imul(acc, 31) + (d.hasStopPrice() ? fold64(d.stopPriceRawOr(0)) : 7)) | 0;
    acc = (Math.imul(acc, 31) + d.qty()) | 0;
    acc = (Math.imul(acc, 31) + (d.accountEqualsKey(accountKeys[i]!) ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + (d.symbolEqualsKey(symbolKeys[i]!) ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + d.side()) | 0;
    acc = (Math.imul(acc, 31) + d.timeInForce()) | 0;
    const legs = d.legs();
    const expected = legSymbolKeys[i]!;
    let j = 0;
    while (legs.hasNext()) {
      legs.next();
      acc = (Math.imul(acc, 31) + legs.ratio()) | 0;
      acc = (Math.imul(acc, 31) + (legs.symbolEqualsKey(expected[j++]!) ? 1 : 0)) | 0;
      acc = (Math.imul(acc, 31) + legs.side()) | 0;
    }
    return acc;
  }

  function decodeEquals(i: number): number {
    const m = inputs[i]!;
    const d = dec.wrap(bytes, offsets[i]!, lengths[i]!);
    let acc = fold64(d.clOrdId());
    acc = (Math.imul(acc, 31) + fold64(d.priceRaw())) | 0;
    // stopPriceRawOr(): a `number | null` result would box the number (see docs/GENERATED-API.md).
    acc = (Math.imul(acc, 31) + (d.hasStopPrice() ? fold64(d.stopPriceRawOr(0)) : 7)) | 0;
    acc = (Math.imul(acc, 31) + d.qty()) | 0;
    acc = (Math.imul(acc, 31) + (d.accountEquals(m.account) ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + (d.symbolEquals(m.symbol) ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + d.side()) | 0;
    acc = (Math.imul(acc, 31) + d.timeInForce()) | 0;
    const legs = d.legs();
    const expected = m.legs;
    let j = 0;
    while (legs.hasNext()) {
      legs.next();
      acc = (Math.imul(acc, 31) + legs.ratio()) | 0;
      acc = (Math.imul(acc, 31) + (legs.symbolEquals(expected[j++]!.symbol) ? 1 : 0)) | 0;
      acc = (Math.imul(acc, 31) + legs.side()) | 0;
    }
    return acc;
  }

  function decodeStrings(i: number): number {
    const m = inputs[i]!;
    const d = dec.wrap(bytes, offsets[i]!, lengths[i]!);
    let acc = fold64(d.clOrdId());
    acc = (Math.imul(acc, 31) + fold64(d.priceRaw())) | 0;
    // stopPriceRawOr(): a `number | null` result would box the number (see docs/GENERATED-API.md).
    acc = (Math.imul(acc, 31) + (d.hasStopPrice() ? fold64(d.stopPriceRawOr(0)) : 7)) | 0;
    acc = (Math.imul(acc, 31) + d.qty()) | 0;
    acc = (Math.imul(acc, 31) + (d.account() === m.account ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + (d.symbol() === m.symbol ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + d.side()) | 0;
    acc = (Math.imul(acc, 31) + d.timeInForce()) | 0;
    const legs = d.legs();
    const expected = m.legs;
    let j = 0;
    while (legs.hasNext()) {
      legs.next();
      acc = (Math.imul(acc, 31) + legs.ratio()) | 0;
      acc = (Math.imul(acc, 31) + (legs.symbol() === expected[j++]!.symbol ? 1 : 0)) | 0;
      acc = (Math.imul(acc, 31) + legs.side()) | 0;
    }
    return acc;
  }

  function decodeInterned(i: number): number {
    const m = inputs[i]!;
    const d = dec.wrap(bytes, offsets[i]!, lengths[i]!);
    let acc = fold64(d.clOrdId());
    acc = (Math.imul(acc, 31) + fold64(d.priceRaw())) | 0;
    // stopPriceRawOr(): a `number | null` result would box the number (see docs/GENERATED-API.md).
    acc = (Math.imul(acc, 31) + (d.hasStopPrice() ? fold64(d.stopPriceRawOr(0)) : 7)) | 0;
    acc = (Math.imul(acc, 31) + d.qty()) | 0;
    acc = (Math.imul(acc, 31) + (d.accountInterned() === m.account ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + (d.symbolInterned() === m.symbol ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + d.side()) | 0;
    acc = (Math.imul(acc, 31) + d.timeInForce()) | 0;
    const legs = d.legs();
    const expected = m.legs;
    let j = 0;
    while (legs.hasNext()) {
      legs.next();
      acc = (Math.imul(acc, 31) + legs.ratio()) | 0;
      acc = (Math.imul(acc, 31) + (legs.symbolInterned() === expected[j++]!.symbol ? 1 : 0)) | 0;
      acc = (Math.imul(acc, 31) + legs.side()) | 0;
    }
    return acc;
  }

  function bytesOf(i: number): Uint8Array {
    return out.slice(0, encode(i));
  }

  return {
    encode,
    bytesOf,
    prepareDecode() {
      ({ bytes, offsets, lengths } = buildArena(bytesOf));
    },
    decode,
    decodeEquals,
    decodeStrings,
    decodeInterned,
    toMessage(i: number): Order {
      const d = new classes.OrderDecoder().wrap(bytes, offsets[i]!, lengths[i]!);
      const legs = [];
      const legsDecoder = d.legs();
      while (legsDecoder.hasNext()) {
        legsDecoder.next();
        legs.push({ ratio: legsDecoder.ratio(), symbol: legsDecoder.symbol(), side: legsDecoder.side() });
      }
      return {
        clOrdId: d.clOrdId(),
        price: d.priceRaw(),
        stopPrice: d.stopPriceRaw(),
        qty: d.qty(),
        account: d.account(),
        symbol: d.symbol(),
        side: d.side(),
        timeInForce: d.timeInForce(),
        legs,
      };
    },
  };
}

function marketDataCodec(classes: SbeClasses, inputs: MarketDataIncremental[]): BenchCodec {
  const enc = new classes.MarketDataIncrementalEncoder();
  const dec = new classes.MarketDataIncrementalDecoder();
  const out = new Uint8Array(MAX_MESSAGE);
  let bytes: Uint8Array = new Uint8Array(0);
  let offsets: Int32Array = new Int32Array(0);
  let lengths: Int32Array = new Int32Array(0);

  function encode(i: number): number {
    const m = inputs[i]!;
    enc.wrap(out, 0).transactTime(m.transactTime).matchEventIndicator(m.matchEventIndicator);
    const entries = m.entries;
    const entriesEncoder = enc.entriesCount(entries.length);
    for (let j = 0; j < entries.length; j++) {
      const e = entries[j]!;
      entriesEncoder
        .next()
        .priceRaw(e.price)
        .qty(e.qty)
        .securityId(e.securityId)
        .rptSeq(e.rptSeq)
        .numberOfOrders(e.numberOfOrders)
        .priceLevel(e.priceLevel)
        .action(e.action)
        .entryType(e.entryType);
    }
    return enc.encodedLength();
  }

  function decode(i: number): number {
    const d = dec.wrap(bytes, offsets[i]!, lengths[i]!);
    let acc = fold64(d.transactTime());
    acc = (Math.imul(acc, 31) + d.matchEventIndicator()) | 0;
    const entries = d.entries();
    while (entries.hasNext()) {
      entries.next();
      acc = (Math.imul(acc, 31) + fold64(entries.priceRaw())) | 0;
      acc = (Math.imul(acc, 31) + entries.qty()) | 0;
      acc = (Math.imul(acc, 31) + entries.securityId()) | 0;
      acc = (Math.imul(acc, 31) + entries.rptSeq()) | 0;
      acc = (Math.imul(acc, 31) + entries.numberOfOrders()) | 0;
      acc = (Math.imul(acc, 31) + entries.priceLevel()) | 0;
      acc = (Math.imul(acc, 31) + entries.action()) | 0;
      acc = (Math.imul(acc, 31) + entries.entryType()) | 0;
    }
    return acc;
  }

  function bytesOf(i: number): Uint8Array {
    return out.slice(0, encode(i));
  }

  return {
    encode,
    bytesOf,
    prepareDecode() {
      ({ bytes, offsets, lengths } = buildArena(bytesOf));
    },
    decode,
    // The message has no string fields: there is nothing to compare, materialize or intern.
    decodeEquals: null,
    decodeStrings: null,
    decodeInterned: null,
    toMessage(i: number): MarketDataIncremental {
      const d = new classes.MarketDataIncrementalDecoder().wrap(bytes, offsets[i]!, lengths[i]!);
      const entries = [];
      const e = d.entries();
      while (e.hasNext()) {
        e.next();
        entries.push({
          price: e.priceRaw(),
          qty: e.qty(),
          securityId: e.securityId(),
          rptSeq: e.rptSeq(),
          numberOfOrders: e.numberOfOrders(),
          priceLevel: e.priceLevel(),
          action: e.action(),
          entryType: e.entryType(),
        });
      }
      return { transactTime: d.transactTime(), matchEventIndicator: d.matchEventIndicator(), entries };
    },
  };
}

export function sbeCodecModule(classes: SbeClasses): CodecModule {
  return {
    order: (inputs) => orderCodec(classes, inputs),
    marketData: (inputs) => marketDataCodec(classes, inputs),
  };
}

/**
 * FlatBuffers: TypeScript from `flatc` 2.0.8 (../peers/flatbuffers/) over the flatbuffers 25 runtime.
 * Encoding reuses one Builder (`clear()` per message); decoding wraps each message in a new ByteBuffer (the
 * runtime cannot re-point one) and reuses the table objects. Orders and legs are tables, market-data entries
 * a vector of structs, the idiomatic choices. The generated API takes and returns `bigint` for 64-bit fields.
 */
import * as flatbuffers from "flatbuffers";
import type { BenchCodec, CodecModule } from "../codec.js";
import { fold64, INPUT_COUNT, type MarketDataIncremental, type Order } from "../inputs.js";
import { Leg } from "../peers/flatbuffers/bench/leg.js";
import { MarketDataIncremental as FbMarketData } from "../peers/flatbuffers/bench/market-data-incremental.js";
import { MdEntry } from "../peers/flatbuffers/bench/md-entry.js";
import { Order as FbOrder } from "../peers/flatbuffers/bench/order.js";

function orderCodec(inputs: Order[]): BenchCodec {
  const builder = new flatbuffers.Builder(1024);
  const legOffsets: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  const order = new FbOrder();
  const leg = new Leg();
  const encoded: Uint8Array[] = [];

  function encode(i: number): number {
    const m = inputs[i]!;
    builder.clear();
    const legs = m.legs;
    for (let j = 0; j < legs.length; j++) {
      const l = legs[j]!;
      legOffsets[j] = Leg.createLeg(builder, l.ratio, builder.createString(l.symbol), l.side);
    }
    FbOrder.startLegsVector(builder, legs.length);
    for (let j = legs.length - 1; j >= 0; j--) builder.addOffset(legOffsets[j]!);
    const legsVector = builder.endVector();
    const account = builder.createString(m.account);
    const symbol = builder.createString(m.symbol);
    const root = FbOrder.createOrder(
      builder,
      BigInt(m.clOrdId),
      BigInt(m.price),
      m.stopPrice === null ? null : BigInt(m.stopPrice),
      m.qty,
      account,
      symbol,
      m.side,
      m.timeInForce,
      legsVector,
    );
    builder.finish(root);
    return builder.asUint8Array().length;
  }

  function read(bytes: Uint8Array, m: Order): number {
    const o = FbOrder.getRootAsOrder(new flatbuffers.ByteBuffer(bytes), order);
    let acc = fold64(Number(o.clOrdId()));
    acc = (Math.imul(acc, 31) + fold64(Number(o.price()))) | 0;
    const stop = o.stopPrice();
    acc = (Math.imul(acc, 31) + (stop === null ? 7 : fold64(Number(stop)))) | 0;
    acc = (Math.imul(acc, 31) + o.qty()) | 0;
    acc = (Math.imul(acc, 31) + (o.account() === m.account ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + (o.symbol() === m.symbol ? 1 : 0)) | 0;
    acc = (Math.imul(acc, 31) + o.side()) | 0;
    acc = (Math.imul(acc, 31) + o.timeInForce()) | 0;
    const expected = m.legs;
    const n = o.legsLength();
    for (let j = 0; j < n; j++) {
      const l = o.legs(j, leg)!;
      acc = (Math.imul(acc, 31) + l.ratio()) | 0;
      acc = (Math.imul(acc, 31) + (l.symbol() === expected[j]!.symbol ? 1 : 0)) | 0;
      acc = (Math.imul(acc, 31) + l.side()) | 0;
    }
    return acc;
  }

  return {
    encode,
    bytesOf: (i) => {
      encode(i);
      return builder.asUint8Array().slice();
    },
    prepareDecode() {
      for (let i = 0; i < INPUT_COUNT; i++) encoded.push(this.bytesOf(i));
    },
    decode: (i) => read(encoded[i]!, inputs[i]!),
    decodeStrings: null,
    decodeEquals: null,
    decodeInterned: null,
    toMessage(i) {
      const o = FbOrder.getRootAsOrder(new flatbuffers.ByteBuffer(encoded[i]!));
      const legs = [];
      for (let j = 0; j < o.legsLength(); j++) {
        const l = o.legs(j)!;
        legs.push({ ratio: l.ratio(), symbol: l.symbol()!, side: l.side() });
      }
      const stop = o.stopPrice();
      return {
        clOrdId: Number(o.clOrdId()),
        price: Number(o.price()),
        stopPrice: stop === null ? null : Number(stop),
        qty: o.qty(),
        account: o.account()!,
        symbol: o.symbol()!,
        side: o.side(),
        timeInForce: o.timeInForce(),
        legs,
      };
    },
  };
}

function marketDataCodec(inputs: MarketDataIncremental[]): BenchCodec {
  const builder = new flatbuffers.Builder(1024);
  const update = new FbMarketData();
  const entry = new MdEntry();
  const encoded: Uint8Array[] = [];

  function encode(i: number): number {
    const m = inputs[i]!;
    builder.clear();
    const entries = m.entries;
    // Structs are written back to front.
    FbMarketData.startEntriesVector(builder, entries.length);
    for (let j = entries.length - 1; j >= 0; j--) {
      const e = entries[j]!;
      MdEntry.createMdEntry(
        builder,
        BigInt(e.price),
        e.qty,
        e.securityId,
        e.rptSeq,
        e.numberOfOrders,
        e.priceLevel,
        e.action,
        e.entryType,
      );
    }
    const vector = builder.endVector();
    const root = FbMarketData.createMarketDataIncremental(
      builder,
      BigInt(m.transactTime),
      m.matchEventIndicator,
      vector,
    );
    builder.finish(root);
    return builder.asUint8Array().length;
  }

  function read(bytes: Uint8Array): number {
    const u = FbMarketData.getRootAsMarketDataIncremental(new flatbuffers.ByteBuffer(bytes), update);
    let acc = fold64(Number(u.transactTime()));
    acc = (Math.imul(acc, 31) + u.matchEventIndicator()) | 0;
    const n = u.entriesLength();
    for (let j = 0; j < n; j++) {
      const e = u.entries(j, entry)!;
      acc = (Math.imul(acc, 31) + fold64(Number(e.price()))) | 0;
      acc = (Math.imul(acc, 31) + e.qty()) | 0;
      acc = (Math.imul(acc, 31) + e.securityId()) | 0;
      acc = (Math.imul(acc, 31) + e.rptSeq()) | 0;
      acc = (Math.imul(acc, 31) + e.numberOfOrders()) | 0;
      acc = (Math.imul(acc, 31) + e.priceLevel()) | 0;
      acc = (Math.imul(acc, 31) + e.action()) | 0;
      acc = (Math.imul(acc, 31) + e.entryType()) | 0;
    }
    return acc;
  }

  return {
    encode,
    bytesOf: (i) => {
      encode(i);
      return builder.asUint8Array().slice();
    },
    prepareDecode() {
      for (let i = 0; i < INPUT_COUNT; i++) encoded.push(this.bytesOf(i));
    },
    decode: (i) => read(encoded[i]!),
    decodeStrings: null,
    decodeEquals: null,
    decodeInterned: null,
    toMessage(i) {
      const u = FbMarketData.getRootAsMarketDataIncremental(new flatbuffers.ByteBuffer(encoded[i]!));
      const entries = [];
      for (let j = 0; j < u.entriesLength(); j++) {
        const e = u.entries(j)!;
        entries.push({
          price: Number(e.price()),
          qty: e.qty(),
          securityId: e.securityId(),
          rptSeq: e.rptSeq(),
          numberOfOrders: e.numberOfOrders(),
          priceLevel: e.priceLevel(),
          action: e.action(),
          entryType: e.entryType(),
        });
      }
      return { transactTime: Number(u.transactTime()), matchEventIndicator: u.matchEventIndicator(), entries };
    },
  };
}

const module: CodecModule = { order: orderCodec, marketData: marketDataCodec };
export default module;

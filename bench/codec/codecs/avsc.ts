/**
 * avsc (Apache Avro). Encoding uses `type.encode(value, buffer, 0)` into a reused Buffer, avsc's fastest
 * path (baselines.md §1); decoding uses `type.fromBuffer`. 64-bit fields are Avro `long` as JS numbers
 * (avsc's default, exact below 2^53); qty and rptSeq are `long` because Avro's `int` is signed 32-bit. Enum
 * codes travel as `int` so every codec encodes the very same input objects (Avro enums are string symbols).
 */
import avro from "avsc";
import type { BenchCodec, CodecModule, Message } from "../codec.js";
import { INPUT_COUNT, marketDataChecksum, orderChecksum, type MarketDataIncremental, type Order } from "../inputs.js";

export const orderType = avro.Type.forSchema({
  type: "record",
  name: "Order",
  fields: [
    { name: "clOrdId", type: "long" },
    { name: "price", type: "long" },
    { name: "stopPrice", type: ["null", "long"] },
    { name: "qty", type: "long" },
    { name: "account", type: "string" },
    { name: "symbol", type: "string" },
    { name: "side", type: "int" },
    { name: "timeInForce", type: "int" },
    {
      name: "legs",
      type: {
        type: "array",
        items: {
          type: "record",
          name: "Leg",
          fields: [
            { name: "ratio", type: "int" },
            { name: "symbol", type: "string" },
            { name: "side", type: "int" },
          ],
        },
      },
    },
  ],
});

export const marketDataType = avro.Type.forSchema({
  type: "record",
  name: "MarketDataIncremental",
  fields: [
    { name: "transactTime", type: "long" },
    { name: "matchEventIndicator", type: "int" },
    {
      name: "entries",
      type: {
        type: "array",
        items: {
          type: "record",
          name: "MdEntry",
          fields: [
            { name: "price", type: "long" },
            { name: "qty", type: "long" },
            { name: "securityId", type: "int" },
            { name: "rptSeq", type: "long" },
            { name: "numberOfOrders", type: "int" },
            { name: "priceLevel", type: "int" },
            { name: "action", type: "int" },
            { name: "entryType", type: "int" },
          ],
        },
      },
    },
  ],
});

function makeCodec<M extends Message>(
  type: avro.Type,
  inputs: M[],
  checksum: (m: M, expected: M) => number,
): BenchCodec {
  const out = Buffer.allocUnsafe(4096);
  const encoded: Buffer[] = [];

  function encode(i: number): number {
    const end = type.encode(inputs[i], out, 0);
    if (end < 0) throw new Error("avsc: output buffer too small");
    return end;
  }
  return {
    encode,
    bytesOf: (i) => Buffer.from(out.subarray(0, encode(i))),
    prepareDecode() {
      for (let i = 0; i < INPUT_COUNT; i++) encoded.push(Buffer.from(out.subarray(0, encode(i))));
    },
    decode: (i) => checksum(type.fromBuffer(encoded[i]!) as M, inputs[i]!),
    decodeStrings: null,
    decodeEquals: null,
    decodeInterned: null,
    toMessage: (i) => type.fromBuffer(encoded[i]!) as Message,
  };
}

const module: CodecModule = {
  order: (inputs: Order[]) => makeCodec(orderType, inputs, orderChecksum),
  marketData: (inputs: MarketDataIncremental[]) => makeCodec(marketDataType, inputs, marketDataChecksum),
};
export default module;

/**
 * Built-in JSON as a wire format: `JSON.stringify` written as UTF-8 into a reused Buffer (so the figure
 * includes producing bytes, not only a string), and `JSON.parse` of the bytes decoded back to a string.
 */
import type { BenchCodec, CodecModule, Message } from "../codec.js";
import { INPUT_COUNT, marketDataChecksum, orderChecksum, type MarketDataIncremental, type Order } from "../inputs.js";

function makeCodec<M extends Message>(inputs: M[], checksum: (m: M, expected: M) => number): BenchCodec {
  const out = Buffer.allocUnsafe(4096);
  const encoded: Buffer[] = [];

  function encode(i: number): number {
    return out.write(JSON.stringify(inputs[i]), 0, "utf8");
  }
  return {
    encode,
    bytesOf: (i) => Buffer.from(out.subarray(0, encode(i))),
    prepareDecode() {
      for (let i = 0; i < INPUT_COUNT; i++) encoded.push(Buffer.from(out.subarray(0, encode(i))));
    },
    decode: (i) => checksum(JSON.parse(encoded[i]!.toString("utf8")) as M, inputs[i]!),
    decodeStrings: null,
    decodeEquals: null,
    decodeInterned: null,
    toMessage: (i) => JSON.parse(encoded[i]!.toString("utf8")) as Message,
  };
}

const module: CodecModule = {
  order: (inputs: Order[]) => makeCodec(inputs, orderChecksum),
  marketData: (inputs: MarketDataIncremental[]) => makeCodec(inputs, marketDataChecksum),
};
export default module;

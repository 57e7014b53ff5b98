/**
 * msgpackr in records mode (`new Packr({ structures: [] })`): each object shape is described once and later
 * messages refer to it by id, the fastest msgpackr configuration (baselines.md §1). One Packr packs and
 * unpacks, as a sender and receiver sharing structures would. Its native addon is used when present.
 */
import { Packr } from "msgpackr";
import type { BenchCodec, CodecModule, Message } from "../codec.js";
import { INPUT_COUNT, marketDataChecksum, orderChecksum, type MarketDataIncremental, type Order } from "../inputs.js";

function makeCodec<M extends Message>(inputs: M[], checksum: (m: M, expected: M) => number): BenchCodec {
  const packr = new Packr({ structures: [] });
  const encoded: Uint8Array[] = [];

  return {
    encode: (i) => packr.pack(inputs[i]).length,
    // pack() returns a view of a buffer it reuses: copy it.
    bytesOf: (i) => Uint8Array.prototype.slice.call(packr.pack(inputs[i])),
    prepareDecode() {
      for (let i = 0; i < INPUT_COUNT; i++) encoded.push(this.bytesOf(i));
    },
    decode: (i) => checksum(packr.unpack(encoded[i]!) as M, inputs[i]!),
    decodeStrings: null,
    decodeEquals: null,
    decodeInterned: null,
    toMessage: (i) => packr.unpack(encoded[i]!) as Message,
  };
}

const module: CodecModule = {
  order: (inputs: Order[]) => makeCodec(inputs, orderChecksum),
  marketData: (inputs: MarketDataIncremental[]) => makeCodec(inputs, marketDataChecksum),
};
export default module;

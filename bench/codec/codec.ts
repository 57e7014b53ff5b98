/**
 * What the harness needs from each (codec, message) pair. Every method reads its input by index from the
 * shared input set, so the harness loop only passes `k & INPUT_MASK` and the codec's own work is what is timed.
 */
import type { MarketDataIncremental, MessageName, Order } from "./inputs.js";

export type CodecName = "coralc" | "handwritten" | "msgpackr" | "protobufjs" | "avsc" | "flatbuffers" | "json";
export const CODEC_NAMES: readonly CodecName[] = [
  "coralc",
  "handwritten",
  "msgpackr",
  "protobufjs",
  "avsc",
  "flatbuffers",
  "json",
];

/**
 * The timed operations. `decode` reads every field; string fields are compared in place for the SBE codecs
 * (coralc, handwritten) and materialized by every other codec (they have no other way). In place means as
 * baselines.md measured the hand-written flyweight's "no strings" decode: the field's bytes against the
 * expected value pre-encoded as little-endian 32-bit words (`xEqualsKey(key)`; the keys are made from the
 * inputs before timing, as the peers' expected strings exist before timing). `decodeEquals` compares them
 * with the expected JS strings instead (`xEquals(s)`, a character at a time); `decodeStrings` materializes
 * them as JS strings; `decodeInterned` returns repeated values from an intern table.
 */
export type Operation = "encode" | "decode" | "decodeEquals" | "decodeStrings" | "decodeInterned";
export const OPERATIONS: readonly Operation[] = ["encode", "decode", "decodeEquals", "decodeStrings", "decodeInterned"];

export type Message = Order | MarketDataIncremental;

export interface BenchCodec {
  /** Encodes input `i` into the codec's reusable output; returns the number of bytes produced. */
  encode(i: number): number;
  /** Encodes input `i` and returns a private copy of its bytes (not timed). */
  bytesOf(i: number): Uint8Array;
  /**
   * Makes the pre-encoded set the decode operations read (message i is `bytesOf(i)`). Called once, before
   * any decode.
   */
  prepareDecode(): void;
  /** Decodes message `i`, reads every field and returns the checksum of inputs.ts. */
  decode(i: number): number;
  decodeEquals: ((i: number) => number) | null;
  decodeStrings: ((i: number) => number) | null;
  decodeInterned: ((i: number) => number) | null;
  /** Decodes message `i` into a plain object of the input's shape, for the round-trip check (not timed). */
  toMessage(i: number): Message;
}

/** A codec module: one factory per message, each called with the whole input set. */
export interface CodecModule {
  order(inputs: Order[]): BenchCodec;
  marketData(inputs: MarketDataIncremental[]): BenchCodec;
}

export function createCodec(module: CodecModule, message: MessageName, inputs: Message[]): BenchCodec {
  return message === "order" ? module.order(inputs as Order[]) : module.marketData(inputs as MarketDataIncremental[]);
}

/**
 * Loads only the requested codec's module, so a benchmark process never even parses the others (their
 * functions could otherwise share and pollute call sites).
 */
export async function loadCodecModule(name: CodecName): Promise<CodecModule> {
  switch (name) {
    case "coralc":
      return (await import("./codecs/coralc.js")).default;
    case "handwritten":
      return (await import("./codecs/handwritten.js")).default;
    case "msgpackr":
      return (await import("./codecs/msgpackr.js")).default;
    case "protobufjs":
      return (await import("./codecs/protobufjs.js")).default;
    case "avsc":
      return (await import("./codecs/avsc.js")).default;
    case "flatbuffers":
      return (await import("./codecs/flatbuffers.js")).default;
    case "json":
      return (await import("./codecs/json.js")).default;
  }
}

/**
 * The round-trip check every codec passes before it is timed: each input decodes back to exactly the input
 * (every field, 64-bit values included), and every timed decode path returns the input's checksum, so no codec
 * is timed doing less work than the others.
 */
import type { BenchCodec, Message } from "./codec.js";
import {
  INPUT_COUNT,
  marketDataChecksum,
  orderChecksum,
  type MarketDataIncremental,
  type MessageName,
  type Order,
} from "./inputs.js";

/** Compares `actual` with `expected` field by field, following the expected value's shape. */
function diff(actual: unknown, expected: unknown, path: string): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${String(actual)}`;
    if (actual.length !== expected.length) return `${path}: length ${actual.length}, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = diff(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return `${path}: expected an object, got ${String(actual)}`;
    // Read through property access, not own keys: some codecs keep defaults on a prototype.
    for (const key of Object.keys(expected)) {
      const d = diff(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (d) return d;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: ${String(actual)}, expected ${String(expected)}`;
}

export function referenceChecksum(message: MessageName, input: Message): number {
  return message === "order"
    ? orderChecksum(input as Order, input as Order)
    : marketDataChecksum(input as MarketDataIncremental);
}

export interface VerifyResult {
  /** Mean encoded size over the input set. */
  meanBytes: number;
}

/** Throws, naming the codec, message, input and field, unless the codec reproduces every input exactly. */
export function verifyRoundTrip(
  label: string,
  codec: BenchCodec,
  message: MessageName,
  inputs: Message[],
): VerifyResult {
  codec.prepareDecode();
  let totalBytes = 0;
  for (let i = 0; i < INPUT_COUNT; i++) {
    const input = inputs[i]!;
    const d = diff(codec.toMessage(i), input, `${label} ${message}[${i}]`);
    if (d) throw new Error(`round trip failed: ${d}`);
    const length = codec.encode(i);
    if (length !== codec.bytesOf(i).length)
      throw new Error(`${label} ${message}[${i}]: encode() and bytesOf() disagree`);
    totalBytes += length;
    const expected = referenceChecksum(message, input);
    const paths: [string, ((i: number) => number) | null][] = [
      ["decode", codec.decode],
      ["decodeStrings", codec.decodeStrings],
      ["decodeEquals", codec.decodeEquals],
      ["decodeInterned", codec.decodeInterned],
    ];
    for (const [name, fn] of paths) {
      if (fn && fn(i) !== expected)
        throw new Error(`${label} ${message}[${i}]: ${name} checksum differs from the input's`);
    }
  }
  return { meanBytes: totalBytes / INPUT_COUNT };
}

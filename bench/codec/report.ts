/**
 * Turns the workers' measurements into the issue-3 JSON results, the printed table and the target checks.
 */
import type { CodecName, Operation } from "./codec.js";
import type { MessageName } from "./inputs.js";
import type { WorkerResult } from "./worker.js";

/** Message names as in schemas/bench.idl. */
export const MESSAGE_TITLES: Record<MessageName, string> = { order: "Order", marketData: "MarketDataIncremental" };

export interface Measurement {
  /** The timing process with the lowest median (one per pass). */
  time: WorkerResult;
  alloc: WorkerResult;
  /** The median of every pass, in order. */
  passNs: number[];
}

export type Measurements = Map<string, Measurement>;

export function key(codec: CodecName, message: MessageName, operation: Operation): string {
  return `${codec}/${message}/${operation}`;
}

/** One entry of `results` in `--json` output, exactly the shape issue 3 specifies. */
export interface JsonResult {
  codec: CodecName;
  message: string;
  encodeNs: number;
  decodeNs: number;
  decodeNsStrings: number | null;
  bytes: number;
  allocBytesPerOpEncode: number;
  allocBytesPerOpDecode: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function jsonResults(
  codecs: readonly CodecName[],
  messages: readonly MessageName[],
  m: Measurements,
): JsonResult[] {
  const results: JsonResult[] = [];
  for (const message of messages) {
    for (const codec of codecs) {
      const encode = m.get(key(codec, message, "encode"));
      const decode = m.get(key(codec, message, "decode"));
      if (!encode || !decode) continue;
      const strings = m.get(key(codec, message, "decodeStrings"));
      results.push({
        codec,
        message: MESSAGE_TITLES[message],
        encodeNs: round(encode.time.nsPerOp!, 1),
        decodeNs: round(decode.time.nsPerOp!, 1),
        decodeNsStrings: strings ? round(strings.time.nsPerOp!, 1) : null,
        bytes: round(encode.time.meanBytes, 1),
        allocBytesPerOpEncode: round(encode.alloc.heapBytesPerOp!, 2),
        allocBytesPerOpDecode: round(decode.alloc.heapBytesPerOp!, 2),
      });
    }
  }
  return results;
}

function gcsPerMillion(r: WorkerResult): number {
  return (r.gcCount! * 1e6) / r.timedOps!;
}

const OPERATION_TITLES: Record<Operation, string> = {
  encode: "encode",
  decode: "decode",
  decodeEquals: "decode, strings compared with JS strings",
  decodeStrings: "decode, strings materialized",
  decodeInterned: "decode, strings interned",
};

const fmt = (x: number, digits = 0) => x.toFixed(digits);

/** A Markdown table: one row per (message, codec, operation). */
export function table(codecs: readonly CodecName[], messages: readonly MessageName[], m: Measurements): string {
  const lines = [
    "| message | codec | operation | ns/op | each pass | reps min–max | bytes | alloc B/op | alloc B/op over 1M | other heap B/op over 1M | GCs over 1M ops | GCs per 1M (timed) |",
    "|---|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const message of messages) {
    for (const codec of codecs) {
      for (const operation of Object.keys(OPERATION_TITLES) as Operation[]) {
        const r = m.get(key(codec, message, operation));
        if (!r) continue;
        const reps = r.time.repetitionsNs!;
        const over1M = r.alloc.heapBytesPerOpOver1M;
        lines.push(
          `| ${MESSAGE_TITLES[message]} | ${codec} | ${OPERATION_TITLES[operation]} | ${fmt(r.time.nsPerOp!)} | ` +
            `${r.passNs.map((x) => fmt(x)).join(" / ")} | ` +
            `${fmt(Math.min(...reps))}–${fmt(Math.max(...reps))} | ${fmt(r.time.meanBytes, 1)} | ` +
            `${fmt(r.alloc.heapBytesPerOp!, 2)} | ${over1M === null || over1M === undefined ? "(GC ran)" : fmt(over1M, 3)} | ` +
            `${r.alloc.otherHeapBytesPerOpOver1M === null || r.alloc.otherHeapBytesPerOpOver1M === undefined ? "—" : fmt(r.alloc.otherHeapBytesPerOpOver1M, 3)} | ` +
            `${r.alloc.gcsOver1M} | ${fmt(gcsPerMillion(r.time), 1)} |`,
        );
      }
    }
  }
  return lines.join("\n");
}

export interface TargetCheck {
  target: string;
  met: boolean;
  detail: string;
}

const PEERS: CodecName[] = ["msgpackr", "protobufjs", "avsc", "flatbuffers", "json"];
/** Resolution of the allocation method (baselines.md §1: about ±1 B/op). */
const ZERO_ALLOC_TOLERANCE = 1;

/** The peer with the smallest encode + decode time for `message` in this run, or null when none ran. */
function fastestPeer(message: MessageName, m: Measurements): { codec: CodecName; sum: number } | null {
  let best: { codec: CodecName; sum: number } | null = null;
  for (const peer of PEERS) {
    const sum = (m.get(key(peer, message, "encode"))?.time.nsPerOp ?? NaN) + (m.get(key(peer, message, "decode"))?.time.nsPerOp ?? NaN);
    if (Number.isFinite(sum) && (!best || sum < best.sum)) best = { codec: peer, sum };
  }
  return best;
}

/** The issue-3 targets for coralc, each from this one run. */
export function checkTargets(messages: readonly MessageName[], m: Measurements): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ns = (c: CodecName, msg: MessageName, op: Operation) => m.get(key(c, msg, op))?.time.nsPerOp;
  for (const message of messages) {
    const title = MESSAGE_TITLES[message];
    for (const op of ["encode", "decode"] as const) {
      const ours = ns("coralc", message, op);
      const hand = ns("handwritten", message, op);
      if (ours === undefined || hand === undefined) continue;
      const ratio = ours / hand;
      checks.push({
        target: `${title} ${op} within 1.2x of handwritten`,
        met: ratio <= 1.2,
        detail: `coralc ${fmt(ours)} ns vs handwritten ${fmt(hand)} ns = ${ratio.toFixed(2)}x`,
      });
    }
    const oursSum = (ns("coralc", message, "encode") ?? NaN) + (ns("coralc", message, "decode") ?? NaN);
    const best = fastestPeer(message, m);
    if (best && Number.isFinite(oursSum)) {
      const speedup = best.sum / oursSum;
      checks.push({
        target: `${title} encode+decode at least 4x faster than the fastest peer`,
        met: speedup >= 4,
        detail: `coralc ${fmt(oursSum)} ns vs ${best.codec} ${fmt(best.sum)} ns = ${speedup.toFixed(1)}x`,
      });
    }
    for (const op of ["encode", "decode"] as const) {
      const r = m.get(key("coralc", message, op));
      if (!r) continue;
      const over1M = r.alloc.heapBytesPerOpOver1M;
      const zero =
        r.alloc.heapBytesPerOp! < ZERO_ALLOC_TOLERANCE &&
        over1M !== null &&
        over1M !== undefined &&
        over1M < ZERO_ALLOC_TOLERANCE &&
        r.alloc.gcsOver1M === 0 &&
        r.time.gcCount === 0;
      checks.push({
        target: `${title} ${op}: 0 B/op and no GC over 1M ops`,
        met: zero,
        detail:
          `${fmt(r.alloc.heapBytesPerOp!, 2)} B/op (windows of ${r.alloc.windowOps}), ` +
          `${over1M === null || over1M === undefined ? "GC inside the 1M window" : fmt(over1M, 3) + " B/op over 1M"}, ` +
          `${r.time.gcCount} GCs in ${r.time.timedOps} timed ops`,
      });
    }
  }
  return checks;
}

/**
 * Not a target: the same comparisons with the chars fields compared with the expected JS strings a character at
 * a time (`decodeEquals`), so that a reader sees what the pre-encoded keys of `decode` are worth.
 */
export function jsStringNotes(messages: readonly MessageName[], m: Measurements): string[] {
  const ns = (c: CodecName, msg: MessageName, op: Operation) => m.get(key(c, msg, op))?.time.nsPerOp;
  const notes: string[] = [];
  for (const message of messages) {
    const ours = ns("coralc", message, "decodeEquals");
    const encode = ns("coralc", message, "encode");
    if (ours === undefined || encode === undefined) continue;
    const hand = ns("handwritten", message, "decodeEquals");
    const parts = [`${MESSAGE_TITLES[message]} decode with chars compared as JS strings: coralc ${fmt(ours)} ns`];
    if (hand !== undefined) parts.push(`handwritten ${fmt(hand)} ns = ${(ours / hand).toFixed(2)}x`);
    const best = fastestPeer(message, m);
    if (best) parts.push(`encode+decode ${fmt(encode + ours)} ns vs ${best.codec} ${fmt(best.sum)} ns = ${(best.sum / (encode + ours)).toFixed(1)}x`);
    notes.push(parts.join("; "));
  }
  return notes;
}

/**
 * One benchmark process: one codec, one message, one operation, so every call site the harness and the codec
 * use sees one function and one object shape (monomorphic, as in an application that uses one codec).
 *
 *   tsx bench/codec/worker.ts <codec> <message> <operation> time    → ns/op (median of 5), GCs
 *   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 … alloc → heap bytes per op
 *
 * Prints one JSON line (WorkerResult) on stdout. The method is the one of baselines.md §1.
 */
import { performance, PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { youngGenerationUsed } from "../../test/young-generation.js";
import { createCodec, loadCodecModule, type CodecName, type Operation } from "./codec.js";
import { INPUT_MASK, makeMarketData, makeOrders, type MessageName } from "./inputs.js";
import { verifyRoundTrip } from "./verify.js";

export type Mode = "time" | "alloc";

export interface WorkerResult {
  codec: CodecName;
  message: MessageName;
  operation: Operation;
  mode: Mode;
  meanBytes: number;
  /** time: median ns/op of the repetitions, each repetition's ns/op, and the GCs seen while timing. */
  nsPerOp?: number;
  repetitionsNs?: number[];
  timedOps?: number;
  gcCount?: number;
  gcMs?: number;
  /**
   * alloc: median bytes per op allocated in the young generation (V8's new space) over 3 GC-free windows, and
   * the window size. Every object a hot loop creates and drops lands there; see measureWindow() for why the
   * rest of the heap is reported apart (otherHeapBytesPerOp).
   */
  heapBytesPerOp?: number;
  /** alloc: growth of the other heap spaces per op in the same windows (compiled code and its metadata). */
  otherHeapBytesPerOp?: number;
  windowOps?: number;
  offHeapBytesPerOp?: number;
  /** alloc: young-generation bytes per op over 1M ops after one gc(), or null when a GC ran inside (then not 0). */
  heapBytesPerOpOver1M?: number | null;
  otherHeapBytesPerOpOver1M?: number | null;
  gcsOver1M?: number;
}

const WARMUP_MS = 1000;
const WARMUP_MIN_OPS = 300_000;
const REPETITIONS = 5;
const REPETITION_MS = 250;
/** 5 × 200k: GC counts always cover at least 1M operations. */
const REPETITION_MIN_OPS = 200_000;
const ALLOC_WINDOW_MAX_OPS = 100_000;
/** Keep a window's garbage well below the 64 MB semi-space so a clean window is likely. */
const ALLOC_WINDOW_MAX_BYTES = 16 * 1024 * 1024;

let sink = 0;

/** The timed loop: the only call of `op` in the process, so it stays monomorphic and can be inlined. */
function run(op: (i: number) => number, ops: number): void {
  let acc = 0;
  for (let k = 0; k < ops; k++) acc = (acc + op(k & INPUT_MASK)) | 0;
  sink = (sink + acc) | 0;
}

interface GcEntry {
  start: number;
  end: number;
}

const gcEntries: GcEntry[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcEntries.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ["gc"] });

/** GC entries are delivered asynchronously: let them arrive before looking. */
async function flushGcEntries(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
}

function gcsBetween(start: number, end: number): GcEntry[] {
  return gcEntries.filter((e) => e.end >= start && e.start <= end);
}

function warmUp(op: (i: number) => number): number {
  const start = performance.now();
  let ops = 0;
  let batch = 10_000;
  while (ops < WARMUP_MIN_OPS || performance.now() - start < WARMUP_MS) {
    run(op, batch);
    ops += batch;
    if (batch < 100_000) batch *= 2;
  }
  return ((performance.now() - start) * 1e6) / ops;
}

async function time(op: (i: number) => number, result: WorkerResult): Promise<void> {
  const warmNs = warmUp(op);
  const ops = Math.max(REPETITION_MIN_OPS, Math.ceil((REPETITION_MS * 1e6) / warmNs));
  const repetitions: number[] = [];
  let gcCount = 0;
  let gcMs = 0;
  for (let r = 0; r < REPETITIONS; r++) {
    await flushGcEntries();
    const start = performance.now();
    run(op, ops);
    const end = performance.now();
    repetitions.push(((end - start) * 1e6) / ops);
    await flushGcEntries();
    for (const e of gcsBetween(start, end)) {
      gcCount++;
      gcMs += e.end - e.start;
    }
  }
  const sorted = [...repetitions].sort((a, b) => a - b);
  result.nsPerOp = sorted[Math.floor(REPETITIONS / 2)]!;
  result.repetitionsNs = repetitions;
  result.timedOps = ops * REPETITIONS;
  result.gcCount = gcCount;
  result.gcMs = gcMs;
}

const gc = (globalThis as { gc?: () => void }).gc;

interface Window {
  heapBytes: number;
  otherHeapBytes: number;
  offHeapBytes: number;
  clean: boolean;
  gcs: number;
}

/**
 * Heap growth around `ops` operations, after a full GC. Allocation is read in the young generation (new space,
 * 64 MB here so no scavenge runs inside a window): every object, string or boxed number the loop creates goes
 * there first. The other spaces are reported apart because they grow by up to ~245 KB around a window of zero
 * operations (old-space bookkeeping, compiled code and feedback landing late), which over 100k operations reads
 * as ~2 B/op that no operation allocated. The reading itself costs a few KB of new space, measured by an empty
 * window and subtracted.
 */
async function measureWindow(op: (i: number) => number, ops: number): Promise<Window> {
  gc!();
  await flushGcEntries();
  const offHeap0 = process.memoryUsage().arrayBuffers;
  const start = performance.now();
  const empty0 = youngGenerationUsed();
  const empty1 = youngGenerationUsed();
  const heap0 = getHeapStatistics().used_heap_size;
  const new0 = youngGenerationUsed();
  run(op, ops);
  const new1 = youngGenerationUsed();
  const heap1 = getHeapStatistics().used_heap_size;
  const end = performance.now();
  const offHeap1 = process.memoryUsage().arrayBuffers;
  await flushGcEntries();
  const gcs = gcsBetween(start, end).length;
  const young = Math.max(0, new1 - new0 - (empty1 - empty0));
  return {
    heapBytes: young / ops,
    otherHeapBytes: (heap1 - heap0 - (new1 - new0)) / ops,
    offHeapBytes: (offHeap1 - offHeap0) / ops,
    clean: gcs === 0,
    gcs,
  };
}

async function alloc(op: (i: number) => number, result: WorkerResult): Promise<void> {
  if (!gc) throw new Error("alloc mode needs --expose-gc");
  warmUp(op);
  const probe = await measureWindow(op, 2_000);
  const estimate = Math.max(probe.heapBytes, 1);
  const windowOps = Math.max(1_000, Math.min(ALLOC_WINDOW_MAX_OPS, Math.floor(ALLOC_WINDOW_MAX_BYTES / estimate)));
  const clean: Window[] = [];
  for (let attempt = 0; attempt < 12 && clean.length < 3; attempt++) {
    const w = await measureWindow(op, windowOps);
    if (w.clean) clean.push(w);
  }
  if (clean.length < 3) throw new Error(`no 3 GC-free windows of ${windowOps} ops in 12 attempts`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  result.heapBytesPerOp = median(clean.map((w) => w.heapBytes));
  result.otherHeapBytesPerOp = median(clean.map((w) => w.otherHeapBytes));
  result.offHeapBytesPerOp = median(clean.map((w) => w.offHeapBytes));
  result.windowOps = windowOps;
  // The zero-allocation claim over 1M operations: heap growth after one gc(), and whether any GC ran.
  const long = await measureWindow(op, 1_000_000);
  result.heapBytesPerOpOver1M = long.clean ? long.heapBytes : null;
  result.otherHeapBytesPerOpOver1M = long.clean ? long.otherHeapBytes : null;
  result.gcsOver1M = long.gcs;
}

async function main(): Promise<void> {
  const [codecName, message, operation, mode] = process.argv.slice(2) as [CodecName, MessageName, Operation, Mode];
  const inputs = message === "order" ? makeOrders() : makeMarketData();
  const codec = createCodec(await loadCodecModule(codecName), message, inputs);
  const { meanBytes } = verifyRoundTrip(codecName, codec, message, inputs);
  const op = operation === "encode" ? codec.encode : codec[operation];
  if (!op) throw new Error(`${codecName} has no ${operation} for ${message}`);
  const result: WorkerResult = { codec: codecName, message, operation, mode, meanBytes };
  if (mode === "time") await time(op, result);
  else await alloc(op, result);
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

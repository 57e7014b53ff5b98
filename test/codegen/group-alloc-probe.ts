/**
 * Measures heap bytes allocated per operation by the encoder or the decoder of a group whose entries have more
 * fields than V8's cumulative inlining budget covers (group-alloc.test.ts generates it): 10 entries of 12
 * fields, eight of them wide, with values beyond V8's small integers. The decoder reads every field of every
 * entry in one function. Run in its own process:
 *
 *   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 --import tsx \
 *     test/codegen/group-alloc-probe.ts <generated module> [operations] [encode|decode]
 *
 * Same method as alloc-probe.ts: warm up, gc(), then the smallest growth of used_heap_size per operation over
 * 3 windows without a garbage collection. Prints one JSON line.
 */
import { PerformanceObserver, performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as v8 from "node:v8";

const modulePath = process.argv[2];
const ops = Number(process.argv[3] ?? 100_000);
const operation = process.argv[4] ?? "encode";
if (operation !== "encode" && operation !== "decode") throw new Error(`unknown operation ${operation}`);
if (!modulePath) throw new Error("usage: group-alloc-probe.ts <generated module> [operations]");
const gen: Record<string, any> = await import(pathToFileURL(modulePath).href);
const maybeGc = (globalThis as { gc?: () => void }).gc;
if (!maybeGc) throw new Error("run with --expose-gc");
const gc: () => void = maybeGc;

// One shape per input object, doubles above 2^31 in every wide field.
const N = 1024;
const rows = Array.from({ length: N }, (_, i) => ({
  price: 2 ** 33 + i * 7,
  qty: 2 ** 31 + i,
  orderId: 2 ** 45 + i,
  time: 2 ** 50 + i,
  px2: 2 ** 40 + i,
  q2: 3e9 + i,
  q3: 4e9 - i,
  id3: 2 ** 41 + i,
  a: i - 500,
  b: i & 0xfff,
  c: i & 0x7f,
  d: 3,
}));
const enc = new gen.BookEncoder();
const buf = new Uint8Array(4096);
let sink = 0;

function encode(k: number): number {
  enc.wrap(buf, 0).seq(2 ** 40 + k);
  const levels = enc.levelsCount(10);
  for (let j = 0; j < 10; j++) {
    const r = rows[(k + j) & (N - 1)]!;
    levels
      .next()
      .priceRaw(r.price)
      .qty(r.qty)
      .orderId(r.orderId)
      .time(r.time)
      .px2Raw(r.px2)
      .q2(r.q2)
      .q3(r.q3)
      .id3(r.id3)
      .a(r.a)
      .b(r.b)
      .c(r.c)
      .d(r.d);
  }
  return enc.encodedLength();
}

// The decoder's input: N messages back to back, as in a receive buffer.
const arena = new Uint8Array(N * buf.length);
const offsets = new Int32Array(N);
const lengths = new Int32Array(N);
for (let i = 0, at = 0; i < N; i++) {
  const length = encode(i);
  arena.set(buf.subarray(0, length), at);
  offsets[i] = at;
  lengths[i] = length;
  at += length;
}
const dec = new gen.BookDecoder();

/** Every field of every entry, folded into a checksum (64-bit values through their low and high words). */
function decode(k: number): number {
  const i = k & (N - 1);
  const d = dec.wrap(arena, offsets[i]!, lengths[i]!);
  let acc = fold(d.seq());
  const levels = d.levels();
  while (levels.hasNext()) {
    levels.next();
    acc = (Math.imul(acc, 31) + fold(levels.priceRaw())) | 0;
    acc = (Math.imul(acc, 31) + levels.qty()) | 0;
    acc = (Math.imul(acc, 31) + fold(levels.orderId())) | 0;
    acc = (Math.imul(acc, 31) + fold(levels.time())) | 0;
    acc = (Math.imul(acc, 31) + fold(levels.px2Raw())) | 0;
    acc = (Math.imul(acc, 31) + levels.q2()) | 0;
    acc = (Math.imul(acc, 31) + levels.q3()) | 0;
    acc = (Math.imul(acc, 31) + fold(levels.id3())) | 0;
    acc = (Math.imul(acc, 31) + levels.a()) | 0;
    acc = (Math.imul(acc, 31) + levels.b()) | 0;
    acc = (Math.imul(acc, 31) + levels.c()) | 0;
    acc = (Math.imul(acc, 31) + levels.d()) | 0;
  }
  return acc;
}

function fold(v: number): number {
  return (v | 0) ^ ((v / 4294967296) | 0);
}

const op = operation === "encode" ? encode : decode;

/** The measured loop, in a function so that it is optimized (top-level code would box its own numbers). */
function run(ops: number): void {
  let acc = 0;
  for (let i = 0; i < ops; i++) acc = (acc + op(i)) | 0;
  sink = (sink + acc) | 0;
}

const gcTimes: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcTimes.push(e.startTime);
});
observer.observe({ entryTypes: ["gc"] });

run(200_000); // warm-up: optimized before the window opens
const samples: number[] = [];
for (let attempt = 0; attempt < 5 && samples.length < 3; attempt++) {
  gc();
  await new Promise((r) => setImmediate(r));
  const t0 = performance.now();
  const before = v8.getHeapStatistics().used_heap_size;
  run(ops);
  const after = v8.getHeapStatistics().used_heap_size;
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, 10)); // let the observer deliver gc entries
  if (gcTimes.some((t) => t >= t0 && t <= t1)) continue;
  samples.push((after - before) / ops);
}
observer.disconnect();
console.log(JSON.stringify({ operation, ops, gcFree: samples.length > 0, bytesPerOp: samples.length > 0 ? Math.min(...samples) : NaN, sink: sink % 1000 }));

/**
 * Measures heap bytes allocated per operation by generated exchange NewOrder code: encode, decode without
 * string materialization, and decode with interned strings. Run in its own process:
 *
 *   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 --import tsx \
 *     test/codegen/alloc-probe.ts <generated exchange module> [operations]
 *
 * Method (docs/../reference baselines §1): warm up so everything is optimized, gc(), then run the operations
 * in a window with no garbage collection (a 64 MiB young generation, checked with a PerformanceObserver) and
 * divide the change of used_heap_size by the count; the smallest of 3 windows. Prints one JSON line.
 */
import { PerformanceObserver, performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as v8 from "node:v8";

type Gen = Record<string, any>;

const modulePath = process.argv[2];
const ops = Number(process.argv[3] ?? 1_000_000);
if (!modulePath) throw new Error("usage: alloc-probe.ts <generated exchange module> [operations]");
const gen: Gen = await import(pathToFileURL(modulePath).href);
const maybeGc = (globalThis as { gc?: () => void }).gc;
if (!maybeGc) throw new Error("run with --expose-gc");
const gc: () => void = maybeGc;

// 1024 deterministic orders, built up front so the measured loop only encodes and decodes.
const N = 1024;
const accounts = Array.from({ length: 64 }, (_, i) => `ACCT${String(i).padStart(4, "0")}`);
const symbols = ["AAPL", "MSFT", "GOOG", "AMZN", "TSLA", "NVDA", "META", "IBM"];
const clOrdId: number[] = [];
const price: number[] = [];
const stop: Array<number | null> = [];
const qty: number[] = [];
const account: string[] = [];
const symbol: string[] = [];
const side: number[] = [];
for (let i = 0; i < N; i++) {
  clOrdId.push(2 ** 40 + i * 7919); // above 2^32: exercises both halves
  price.push(100_000 + ((i * 37) % 5000) / 4); // × 10^4 is above 2^32
  stop.push(i % 2 === 0 ? null : 99_000 + i);
  qty.push(1 + ((i * 13) % 1000));
  account.push(accounts[i % accounts.length]!);
  symbol.push(symbols[i % symbols.length]!);
  side.push(i % 3 === 0 ? gen.Side.Sell : gen.Side.Buy);
}

const buf = new Uint8Array(256);
const enc = new gen.NewOrderEncoder();
const dec = new gen.NewOrderDecoder();
// A typed-array sink: adding doubles into a plain `let` would box a HeapNumber per op and measure the probe.
const sink = new Float64Array(1);

function encode(i: number): number {
  enc
    .wrap(buf, 0)
    .clOrdId(clOrdId[i]!)
    .account(account[i]!)
    .symbol(symbol[i]!)
    .side(side[i]!)
    .price(price[i]!)
    .qty(qty[i]!)
    .timeInForce(gen.TimeInForce.Day)
    .flags(gen.ExecFlags.PostOnly)
    .stopPrice(stop[i]!);
  const legs = enc.legsCount(3);
  for (let l = 0; l < 3; l++) legs.next().symbol(symbol[(i + l) & 7]!).ratio(l - 1).side(side[i]!);
  return enc.encodedLength();
}

// Keys for the in-place word comparison, made once as an application makes them.
const AAPL_KEY = gen.NewOrderDecoder.symbolKey("AAPL");
const MSFT_KEY = gen.NewOrderLegsDecoder.symbolKey("MSFT");

function decode(length: number): void {
  dec.wrap(buf, 0, length);
  let s = dec.clOrdId() + dec.price() + dec.qty() + dec.side() + dec.timeInForce() + dec.flags();
  const sp = dec.stopPrice();
  if (sp !== null) s += sp;
  if (dec.symbolEquals("AAPL")) s += 1;
  if (dec.symbolEqualsKey(AAPL_KEY)) s += 1;
  s += dec.getAccount(scratch);
  const legs = dec.legs();
  while (legs.hasNext()) {
    legs.next();
    s += legs.ratio() + legs.side();
    if (legs.symbolEquals("MSFT")) s += 1;
    if (legs.symbolEqualsKey(MSFT_KEY)) s += 1;
  }
  sink[0] += s;
}

function decodeInterned(length: number): void {
  dec.wrap(buf, 0, length);
  sink[0] += dec.accountInterned().length + dec.symbolInterned().length + dec.clOrdId();
  const legs = dec.legs();
  while (legs.hasNext()) sink[0] += legs.next().symbolInterned().length;
}
const scratch = new Uint8Array(16);

const lengths = new Int32Array(N);
const runners: Record<string, (i: number) => void> = {
  encode: (i) => {
    lengths[i & (N - 1)] = encode(i & (N - 1));
  },
  decode: (i) => decode(lengths[i & (N - 1)]!),
  encodeDecode: (i) => decode(encode(i & (N - 1))),
  decodeInterned: (i) => decodeInterned(lengths[i & (N - 1)]!),
};
for (let i = 0; i < N; i++) lengths[i] = encode(i);

const gcTimes: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcTimes.push(e.startTime);
});
observer.observe({ entryTypes: ["gc"] });

async function measure(name: string): Promise<{ bytesPerOp: number; gcFree: boolean }> {
  const run = runners[name]!;
  for (let i = 0; i < 300_000; i++) run(i); // warm-up: optimized before the window opens
  const samples: number[] = [];
  let gcFree = false;
  for (let attempt = 0; attempt < 5 && samples.length < 3; attempt++) {
    gc();
    await new Promise((r) => setImmediate(r));
    const t0 = performance.now();
    const before = v8.getHeapStatistics().used_heap_size;
    for (let i = 0; i < ops; i++) run(i);
    const after = v8.getHeapStatistics().used_heap_size;
    const t1 = performance.now();
    await new Promise((r) => setTimeout(r, 10)); // let the observer deliver gc entries
    if (gcTimes.some((t) => t >= t0 && t <= t1)) continue; // a collection hides allocation: retry
    gcFree = true;
    samples.push((after - before) / ops);
  }
  // The smallest window: allocation by the measured code shows in every window, while one-off heap growth
  // (a late optimization installing code, the observer) lands in only some.
  return { bytesPerOp: samples.length > 0 ? Math.min(...samples) : NaN, gcFree };
}

const result: Record<string, unknown> = { ops };
for (const name of Object.keys(runners)) result[name] = await measure(name);
observer.disconnect();
result.sink = sink[0]! % 1000;
console.log(JSON.stringify(result));

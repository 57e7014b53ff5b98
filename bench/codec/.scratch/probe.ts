// Scratch probe (not committed): node --expose-gc … probe.ts <module> <message> <op>
import { getHeapStatistics } from "node:v8";
import { performance } from "node:perf_hooks";
import { sbeCodecModule } from "../codecs/sbe.js";
import { createCodec } from "../codec.js";
import { INPUT_MASK, makeMarketData, makeOrders } from "../inputs.js";
import { verifyRoundTrip } from "../verify.js";
const [modPath, message, op] = process.argv.slice(2) as [string, "order" | "marketData", string];
const classes = await import(modPath);
const inputs = message === "order" ? makeOrders() : makeMarketData();
const codec = createCodec(sbeCodecModule(classes), message, inputs);
if (process.argv[5] === "noverify") codec.prepareDecode(); else verifyRoundTrip("probe", codec, message, inputs);
const fn = (codec as any)[op] as (i: number) => number;
let sink = 0;
function run(f: (i: number) => number, n: number) { let acc = 0; for (let k = 0; k < n; k++) acc = (acc + f(k & INPUT_MASK)) | 0; sink = (sink + acc) | 0; }
for (let i = 0; i < 40; i++) run(fn, 50_000);
(globalThis as any).gc();
const h0 = getHeapStatistics().used_heap_size; const t0 = performance.now();
run(fn, 1_000_000);
const t1 = performance.now(); const h1 = getHeapStatistics().used_heap_size;
console.log(modPath.split("/").pop(), message, op, ((h1 - h0) / 1e6).toFixed(2), "B/op", ((t1 - t0)).toFixed(0), "ns/op(1M)");

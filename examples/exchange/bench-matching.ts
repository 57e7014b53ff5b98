// Allocation and throughput of the matching core, outside the test suite.
//
//   npm run bench:exchange [-- commands]   (node --expose-gc --import tsx examples/exchange/bench-matching.ts)
//
// Phase "engine": replays a pre-generated command stream (kept in arrays) into
// a warm engine; phase "flow+engine": the order-flow generator feeding the
// engine live, as a trader and the engine would in one process; phase
// "nodes": the exchange's nodes (two engine replicas hot-hot, market data, two
// gateways with four traders) with a sequencer on the deterministic test
// cluster, per sequenced message. For each it prints the rate, heap bytes per
// command or message (used heap after vs before, with no collection in
// between) and how many garbage collections ran.

import { PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { MatchingEngine } from "./matching-engine.js";
import { NoopMatchingListener } from "./matching-listener.js";
import { applyFlowCommand, FlowKind, OrderFlow, type FlowSymbol } from "./order-flow.js";
import { SimCluster } from "coralseq";
import { createNode as createEngine } from "./engine-node.js";
import { demoTraders } from "./demo-settings.js";
import { createNode as createMarketData } from "./market-data-node.js";
import { TradingGatewayNode } from "./trading-gateway-node.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");

const COMMANDS = Number(process.argv[2] ?? 1_000_000);
const SYMBOLS: FlowSymbol[] = [
  { symbol: "ACME", midPrice: 1_000_000, tickSize: 100 },
  { symbol: "GLOBX", midPrice: 250_000, tickSize: 50 },
  { symbol: "INIT", midPrice: 40_000, tickSize: 10 },
];
const NAMES = SYMBOLS.map((s) => s.symbol);

function traders(seed: number): OrderFlow[] {
  return [1, 2, 3, 4].map((i) => new OrderFlow({ seed: seed + i, account: `TRADER${i}`, symbols: SYMBOLS }));
}

/**
 * The stream as parallel arrays, so replaying it allocates nothing. The numbers sit in plain arrays of
 * small integers, not Float64Arrays: a double read from a typed array and passed to a call is boxed
 * into a heap number, which would bill the harness's garbage to the engine.
 */
class RecordedStream {
  readonly kind = new Uint8Array(COMMANDS);
  readonly clOrdId: number[] = new Array<number>(COMMANDS).fill(0);
  readonly origClOrdId: number[] = new Array<number>(COMMANDS).fill(0);
  readonly side = new Uint8Array(COMMANDS);
  readonly price: number[] = new Array<number>(COMMANDS).fill(0);
  readonly qty: number[] = new Array<number>(COMMANDS).fill(0);
  readonly timeInForce = new Uint8Array(COMMANDS);
  readonly flags = new Uint8Array(COMMANDS);
  readonly account: string[] = new Array<string>(COMMANDS);
  readonly symbol: string[] = new Array<string>(COMMANDS);

  constructor(seed: number) {
    const flows = traders(seed);
    for (let i = 0; i < COMMANDS; i++) {
      const c = flows[i % flows.length]!.next();
      this.kind[i] = c.kind;
      this.clOrdId[i] = c.clOrdId;
      this.origClOrdId[i] = c.origClOrdId;
      this.side[i] = c.side;
      this.price[i] = c.price;
      this.qty[i] = c.qty;
      this.timeInForce[i] = c.timeInForce;
      this.flags[i] = c.flags;
      this.account[i] = c.account;
      this.symbol[i] = c.symbol;
    }
  }

  replay(engine: MatchingEngine, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const kind = this.kind[i];
      if (kind === FlowKind.New) {
        engine.newOrder(
          this.clOrdId[i]!,
          this.account[i]!,
          this.symbol[i]!,
          this.side[i]!,
          this.price[i]!,
          this.qty[i]!,
          this.timeInForce[i]!,
          this.flags[i]!,
        );
      } else if (kind === FlowKind.Cancel) {
        engine.cancelOrder(this.clOrdId[i]!, this.origClOrdId[i]!, this.account[i]!, this.symbol[i]!, this.side[i]!);
      } else {
        engine.replaceOrder(
          this.clOrdId[i]!,
          this.origClOrdId[i]!,
          this.account[i]!,
          this.symbol[i]!,
          this.side[i]!,
          this.price[i]!,
          this.qty[i]!,
        );
      }
    }
  }
}

let gcCount = 0;
new PerformanceObserver((list) => {
  gcCount += list.getEntries().length;
}).observe({ entryTypes: ["gc"] });

/** GC entries arrive asynchronously: yield so the observer sees those of the measured run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function measure(name: string, count: number, body: () => void): Promise<void> {
  gc!();
  await settle();
  const gcBefore = gcCount;
  const heapBefore = getHeapStatistics().used_heap_size;
  const start = process.hrtime.bigint();
  body();
  const ns = Number(process.hrtime.bigint() - start);
  const heapAfter = getHeapStatistics().used_heap_size;
  await settle();
  const perCommand = (heapAfter - heapBefore) / count;
  console.log(
    `${name.padEnd(12)} ${count} commands  ${(((count / ns) * 1e9) / 1e6).toFixed(2)} M cmd/s  ` +
      `${(ns / count).toFixed(0)} ns/cmd  heap ${perCommand.toFixed(3)} B/cmd  gc runs ${gcCount - gcBefore}`,
  );
}

// Warm up (JIT, pools, maps) on the first half, measure on the second.
const stream = new RecordedStream(100);
const engine = new MatchingEngine(NAMES, new NoopMatchingListener());
const half = COMMANDS >>> 1;
stream.replay(engine, 0, half);
const poolBefore = engine.orderPoolCapacity;
await measure("engine", COMMANDS - half, () => stream.replay(engine, half, COMMANDS));
console.log(
  `             trades ${engine.lastTradeId}, resting ${engine.restingOrderCount}, order pool ${poolBefore} -> ${engine.orderPoolCapacity}, hash ${engine.stateHash()}`,
);

const flows = traders(200);
const live = new MatchingEngine(NAMES, new NoopMatchingListener());
const feed = (n: number) => {
  for (let i = 0; i < n; i++) applyFlowCommand(live, flows[i % flows.length]!.next());
};
feed(half);
await measure("flow+engine", COMMANDS - half, () => feed(COMMANDS - half));

// The nodes: every message goes through the runtime (memory transport), the generated dispatcher and
// encoders, the engine, the publishers and the gateways' routing. Warm up for 2 s of virtual time, then measure.
const cluster = new SimCluster({ seed: 9, sequencer: { accounts: ["ENGINE", "MD", "GW1", "GW2"] } });
const replicas = [1, 2].map((i) => cluster.add(createEngine(cluster.nodeOptions("ENGINE", i))).open().activate());
cluster.add(createMarketData(cluster.nodeOptions("MD"))).open().activate();
cluster.start();
cluster.runUntil(() => replicas.every((r) => r.isActive()), 1e9);
for (const g of [1, 2]) {
  const options = { ordersPerSecond: 2000, durationMs: 1e9, traders: demoTraders(g, 9) };
  cluster.add(new TradingGatewayNode(cluster.nodeOptions(`GW${g}`), options)).open().activate();
}
cluster.run(2e9);
gc!();
await settle();
{
  const gcBefore = gcCount;
  const heapBefore = getHeapStatistics().used_heap_size;
  const sequenceBefore = cluster.sequencer.lastSequence();
  const ordersBefore = replicas[0]!.report().orders;
  const start = process.hrtime.bigint();
  cluster.run(Math.max(1, Math.round(COMMANDS / 100_000)) * 1e9);
  const ns = Number(process.hrtime.bigint() - start);
  const heapAfter = getHeapStatistics().used_heap_size;
  await settle();
  const messages = cluster.sequencer.lastSequence() - sequenceBefore;
  const orders = replicas[0]!.report().orders - ordersBefore;
  console.log(
    `${"nodes".padEnd(12)} ${messages} messages (${orders} orders)  ${((messages / ns) * 1e9).toFixed(0)} msg/s in one thread  ` +
      `heap ${((heapAfter - heapBefore) / messages).toFixed(3)} B/msg  gc runs ${gcCount - gcBefore}`,
  );
}

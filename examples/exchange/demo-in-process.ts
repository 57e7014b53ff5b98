// Part 2 of the demo in one process, on the memory transport (`npm run demo --
// --transport memory`): the same sequencer, replayer and exchange nodes as the
// UDP run, each with its own transport on one MemoryNetwork, turned by one loop
// on the real clock. Nothing here is specific to memory except the transport:
// the nodes are the ones `coral node` runs in the UDP demo.

import { MemoryNetwork, type Node, type NodeOptions, Sequencer, SystemClock } from "coralseq";
import { Replayer } from "../../runtime/replayer/replayer.js";
import { type DemoOutcome, checkReplicas, type NodeSummary, type ProgressLine } from "./demo-summary.js";
import { createNode as createEngine, type MatchingEngineNode } from "./engine-node.js";
import { ENGINE_ACCOUNT, gatewayAccount, MARKET_DATA_ACCOUNT } from "./exchange-setup.js";
import { LatencyHistogram } from "./latency-histogram.js";
import { createNode as createMarketData } from "./market-data-node.js";
import { demoTraders, type DemoSettings } from "./demo-settings.js";
import { TradingGatewayNode } from "./trading-gateway-node.js";

/** Runs the components for up to `budgetMs` of real time, or until `done()`. Yields to the event loop every few ms. */
async function turnUntil(turn: () => void, done: () => boolean, budgetMs: number, stop: () => boolean): Promise<boolean> {
  const end = performance.now() + budgetMs;
  while (!done()) {
    if (stop()) throw new Error("interrupted");
    if (performance.now() >= end) return false;
    const sliceEnd = Math.min(end, performance.now() + 5);
    while (performance.now() < sliceEnd) turn();
    await new Promise<void>((r) => setImmediate(r));
  }
  return true;
}

export async function runInProcess(settings: DemoSettings, progress: ProgressLine, stopped: () => boolean): Promise<DemoOutcome> {
  const clock = new SystemClock();
  const network = new MemoryNetwork({ clock, seed: settings.seed, latencyNs: 1 });
  const accounts = [ENGINE_ACCOUNT, MARKET_DATA_ACCOUNT, gatewayAccount(1), gatewayAccount(2)];
  const sequencer = new Sequencer({ transport: network.transport(), clock, accounts, heartbeatIntervalNs: 100e6 });
  const replayer = new Replayer({ transport: network.transport(), clock });
  const options = (account: string, instance = 1): NodeOptions => ({ account, instance, transport: network.transport(), clock, heartbeatIntervalNs: 1e9 });
  const nodes: Node[] = [];
  const turn = (): void => {
    network.deliverDue();
    sequencer.doWork();
    replayer.doWork();
    for (let i = 0; i < nodes.length; i++) nodes[i]!.doWork();
  };

  sequencer.open().activate();
  replayer.open();
  const engines: MatchingEngineNode[] = [1, 2].map((i) => createEngine(options(ENGINE_ACCOUNT, i)));
  const marketData = createMarketData(options(MARKET_DATA_ACCOUNT));
  for (const n of [...engines, marketData]) nodes.push(n.open().activate());
  if (!(await turnUntil(turn, () => nodes.every((n) => n.isActive()), 5000, stopped))) throw new Error("the engines and market data did not become active");

  const gateways = [1, 2].map((g) => new TradingGatewayNode(options(gatewayAccount(g)), { ordersPerSecond: settings.ordersPerSecond, durationMs: settings.durationMs, traders: demoTraders(g, settings.seed), openWhenActive: [ENGINE_ACCOUNT, MARKET_DATA_ACCOUNT, gatewayAccount(1), gatewayAccount(2)] }));
  for (const g of gateways) nodes.push(g.open().activate());
  const startMs = performance.now();
  const startSequence = sequencer.lastSequence();
  let lastSampleMs = startMs;
  let lastSequence = startSequence;
  let rate = 0;
  let late: MatchingEngineNode | null = null;
  const sample = (): void => {
    const now = performance.now();
    if (now - lastSampleMs < 250) return;
    rate = ((sequencer.lastSequence() - lastSequence) * 1000) / (now - lastSampleMs);
    lastSampleMs = now;
    lastSequence = sequencer.lastSequence();
    const r = engines[0]!.report();
    progress.update((now - startMs) / 1000, rate, r.orders, r.fills, late === null ? "" : late.isRewinding() ? "late replica rewinding" : "late replica live");
  };
  const doneTrading = (): boolean => gateways.every((g) => g.doneTrading);
  await turnUntil(
    () => {
      turn();
      sample();
      if (late === null && (performance.now() - startMs >= settings.lateJoinMs || doneTrading())) {
        late = createEngine(options(ENGINE_ACCOUNT, 3));
        engines.push(late);
        nodes.push(late.open().activate());
      }
    },
    () => doneTrading() && late !== null,
    settings.durationMs + 10_000,
    stopped,
  );
  const tradingSeconds = (performance.now() - startMs) / 1000;
  const messagesWhileTrading = sequencer.lastSequence() - startSequence;
  const settled = (): boolean => {
    const last = sequencer.lastSequence();
    return nodes.every((n) => n.lastSequence() === last && !n.isRewinding() && !(n.isActive() && n.pendingCommands() > 0));
  };
  const didSettle = await turnUntil(() => { turn(); sample(); }, settled, 10_000, stopped);
  progress.end();

  const rtt = new LatencyHistogram();
  for (const g of gateways) rtt.addSparse(g.roundTrips.toSparse());
  const summaries: NodeSummary[] = [];
  const ordersRead = new Map<string, number>();
  for (const e of engines) {
    const r = e.report();
    const name = `engine-${e.instance}${e.instance === 3 ? " (late)" : ""}`;
    summaries.push({ name, role: "engine", hash: r.hash });
    ordersRead.set(name, r.orders);
  }
  const md = marketData.report();
  summaries.push({ name: "marketdata", role: "marketdata", hash: md.hash });
  ordersRead.set("marketdata", md.orders);
  for (const g of gateways) {
    summaries.push({ name: `gateway-${g.account}`, role: "gateway", hash: g.hash.toHex() });
    for (const t of g.traders) summaries.push({ name: `trader-${t.account}`, role: "trader", hash: t.hash() });
  }
  const problems = checkReplicas(summaries, ordersRead);
  if (!didSettle) problems.push("the cluster did not settle within 10 s after trading");
  const e = engines[0]!.report();
  for (const n of nodes) n.close();
  replayer.close();
  sequencer.close();
  return {
    transport: "memory",
    orders: e.orders,
    fills: e.fills,
    refused: gateways.reduce((n, g) => n + g.counters.refused, 0),
    msgsPerSec: messagesWhileTrading / tradingSeconds,
    messages: sequencer.lastSequence(),
    tradingSeconds,
    rtt,
    nodes: summaries,
    consistent: problems.length === 0,
    problems,
    processes: [],
  };
}

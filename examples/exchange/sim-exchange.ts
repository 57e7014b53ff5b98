// The whole exchange in one thread, on the runtime's deterministic test
// cluster (SimCluster: in-memory transport, virtual clock): a sequencer, two
// engine replicas hot-hot, the market-data node, two gateways with two traders
// each, and a third engine replica that joins late and rewinds. The same seed
// gives the same run, message for message — faults included, if asked for.
//
//   npx tsx examples/exchange/sim-exchange.ts
//
// The tests in test/exchange/ run it; the demo runs the same nodes as separate
// processes over UDP multicast.

import { pathToFileURL } from "node:url";
import { type FaultPolicy, SimCluster } from "coralseq";
import { demoTraders } from "./demo-settings.js";
import { MatchingEngineNode, createNode as createEngine } from "./engine-node.js";
import { ENGINE_ACCOUNT, gatewayAccount, MARKET_DATA_ACCOUNT } from "./exchange-setup.js";
import { MarketDataNode, createNode as createMarketData } from "./market-data-node.js";
import { TradingGatewayNode } from "./trading-gateway-node.js";

export interface SimExchangeOptions {
  seed?: number;
  /** Orders per second per trader, in virtual time. Default 2000. */
  ordersPerSecond?: number;
  /** Virtual trading time. Default 200 ms. */
  durationMs?: number;
  /** When the late engine replica starts, in virtual ms after trading starts. Default half the duration. */
  lateJoinAtMs?: number;
  faults?: { commands?: FaultPolicy; stream?: FaultPolicy; requests?: FaultPolicy };
}

export interface SimExchange {
  cluster: SimCluster;
  engines: MatchingEngineNode[];
  marketData: MarketDataNode;
  gateways: TradingGatewayNode[];
  /** The sequence number the stream had reached when the late replica started. */
  lateJoinedAtSequence: number;
}

/** Builds, runs and settles the exchange; returns every node for inspection. */
export function runSimExchange(options: SimExchangeOptions = {}): SimExchange {
  const seed = options.seed ?? 7;
  const durationMs = options.durationMs ?? 200;
  const cluster = new SimCluster({
    seed,
    faults: options.faults,
    sequencer: { accounts: [ENGINE_ACCOUNT, MARKET_DATA_ACCOUNT, gatewayAccount(1), gatewayAccount(2)] },
  });
  const engines = [1, 2].map((i) => cluster.add(createEngine(cluster.nodeOptions(ENGINE_ACCOUNT, i))).open().activate());
  const marketData = cluster.add(createMarketData(cluster.nodeOptions(MARKET_DATA_ACCOUNT))).open().activate();
  cluster.start();
  cluster.runUntil(() => engines.every((e) => e.isActive()) && marketData.isActive(), 1e9);

  const gateways = [1, 2].map((g) =>
    cluster
      .add(
        new TradingGatewayNode(cluster.nodeOptions(gatewayAccount(g)), {
          ordersPerSecond: options.ordersPerSecond ?? 2000,
          durationMs,
          traders: demoTraders(g, seed),
          openWhenActive: [ENGINE_ACCOUNT, MARKET_DATA_ACCOUNT, gatewayAccount(1), gatewayAccount(2)],
        }),
      )
      .open()
      .activate(),
  );
  const lateJoinNs = (options.lateJoinAtMs ?? durationMs / 2) * 1e6;
  const started = cluster.clock.nanoTime();
  cluster.runUntil(() => cluster.clock.nanoTime() - started >= lateJoinNs, lateJoinNs + 1e9);
  const lateJoinedAtSequence = cluster.sequencer.lastSequence();
  // The late replica: it rewinds the session from sequence 1, then goes active as a third hot-hot instance.
  engines.push(cluster.add(createEngine(cluster.nodeOptions(ENGINE_ACCOUNT, 3))).open().activate());
  cluster.runUntil(() => gateways.every((g) => g.doneTrading), 60e9);
  cluster.settle(30e9);
  return { cluster, engines, marketData, gateways, lateJoinedAtSequence };
}

export function main(): void {
  const started = performance.now();
  const { cluster, engines, marketData, gateways } = runSimExchange();
  const e = engines[0]!.report();
  console.log(`${e.orders} orders, ${e.fills} fills, ${cluster.sequencer.lastSequence()} messages sequenced, in ${(performance.now() - started).toFixed(0)} ms of real time`);
  for (const engine of engines) console.log(`  engine ${engine.instance}: state ${engine.report().hash}`);
  console.log(`  market data book: state ${marketData.report().hash}`);
  for (const g of gateways) for (const t of g.traders) console.log(`  ${g.account} ${t.account}: ${JSON.stringify(t.counts)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

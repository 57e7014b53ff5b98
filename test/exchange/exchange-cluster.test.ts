// The whole exchange on the deterministic test cluster (SimCluster: memory transport, virtual clock): two engine
// replicas hot-hot, the market-data node, two gateways with two traders each, and a third engine replica that
// joins late and rewinds.

import { describe, expect, it } from "vitest";
import { runSimExchange, type SimExchange } from "../../examples/exchange/sim-exchange.js";

function everyHash(x: SimExchange): string[] {
  return [
    ...x.engines.map((e) => e.report().hash),
    x.marketData.report().hash,
    ...x.gateways.flatMap((g) => [g.hash.toHex(), ...g.traders.map((t) => t.hash())]),
  ];
}

describe("the exchange cluster", () => {
  const run = runSimExchange({ seed: 11, durationMs: 150 });

  it("ends with the two hot-hot engine replicas, the late joiner and the market-data book in one state", () => {
    const { cluster, engines, marketData, gateways } = run;
    expect(engines).toHaveLength(3);
    const first = engines[0]!.report();
    expect(first.orders).toBeGreaterThan(1000);
    expect(first.fills).toBeGreaterThan(100);
    expect(first.restingOrders).toBeGreaterThan(0);
    for (const e of engines) {
      const r = e.report();
      expect({ instance: e.instance, hash: r.hash, orders: r.orders, fills: r.fills }).toEqual({ instance: e.instance, hash: first.hash, orders: first.orders, fills: first.fills });
    }
    expect(marketData.report().hash).toBe(first.hash);
    expect(marketData.report().orders).toBe(first.orders);
    // Every order a gateway sent was read by the engines, once.
    expect(first.orders).toBe(gateways.reduce((n, g) => n + g.counters.sequenced, 0));
    expect(gateways.reduce((n, g) => n + g.counters.sent, 0)).toBe(first.orders);
    cluster.assertAgreement(); // every node delivered the same stream
  });

  it("sequences each execution report once although every engine replica sends it", () => {
    const { cluster, engines, gateways } = run;
    const counts = engines[0]!.reports.counts;
    const traders = gateways.flatMap((g) => g.traders);
    const sum = (f: (c: (typeof traders)[number]["counts"]) => number) => traders.reduce((n, t) => n + f(t.counts), 0);
    expect(sum((c) => c.fills)).toBe(counts.fills);
    expect(sum((c) => c.acks)).toBe(counts.acks);
    expect(sum((c) => c.cancels)).toBe(counts.cancels);
    expect(sum((c) => c.rejects - c.refused)).toBe(counts.rejects);
    expect(cluster.sequencer.counters.duplicates).toBeGreaterThan(counts.fills); // the twins' copies, dropped
  });

  it("lets the late replica catch up by rewinding and then take part hot-hot", () => {
    const late = run.engines[2]!;
    expect(late.isRewinding()).toBe(false);
    expect(late.isActive()).toBe(true);
    // It joined halfway through trading and rebuilt the first half from the session's history (asked for it).
    expect(run.lateJoinedAtSequence).toBeGreaterThan(1000);
    expect(late.stats().receiver.requestsSent).toBeGreaterThan(0);
    expect(late.deliveredCount()).toBe(run.engines[0]!.deliveredCount());
    expect(late.report().lastOrderSequence).toBe(run.engines[0]!.report().lastOrderSequence);
    // It computed the same reports as its twins (the traders got each once: see the test above).
    expect(run.engines[0]!.reports.counts.fills).toBe(late.reports.counts.fills);
  });

  it("is deterministic: the same seed gives the same run, another seed another one", () => {
    const again = runSimExchange({ seed: 11, durationMs: 150 });
    expect(everyHash(again)).toEqual(everyHash(run));
    const other = runSimExchange({ seed: 12, durationMs: 150 });
    expect(other.engines[0]!.report().hash).not.toBe(run.engines[0]!.report().hash);
  });

  it("stays consistent when the network drops, duplicates and reorders datagrams", () => {
    const faults = { drop: 0.05, duplicate: 0.02, reorder: 0.05 };
    const x = runSimExchange({ seed: 5, durationMs: 80, faults: { commands: faults, stream: faults, requests: faults } });
    const hashes = new Set([...x.engines.map((e) => e.report().hash), x.marketData.report().hash]);
    expect(hashes.size).toBe(1);
    expect(x.engines[0]!.report().orders).toBe(x.gateways.reduce((n, g) => n + g.counters.sent, 0));
    expect(x.cluster.network.counters.dropped).toBeGreaterThan(0);
    x.cluster.assertAgreement();
  });
});

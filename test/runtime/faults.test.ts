/**
 * The core promise under faults: with 20% loss, duplicates and reordering of every kind of datagram, every node
 * ends with the same stream, with no gap and no duplicate, and every command is sequenced exactly once; the same
 * seed gives the identical run.
 */
import { describe, expect, it } from "vitest";
import { runSimulation } from "../../runtime/testing/simulation.js";
import { SimCluster } from "../../runtime/index.js";
import { command, RecordingNode } from "./helpers.js";

const faulty = { drop: 0.2, dup: 0.1, reorder: 0.2 };

describe("a cluster under seeded faults", () => {
  it("delivers one identical, gap-free stream to every node and sequences each command once", () => {
    const report = runSimulation({ seed: 11, nodes: 4, commands: 1500, ...faulty });
    expect(report.settled).toBe(true);
    expect(report.violations).toEqual([]);
    expect(report.result.sequenced).toBe(1500);
    // Faults really happened, and the protocol had to work for it.
    expect(report.network.dropped).toBeGreaterThan(500);
    expect(report.network.duplicated).toBeGreaterThan(100);
    expect(report.network.reordered).toBeGreaterThan(100);
    expect(report.sequencer.duplicates).toBeGreaterThan(0);
    const hashes = new Set(report.result.nodes.map((n) => n.hash));
    expect(hashes.size).toBe(1);
    for (const node of report.result.nodes) expect(node.delivered).toBe(report.lastSequence);
  });

  it("gives the identical run for the same seed, and a different one for another seed", () => {
    const a = runSimulation({ seed: 5, nodes: 3, commands: 400, ...faulty });
    const b = runSimulation({ seed: 5, nodes: 3, commands: 400, ...faulty });
    const c = runSimulation({ seed: 6, nodes: 3, commands: 400, ...faulty });
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    expect(b.network).toEqual(a.network);
    expect(b.virtualNs).toBe(a.virtualNs);
    expect(c.result.nodes[0]!.hash).not.toBe(a.result.nodes[0]!.hash);
  });

  it("keeps the order and exactly-once per node: each node's commands appear as 1, 2, 3 … in the stream", () => {
    const cluster = new SimCluster({
      seed: 99,
      faults: { commands: { drop: 0.2, duplicate: 0.2, reorder: 0.3 }, stream: { drop: 0.2, duplicate: 0.2, reorder: 0.3 }, requests: { drop: 0.2 } },
      sequencer: { accounts: ["A", "B"] },
    });
    const a = cluster.add(new RecordingNode(cluster.nodeOptions("A"))).open().activate();
    const b = cluster.add(new RecordingNode(cluster.nodeOptions("B"))).open().activate();
    cluster.start();
    cluster.runUntil(() => a.isActive() && b.isActive(), 1e9);
    for (let i = 0; i < 300; i++) {
      a.sendCommand(command(i, 1));
      if (i % 2 === 0) b.sendCommand(command(i, 2));
      cluster.step();
    }
    cluster.settle();
    cluster.assertAgreement();
    expect(a.seen).toEqual(b.seen.map((s) => ({ ...s, isMine: s.account === "A" })));
    const fromA = a.seen.filter((s) => s.account === "A");
    expect(fromA.map((s) => s.commandNumber)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(fromA.map((s) => s.value)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    const sequences = a.seen.map((s) => s.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    // Timestamps never go backwards along the stream.
    for (let i = 1; i < a.seen.length; i++) expect(a.seen[i]!.time >= a.seen[i - 1]!.time).toBe(true);
  });
});

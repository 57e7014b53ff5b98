/** The runnable examples work, and a node written against a coralc-generated schema gets typed handler calls. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { main as counterCluster } from "../../examples/counter-cluster.js";
import { main as timeNode } from "../../examples/time-node.js";

describe("examples", () => {
  afterEach(() => vi.restoreAllMocks());

  it("the TIME node sees its own command with the sequencer's time", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const node = timeNode();
    expect(node.lines).toEqual([
      "NODE1: active, sending TIME",
      expect.stringMatching(/^NODE1: saw my TIME command \(#1\) as message \d+ of session 2601020930, sequencer time 2026-01-02T09:30:00\.\d{9}Z$/),
    ]);
  });

  it("the counter replicas, one of them late, agree under 20% loss", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const { replicas } = counterCluster(300);
    expect(replicas).toHaveLength(4);
    for (const r of replicas) {
      expect(r.applied).toBe(300);
      expect(r.snapshot()).toBe(replicas[0]!.snapshot());
      expect(r.hash.toHex()).toBe(replicas[0]!.hash.toHex());
    }
    expect([...replicas[0]!.counters.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

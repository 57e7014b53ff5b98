/**
 * The short kill loop: a real sequencer process with a session archive, under load from two node processes
 * over UDP on loopback, SIGKILLed three times at random moments and restarted: every command a node saw echoed
 * is in the archive exactly once, the archive has no gap, and the nodes delivered every command once, in order.
 * (npm run bench:recovery runs the long version: at least 20 kills.)
 */
import { expect, it } from "vitest";
import { runKillLoop } from "../../bench/recovery/kill-loop.js";

it("a sequencer SIGKILLed under load and restarted loses no acknowledged command and sequences none twice", async () => {
  const result = await runKillLoop({
    kills: 3,
    nodes: 2,
    commandsPerNode: 1500,
    ratePerNode: 1500,
    killAfterMs: [150, 400],
    policy: "os",
    portBase: 47310,
    seed: 20261126,
  });
  expect(result.kills).toBe(3);
  expect(result.commandsAcked).toBe(3000);
  expect(result.lostAcked).toBe(0);
  expect(result.duplicates).toBe(0);
  expect(result.gaps).toBe(0);
  expect(result.nodeDuplicates).toBe(0);
  expect(result.nodeOutOfOrder).toBe(0);
  expect(result.archiveMessages).toBeGreaterThan(3000);
}, 60_000);

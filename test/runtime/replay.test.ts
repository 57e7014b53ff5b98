/**
 * Late joiners and restarts: a node that replays the stream later reaches the identical state, with the same
 * timestamps; a restarted node continues its command numbering where the stream says it stopped.
 */
import { describe, expect, it } from "vitest";
import { SimCluster } from "../../runtime/index.js";
import { command, RecordingNode } from "./helpers.js";

function busyCluster(seed: number) {
  const cluster = new SimCluster({
    seed,
    faults: { stream: { drop: 0.1, reorder: 0.1, duplicate: 0.05 }, commands: { drop: 0.1 } },
    sequencer: { accounts: ["A", "LATE"] },
  });
  const a = cluster.add(new RecordingNode(cluster.nodeOptions("A"))).open().activate();
  cluster.start();
  cluster.runUntil(() => a.isActive(), 1e9);
  for (let i = 0; i < 2500; i++) {
    a.sendCommand(command(i * 3 + 1));
    while (a.pendingCommands() > 500) cluster.step();
  }
  cluster.settle();
  return { cluster, a };
}

describe("replay", () => {
  it("a node that joins later rewinds the whole session and reaches the same state, with the same timestamps", () => {
    const { cluster, a } = busyCluster(21);
    const late = cluster.add(new RecordingNode(cluster.nodeOptions("LATE"))).open();
    expect(late.isRewinding()).toBe(true);
    cluster.step();
    expect(late.isRewinding()).toBe(true);
    cluster.settle();
    expect(late.isRewinding()).toBe(false);
    expect(late.sum).toBe(a.sum);
    expect(late.seen.map(({ isMine, rewinding, ...s }) => s)).toEqual(a.seen.map(({ isMine, rewinding, ...s }) => s));
    expect(late.seen.every((s) => s.rewinding)).toBe(true);
    expect(late.hash.toHex()).toBe(a.hash.toHex());
    expect(late.currentSequencerTime().toBigInt()).toBe(a.currentSequencerTime().toBigInt());
    // The rewind was served by the replay service in many requests, not by magic.
    expect(late.stats().receiver.requestsSent).toBeGreaterThan(1);
    expect(cluster.sequencer.replayCounters().messagesSent).toBeGreaterThanOrEqual(cluster.sequencer.lastSequence());
  });

  it("a restarted node sees its old commands as its own and continues numbering after them", () => {
    const { cluster, a } = busyCluster(22);
    cluster.remove(a); // crash
    const again = cluster.add(new RecordingNode(cluster.nodeOptions("A"))).open().activate();
    cluster.settle();
    expect(again.isActive()).toBe(true);
    expect(again.seen.filter((s) => s.isMine)).toHaveLength(2500);
    expect(again.sendCommand(command(7))).toBe(2501);
    cluster.settle();
    expect(again.seen.at(-1)).toMatchObject({ commandNumber: 2501, value: 7, isMine: true, rewinding: false });
    expect(cluster.sequencer.listAccounts().find((x) => x.name === "A")!.lastCommandNumber).toBe(2501);
  });
});

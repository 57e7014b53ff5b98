/**
 * Hot-hot and hot-warm instances of one account: both build the same state from the stream; the sequencer
 * sequences the first copy of each command and drops the other; when one instance dies the other carries on
 * with no gap and nothing lost.
 */
import { describe, expect, it } from "vitest";
import { Message, type NodeOptions, SimCluster } from "../../runtime/index.js";
import { command, RecordingNode, valueOf } from "./helpers.js";

const ORDER = 1;
const ACK = 2;

/** Acknowledges every client order with one command: deterministic, so every instance numbers acks alike. */
class OrderManager extends RecordingNode {
  acks = 0;
  constructor(options: NodeOptions, private readonly takeOverFrom = 0) {
    super(options);
  }
  override handleMessage(isMine: boolean, msg: Message): void {
    super.handleMessage(isMine, msg);
    if (msg.templateId() === ORDER) this.sendCommand(command(valueOf(msg), 0, ACK));
    if (msg.templateId() === ACK) this.acks++;
  }
  override handleInstanceChange(account: string, instance: number, active: boolean, forced: boolean): void {
    // A warm standby takes over when the stream says its primary was forced passive.
    if (this.takeOverFrom !== 0 && account === this.account && instance === this.takeOverFrom && forced && !active) this.activate();
  }
}

function setup(seed: number, nodeTimeoutNs = 0) {
  const cluster = new SimCluster({
    seed,
    faults: { stream: { drop: 0.1, reorder: 0.1 }, commands: { drop: 0.1, duplicate: 0.05 } },
    sequencer: { accounts: ["CLIENT", "OMS"], nodeTimeoutNs },
  });
  const client = cluster.add(new RecordingNode(cluster.nodeOptions("CLIENT"))).open().activate();
  cluster.start();
  return { cluster, client };
}

function checkEveryOrderAckedOnce(node: RecordingNode, orders: number) {
  const acks = node.seen.filter((s) => s.account === "OMS");
  expect(acks.map((s) => s.value).sort((x, y) => x - y)).toEqual(Array.from({ length: orders }, (_, i) => i));
  expect(acks.map((s) => s.commandNumber)).toEqual(Array.from({ length: orders }, (_, i) => i + 1));
}

describe("hot-hot", () => {
  it("sequences one copy of each command from two active instances, and survives the death of either without a gap", () => {
    const { cluster, client } = setup(31);
    const one = cluster.add(new OrderManager(cluster.nodeOptions("OMS", 1))).open().activate();
    const two = cluster.add(new OrderManager(cluster.nodeOptions("OMS", 2))).open().activate();
    cluster.runUntil(() => one.isActive() && two.isActive() && client.isActive(), 1e9);
    for (let i = 0; i < 200; i++) {
      client.sendCommand(command(i, 0, ORDER));
      cluster.step();
      if (i === 120) cluster.remove(one); // pull the plug mid-flow
    }
    cluster.settle();
    cluster.assertAgreement();
    checkEveryOrderAckedOnce(client, 200);
    checkEveryOrderAckedOnce(two, 200);
    const acks = client.seen.filter((s) => s.account === "OMS");
    expect(new Set(acks.map((s) => s.instance))).toEqual(new Set([1, 2]));
    expect(cluster.sequencer.counters.duplicates).toBeGreaterThan(50); // the twin's copies, dropped
    expect(two.seen.map(({ isMine, ...s }) => s)).toEqual(client.seen.map(({ isMine, ...s }) => s));
  });

  it("a warm standby takes over when the sequencer forces a silent primary passive, and sends what the primary never got sequenced", () => {
    const { cluster, client } = setup(32, 5_000_000);
    const beat = { heartbeatIntervalNs: 1_000_000 };
    const primary = cluster.add(new OrderManager(cluster.nodeOptions("OMS", 1, beat))).open().activate();
    const standby = cluster.add(new OrderManager(cluster.nodeOptions("OMS", 2, beat), 1)).open();
    cluster.runUntil(() => primary.isActive() && client.isActive(), 1e9);
    for (let i = 0; i < 100; i++) {
      client.sendCommand(command(i, 0, ORDER));
      cluster.step();
    }
    // The primary dies the moment it has seen orders it has not yet acknowledged.
    cluster.runUntil(() => primary.pendingCommands() > 0, 1e9);
    cluster.remove(primary);
    const diedAt = cluster.clock.nanoTime();
    expect(standby.isActive()).toBe(false);
    expect(cluster.runUntil(() => standby.isActive(), 100_000_000)).toBe(true);
    expect(cluster.clock.nanoTime() - diedAt).toBeGreaterThan(5_000_000); // only after the 5 ms node timeout
    cluster.settle();
    checkEveryOrderAckedOnce(client, 100);
    checkEveryOrderAckedOnce(standby, 100);
    cluster.assertAgreement();
    const acks = client.seen.filter((s) => s.account === "OMS");
    expect(acks.some((s) => s.instance === 2)).toBe(true);
    const instances = cluster.sequencer.listAccounts().find((a) => a.name === "OMS")!.instances;
    expect(instances.sort((x, y) => x.instance - y.instance)).toEqual([
      { instance: 1, active: false, forcedPassive: true },
      { instance: 2, active: true, forcedPassive: false },
    ]);
  });

  it("a passive instance sends nothing", () => {
    const { cluster, client } = setup(33);
    const passive = cluster.add(new OrderManager(cluster.nodeOptions("OMS", 1))).open();
    cluster.runUntil(() => client.isActive(), 1e9);
    for (let i = 0; i < 20; i++) client.sendCommand(command(i, 0, ORDER));
    cluster.settle();
    cluster.run(50_000_000);
    expect(passive.stats().sender.commandsSent).toBe(0);
    expect(passive.pendingCommands()).toBe(20); // kept, in case it takes over
    expect(client.seen.filter((s) => s.account === "OMS")).toHaveLength(0);
  });
});

/**
 * Messages larger than a datagram: split into fragments of at most 1346 bytes (each a numbered command, sent
 * alone in a packet of at most 1400 bytes), sequenced with BEGIN/END flags, reassembled on every node, delivered
 * once, whole, in order with the other messages. Over the deterministic memory cluster with loss, and over real
 * sockets (loopback multicast) with a 10 MiB message.
 */
import { describe, expect, it } from "vitest";
import { type Message, Node, type NodeOptions, SimCluster, SystemClock, Sequencer } from "../../runtime/index.js";
import { AgentRunner } from "../../runtime/cli/agent-runner.js";
import { MAX_DATAGRAM_LENGTH } from "../../runtime/protocol/frames.js";
import { UdpTransport } from "../../runtime/transport/udp-transport.js";
import { loopbackTransport, sleep } from "./harness.js";

/** An SBE message of `length` bytes whose body is a pattern derived from `seed`. */
function bigMessage(length: number, seed: number): Uint8Array {
  const b = new Uint8Array(length);
  const v = new DataView(b.buffer);
  v.setUint16(0, Math.min(0xffff, length - 8), true);
  v.setUint16(2, 9, true);
  v.setUint16(4, 500, true);
  for (let i = 8; i < length; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

function matches(msg: Message, expected: Uint8Array): boolean {
  if (msg.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (msg.buffer[msg.offset + i] !== expected[i]) return false;
  return true;
}

class Collector extends Node {
  readonly sizes: number[] = [];
  readonly intact: boolean[] = [];
  expected: Uint8Array[] = [];
  constructor(options: NodeOptions) {
    super(options);
  }
  override handleMessage(_isMine: boolean, msg: Message): void {
    this.intact.push(matches(msg, this.expected[this.sizes.length] ?? new Uint8Array(0)));
    this.sizes.push(msg.length);
  }
}

describe("fragmentation", () => {
  it("delivers large messages whole and in order, with 20% loss both ways (memory cluster)", () => {
    const cluster = new SimCluster({ seed: 11, faults: { commands: { drop: 0.2 }, stream: { drop: 0.2, reorder: 0.1 } }, sequencer: { accounts: ["A", "B"] } });
    const a = cluster.add(new Collector(cluster.nodeOptions("A"))).open().activate();
    const b = cluster.add(new Collector(cluster.nodeOptions("B"))).open().activate();
    cluster.start();
    cluster.runUntil(() => a.isActive() && b.isActive(), 1e9);
    const messages = [bigMessage(100, 1), bigMessage(300_000, 2), bigMessage(1346, 3), bigMessage(1347, 4), bigMessage(20, 5)];
    a.expected = b.expected = messages;
    const numbers = messages.map((m) => a.sendCommand(m));
    expect(numbers).toEqual([1, 2 + 223 - 1, 224 + 1, 225 + 2, 228]); // 300 000 bytes = 223 fragments; 1347 = 2
    cluster.settle(20e9);
    for (const node of [a, b]) {
      expect(node.sizes).toEqual(messages.map((m) => m.length));
      expect(node.intact.every(Boolean)).toBe(true);
    }
    cluster.assertAgreement();
  });

  it("sends a 10 MiB message over UDP multicast in datagrams of at most 1400 bytes", async () => {
    const config = loopbackTransport(44900) as { kind: "udp" };
    const clock = new SystemClock();
    const sequencerTransport = new UdpTransport({ ...config, replayPriority: 0 });
    const transports = [sequencerTransport, new UdpTransport(config), new UdpTransport(config)];
    const sequencer = new Sequencer({ transport: sequencerTransport, clock, accounts: ["BIG", "RX"] });
    const sender = new Collector({ account: "BIG", transport: transports[1]!, clock, heartbeatIntervalNs: 0 });
    const receiver = new Collector({ account: "RX", transport: transports[2]!, clock, heartbeatIntervalNs: 0 });
    sequencer.open();
    sender.open();
    receiver.open();
    for (const t of transports) await t.ready();
    sequencer.activate();
    sender.activate();
    receiver.activate();
    const runner = new AgentRunner([sequencer, sender, receiver], "park", transports).start();
    try {
      const deadline = Date.now() + 5000;
      while (!(sender.isActive() && receiver.isActive()) && Date.now() < deadline) await sleep(10);
      const big = bigMessage(10 * 1024 * 1024, 7);
      const after = bigMessage(64, 8);
      sender.expected = receiver.expected = [big, after];
      sender.sendCommand(big);
      sender.sendCommand(after);
      const end = Date.now() + 20_000;
      while ((receiver.sizes.length < 2 || sender.sizes.length < 2) && Date.now() < end) await sleep(20);
      for (const node of [sender, receiver]) {
        expect(node.sizes).toEqual([big.length, 64]);
        expect(node.intact).toEqual([true, true]);
      }
      expect(sequencer.counters.sequenced).toBe(Math.ceil(big.length / 1346) + 1);
      for (const t of transports) {
        expect(t.config.maxDatagramLength).toBeLessThanOrEqual(MAX_DATAGRAM_LENGTH);
        expect(t.counters().sendRefused).toBe(0); // a longer datagram would have been refused
      }
    } finally {
      runner.stop();
      sequencer.close();
      sender.close();
      receiver.close();
      for (const t of transports) t.close();
    }
  });
});

/** The UDP transport's pieces in one process: discovery packets and choice, configuration checks, loss injection, busy-poll. */
import { describe, expect, it } from "vitest";
import { type Message, Node, Sequencer, SystemClock } from "../../runtime/index.js";
import { AgentRunner } from "../../runtime/cli/agent-runner.js";
import { parseConfig } from "../../runtime/cli/config.js";
import { UdpChannel } from "../../runtime/transport/udp-channel.js";
import { readDiscovery, ReplayDirectory, writeDiscovery } from "../../runtime/transport/udp-discovery.js";
import { resolveUdpConfig, UdpTransport } from "../../runtime/transport/udp-transport.js";
import { loopbackTransport, sleep } from "./harness.js";

describe("discovery", () => {
  it("round-trips announces and queries, and refuses anything else", () => {
    const out = new Uint8Array(16);
    expect(writeDiscovery(out, { address: "10.1.2.3", port: 40100, tcpPort: 40200, priority: 1 })).toBe(16);
    expect(Array.from(out.subarray(0, 4))).toEqual([0x43, 0x44, 1, 1]);
    expect(readDiscovery(out, 16)).toEqual({ type: "announce", address: "10.1.2.3", port: 40100, tcpPort: 40200, priority: 1 });
    writeDiscovery(out, null);
    expect(readDiscovery(out, 16)).toEqual({ type: "query" });
    expect(readDiscovery(out, 15)).toBeNull();
    expect(readDiscovery(new Uint8Array(16), 16)).toBeNull();
    const badType = Uint8Array.from(out);
    badType[3] = 9;
    expect(readDiscovery(badType, 16)).toBeNull();
    const noPort = new Uint8Array(16);
    writeDiscovery(noPort, { address: "1.2.3.4", port: 0, tcpPort: 0, priority: 1 });
    expect(readDiscovery(noPort, 16)).toBeNull();
  });

  it("prefers replayers, falls back to the sequencer every fourth request, forgets silent services, never picks itself", () => {
    const directory = new ReplayDirectory(1000, (address, port) => address === "127.0.0.1" && port === 9);
    expect(directory.choose(0)).toBeNull();
    directory.heard("127.0.0.1", 1, 0, 0, 0); // the sequencer's own service
    directory.heard("127.0.0.1", 2, 7002, 1, 0);
    directory.heard("127.0.0.1", 3, 7003, 1, 0);
    directory.heard("127.0.0.1", 9, 7009, 5, 0); // this process's own: never chosen
    const picks = Array.from({ length: 12 }, () => directory.choose(10)!.port);
    expect(picks).not.toContain(9);
    const fallback = picks.filter((p) => p === 1).length;
    expect(fallback).toBeGreaterThanOrEqual(1); // every fourth pick may go to any service, the sequencer's included
    expect(fallback).toBeLessThanOrEqual(3);
    expect(picks.filter((p) => p === 2).length).toBeGreaterThanOrEqual(4); // the replayers take turns
    expect(picks.filter((p) => p === 3).length).toBeGreaterThanOrEqual(4);
    expect(directory.chooseRewinder(10)!.tcpPort).toBeGreaterThan(0);
    directory.heard("127.0.0.1", 1, 0, 0, 1500);
    expect(directory.choose(1500)!.port).toBe(1); // the replayers were not heard for 1.5 s
    expect(directory.choose(5000)).toBeNull();
  });
});

describe("configuration", () => {
  it("refuses what would be unsafe or meaningless, with the key in the message", () => {
    expect(() => resolveUdpConfig({ kind: "udp", streamGroup: "10.0.0.1" })).toThrow(/streamGroup.*multicast/);
    expect(() => resolveUdpConfig({ kind: "udp", interface: "localhost" })).toThrow(/interface.*IPv4/);
    expect(() => resolveUdpConfig({ kind: "udp", ttl: 300 })).toThrow(/ttl/);
    expect(() => resolveUdpConfig({ kind: "udp", streamPort: "40040" as unknown as number })).toThrow(/streamPort.*number/);
    const defaults = resolveUdpConfig({ kind: "udp" });
    expect(defaults.interface).toBe("127.0.0.1");
    expect(defaults.ttl).toBe(0);
    expect(defaults.maxDatagramLength).toBe(1400);
    expect(() => parseConfig({ transport: { kind: "memory" } })).toThrow(/memory transport only connects components inside one process/);
    expect(() => parseConfig({ idle: "spin" })).toThrow(/idle/);
    expect(() => parseConfig({ node: { instance: 1 } })).toThrow(/account/);
    expect(() => parseConfig([])).toThrow(/object/);
    expect(parseConfig({}).idle).toBe("park");
  });
});

describe("loss injection and receive buffers", () => {
  it("drops the configured share of received datagrams, the same ones for the same seed, and reports the buffer granted", async () => {
    const counts: number[] = [];
    for (const seed of [5, 5, 6]) {
      let delivered = 0;
      const rx = new UdpChannel("rx", 1, 1400, { receive: 0.2, seed }, 0, () => delivered++);
      const tx = new UdpChannel("tx", 256, 1400, undefined, 1, null);
      await rx.open("127.0.0.1", 0, (socket) => socket.setRecvBufferSize(1 << 20));
      await tx.open("127.0.0.1", 0, undefined, { address: "127.0.0.1", port: rx.socket.address().port });
      const payload = new Uint8Array(64);
      for (let i = 0; i < 1000; i++) {
        tx.send(payload, 0, 64);
        if (i % 20 === 19) await sleep(1); // paced: the kernel must lose nothing here, only the generator
      }
      const end = Date.now() + 3000;
      while (rx.counters.received < 1000 && Date.now() < end) await sleep(5);
      expect(tx.counters.sendRefused).toBe(0);
      expect(rx.counters.received).toBe(1000);
      expect(rx.counters.lossDroppedReceive + delivered).toBe(1000);
      expect(rx.counters.lossDroppedReceive).toBeGreaterThan(130);
      expect(rx.counters.lossDroppedReceive).toBeLessThan(270);
      counts.push(delivered);
      rx.close();
      tx.close();
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[2]).not.toBe(counts[0]);

    const transport = new UdpTransport({ ...(loopbackTransport(44950) as { kind: "udp" }), receiveBufferBytes: 1 << 20 });
    transport.openCommandSubscription({ onDatagram() {} });
    await transport.ready();
    expect(transport.receiveBuffers[0]!.requested).toBe(1 << 20);
    expect(transport.receiveBuffers[0]!.granted).toBeGreaterThanOrEqual(1 << 20);
    transport.close();
  });
});

describe("busy-poll idle strategy", () => {
  it("runs a sequencer and a node in one process that never sleeps", async () => {
    const config = loopbackTransport(44960) as { kind: "udp" };
    const clock = new SystemClock();
    const ts = new UdpTransport({ ...config, replayPriority: 0 });
    const tn = new UdpTransport(config);
    const sequencer = new Sequencer({ transport: ts, clock, accounts: ["BP"] });
    let echoes = 0;
    const node = new (class extends Node {
      override handleMessage(isMine: boolean, _msg: Message): void {
        if (isMine) echoes++;
      }
    })({ account: "BP", transport: tn, clock, heartbeatIntervalNs: 0 });
    sequencer.open();
    node.open();
    await ts.ready();
    await tn.ready();
    sequencer.activate();
    node.activate();
    const runner = new AgentRunner([sequencer, node], "busy-poll", [ts, tn]).start();
    try {
      const end = Date.now() + 5000;
      while (!node.isActive() && Date.now() < end) await sleep(5);
      const command = new Uint8Array(16);
      new DataView(command.buffer).setUint16(4, 1, true);
      for (let i = 0; i < 100; i++) node.sendCommand(command);
      while (echoes < 100 && Date.now() < end) await sleep(5);
      expect(echoes).toBe(100);
      // Nothing wakes it: the transports have no activity hook in busy-poll, the runner just keeps turning.
      expect(ts.onActivity).toBeNull();
      expect(tn.onActivity).toBeNull();
      expect(runner.turnCount()).toBeGreaterThan(1);
    } finally {
      runner.stop();
      sequencer.close();
      node.close();
      ts.close();
      tn.close();
    }
  });
});

describe("replayer rate limit", () => {
  it("serves at most maxRequestsPerSecond, in bursts of a tenth of it, and counts what it drops", async () => {
    const { Replayer } = await import("../../runtime/replayer/replayer.js");
    const { MemoryNetwork } = await import("../../runtime/transport/memory-transport.js");
    const { VirtualClock } = await import("../../runtime/clock.js");
    const clock = new VirtualClock();
    const replayer = new Replayer({ transport: new MemoryNetwork({ clock }).transport(), clock, maxRequestsPerSecond: 1000 });
    const request = new Uint8Array(20);
    for (let i = 0; i < 150; i++) replayer.onDatagram(request, 0, 20, 0);
    expect(replayer.counters.rateLimited).toBe(50); // a burst of 100 passes
    expect(replayer.replayServer.counters.requests).toBe(100);
    clock.advance(10_000_000); // 10 ms at 1000/s: 10 more
    for (let i = 0; i < 20; i++) replayer.onDatagram(request, 0, 20, 0);
    expect(replayer.replayServer.counters.requests).toBe(110);
    expect(replayer.counters.rateLimited).toBe(60);
  });
});

/**
 * Bad input: malformed commands and commands from unknown accounts are refused and reported, garbage datagrams
 * are counted and dropped by every component, and nothing already sequenced is lost.
 */
import { describe, expect, it } from "vitest";
import { Prng, SimCluster } from "../../runtime/index.js";
import { CommandPacketWriter } from "../../runtime/protocol/command-packet.js";
import { nameBytes } from "../../runtime/protocol/bytes.js";
import { RejectReason } from "../../runtime/generated/internal.js";
import { command, RecordingNode } from "./helpers.js";

function setup() {
  const reports: string[] = [];
  const c = new SimCluster({
    seed: 4,
    sequencer: { accounts: ["A", "B"], listener: { onReject: (reason, account, _i, n) => reports.push(`${reason} ${account} ${n}`) } },
  });
  const a = c.add(new RecordingNode(c.nodeOptions("A"))).open().activate();
  const b = c.add(new RecordingNode(c.nodeOptions("B"))).open().activate();
  c.start();
  c.runUntil(() => a.isActive() && b.isActive(), 1e9);
  return { c, a, b, reports };
}

describe("bad input", () => {
  it("a malformed command is rejected on the stream, reported, and the sender carries on", () => {
    const { c, a, b, reports } = setup();
    a.sendCommand(command(1));
    const bad = command(2);
    new DataView(bad.buffer).setUint16(0, 200, true); // SBE header claims a 200-byte block in a 16-byte message
    expect(a.sendCommand(bad)).toBe(2);
    a.sendCommand(command(3));
    c.settle();
    expect(a.rejected).toEqual([{ commandNumber: 2, reason: RejectReason.Malformed, text: expect.stringContaining("not an SBE message") }]);
    expect(b.rejected).toEqual([]); // only the sender is told
    expect(a.seen.map((s) => s.value)).toEqual([1, 3]);
    expect(reports).toEqual(["rejected A 2"]);
    expect(a.pendingCommands()).toBe(0);
    expect(() => a.sendCommand(new Uint8Array(4))).toThrow(/SBE message of 8/);
  });

  it("a runtime request the sequencer does not know is rejected, not sequenced", () => {
    const { c, a } = setup();
    const fake = command(1);
    const v = new DataView(fake.buffer);
    v.setUint16(4, 65001, true);
    v.setUint16(2, 0x5a58, true); // TimerFired: only the sequencer may publish it
    a.sendCommand(fake);
    c.settle();
    expect(a.rejected).toMatchObject([{ commandNumber: 1, reason: RejectReason.UnknownRequest }]);
    expect(a.timers).toEqual([]);
  });

  it("commands from an unknown account are refused and reported; the stream goes on", () => {
    const { c, a, reports } = setup();
    const ghost = c.add(new RecordingNode(c.nodeOptions("GHOST"))).open().activate();
    ghost.sendCommand(command(666));
    a.sendCommand(command(1));
    c.run(5_000_000);
    expect(ghost.isActive()).toBe(false);
    expect(c.sequencer.counters.unknownAccount).toBeGreaterThan(0);
    expect(reports).toContain("unknown-account GHOST 0");
    expect(a.seen.map((s) => s.value)).toEqual([1]);
  });

  it("garbage and truncated datagrams to the sequencer, the replay service and the nodes are counted and dropped", () => {
    const { c, a, b } = setup();
    for (let i = 0; i < 50; i++) a.sendCommand(command(i));
    c.settle();
    const before = a.seen.length;
    const prng = new Prng(1234);
    const commands = c.transport.openCommandPublication();
    const stream = c.transport.openStreamPublication();
    const requests = c.transport.openStreamSubscription({ onDatagram() {} });
    const junk = new Uint8Array(1400);
    const valid = new CommandPacketWriter(nameBytes("A", 8), 1);
    for (let i = 0; i < 3000; i++) {
      const length = prng.nextInt(200);
      for (let k = 0; k < length; k++) junk[k] = prng.nextUint32() & 0xff;
      if (i % 3 === 0) {
        // A well-framed prefix with a lying length or truncation: the checks must catch it.
        valid.append(999, command(1), 0, 16);
        const full = valid.finish();
        junk.set(valid.buffer.subarray(0, Math.min(full, 1 + prng.nextInt(full))));
        commands.send(junk, 0, Math.min(full, 1 + prng.nextInt(full)));
      } else if (i % 3 === 1) {
        stream.send(junk, 0, length);
      } else {
        requests.send(junk, 0, prng.chance(0.5) ? 20 : length);
      }
      if (i % 50 === 0) c.step();
    }
    c.run(2_000_000);
    for (let i = 50; i < 60; i++) a.sendCommand(command(i));
    c.settle();
    c.assertAgreement();
    expect(a.seen.length).toBe(before + 10);
    expect(a.seen.map((s) => s.value)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(c.sequencer.counters.malformedPackets).toBeGreaterThan(500);
    expect(c.sequencer.replayCounters().badRequests).toBeGreaterThan(500);
    for (const node of [a, b]) {
      const r = node.stats().receiver;
      expect(r.malformed + r.foreignSession).toBeGreaterThan(500);
    }
  });
});

/** The sequencer's features: duplicate suppression, throttling, centralized timers, sessions, ticks, accounts. */
import { describe, expect, it } from "vitest";
import { Message, SimCluster } from "../../runtime/index.js";
import { CommandPacketWriter } from "../../runtime/protocol/command-packet.js";
import { nameBytes } from "../../runtime/protocol/bytes.js";
import { nextSessionName, sessionNameAt } from "../../runtime/sequencer/session-name.js";
import { command, RecordingNode } from "./helpers.js";

function cluster(options: ConstructorParameters<typeof SimCluster>[0] = {}) {
  return new SimCluster({ seed: 3, ...options, sequencer: { accounts: ["A", "B"], ...options.sequencer } });
}

describe("duplicate suppression", () => {
  function rawSender(maxCommandsAhead?: number) {
    const c = cluster({ sequencer: { maxCommandsAhead } });
    const watcher = c.add(new RecordingNode(c.nodeOptions("B"))).open();
    c.start();
    const raw = c.transport.openCommandPublication();
    const writer = new CommandPacketWriter(nameBytes("A", 8), 1);
    const send = (...numbers: number[]) => {
      for (const n of numbers) writer.append(n, command(n * 10), 0, 16);
      raw.send(writer.buffer, 0, writer.finish());
      c.run(100_000);
    };
    return { c, watcher, send };
  }

  it("sequences each account's next command number once, holding a command that arrives after a gap", () => {
    const { c, watcher, send } = rawSender();
    send(1);
    send(1); // a resend
    send(3); // after a gap: held until 2 arrives
    expect(watcher.seen.map((s) => s.commandNumber)).toEqual([1]);
    send(2, 3, 2, 4); // 2 releases the held 3; the copies of 3 and 2 are duplicates
    c.settle();
    expect(watcher.seen.map((s) => [s.commandNumber, s.value])).toEqual([[1, 10], [2, 20], [3, 30], [4, 40]]);
    expect(c.sequencer.counters).toMatchObject({ duplicates: 3, heldAhead: 1, outOfOrder: 0 });
    expect(c.sequencer.listAccounts().find((a) => a.name === "A")).toMatchObject({ lastCommandNumber: 4, sequenced: 4, duplicates: 3 });
  });

  it("without the ahead window, drops a command after a gap and takes it again when resent in order", () => {
    const { c, watcher, send } = rawSender(0);
    send(1);
    send(3);
    send(2, 3, 2, 4);
    c.settle();
    expect(watcher.seen.map((s) => s.commandNumber)).toEqual([1, 2, 3, 4]);
    expect(c.sequencer.counters).toMatchObject({ duplicates: 1, heldAhead: 0, outOfOrder: 1 });
  });

  it("drops commands beyond the ahead window", () => {
    const { c, watcher, send } = rawSender(4);
    send(1);
    send(3, 4, 5, 6); // 3..5 are within 4 of the next expected (2); 6 is not
    send(2);
    expect(watcher.seen.map((s) => s.commandNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(c.sequencer.counters).toMatchObject({ heldAhead: 3, outOfOrder: 1 });
    send(6);
    expect(watcher.seen.map((s) => s.commandNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("resetAccount lets a node restarted without rewind number from 1 again", () => {
    const c = cluster();
    const watcher = c.add(new RecordingNode(c.nodeOptions("B"))).open();
    c.start();
    const raw = c.transport.openCommandPublication();
    const writer = new CommandPacketWriter(nameBytes("A", 8), 1);
    writer.append(1, command(1), 0, 16);
    writer.append(2, command(2), 0, 16);
    raw.send(writer.buffer, 0, writer.finish());
    c.run(100_000);
    expect(c.sequencer.resetAccount("A")).toBe(true);
    writer.append(1, command(3), 0, 16);
    raw.send(writer.buffer, 0, writer.finish());
    c.run(100_000);
    c.settle();
    expect(watcher.seen.map((s) => s.value)).toEqual([1, 2, 3]);
  });
});

describe("throttling", () => {
  it("caps an account's commands per window, warns once per window, and loses nothing", () => {
    const warnings: string[] = [];
    const c = cluster({
      sequencer: { throttleMaxCommands: 5, throttleWindowNs: 1_000_000, listener: { onThrottle: (account) => warnings.push(account) } },
    });
    const a = c.add(new RecordingNode(c.nodeOptions("A"))).open().activate();
    const b = c.add(new RecordingNode(c.nodeOptions("B"))).open().activate();
    c.start();
    c.runUntil(() => a.isActive() && b.isActive(), 1e9);
    for (let i = 0; i < 40; i++) a.sendCommand(command(i));
    b.sendCommand(command(1000));
    c.settle();
    const fromA = a.seen.filter((s) => s.account === "A");
    expect(fromA.map((s) => s.value)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    // No more than 5 of A's commands in any 1 ms window of the sequencer's clock.
    for (let i = 5; i < fromA.length; i++) expect(fromA[i]!.time - fromA[i - 5]!.time >= 1_000_000n).toBe(true);
    expect(c.sequencer.counters.throttled).toBeGreaterThan(0);
    expect(warnings.length).toBeGreaterThan(1);
    expect(new Set(warnings)).toEqual(new Set(["A"]));
    // B was not held back by A's throttle.
    expect(a.seen.find((s) => s.account === "B")!.sequence).toBeLessThan(fromA.at(-1)!.sequence);
  });
});

describe("centralized timers", () => {
  it("fire as sequenced events, at the same point of the stream on every node, after their delay", () => {
    const c = cluster();
    const a = c.add(new RecordingNode(c.nodeOptions("A"))).open().activate();
    const b = c.add(new RecordingNode(c.nodeOptions("B"))).open().activate();
    c.start();
    c.runUntil(() => a.isActive() && b.isActive(), 1e9);
    const scheduledAt = a.currentSequencerTime().toBigInt();
    a.scheduleTimer(7, 5_000_000);
    a.scheduleTimer(8, 2_000_000);
    a.scheduleTimer(9, 3_000_000);
    a.cancelTimer(9);
    b.scheduleTimer(7, 1_000_000); // same id, other account: separate
    c.run(10_000_000);
    c.settle();
    expect(a.timers.map((t) => t.id)).toEqual([8, 7]);
    expect(b.timers.map((t) => t.id)).toEqual([7]);
    expect(a.timers[0]!.time - scheduledAt >= 2_000_000n).toBe(true);
    expect(a.timers[1]!.time - scheduledAt >= 5_000_000n).toBe(true);
    // Every node saw A's timers at the same sequence numbers (it is in the stream, not local).
    const watcher = c.add(new RecordingNode(c.nodeOptions("A", 2))).open();
    c.settle();
    expect(watcher.timers).toEqual(a.timers);
    expect(c.sequencer.status().timers).toBe(0);
  });
});

describe("sessions", () => {
  it("are named YYMMDDHHmm, never reuse a name, and roll with the sequence restarting at 1", () => {
    expect(sessionNameAt(Date.UTC(2026, 6, 25, 22, 36, 59))).toBe("2607252236");
    expect(nextSessionName(Date.UTC(2026, 6, 25, 22, 36, 10), "2607252236")).toBe("2607252237");
    expect(nextSessionName(Date.UTC(2026, 6, 25, 23, 0), "2607252236")).toBe("2607252300");

    const c = cluster();
    const a = c.add(new RecordingNode(c.nodeOptions("A"))).open().activate();
    c.start();
    expect(c.sequencer.session()).toBe("2601020930");
    c.runUntil(() => a.isActive(), 1e9);
    a.sendCommand(command(1));
    a.sendCommand(command(2));
    c.settle();
    const first = c.sequencer.session();
    const next = c.sequencer.rollSession();
    expect(next).toBe("2601020931");
    a.sendCommand(command(3));
    c.settle();
    expect(a.sessionEnds).toEqual([{ session: first, next }]);
    expect(a.seen.map((s) => [s.value, s.commandNumber])).toEqual([[1, 1], [2, 2], [3, 3]]);
    const last = a.seen.at(-1)!;
    expect(last.sequence).toBeLessThan(5); // SessionStart is 1 in the new session
    expect(c.sequencer.storedSessions().map((s) => s.session)).toEqual([first, next]);
    // A node joining now follows the current session.
    const late = c.add(new RecordingNode(c.nodeOptions("B"))).open();
    c.settle();
    expect(late.seen.map((s) => s.value)).toEqual([3]);
  });

  it("after endSession commands are refused and end-of-session packets replace heartbeats", () => {
    const c = cluster();
    const a = c.add(new RecordingNode(c.nodeOptions("A"))).open().activate();
    c.start();
    c.runUntil(() => a.isActive(), 1e9);
    c.sequencer.endSession();
    c.run(3_000_000);
    expect(a.sessionEnds).toEqual([{ session: "2601020930", next: "" }]);
    expect(() => c.sequencer.sendMessage(command(1))).toThrow(/has ended/);
    a.sendCommand(command(9));
    c.run(3_000_000);
    expect(c.sequencer.counters.afterSessionEnd).toBeGreaterThan(0);
    expect(a.seen).toEqual([]);
    // A roll after the end starts a new session that the node follows, and its command goes through.
    c.sequencer.rollSession();
    c.settle();
    expect(a.seen.map((s) => s.value)).toEqual([9]);
  });
});

describe("sequencer-generated messages", () => {
  it("publishes clock ticks at the configured interval and the operator's messages", () => {
    const c = cluster({ sequencer: { clockTickIntervalNs: 1_000_000 } });
    let ticks = 0;
    const times: bigint[] = [];
    const a = c.add(
      new (class extends RecordingNode {
        override handleClockTick(msg: Message): void {
          ticks++;
          times.push(msg.timestamp.toBigInt());
        }
      })(c.nodeOptions("A")),
    ).open();
    c.start();
    c.run(10_000_000);
    c.settle();
    expect(ticks).toBeGreaterThanOrEqual(9);
    expect(ticks).toBeLessThanOrEqual(11);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(1_000_000n);
    c.sequencer.sendMessage(command(42));
    c.settle();
    expect(a.seen.at(-1)).toMatchObject({ account: "SEQ", instance: 0, commandNumber: 0, value: 42, isMine: false });
  });
});

describe("accounts", () => {
  it("are added, listed and removed; a removed account's commands are refused and reported", () => {
    const rejects: string[] = [];
    const c = cluster({ sequencer: { listener: { onReject: (reason, account) => rejects.push(`${reason} ${account}`) } } });
    c.sequencer.addAccount("C");
    expect(() => c.sequencer.addAccount("C")).toThrow(/already exists/);
    expect(() => c.sequencer.addAccount("much-too-long")).toThrow(/invalid/);
    expect(c.sequencer.listAccounts().map((a) => a.name)).toEqual(["A", "B", "C"]);
    const node = c.add(new RecordingNode(c.nodeOptions("C"))).open().activate();
    c.start();
    c.runUntil(() => node.isActive(), 1e9);
    node.sendCommand(command(1));
    c.settle();
    expect(c.sequencer.removeAccount("C")).toBe(true);
    node.sendCommand(command(2));
    c.run(3_000_000);
    expect(node.seen.map((s) => s.value)).toEqual([1]);
    expect(rejects).toContain("unknown-account C");
    expect(c.sequencer.listAccounts().map((a) => a.name)).toEqual(["A", "B"]);
  });
});

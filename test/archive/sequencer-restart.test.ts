/**
 * The sequencer with a session archive, on the memory transport (deterministic, virtual time): a crash and
 * restart resumes after the last durable message with no gap and no duplicate, nodes' unacknowledged commands
 * are resent and sequenced once, gap-fills and rewinds after the restart come from the file, and a failed
 * write stops the sequencer before anything unpersisted is published.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import type { DurabilityPolicy } from "../../runtime/archive/archive-writer.js";
import { SequencerArchive } from "../../runtime/archive/sequencer-archive.js";
import { VirtualClock } from "../../runtime/clock.js";
import { Sequencer, type SequencerListener } from "../../runtime/sequencer/sequencer.js";
import { type FaultPolicy, MemoryNetwork } from "../../runtime/transport/memory-transport.js";
import type { Node, NodeOptions } from "../../runtime/node/node.js";
import { command, RecordingNode } from "../runtime/helpers.js";
import { type FailingFs as FailingFsType, FailingFs, tempDir } from "./helpers.js";

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

/** A cluster whose sequencer can crash and restart on the same archive directory. */
class RestartableCluster {
  readonly clock = new VirtualClock();
  readonly network: MemoryNetwork;
  readonly dir: string;
  readonly nodes: Node[] = [];
  readonly logs: string[] = [];
  readonly rejects: string[] = [];
  sequencer!: Sequencer;
  archive!: SequencerArchive;
  /** Messages sequenced but not committed when the sequencer crashed (their numbers are given out again). */
  lostInCrash = 0;

  constructor(
    seed: number,
    readonly policy: DurabilityPolicy = "os",
    faults: { commands?: FaultPolicy; stream?: FaultPolicy } = {},
  ) {
    this.network = new MemoryNetwork({ clock: this.clock, seed, latencyNs: 10_000, ...faults });
    const t = tempDir();
    cleanups.push(t.cleanup);
    this.dir = t.dir;
  }

  startSequencer(fs?: FailingFsType): Sequencer {
    this.archive = new SequencerArchive({ dir: this.dir, policy: this.policy, indexInterval: 32, fs, log: (l) => this.logs.push(l) });
    const listener: SequencerListener = { onReject: (reason, _a, _i, _n, detail) => this.rejects.push(`${reason}: ${detail}`) };
    this.sequencer = new Sequencer({ transport: this.network.transport(), clock: this.clock, accounts: ["A", "B"], heartbeatIntervalNs: 1_000_000, persistence: this.archive, listener });
    this.sequencer.open().activate();
    return this.sequencer;
  }

  /** SIGKILL in miniature: endpoints vanish, nothing buffered is written, held packets never leave. */
  crashSequencer(): void {
    const s = this.sequencer as unknown as { commandSubscription: { close(): void }; publication: { close(): void }; replayEndpoint: { close(): void } };
    // Mid-turn: commands just received are sequenced and appended, but the turn's commit never happens.
    const appendedBefore = this.archive.currentStore()!.size();
    this.clock.advance(10_000);
    this.network.deliverDue();
    this.lostInCrash += this.archive.currentStore()!.size() - appendedBefore;
    this.archive.abandon();
    s.commandSubscription.close();
    s.publication.close();
    s.replayEndpoint.close();
  }

  nodeOptions(account: string): NodeOptions {
    return {
      account,
      transport: this.network.transport(),
      clock: this.clock,
      seed: account.charCodeAt(0),
      heartbeatIntervalNs: 0,
      activationResendNs: 1_000_000,
      receiver: { requestBackoffMaxNs: 100_000, requestRetryNs: 1_000_000 },
      sender: { resendNs: 1_000_000 },
    };
  }

  addNode(account: string): RecordingNode {
    const node = new RecordingNode(this.nodeOptions(account));
    this.nodes.push(node);
    return node;
  }

  step(sequencerAlive = true): void {
    this.clock.advance(10_000);
    this.network.deliverDue();
    if (sequencerAlive) this.sequencer.doWork();
    for (const n of this.nodes) n.doWork();
  }

  settle(maxSteps = 200_000): void {
    for (let i = 0; i < maxSteps; i++) {
      this.step();
      const last = this.sequencer.lastSequence();
      if (this.nodes.every((n) => n.lastSequence() === last && n.pendingCommands() === 0 && !n.isRewinding())) return;
    }
    throw new Error("cluster did not settle");
  }
}

/** Reads the whole archive: contiguous sequences, and per account the command numbers sequenced. */
function auditArchive(dir: string): { last: number; commands: Map<string, number[]> } {
  const files = new SequencerArchive({ dir, policy: "os", log: () => {} }).latestSessionFile()!;
  const reader = ArchiveReader.open(files);
  const cursor = reader.cursor();
  cursor.seek(1);
  const commands = new Map<string, number[]>();
  let expected = 1;
  while (cursor.next()) {
    expect(cursor.sequence).toBe(expected++);
    const n = cursor.commandNumber();
    if (n === 0) continue;
    let account = "";
    for (let i = 0; i < 8 && cursor.buffer[cursor.accountOffset() + i] !== 0; i++) account += String.fromCharCode(cursor.buffer[cursor.accountOffset() + i]!);
    if (!commands.has(account)) commands.set(account, []);
    commands.get(account)!.push(n);
  }
  const last = reader.lastSequence();
  reader.close();
  return { last, commands };
}

function expectExactlyOnce(numbers: number[] | undefined, count: number): void {
  expect(numbers).toBeDefined();
  expect(numbers!.length).toBe(count);
  for (let i = 0; i < count; i++) if (numbers![i] !== i + 1) throw new Error(`command ${i + 1} appears out of place: ${numbers![i]}`);
}

describe("sequencer with a session archive", () => {
  for (const policy of ["os", "fsync"] as const) {
    it(`(${policy}) crashes mid-load and restarts: no sequence reused or skipped, every command sequenced once`, () => {
      const c = new RestartableCluster(7, policy, { commands: { drop: 0.05 }, stream: { drop: 0.05, reorder: 0.05 } });
      c.startSequencer();
      const a = c.addNode("A").open().activate() as RecordingNode;
      const b = c.addNode("B").open().activate() as RecordingNode;
      let sentA = 0;
      let sentB = 0;
      const load = (steps: number, alive = true): void => {
        for (let i = 0; i < steps; i++) {
          if (a.isActive() && a.pendingCommands() < 50) a.sendCommand(command(++sentA));
          if (b.isActive() && b.pendingCommands() < 50) b.sendCommand(command(++sentB));
          c.step(alive);
        }
      };
      load(400);
      const before = c.sequencer.lastSequence();
      expect(before).toBeGreaterThan(200);
      for (let crash = 0; crash < 3; crash++) {
        c.crashSequencer();
        load(50, false); // the nodes go on issuing commands that nobody sequences
        c.startSequencer();
        load(300);
      }
      c.settle();
      // Resumed in the same session, numbering on: the archive is one gap-free run.
      expect(c.logs.filter((l) => l.includes("resuming session"))).toHaveLength(3);
      expect(c.lostInCrash).toBeGreaterThan(0); // the crashes did hit between sequencing and commit
      const audit = auditArchive(c.dir);
      expect(audit.last).toBe(c.sequencer.lastSequence());
      expect(audit.last).toBeGreaterThan(before);
      expectExactlyOnce(audit.commands.get("A"), sentA);
      expectExactlyOnce(audit.commands.get("B"), sentB);
      // Each node saw each of its commands echoed exactly once, and both saw the same stream.
      expect(a.seen.filter((s) => s.isMine).map((s) => s.value)).toEqual(Array.from({ length: sentA }, (_, i) => i + 1));
      expect(b.seen.filter((s) => s.isMine).map((s) => s.value)).toEqual(Array.from({ length: sentB }, (_, i) => i + 1));
      expect(a.hash.toHex()).toBe(b.hash.toHex());
    });
  }

  it("serves a late joiner's whole rewind from the file after a restart (nothing of it in memory)", () => {
    const c = new RestartableCluster(11);
    c.startSequencer();
    const a = c.addNode("A").open().activate() as RecordingNode;
    for (let i = 1; i <= 600; i++) {
      a.sendCommand(command(i));
      while (a.pendingCommands() > 40) c.step();
    }
    c.settle();
    c.crashSequencer();
    c.startSequencer();
    const late = c.addNode("B").open() as RecordingNode;
    c.settle();
    expect(late.sum).toBe(a.sum);
    expect(late.hash.toHex()).toBe(a.hash.toHex());
    expect(late.seen.map((s) => s.sequence)).toEqual(a.seen.map((s) => s.sequence));
    expect(c.sequencer.replayCounters().messagesSent).toBeGreaterThanOrEqual(600);
  });

  it("stops on a full disk with a clear error, publishes nothing it could not persist, and resumes after a restart", () => {
    const c = new RestartableCluster(3);
    const fs = new FailingFs();
    c.startSequencer(fs);
    const a = c.addNode("A").open().activate() as RecordingNode;
    let sent = 0;
    for (let i = 0; i < 200; i++) {
      if (a.isActive() && a.pendingCommands() < 20) a.sendCommand(command(++sent));
      c.step();
    }
    fs.failWritesAfter = fs.writtenBytes + 500;
    for (let i = 0; i < 300; i++) {
      if (a.pendingCommands() < 20) a.sendCommand(command(++sent));
      c.step();
    }
    const status = c.sequencer.status();
    expect(status.error).toMatch(/cannot persist sequences \d+\.\.\d+: ENOSPC/);
    expect(c.rejects.some((r) => /^persistence-failed: .*ENOSPC.*stopped accepting commands/.test(r))).toBe(true);
    expect(c.sequencer.counters.unpersisted).toBeGreaterThan(0);
    expect(() => c.sequencer.sendMessage(command(1))).toThrow(/stopped/);
    // Nothing the node saw is missing from the archive.
    const durable = auditArchive(c.dir).last;
    expect(a.lastSequence()).toBeLessThanOrEqual(durable);
    expect(a.pendingCommands()).toBeGreaterThan(0);
    // The operator frees space and restarts: every command is sequenced exactly once.
    c.crashSequencer();
    c.startSequencer();
    c.settle();
    const audit = auditArchive(c.dir);
    expectExactlyOnce(audit.commands.get("A"), sent);
    expect(a.seen.filter((s) => s.isMine)).toHaveLength(sent);
  });

  it("finalizes the archive at session end and starts the next session in a new file after a restart", () => {
    const c = new RestartableCluster(5);
    c.startSequencer();
    const a = c.addNode("A").open().activate() as RecordingNode;
    a.sendCommand(command(1));
    c.settle();
    const first = c.sequencer.session();
    c.sequencer.endSession();
    const reader = ArchiveReader.open(SequencerArchive.fileOf(c.dir, first));
    expect(reader.finalized).toBe(true);
    expect(reader.lastSequence()).toBe(c.sequencer.lastSequence());
    reader.close();
    c.sequencer.close();
    c.clock.advance(120e9);
    c.startSequencer();
    expect(c.sequencer.session() > first).toBe(true);
    expect(c.sequencer.lastSequence()).toBe(1); // SessionStart of the new session
  });
});

describe("fsync policy with background syncs (the coral CLI's mode)", () => {
  /** Steps the cluster and lets the event loop run, so that background fdatasync callbacks arrive. */
  async function run(c: RestartableCluster, steps: number, each: () => void = () => {}): Promise<void> {
    for (let i = 0; i < steps; i++) {
      each();
      c.step();
      if (i % 4 === 0) await new Promise((r) => setImmediate(r));
    }
  }

  /** Runs until `done()` (bounded: 20 000 steps and 15 s of real time; syncs take real time). */
  async function runUntil(c: RestartableCluster, done: () => boolean, each: () => void = () => {}): Promise<void> {
    const end = Date.now() + 15_000;
    for (let i = 0; i < 20_000 && !done() && Date.now() < end; i++) {
      each();
      c.step();
      if (i % 4 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    if (!done()) throw new Error("condition not reached");
  }

  it("publishes a batch only once its sync completed, and sequences every command once across a crash", async () => {
    const c = new RestartableCluster(13, "fsync", { commands: { drop: 0.03 }, stream: { drop: 0.03 } });
    const start = () => {
      c.archive = new SequencerArchive({ dir: c.dir, policy: "fsync", backgroundSync: true, indexInterval: 32, log: (l) => c.logs.push(l) });
      c.sequencer = new Sequencer({ transport: c.network.transport(), clock: c.clock, accounts: ["A", "B"], heartbeatIntervalNs: 1_000_000, persistence: c.archive });
      c.sequencer.open().activate();
    };
    start();
    const a = c.addNode("A").open().activate() as RecordingNode;
    let sent = 0;
    // Without the event loop no sync completes: the stream holds everything after SessionStart back.
    for (let i = 0; i < 200; i++) c.step();
    expect(c.sequencer.lastSequence()).toBe(1); // SessionStart: sequenced, written, not yet synced
    expect(a.lastSequence()).toBe(0); // so not published
    await runUntil(c, () => a.isActive());
    await runUntil(c, () => sent >= 500, () => {
      if (a.isActive() && a.pendingCommands() < 40) a.sendCommand(command(++sent));
    });
    expect(c.archive.counters.backgroundSyncs).toBeGreaterThan(0);
    c.crashSequencer();
    start();
    await runUntil(c, () => sent >= 1500, () => {
      if (a.isActive() && a.pendingCommands() < 40) a.sendCommand(command(++sent));
    });
    await runUntil(c, () => a.pendingCommands() === 0 && a.lastSequence() === c.sequencer.lastSequence());
    const audit = auditArchive(c.dir);
    expectExactlyOnce(audit.commands.get("A"), sent);
    expect(a.seen.filter((s) => s.isMine).map((s) => s.value)).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
    c.sequencer.close();
  });

  it("a failed background sync stops the sequencer: nothing of the batch is published", async () => {
    const c = new RestartableCluster(17, "fsync");
    const fs = new FailingFs();
    c.archive = new SequencerArchive({ dir: c.dir, policy: "fsync", backgroundSync: true, fs, log: () => {} });
    const rejects: string[] = [];
    c.sequencer = new Sequencer({ transport: c.network.transport(), clock: c.clock, accounts: ["A"], heartbeatIntervalNs: 1_000_000, persistence: c.archive, listener: { onReject: (r, _a, _i, _n, d) => rejects.push(`${r}: ${d}`) } });
    c.sequencer.open().activate();
    const a = c.addNode("A").open().activate() as RecordingNode;
    await runUntil(c, () => a.isActive());
    await run(c, 50);
    fs.failSync = true;
    const seenBefore = a.lastSequence();
    a.sendCommand(command(1));
    await runUntil(c, () => c.sequencer.status().error !== null);
    await run(c, 50);
    expect(c.sequencer.status().error).toMatch(/cannot persist sequences \d+\.\.\d+: EIO/);
    expect(rejects.some((r) => r.startsWith("persistence-failed"))).toBe(true);
    expect(a.lastSequence()).toBe(seenBefore);
    expect(a.pendingCommands()).toBe(1);
  });
});

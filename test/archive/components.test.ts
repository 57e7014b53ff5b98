/**
 * The components around the archive, on the memory transport: an archiver keeps a byte-identical copy of the
 * session and finalizes it at session end, a replayer with an archive serves from disk after a restart, the
 * logger writes readable lines with the generated toString, and an offline replay drives a node to the same
 * state (hash) as the live run, deterministically.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as exchange from "../../generated/exchange.js";
import { Archiver } from "../../runtime/archive/archiver.js";
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import { LoggerNode } from "../../runtime/archive/logger-node.js";
import { replayArchive } from "../../runtime/archive/offline-replay.js";
import { SequencerArchive } from "../../runtime/archive/sequencer-archive.js";
import { StreamArchive } from "../../runtime/archive/stream-archive.js";
import { Replayer } from "../../runtime/replayer/replayer.js";
import { SimCluster } from "../../runtime/testing/sim-cluster.js";
import { command, RecordingNode } from "../runtime/helpers.js";
import { tempDir } from "./helpers.js";

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Lets the cluster's step drive a component that is not a node (isSettled skips it: it reports not open). */
function driven(doWork: () => number): never {
  return { doWork, isOpen: () => false, close: () => {} } as never;
}

function records(path: string): { last: number; blocks: string[]; finalized: boolean } {
  const reader = ArchiveReader.open(path);
  const cursor = reader.cursor();
  cursor.seek(1);
  const blocks: string[] = [];
  while (cursor.next()) blocks.push(Buffer.from(cursor.buffer.subarray(cursor.blockOffset, cursor.blockOffset + cursor.blockLength)).toString("hex"));
  const result = { last: reader.lastSequence(), blocks, finalized: reader.finalized };
  reader.close();
  return result;
}

function persistentCluster(seed: number, seqDir: string): SimCluster {
  return new SimCluster({
    seed,
    faults: { stream: { drop: 0.05, reorder: 0.05 }, commands: { drop: 0.02 } },
    sequencer: { accounts: ["A", "B"], persistence: new SequencerArchive({ dir: seqDir, policy: "os", indexInterval: 32, log: () => {} }) },
  });
}

describe("archive components", () => {
  it("an archiver keeps a byte-identical copy of the session from the lossy stream and finalizes it at session end", () => {
    const seqDir = dir();
    const copyDir = dir();
    const cluster = persistentCluster(31, seqDir);
    const archiver = new Archiver({ transport: cluster.transport, clock: cluster.clock, dir: copyDir, log: () => {}, receiver: { requestBackoffMaxNs: 100_000, requestRetryNs: 1_000_000 } }).open();
    cluster.add(driven(() => archiver.doWork()));
    const a = cluster.add(new RecordingNode(cluster.nodeOptions("A"))).open().activate();
    cluster.start();
    for (let i = 1; i <= 800; i++) {
      a.sendCommand(command(i));
      while (a.pendingCommands() > 50) cluster.step();
    }
    cluster.settle();
    const session = cluster.sequencer.session();
    cluster.sequencer.endSession();
    cluster.run(20_000_000);
    const original = records(SequencerArchive.fileOf(seqDir, session));
    const copy = records(join(copyDir, `${session}.coral`));
    expect(original.finalized).toBe(true);
    expect(copy.finalized).toBe(true);
    expect(copy.last).toBe(original.last);
    expect(copy.blocks).toEqual(original.blocks);
    expect(archiver.counters.stored).toBe(original.last);
    archiver.close();
  });

  it("a replayer with an archive serves a late joiner from disk after it restarts", () => {
    const seqDir = dir();
    const replayDir = dir();
    const cluster = new SimCluster({ seed: 41, sequencer: { accounts: ["A", "LATE"] } });
    let replayer = new Replayer({ transport: cluster.transport, clock: cluster.clock, archive: new StreamArchive({ dir: replayDir, policy: "os", log: () => {} }), receiver: { requestBackoffMaxNs: 100_000, requestRetryNs: 1_000_000 } }).open();
    cluster.add(driven(() => replayer.doWork()));
    const a = cluster.add(new RecordingNode(cluster.nodeOptions("A"))).open().activate();
    cluster.start();
    for (let i = 1; i <= 500; i++) {
      a.sendCommand(command(i));
      while (a.pendingCommands() > 50) cluster.step();
    }
    cluster.settle();
    cluster.run(5_000_000);
    expect(replayer.status().lastSequence).toBe(cluster.sequencer.lastSequence());
    replayer.close();
    replayer = new Replayer({ transport: cluster.transport, clock: cluster.clock, archive: new StreamArchive({ dir: replayDir, policy: "os", log: () => {} }), maxPacketsPerRequest: 1000 }).open();
    expect(replayer.storedSessions()[0]!.replayableSize()).toBe(cluster.sequencer.lastSequence()); // straight from its file
    // The sequencer's own replay service is gone: only the replayer can serve the rewind.
    (cluster.sequencer as unknown as { replayEndpoint: { close(): void } }).replayEndpoint.close();
    const late = cluster.add(new RecordingNode(cluster.nodeOptions("LATE"))).open();
    cluster.settle();
    expect(late.hash.toHex()).toBe(a.hash.toHex());
    expect(replayer.replayServer.counters.messagesSent).toBeGreaterThanOrEqual(500);
    replayer.close();
    void seqDir;
  });

  it("the logger writes each message readably with the generated toString, and hex for unknown schemas", () => {
    const cluster = new SimCluster({ seed: 51, sequencer: { accounts: ["GW1"] } });
    const lines: string[] = [];
    let flushed = 0;
    const logger = cluster.add(new LoggerNode({ ...cluster.nodeOptions("LOG"), write: (l) => lines.push(l), flush: () => flushed++, schemaModules: [exchange] })).open();
    const gw = cluster.add(new RecordingNode(cluster.nodeOptions("GW1"))).open().activate();
    cluster.start();
    cluster.runUntil(() => gw.isActive(), 1e9);
    const buf = new Uint8Array(512);
    const order = new exchange.NewOrderEncoder().wrap(buf, 0);
    order.clOrdId(77).account("ACME").symbol("AAPL").side(exchange.Side.Buy).price(189.25).qty(100).timeInForce(exchange.TimeInForce.Day).flags(0).stopPrice(null);
    order.legsCount(0);
    order.text("").minQty(null);
    gw.sendCommand(order);
    gw.sendCommand(command(5));
    cluster.settle();
    cluster.sequencer.endSession();
    cluster.run(5_000_000);
    expect(logger.lines).toBe(lines.length);
    const newOrder = lines.find((l) => l.includes("NewOrder"))!;
    expect(newOrder).toMatch(/^#\d+ 2026-01-02T09:30:\d\d\.\d{9}Z GW1\/1 cmd 1 NewOrder \{.*clOrdId.*77.*AAPL/);
    expect(lines.find((l) => / GW1\/1 cmd 2 /.test(l))).toMatch(/ hex 08000100f40100000500000000000000$/);
    expect(lines.at(-1)).toMatch(/SessionEnd session=\d{10}/);
    expect(flushed).toBe(1);
  });

  it("an offline replay drives a node to the live node's exact state, the same on every run", () => {
    const seqDir = dir();
    const cluster = persistentCluster(61, seqDir);
    const a = cluster.add(new RecordingNode(cluster.nodeOptions("A"))).open().activate();
    const b = cluster.add(new RecordingNode(cluster.nodeOptions("B"))).open().activate();
    cluster.start();
    for (let i = 1; i <= 700; i++) {
      a.sendCommand(command(i, 1));
      if (i % 2 === 0) b.sendCommand(command(i * 3, 2));
      while (a.pendingCommands() > 40 || b.pendingCommands() > 40) cluster.step();
    }
    cluster.settle();
    const path = SequencerArchive.fileOf(seqDir, cluster.sequencer.session());
    cluster.sequencer.close();
    const runs = [0, 1].map(() => {
      let node: RecordingNode | null = null;
      const result = replayArchive(path, (options) => (node = new RecordingNode({ ...options, account: "A" })));
      return { result, node: node! };
    });
    for (const { result, node } of runs) {
      expect(result.lastSequence).toBe(cluster.sequencer.lastSequence());
      expect(result.hash).toBe(a.hash.toHex());
      expect(node.sum).toBe(a.sum);
      // Recorded sequence numbers and timestamps, and isMine from the file's accounts.
      expect(node.seen.map(({ rewinding, ...s }) => s)).toEqual(a.seen.map(({ rewinding, ...s }) => s));
    }
    expect(runs[0]!.result.hash).toBe(runs[1]!.result.hash);
    // A prefix: stop at a sequence.
    const partial = replayArchive(path, (options) => new RecordingNode(options), { to: 100 });
    expect(partial.lastSequence).toBe(100);
  });
});

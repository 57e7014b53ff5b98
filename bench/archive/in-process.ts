/**
 * The archive's cost inside the sequencer, without the network: one process, the memory transport, a virtual
 * clock for the sequencer and the real file system for the archive. Each turn delivers `perTurn` 64-byte
 * commands (in command packets of 18, as full as a batching node sends them) and runs one sequencer duty cycle (which,
 * with an archive, appends them, commits once and then releases the held stream packets), then lets the event
 * loop run. Reports messages/s per policy beside no persistence, and the commits (syncs) per second.
 * `fsync-background` is the fsync policy with background syncs (the coral CLI's mode).
 *
 *   tsx bench/archive/in-process.ts [--messages 1000000] [--per-turn 200]
 *
 * Used by bench/archive/run.ts (its "inProcess" section) as a low-noise companion to the UDP runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SequencerArchive } from "../../runtime/archive/sequencer-archive.js";
import { VirtualClock } from "../../runtime/clock.js";
import { CMD_HEADER_LENGTH, CMD_MAGIC, CMD_VERSION } from "../../runtime/protocol/frames.js";
import { Sequencer } from "../../runtime/sequencer/sequencer.js";
import { MemoryNetwork } from "../../runtime/transport/memory-transport.js";

const COMMANDS_PER_PACKET = 18; // 16 + 18 × 74 bytes fits a 1400-byte datagram
const PAYLOAD = 64;

/** A command packet of `count` 64-byte commands numbered from `first` (layout in runtime/protocol/frames.ts). */
function commandPacket(buf: Uint8Array, first: number, count: number): number {
  const view = new DataView(buf.buffer);
  view.setUint16(0, CMD_MAGIC, true);
  buf[2] = CMD_VERSION;
  buf[3] = 0;
  buf.fill(0, 4, 12);
  buf[4] = 0x54; // "TX"
  buf[5] = 0x58;
  view.setUint16(12, 1, true);
  view.setUint16(14, count, true);
  let at = CMD_HEADER_LENGTH;
  for (let i = 0; i < count; i++) {
    view.setUint16(at, 8 + PAYLOAD, true);
    view.setUint32(at + 2, first + i, true);
    view.setUint32(at + 6, 0, true);
    const p = at + 10;
    view.setUint16(p, PAYLOAD - 8, true); // SBE header: blockLength, template 1, schema 1, version 0
    view.setUint16(p + 2, 1, true);
    view.setUint16(p + 4, 1, true);
    view.setUint16(p + 6, 0, true);
    at = p + PAYLOAD;
  }
  return at;
}

export interface InProcessRow {
  policy: string;
  msgsPerSec: number;
  perTurn: number;
  commitsPerSec: number;
}

export async function runInProcess(policy: "none" | "os" | "fsync" | "fsync-background", messages: number, perTurn: number): Promise<InProcessRow> {
  const dir = mkdtempSync(join(tmpdir(), "coral-inproc-"));
  try {
    const clock = new VirtualClock();
    const network = new MemoryNetwork({ clock, latencyNs: 1 });
    const transport = network.transport();
    const archive =
      policy === "none"
        ? undefined
        : new SequencerArchive({ dir, policy: policy === "os" ? "os" : "fsync", backgroundSync: policy === "fsync-background", log: () => {} });
    const sequencer = new Sequencer({ transport, clock, accounts: ["TX"], heartbeatIntervalNs: 1e12, persistence: archive });
    sequencer.open().activate();
    const publication = transport.openCommandPublication();
    const buf = new Uint8Array(CMD_HEADER_LENGTH + COMMANDS_PER_PACKET * (10 + PAYLOAD));
    let next = 1;
    let turns = 0;
    const started = performance.now();
    while (next <= messages) {
      for (let sent = 0; sent < perTurn && next <= messages; sent += COMMANDS_PER_PACKET) {
        const count = Math.min(COMMANDS_PER_PACKET, messages - next + 1);
        publication.send(buf, 0, commandPacket(buf, next, count));
        next += count;
      }
      clock.advance(1_000);
      network.deliverDue();
      sequencer.doWork();
      turns++;
      // Let the event loop run (background syncs complete there), as the real process does between turns.
      await new Promise((r) => setImmediate(r));
    }
    const seconds = (performance.now() - started) / 1000;
    if (sequencer.counters.sequenced !== messages) throw new Error(`sequenced ${sequencer.counters.sequenced} of ${messages} (${policy}): ${JSON.stringify(sequencer.counters)}`);
    sequencer.close();
    const syncs = policy === "fsync-background" ? archive!.counters.backgroundSyncs : turns;
    return { policy, msgsPerSec: Math.round(messages / seconds), perTurn, commitsPerSec: policy === "none" ? 0 : Math.round(syncs / seconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const messages = Number(arg("messages", "1000000"));
  const perTurn = Number(arg("per-turn", "200"));
  for (const policy of ["none", "os", "fsync", "fsync-background"] as const) console.log(JSON.stringify(await runInProcess(policy, messages, perTurn)));
}

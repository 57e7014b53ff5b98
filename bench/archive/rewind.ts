/**
 * Rewind speeds of a session archive, measured in this process:
 *
 *  - `readMsgsPerSec`: an ArchiveCursor reading every record from sequence 1, each checksum verified (the
 *    archive's own read path: what a replayer pays per message);
 *  - `serveMsgsPerSec`: what a replayer does for a rewind or gap-fill, without the socket: an archived store
 *    (ArchivedSessionStore) copies each block into MoldUDP64 packets (copyBlock into a StreamPacketWriter);
 *  - `lateJoinerMsgsPerSec`: an offline replay into a Node (runtime/archive/offline-replay.ts): records read and
 *    verified, packed into MoldUDP64 packets and delivered through the node's own StreamReceiver and handler —
 *    a late joiner rewinding the archive in-process, without the network.
 */
import { ArchivedSessionStore } from "../../runtime/archive/archived-session-store.js";
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import { ArchiveWriter } from "../../runtime/archive/archive-writer.js";
import { replayArchive } from "../../runtime/archive/offline-replay.js";
import { FLAGS_WHOLE_MESSAGE } from "../../runtime/protocol/frames.js";
import { StreamPacketWriter } from "../../runtime/protocol/stream-packet.js";
import RewindNode from "./rewind-node.js";

export function measureRewind(path: string, expectHandled?: number): { messages: number; readMsgsPerSec: number; serveMsgsPerSec: number; lateJoinerMsgsPerSec: number } {
  const reader = ArchiveReader.open(path);
  const cursor = reader.cursor();
  let best = 0;
  let messages = 0;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    cursor.seek(1);
    let n = 0;
    while (cursor.next()) n++;
    const seconds = (performance.now() - t0) / 1000;
    messages = n;
    best = Math.max(best, n / seconds);
  }
  reader.close();
  const store = new ArchivedSessionStore(null, ArchiveReader.open(path));
  const writer = new StreamPacketWriter(1400);
  let bestServe = 0;
  let packets = 0;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    const last = store.replayableSize();
    let sequence = 1;
    while (sequence <= last) {
      writer.begin(store.sessionBytes, sequence);
      while (sequence <= last && writer.fits(store.blockLength(sequence))) {
        store.copyBlock(sequence, writer.buffer, writer.appendBlock(store.blockLength(sequence)));
        sequence++;
      }
      if (writer.finish() > 0) packets++;
    }
    bestServe = Math.max(bestServe, last / ((performance.now() - t0) / 1000));
  }
  store.close();
  void packets;
  let bestReplay = 0;
  for (let pass = 0; pass < 2; pass++) {
    const t0 = performance.now();
    // The same handler as the TCP measurement's late joiner (rewind-node.ts): every payload byte read.
    let node: RewindNode | null = null;
    const result = replayArchive(path, (options) => (node = new RewindNode(options)));
    const handled = (node as RewindNode | null)?.handled ?? 0;
    // In a synthetic archive every message is an application message and must reach the handler: a count short
    // of it would mean the run measured less work than a real rewind.
    if (expectHandled !== undefined && handled !== expectHandled) throw new Error(`late joiner: ${handled} of ${expectHandled} messages reached the handler`);
    bestReplay = Math.max(bestReplay, handled / ((performance.now() - t0) / 1000));
  }
  return { messages, readMsgsPerSec: Math.round(best), serveMsgsPerSec: Math.round(bestServe), lateJoinerMsgsPerSec: Math.round(bestReplay) };
}

/** Writes a synthetic session of `count` 64-byte messages (blocks as the sequencer writes them). */
export function writeSyntheticArchive(path: string, count: number): void {
  const writer = ArchiveWriter.create(path, "2611260000", { policy: "os" });
  const block = new Uint8Array(32 + 64);
  const view = new DataView(block.buffer);
  block.set([0x4e, 0x31], 8); // account "N1"
  block[26] = FLAGS_WHOLE_MESSAGE; // not a fragment: every message goes to the handler
  view.setUint16(32, 56, true);
  view.setUint16(34, 1, true);
  view.setUint16(36, 1, true);
  for (let s = 1; s <= count; s++) {
    view.setUint32(0, s * 1000, true);
    view.setUint32(4, 0x17b5e000, true);
    view.setUint32(16, s, true);
    view.setUint32(40, s, true);
    writer.append(s, block, 0, block.length);
    if (s % 1000 === 0) writer.commit();
  }
  writer.close();
}

/**
 * Rewind speeds of a session archive, measured in this process:
 *
 *  - `readMsgsPerSec`: an ArchiveCursor reading every record from sequence 1, each checksum verified (the
 *    archive's own read path: what a replayer pays per message);
 *  - `lateJoinerMsgsPerSec`: an offline replay into a Node (runtime/archive/offline-replay.ts): records read and
 *    verified, packed into MoldUDP64 packets and delivered through the node's own StreamReceiver and handler —
 *    a late joiner rewinding the archive in-process, without the network.
 */
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import { ArchiveWriter } from "../../runtime/archive/archive-writer.js";
import { replayArchive } from "../../runtime/archive/offline-replay.js";
import { type Message, Node } from "../../runtime/index.js";

class CountingNode extends Node {
  count = 0;
  bytes = 0;
  override handleMessage(_isMine: boolean, msg: Message): void {
    this.count++;
    this.bytes += msg.length;
  }
}

export function measureRewind(path: string): { messages: number; readMsgsPerSec: number; lateJoinerMsgsPerSec: number } {
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
  let bestReplay = 0;
  for (let pass = 0; pass < 2; pass++) {
    const t0 = performance.now();
    const result = replayArchive(path, (options) => new CountingNode(options));
    bestReplay = Math.max(bestReplay, result.delivered / ((performance.now() - t0) / 1000));
  }
  return { messages, readMsgsPerSec: Math.round(best), lateJoinerMsgsPerSec: Math.round(bestReplay) };
}

/** Writes a synthetic session of `count` 64-byte messages (blocks as the sequencer writes them). */
export function writeSyntheticArchive(path: string, count: number): void {
  const writer = ArchiveWriter.create(path, "2611260000", { policy: "os" });
  const block = new Uint8Array(32 + 64);
  const view = new DataView(block.buffer);
  block.set([0x4e, 0x31], 8); // account "N1"
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

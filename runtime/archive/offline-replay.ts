/**
 * Offline replay: drives a node's handlers from a session archive, with the recorded sequence numbers and
 * timestamps, deterministically (for tests, simulations and audits). `coral replay <archive> --node m.js`.
 *
 * The node is the user's unchanged Node subclass. It is given a transport that reaches no network: its stream
 * subscription is fed MoldUDP64 packets built from the archive's blocks (so the node's own receiver, header
 * parsing and dispatch run exactly as live), and whatever it sends (commands, heartbeats, gap requests) is
 * counted and dropped — in a replay, the consequences of its commands are already in the file. Its clock is a
 * VirtualClock that moves to each message's recorded timestamp, so timeouts fire at the same points every run.
 *
 * The node sees the history as a rewind (isRewinding() true) until the end of the file; then an end-of-file
 * heartbeat tells it it has caught up.
 */
import { VirtualClock } from "../clock.js";
import type { Node, NodeOptions } from "../node/node.js";
import { MOLD_MAX_COUNT } from "../protocol/frames.js";
import { StreamPacketWriter } from "../protocol/stream-packet.js";
import { Timestamp } from "../protocol/timestamp.js";
import type { DatagramHandler, Endpoint, Transport } from "../transport/transport.js";
import { ArchiveReader } from "./archive-reader.js";

/** Packets up to the largest a block length can describe: fewer calls into the node. */
const REPLAY_PACKET_LENGTH = 65535;

export interface OfflineReplayOptions {
  /** Stop after this sequence (default: the whole session). The replay always starts at 1: state needs history. */
  to?: number;
  /** Node options the replay does not decide (account, instance, seed …). Default account "REPLAY". */
  node?: Partial<NodeOptions>;
}

export interface OfflineReplayResult {
  session: string;
  /** Messages fed to the node (sequence 1 to lastSequence). */
  delivered: number;
  lastSequence: number;
  /** The node's running hash of what it delivered: equal runs give equal hashes. */
  hash: string;
  commandsDropped: number;
  elapsedMs: number;
}

class SinkEndpoint implements Endpoint {
  readonly maxDatagramLength = REPLAY_PACKET_LENGTH;
  sent = 0;
  send(): boolean {
    this.sent++;
    return true;
  }
  sendTo(): boolean {
    this.sent++;
    return true;
  }
  close(): void {}
}

/** A transport whose stream subscription is fed by the replay and whose every other endpoint is a sink. */
class ReplayTransport implements Transport {
  readonly kind = "archive-replay";
  handler: DatagramHandler | null = null;
  readonly commands = new SinkEndpoint();
  readonly requests = new SinkEndpoint();
  openCommandPublication(): Endpoint {
    return this.commands;
  }
  openCommandSubscription(): Endpoint {
    return new SinkEndpoint();
  }
  openStreamPublication(): Endpoint {
    return new SinkEndpoint();
  }
  openStreamSubscription(handler: DatagramHandler): Endpoint {
    this.handler = handler;
    return this.requests;
  }
  openReplayService(): Endpoint {
    return new SinkEndpoint();
  }
}

/**
 * Replays the archive at `path` into the node made by `createNode(options)` (it must pass the options to the
 * Node constructor). Returns what was delivered.
 */
export function replayArchive(path: string, createNode: (options: NodeOptions) => Node, options: OfflineReplayOptions = {}): OfflineReplayResult {
  const started = performance.now();
  const reader = ArchiveReader.open(path);
  if (reader.corruption !== null) {
    reader.close();
    throw reader.corruption;
  }
  try {
    const last = Math.min(options.to ?? reader.lastSequence(), reader.lastSequence());
    const cursor = reader.cursor();
    const stamp = new Timestamp();
    cursor.seek(1);
    const startMs = cursor.next() ? cursor.timestamp(stamp).ms : 0;
    const clock = new VirtualClock(startMs);
    const transport = new ReplayTransport();
    const node = createNode({ account: "REPLAY", seed: 1, heartbeatIntervalNs: 0, ...options.node, transport, clock });
    node.open();
    const handler = transport.handler;
    if (handler === null) throw new Error("the node did not open its stream subscription");
    const writer = new StreamPacketWriter(REPLAY_PACKET_LENGTH);
    cursor.seek(1);
    let sequence = 1;
    let pending = false; // the cursor holds a record that did not fit the previous packet
    while (sequence <= last) {
      writer.begin(reader.sessionBytes, sequence);
      for (;;) {
        if (!pending) {
          if (sequence > last || !cursor.next()) break;
          pending = true;
        }
        if (writer.count() >= MOLD_MAX_COUNT || !writer.fits(cursor.blockLength)) break;
        const at = writer.appendBlock(cursor.blockLength);
        const out = writer.buffer;
        const src = cursor.buffer;
        const from = cursor.blockOffset;
        for (let i = 0, n = cursor.blockLength; i < n; i++) out[at + i] = src[from + i]!;
        pending = false;
        sequence++;
      }
      if (writer.count() === 0) break;
      cursor.timestamp(stamp);
      clock.advanceTo((stamp.ms - startMs) * 1e6 + stamp.nanos);
      handler.onDatagram(writer.buffer, 0, writer.finish(), 0);
      node.doWork();
    }
    handler.onDatagram(writer.buffer, 0, writer.writeHeartbeat(reader.sessionBytes, sequence, reader.finalized), 0);
    node.doWork();
    const result: OfflineReplayResult = {
      session: reader.session,
      delivered: sequence - 1,
      lastSequence: sequence - 1,
      hash: node.hash.toHex(),
      commandsDropped: transport.commands.sent,
      elapsedMs: performance.now() - started,
    };
    node.close();
    return result;
  } finally {
    reader.close();
  }
}

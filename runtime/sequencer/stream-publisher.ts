/**
 * The sequencer's side of the event stream: stamps each message with the clock, writes the sequenced-message
 * header and payload straight into the current stream packet (as many messages per packet as fit: batching),
 * keeps a copy of the block in the session's store, and sends the packet when it is full or flushed. When
 * nothing was sent for a heartbeat interval it sends a heartbeat (or, after the session's end, an end-of-session
 * packet) so that receivers notice loss at the tail.
 */
import type { Clock } from "../clock.js";
import { copyBytes, nameBytes, writeU64LE } from "../protocol/bytes.js";
import {
  FLAGS_WHOLE_MESSAGE,
  MAX_DATAGRAM_LENGTH,
  MSG_ACCOUNT_OFFSET,
  MSG_COMMAND_NUMBER_OFFSET,
  MSG_FLAGS_OFFSET,
  MSG_HEADER_LENGTH,
  MSG_INSTANCE_OFFSET,
  MSG_TIMESTAMP_OFFSET,
  SESSION_LENGTH,
} from "../protocol/frames.js";
import { StreamPacketWriter } from "../protocol/stream-packet.js";
import { Timestamp, writeEpochNanos } from "../protocol/timestamp.js";
import type { Endpoint } from "../transport/transport.js";
import { MessageStore } from "./message-store.js";

export interface PublisherCounters {
  messages: number;
  packetsSent: number;
  heartbeatsSent: number;
}

export class StreamPublisher {
  readonly counters: PublisherCounters = { messages: 0, packetsSent: 0, heartbeatsSent: 0 };
  private readonly clock: Clock;
  private readonly writer: StreamPacketWriter;
  private readonly sessions: MessageStore[] = [];
  private current: MessageStore | null = null;
  private endpoint: Endpoint | null = null;
  private packetOpen = false;
  private lastSendNs = -Infinity;
  private readonly stamp = new Timestamp();
  private readonly lastStamp = new Timestamp();

  /** Makes each session's store: in memory by default, an archive file with persistence (runtime/archive). */
  private readonly createStore: (name: string, sessionBytes: Uint8Array) => MessageStore;

  constructor(clock: Clock, maxDatagramLength = MAX_DATAGRAM_LENGTH, createStore?: (name: string, sessionBytes: Uint8Array) => MessageStore) {
    this.clock = clock;
    this.createStore = createStore ?? ((name, bytes) => new MessageStore(name, bytes));
    this.writer = new StreamPacketWriter(maxDatagramLength);
  }

  attach(endpoint: Endpoint): void {
    this.endpoint = endpoint;
  }

  /** Starts a new session (its sequence starts at 1); the previous one stays stored for replay. */
  startSession(name: string): MessageStore {
    this.flush();
    this.current = this.createStore(name, nameBytes(name, SESSION_LENGTH, 0x20));
    this.sessions.push(this.current);
    return this.current;
  }

  /** Continues a session recovered after a restart: numbering goes on after its last message, stamps never go back. */
  resumeSession(store: MessageStore, lastStamp: Timestamp): void {
    this.flush();
    this.current = store;
    this.sessions.push(store);
    if (lastStamp.compareTo(this.lastStamp) > 0) this.lastStamp.copyFrom(lastStamp);
  }

  /** The current session's store, or null before the first session. */
  store(): MessageStore | null {
    return this.current;
  }

  storedSessions(): readonly MessageStore[] {
    return this.sessions;
  }

  /**
   * Appends one message (header fields + payload) to the current packet and to the store; returns its sequence.
   * The timestamp never goes backwards, even if the wall clock does.
   */
  publish(account: Uint8Array, instance: number, commandNumber: number, payload: Uint8Array, offset: number, length: number, flags: number = FLAGS_WHOLE_MESSAGE): number {
    const store = this.current!;
    const blockLength = MSG_HEADER_LENGTH + length;
    const writer = this.writer;
    if (this.packetOpen && !writer.fits(blockLength)) this.flush();
    if (!this.packetOpen) {
      writer.begin(store.sessionBytes, store.size() + 1);
      this.packetOpen = true;
    }
    const at = writer.appendBlock(blockLength);
    const stamp = this.clock.epochTime(this.stamp);
    if (stamp.compareTo(this.lastStamp) < 0) stamp.copyFrom(this.lastStamp);
    else this.lastStamp.copyFrom(stamp);
    const out = writer.buffer;
    const view = writer.view;
    writeEpochNanos(view, at + MSG_TIMESTAMP_OFFSET, stamp);
    copyBytes(account, 0, out, at + MSG_ACCOUNT_OFFSET, 8);
    writeU64LE(view, at + MSG_COMMAND_NUMBER_OFFSET, commandNumber);
    view.setUint16(at + MSG_INSTANCE_OFFSET, instance, true);
    out[at + MSG_FLAGS_OFFSET] = flags;
    out[at + MSG_FLAGS_OFFSET + 1] = 0;
    view.setUint32(at + MSG_FLAGS_OFFSET + 2, 0, true);
    copyBytes(payload, offset, out, at + MSG_HEADER_LENGTH, length);
    store.append(out, at, blockLength);
    this.counters.messages++;
    return store.size();
  }

  /** Sends the current packet, if any. Returns true when one was sent. */
  flush(): boolean {
    if (!this.packetOpen) return false;
    const length = this.writer.finish();
    this.endpoint?.send(this.writer.buffer, 0, length);
    this.counters.packetsSent++;
    this.packetOpen = false;
    this.lastSendNs = this.clock.nanoTime();
    return true;
  }

  /** Sends a heartbeat (an end-of-session packet when `ended`) if nothing was sent for `intervalNs`. */
  heartbeatIfIdle(intervalNs: number, ended: boolean): boolean {
    const nowNs = this.clock.nanoTime();
    const store = this.current;
    if (store === null || this.packetOpen || nowNs - this.lastSendNs < intervalNs) return false;
    const length = this.writer.writeHeartbeat(store.sessionBytes, store.size() + 1, ended);
    this.endpoint?.send(this.writer.buffer, 0, length);
    this.counters.heartbeatsSent++;
    this.lastSendNs = nowNs;
    return true;
  }
}

/**
 * Answers retransmit requests (MoldUDP64 request packets) from the stored sessions: the missing messages go back
 * as ordinary stream packets, to the requester only. The sequencer runs one over its own store; a stand-alone
 * replayer (the UDP issue) runs the same class over the store it keeps.
 *
 * Rate limit: one request is answered with at most `maxPacketsPerRequest` packets; a receiver asks again for
 * the rest, so one node's rewind cannot monopolise the publisher.
 */
import { bytesEqual, viewOf } from "../protocol/bytes.js";
import { MAX_DATAGRAM_LENGTH, REQUEST_SESSION_OFFSET, SESSION_LENGTH } from "../protocol/frames.js";
import { readRequestCount, readRequestSequence, StreamPacketWriter } from "../protocol/stream-packet.js";
import type { DatagramHandler, Endpoint } from "../transport/transport.js";
import type { MessageStore } from "./message-store.js";

export interface ReplayCounters {
  requests: number;
  /** Requests that were not well-formed, or named a session or range not stored. */
  badRequests: number;
  packetsSent: number;
  messagesSent: number;
}

export class ReplayServer implements DatagramHandler {
  readonly counters: ReplayCounters = { requests: 0, badRequests: 0, packetsSent: 0, messagesSent: 0 };
  private readonly writer: StreamPacketWriter;
  private endpoint: Endpoint | null = null;

  constructor(
    /** Looks up a stored session by its name bytes; null when unknown. */
    private readonly findSession: (buf: Uint8Array, offset: number) => MessageStore | null,
    private readonly maxPacketsPerRequest = 64,
    maxDatagramLength = MAX_DATAGRAM_LENGTH,
  ) {
    this.writer = new StreamPacketWriter(maxDatagramLength);
  }

  attach(endpoint: Endpoint): void {
    this.endpoint = endpoint;
  }

  onDatagram(buf: Uint8Array, offset: number, length: number, source: number): void {
    this.counters.requests++;
    const view = viewOf(buf);
    const base = buf.byteOffset + offset;
    const first = readRequestSequence(view, base, length);
    const store = first >= 1 ? this.findSession(buf, offset + REQUEST_SESSION_OFFSET) : null;
    if (store === null || first > store.replayableSize()) {
      this.counters.badRequests++;
      return;
    }
    const last = Math.min(store.replayableSize(), first + readRequestCount(view, base) - 1);
    try {
      this.replay(store, first, last, source);
    } catch {
      // An archived store could not read a block (a damaged file): the request goes unanswered, never the process.
      this.counters.badRequests++;
    }
  }

  private replay(store: MessageStore, first: number, last: number, target: number): void {
    const endpoint = this.endpoint;
    if (endpoint === null) return;
    const writer = this.writer;
    let packets = 0;
    let sequence = first;
    writer.begin(store.sessionBytes, sequence);
    while (sequence <= last) {
      const blockLength = store.blockLength(sequence);
      if (!writer.fits(blockLength)) {
        endpoint.sendTo(target, writer.buffer, 0, writer.finish());
        this.counters.packetsSent++;
        if (++packets >= this.maxPacketsPerRequest) return;
        writer.begin(store.sessionBytes, sequence);
      }
      const at = writer.appendBlock(blockLength);
      store.copyBlock(sequence, writer.buffer, at);
      this.counters.messagesSent++;
      sequence++;
    }
    if (writer.count() > 0) {
      endpoint.sendTo(target, writer.buffer, 0, writer.finish());
      this.counters.packetsSent++;
    }
  }
}

/** Finds a store among several by session name bytes. */
export function findStore(stores: readonly MessageStore[], buf: Uint8Array, offset: number): MessageStore | null {
  for (let i = stores.length - 1; i >= 0; i--) {
    const store = stores[i]!;
    if (bytesEqual(store.sessionBytes, 0, buf, offset, SESSION_LENGTH)) return store;
  }
  return null;
}

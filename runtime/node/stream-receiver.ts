/**
 * A node's replica of the event stream (an "image", in Aeron's words): takes stream packets in any order, with
 * losses and duplicates, and delivers each message exactly once, in sequence order, with no gap.
 *
 *  - In order: delivered at once, then any buffered successors.
 *  - Ahead of the next expected sequence: copied into a reorder ring (preallocated slots, indexed by sequence
 *    modulo capacity) until the gap before it is filled.
 *  - Behind it: a duplicate, counted and dropped.
 *  - Beyond the ring: dropped; it will be asked for again.
 *
 * A gap is known when a packet or heartbeat shows a sequence beyond the next expected one. After a random
 * back-off (so that many nodes missing the same packet do not all ask at once) the receiver sends a MoldUDP64
 * request for the missing range to the replay service, and asks again every `requestRetryNs` until it is filled.
 *
 * Sessions: the receiver adopts the first session it hears. Packets of another session are counted as foreign
 * and dropped, until the node delivers the SessionEnd of its session; from then on it follows the next session
 * (the one SessionEnd names, or the first new one heard) from sequence 1.
 */
import { bytesEqual, copyBytes, readU64BE, viewOf } from "../protocol/bytes.js";
import {
  MOLD_BLOCK_LENGTH_SIZE,
  MOLD_COUNT_END_OF_SESSION,
  MOLD_COUNT_HEARTBEAT,
  MOLD_COUNT_OFFSET,
  MOLD_HEADER_LENGTH,
  MOLD_SEQUENCE_OFFSET,
  MOLD_SESSION_OFFSET,
  MAX_DATAGRAM_LENGTH,
  REQUEST_LENGTH,
  SESSION_LENGTH,
} from "../protocol/frames.js";
import { checkStreamPacket, PacketCheck, writeRequest } from "../protocol/stream-packet.js";
import type { Clock } from "../clock.js";
import type { Endpoint } from "../transport/transport.js";
import { Prng } from "../util/prng.js";

/** Receives each message once, in order. `blockOffset` points at the sequenced-message header. */
export interface SequencedMessageHandler {
  onSequenced(sequence: number, buf: Uint8Array, blockOffset: number, blockLength: number): void;
}

export interface StreamReceiverOptions {
  /** Messages the reorder ring holds ahead of the next expected one. Default 1024. */
  reorderCapacity?: number;
  /** Largest random wait before asking for a gap. Default 200 µs. */
  requestBackoffMaxNs?: number;
  /** Wait before asking again for a gap still open. Default 2 ms. */
  requestRetryNs?: number;
  /** Seed of the back-off randomness. */
  seed?: number;
  /**
   * Join at the live tail instead of rewinding from sequence 1: the first packet heard (data or heartbeat) sets
   * the next expected sequence. For nodes that need no history (a non-rewinding node).
   */
  startAtLiveTail?: boolean;
}

export interface ReceiverCounters {
  packets: number;
  heartbeats: number;
  delivered: number;
  duplicates: number;
  /** Messages dropped because they were too far ahead of the next expected one. */
  overruns: number;
  malformed: number;
  foreignSession: number;
  gapsDetected: number;
  requestsSent: number;
}

export class StreamReceiver {
  readonly counters: ReceiverCounters = {
    packets: 0,
    heartbeats: 0,
    delivered: 0,
    duplicates: 0,
    overruns: 0,
    malformed: 0,
    foreignSession: 0,
    gapsDetected: 0,
    requestsSent: 0,
  };
  private readonly handler: SequencedMessageHandler;
  private readonly clock: Clock;
  private endpoint: Endpoint | null = null;

  private readonly session = new Uint8Array(SESSION_LENGTH);
  private hasSession = false;
  /** After SessionEnd: follow the next session (nextSessionKnown: only the named one). */
  private awaitingNextSession = false;
  private readonly nextSession = new Uint8Array(SESSION_LENGTH);
  private nextSessionKnown = false;
  /** The current session's end-of-session was heard (count 0xFFFF). */
  private ended = false;

  private nextSequence = 1;
  /** Highest sequence known to exist in the session (0 = none). */
  private highest = 0;

  private readonly capacity: number;
  /**
   * Low 32 bits of the sequence each slot holds (enough: slots only hold sequences within `capacity` of the next
   * expected one), and whether it holds one. Int32 rather than Float64, so the JIT keeps them as small integers.
   */
  private readonly slotSequence: Int32Array;
  private readonly slotFull: Uint8Array;
  private readonly slotLength: Int32Array;
  private readonly slots: (Uint8Array | null)[];

  private readonly prng: Prng;
  private readonly backoffMaxNs: number;
  private readonly retryNs: number;
  /** nanoTime at which to send the next request while a gap is open; -1 when no gap. */
  private requestAtNs = -1;
  /** The last sequence asked for by the outstanding request. */
  private requestedUpTo = 0;
  /** startAtLiveTail and no packet heard yet. */
  private joinAtTail: boolean;
  private readonly request = new Uint8Array(REQUEST_LENGTH);
  private readonly requestView = new DataView(this.request.buffer);

  constructor(clock: Clock, handler: SequencedMessageHandler, options: StreamReceiverOptions = {}) {
    this.clock = clock;
    this.handler = handler;
    this.capacity = options.reorderCapacity ?? 1024;
    this.slotSequence = new Int32Array(this.capacity);
    this.slotFull = new Uint8Array(this.capacity);
    this.slotLength = new Int32Array(this.capacity);
    this.slots = new Array<Uint8Array | null>(this.capacity).fill(null);
    this.prng = new Prng(options.seed ?? 7);
    this.backoffMaxNs = options.requestBackoffMaxNs ?? 200_000;
    this.retryNs = options.requestRetryNs ?? 2_000_000;
    this.joinAtTail = options.startAtLiveTail ?? false;
  }

  attach(endpoint: Endpoint): void {
    this.endpoint = endpoint;
  }

  /** The next sequence to deliver; everything before it has been delivered. */
  nextExpected(): number {
    return this.nextSequence;
  }

  /** Highest sequence known to exist in the current session. */
  highestKnown(): number {
    return this.highest;
  }

  /** True when a session has been heard and every message known of has been delivered. */
  isCaughtUp(): boolean {
    return this.hasSession && !this.awaitingNextSession && this.nextSequence > this.highest;
  }

  /** True when the current session's end has been delivered and no next session has started yet. */
  isSessionOver(): boolean {
    return this.awaitingNextSession;
  }

  /**
   * Called by the node when it delivers a SessionEnd: after this message the receiver follows the next session
   * (`next`, 10 bytes at `offset`, or any new session when `named` is false).
   */
  endSession(next: Uint8Array | null, offset: number): void {
    this.awaitingNextSession = true;
    this.nextSessionKnown = next !== null;
    if (next !== null) this.nextSession.set(next.subarray(offset, offset + SESSION_LENGTH));
  }

  onPacket(buf: Uint8Array, offset: number, length: number): void {
    const view = viewOf(buf);
    const base = buf.byteOffset + offset;
    if (checkStreamPacket(view, base, length) !== PacketCheck.Ok) {
      this.counters.malformed++;
      return;
    }
    if (!this.acceptSession(buf, offset + MOLD_SESSION_OFFSET)) {
      this.counters.foreignSession++;
      // The stream moved on to another session: ours has at least one more message (its SessionEnd) that we
      // have not seen, or the packet that carried it was lost. Claim it exists, so the gap logic asks for it.
      // (Only for a later session name: names are YYMMDDHHmm, so a foreign cluster's older stream is ignored.)
      if (!this.awaitingNextSession && this.highest < this.nextSequence && this.isLaterSession(buf, offset + MOLD_SESSION_OFFSET)) {
        this.highest = this.nextSequence;
      }
      return;
    }
    this.counters.packets++;
    const first = readU64BE(view, base + MOLD_SEQUENCE_OFFSET);
    if (this.joinAtTail) {
      // A heartbeat's sequence is the next one to come; a data packet's is its first message: start there.
      this.joinAtTail = false;
      this.nextSequence = first;
      this.highest = first - 1;
    }
    const count = view.getUint16(base + MOLD_COUNT_OFFSET, false);
    if (count === MOLD_COUNT_HEARTBEAT || count === MOLD_COUNT_END_OF_SESSION) {
      this.counters.heartbeats++;
      if (count === MOLD_COUNT_END_OF_SESSION) this.ended = true;
      if (first - 1 > this.highest) this.highest = first - 1;
      return;
    }
    const last = first + count - 1;
    if (last > this.highest) this.highest = last;
    let position = offset + MOLD_HEADER_LENGTH;
    for (let i = 0; i < count; i++) {
      const blockLength = view.getUint16(buf.byteOffset + position, false);
      const blockOffset = position + MOLD_BLOCK_LENGTH_SIZE;
      position = blockOffset + blockLength;
      const sequence = first + i;
      if (sequence < this.nextSequence) {
        this.counters.duplicates++;
      } else if (sequence === this.nextSequence) {
        this.deliver(sequence, buf, blockOffset, blockLength);
        this.drainRing();
        if (this.awaitingNextSession) return; // the rest of this packet cannot belong to a finished session
      } else if (sequence - this.nextSequence < this.capacity) {
        this.store(sequence, buf, blockOffset, blockLength);
      } else {
        this.counters.overruns++;
      }
    }
  }

  /**
   * Asks for what is missing, when it is time: returns 1 when a request was sent.
   */
  doWork(): number {
    // Time is read here rather than passed in: a double passed to a call the JIT does not inline is boxed,
    // which would allocate on every turn of the duty cycle.
    const nowNs = this.clock.nanoTime();
    if (!this.hasSession || this.awaitingNextSession || this.nextSequence > this.highest) {
      this.requestAtNs = -1;
      return 0;
    }
    if (this.requestAtNs < 0) {
      this.counters.gapsDetected++;
      this.requestAtNs = nowNs + this.prng.nextInt(this.backoffMaxNs + 1);
      this.requestedUpTo = 0;
      return 0;
    }
    // The whole outstanding request has arrived but more is missing (a long rewind): ask again at once.
    if (this.requestedUpTo > 0 && this.nextSequence > this.requestedUpTo && this.requestAtNs > nowNs) this.requestAtNs = nowNs;
    if (nowNs < this.requestAtNs || this.endpoint === null) return 0;
    const first = this.nextSequence;
    const count = this.missingRunLength(first);
    const length = writeRequest(this.requestView, this.request, this.session, first, count);
    this.endpoint.send(this.request, 0, length);
    this.counters.requestsSent++;
    this.requestedUpTo = first + count - 1;
    this.requestAtNs = nowNs + this.retryNs;
    return 1;
  }

  /** How many messages from `first` are missing before the first one held in the ring (bounded by the ring). */
  private missingRunLength(first: number): number {
    const limit = Math.min(this.highest, first + this.capacity - 1);
    let sequence = first + 1;
    while (sequence <= limit && !this.holds(sequence % this.capacity, sequence)) sequence++;
    return Math.min(sequence - first, 0xfffe);
  }

  private acceptSession(buf: Uint8Array, offset: number): boolean {
    if (!this.hasSession) {
      this.session.set(buf.subarray(offset, offset + SESSION_LENGTH));
      this.hasSession = true;
      return true;
    }
    if (bytesEqual(this.session, 0, buf, offset, SESSION_LENGTH)) return !this.awaitingNextSession;
    if (!this.awaitingNextSession) return false;
    if (this.nextSessionKnown && !bytesEqual(this.nextSession, 0, buf, offset, SESSION_LENGTH)) return false;
    // Follow the next session from its first message.
    this.session.set(buf.subarray(offset, offset + SESSION_LENGTH));
    this.awaitingNextSession = false;
    this.ended = false;
    this.nextSequence = 1;
    this.highest = 0;
    this.requestAtNs = -1;
    this.slotFull.fill(0);
    return true;
  }

  private isLaterSession(buf: Uint8Array, offset: number): boolean {
    for (let i = 0; i < SESSION_LENGTH; i++) {
      const diff = buf[offset + i]! - this.session[i]!;
      if (diff !== 0) return diff > 0;
    }
    return false;
  }

  private deliver(sequence: number, buf: Uint8Array, blockOffset: number, blockLength: number): void {
    this.nextSequence = sequence + 1;
    this.counters.delivered++;
    this.handler.onSequenced(sequence, buf, blockOffset, blockLength);
  }

  private store(sequence: number, buf: Uint8Array, blockOffset: number, blockLength: number): void {
    const index = sequence % this.capacity;
    if (this.holds(index, sequence)) {
      this.counters.duplicates++;
      return;
    }
    let slot = this.slots[index];
    if (slot === null || slot === undefined) {
      slot = new Uint8Array(MAX_DATAGRAM_LENGTH); // once per slot, on first use
      this.slots[index] = slot;
    }
    copyBytes(buf, blockOffset, slot, 0, blockLength);
    this.slotSequence[index] = sequence | 0;
    this.slotFull[index] = 1;
    this.slotLength[index] = blockLength;
  }

  private holds(index: number, sequence: number): boolean {
    return this.slotFull[index] === 1 && this.slotSequence[index] === (sequence | 0);
  }

  private drainRing(): void {
    for (;;) {
      if (this.awaitingNextSession) return;
      const sequence = this.nextSequence;
      const index = sequence % this.capacity;
      if (!this.holds(index, sequence)) return;
      this.slotFull[index] = 0;
      this.deliver(sequence, this.slots[index]!, 0, this.slotLength[index]!);
    }
  }

  /** The session's 10 name bytes (valid once a session was heard). */
  sessionBytes(): Uint8Array {
    return this.session;
  }

  /** True once the current session's end-of-session packet was heard. */
  heardEndOfSession(): boolean {
    return this.ended;
  }
}

/**
 * A stand-alone replayer: follows the event stream like a node (with the same StreamReceiver, so it fills its
 * own gaps from the sequencer or another replayer), keeps every message of every session, and serves
 *
 *  - gap-fills: MoldUDP64 request packets answered by unicast stream packets (the sequencer's ReplayServer
 *    class, over this replayer's store), within two rate limits: at most `maxPacketsPerRequest` packets per
 *    request (the node asks again for the rest) and at most `maxRequestsPerSecond` requests (a token bucket;
 *    excess requests are dropped and counted, the nodes' randomized retries bring them back later);
 *  - rewinds over TCP (see tcp-rewind-server.ts), when started with one.
 *
 * Nodes find it by multicast discovery (the transport announces its replay service), so several replayers may
 * run and move between machines. Messages are kept in memory here; the persistence issue puts them on disk.
 */
import type { ArchivedSessionStore } from "../archive/archived-session-store.js";
import type { StreamArchive } from "../archive/stream-archive.js";
import type { Clock } from "../clock.js";
import { SCHEMA_ID as INTERNAL_SCHEMA_ID, SessionEndDecoder, TemplateId } from "../generated/internal.js";
import { bytesEqual, decodeAscii, viewOf } from "../protocol/bytes.js";
import { MSG_HEADER_LENGTH, SBE_HEADER_LENGTH, SBE_SCHEMA_ID_OFFSET, SBE_TEMPLATE_ID_OFFSET, SESSION_LENGTH } from "../protocol/frames.js";
import { StreamReceiver, type StreamReceiverOptions } from "../node/stream-receiver.js";
import { MessageStore } from "../sequencer/message-store.js";
import { findStore, ReplayServer } from "../sequencer/replay-server.js";
import type { DatagramHandler, Endpoint, Transport } from "../transport/transport.js";

export interface ReplayerOptions {
  transport: Transport;
  clock: Clock;
  /** Packets sent for one request at most. Default 64. */
  maxPacketsPerRequest?: number;
  /** Requests served per second at most (token bucket, bursts of a tenth of it). Default 20 000. */
  maxRequestsPerSecond?: number;
  /** Options of the replayer's own stream receiver (gap requests to the sequencer or another replayer). */
  receiver?: StreamReceiverOptions;
  /**
   * Keep the sessions on disk (runtime/archive StreamArchive) instead of in memory: gap-fills and rewinds reach
   * back to sequence 1 whatever the session's length, and a restarted replayer serves what its files hold.
   */
  archive?: StreamArchive;
}

export interface ReplayerCounters {
  stored: number;
  sessions: number;
  /** Requests dropped by the rate limit. */
  rateLimited: number;
  /** Delivered blocks whose sequence did not follow the store's last one (never expected). */
  outOfOrder: number;
}

export class Replayer implements DatagramHandler {
  readonly counters: ReplayerCounters = { stored: 0, sessions: 0, rateLimited: 0, outOfOrder: 0 };
  readonly receiver: StreamReceiver;
  readonly replayServer: ReplayServer;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly sessions: MessageStore[] = [];
  private current: MessageStore | null = null;
  private readonly archive: StreamArchive | null;
  private subscription: Endpoint | null = null;
  private service: Endpoint | null = null;
  private readonly sessionEnd = new SessionEndDecoder();
  private readonly nextSession = new Uint8Array(SESSION_LENGTH);
  private readonly maxRequestsPerSecond: number;
  private tokens: number;
  private tokensAtNs = 0;

  constructor(options: ReplayerOptions) {
    this.transport = options.transport;
    this.clock = options.clock;
    this.maxRequestsPerSecond = options.maxRequestsPerSecond ?? 20_000;
    this.tokens = this.maxRequestsPerSecond / 10;
    this.receiver = new StreamReceiver(this.clock, { onSequenced: (s, b, o, l) => this.onSequenced(s, b, o, l) }, { seed: 0x7e91a7, ...options.receiver });
    this.replayServer = new ReplayServer((buf, off) => findStore(this.sessions, buf, off), options.maxPacketsPerRequest ?? 64);
    this.archive = options.archive ?? null;
    if (this.archive !== null) {
      for (const store of this.archive.open()) this.sessions.push(store);
      const last = this.sessions[this.sessions.length - 1];
      if (last !== undefined && !(last as ArchivedSessionStore).isFinalized()) this.current = last;
    }
  }

  open(): this {
    if (this.subscription !== null) return this;
    this.subscription = this.transport.openStreamSubscription({ onDatagram: (b, o, l) => this.receiver.onPacket(b, o, l) });
    this.receiver.attach(this.subscription);
    this.service = this.transport.openReplayService(this);
    this.replayServer.attach(this.service);
    this.tokensAtNs = this.clock.nanoTime();
    return this;
  }

  close(): void {
    this.archive?.close();
    this.subscription?.close();
    this.service?.close();
    this.subscription = null;
    this.service = null;
  }

  doWork(): number {
    if (this.subscription === null) return 0;
    const work = this.receiver.doWork();
    this.archive?.commit();
    return work;
  }

  /** A retransmit request: served unless the rate limit is reached. */
  onDatagram(buf: Uint8Array, offset: number, length: number, source: number): void {
    const now = this.clock.nanoTime();
    const burst = this.maxRequestsPerSecond / 10;
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAtNs) * this.maxRequestsPerSecond) / 1e9);
    this.tokensAtNs = now;
    if (this.tokens < 1) {
      this.counters.rateLimited++;
      return;
    }
    this.tokens -= 1;
    this.replayServer.onDatagram(buf, offset, length, source);
  }

  /** The store of the session being followed (null before the first message). */
  currentStore(): MessageStore | null {
    return this.current;
  }

  /** Every stored session, oldest first. */
  storedSessions(): readonly MessageStore[] {
    return this.sessions;
  }

  /** A stored session by its 10 name bytes (a rewind's login), or the current one for null. */
  findSession(session: Uint8Array | null): MessageStore | null {
    if (session === null) return this.current;
    return findStore(this.sessions, session, 0);
  }

  status(): { session: string; stored: number; sessions: number; lastSequence: number; caughtUp: boolean } {
    return {
      session: this.current?.session ?? "",
      stored: this.counters.stored,
      sessions: this.sessions.length,
      lastSequence: this.current?.size() ?? 0,
      caughtUp: this.receiver.isCaughtUp(),
    };
  }

  private onSequenced(sequence: number, buf: Uint8Array, blockOffset: number, blockLength: number): void {
    const session = this.receiver.sessionBytes();
    let store = this.current;
    if (store === null || !bytesEqual(store.sessionBytes, 0, session, 0, SESSION_LENGTH)) {
      const name = decodeAscii(session, 0, SESSION_LENGTH);
      store = this.archive !== null ? this.archive.createStore(name, session) : new MessageStore(name, session.slice());
      if (!this.sessions.includes(store)) this.sessions.push(store);
      this.current = store;
      this.counters.sessions++;
    }
    if (sequence !== store.size() + 1) {
      this.counters.outOfOrder++;
      return;
    }
    store.append(buf, blockOffset, blockLength);
    this.counters.stored++;
    // Follow the session change the way a node does: after SessionEnd, the receiver takes the next session.
    const payload = blockOffset + MSG_HEADER_LENGTH;
    const payloadLength = blockLength - MSG_HEADER_LENGTH;
    if (payloadLength < SBE_HEADER_LENGTH) return;
    const view = viewOf(buf);
    const base = buf.byteOffset + payload;
    if (view.getUint16(base + SBE_SCHEMA_ID_OFFSET, true) !== INTERNAL_SCHEMA_ID) return;
    if (view.getUint16(base + SBE_TEMPLATE_ID_OFFSET, true) !== TemplateId.SessionEnd) return;
    try {
      const length = this.sessionEnd.wrap(buf, payload, payloadLength).getNextSession(this.nextSession, 0);
      this.receiver.endSession(length > 0 ? this.nextSession : null, 0);
    } catch {
      this.receiver.endSession(null, 0);
    }
  }
}

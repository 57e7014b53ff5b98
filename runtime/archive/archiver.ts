/**
 * The archiver: follows the event stream like a node (the same StreamReceiver, so it fills its own gaps from a
 * replayer or the sequencer) and keeps a copy of every session in an archive directory, typically on another
 * machine than the sequencer. Each received batch is committed under the policy at the end of the duty cycle;
 * after a session's SessionEnd its copy is finalized and the archiver follows the next session.
 *
 * Restarted, it reopens its files and continues each one where it ends (messages it already holds are skipped
 * while its receiver rewinds). The copy is byte-identical to the sequencer's archive: same blocks, same sequence
 * numbers, so `coral dump` and `coral replay` read either.
 */
import type { Clock } from "../clock.js";
import { SessionEndDecoder } from "../generated/internal.js";
import { bytesEqual, decodeAscii } from "../protocol/bytes.js";
import { MSG_HEADER_LENGTH, SESSION_LENGTH } from "../protocol/frames.js";
import { StreamReceiver, type StreamReceiverOptions } from "../node/stream-receiver.js";
import type { MessageStore } from "../sequencer/message-store.js";
import type { Endpoint, Transport } from "../transport/transport.js";
import { isSessionEnd } from "./archived-session-store.js";
import type { DurabilityPolicy } from "./archive-writer.js";
import { StreamArchive } from "./stream-archive.js";

export interface ArchiverOptions {
  transport: Transport;
  clock: Clock;
  dir: string;
  /** Durability of the copy. Default "os". */
  policy?: DurabilityPolicy;
  receiver?: StreamReceiverOptions;
  log?: (line: string) => void;
}

export class Archiver {
  readonly archive: StreamArchive;
  readonly receiver: StreamReceiver;
  readonly counters = { stored: 0, alreadyHeld: 0, outOfOrder: 0, sessions: 0 };
  private readonly transport: Transport;
  private subscription: Endpoint | null = null;
  private current: MessageStore | null = null;
  private readonly sessionEnd = new SessionEndDecoder();
  private readonly nextSession = new Uint8Array(SESSION_LENGTH);

  constructor(options: ArchiverOptions) {
    this.transport = options.transport;
    this.archive = new StreamArchive({ dir: options.dir, policy: options.policy ?? "os", log: options.log });
    this.receiver = new StreamReceiver(options.clock, { onSequenced: (s, b, o, l) => this.onSequenced(s, b, o, l) }, { seed: 0xa2c41e, ...options.receiver });
  }

  open(): this {
    if (this.subscription !== null) return this;
    const stores = this.archive.open();
    const last = stores[stores.length - 1];
    this.current = last !== undefined && !last.isFinalized() ? last : null;
    this.subscription = this.transport.openStreamSubscription({ onDatagram: (b, o, l) => this.receiver.onPacket(b, o, l) });
    this.receiver.attach(this.subscription);
    return this;
  }

  doWork(): number {
    if (this.subscription === null) return 0;
    const work = this.receiver.doWork();
    this.archive.commit();
    return work;
  }

  /** Commits and closes every file (an unfinished session stays open for appending on the next start). */
  close(): void {
    this.archive.close();
    this.subscription?.close();
    this.subscription = null;
  }

  status(): { session: string; stored: number; lastSequence: number; caughtUp: boolean; error: string | null } {
    return {
      session: this.current?.session ?? "",
      stored: this.counters.stored,
      lastSequence: this.current?.size() ?? 0,
      caughtUp: this.receiver.isCaughtUp(),
      error: this.archive.lastError?.message ?? null,
    };
  }

  private onSequenced(sequence: number, buf: Uint8Array, blockOffset: number, blockLength: number): void {
    const session = this.receiver.sessionBytes();
    let store = this.current;
    if (store === null || !bytesEqual(store.sessionBytes, 0, session, 0, SESSION_LENGTH)) {
      store = this.archive.createStore(decodeAscii(session, 0, SESSION_LENGTH), session);
      this.current = store;
      this.counters.sessions++;
    }
    if (sequence <= store.size()) {
      this.counters.alreadyHeld++; // held from before a restart
    } else if (sequence !== store.size() + 1) {
      this.counters.outOfOrder++;
      return;
    } else if (this.archive.lastError === null) {
      store.append(buf, blockOffset, blockLength);
      this.counters.stored++;
    }
    if (!isSessionEnd(buf, blockOffset, blockLength)) return;
    // Follow the session change as a node does: after SessionEnd the receiver takes the next session.
    try {
      const length = this.sessionEnd.wrap(buf, blockOffset + MSG_HEADER_LENGTH, blockLength - MSG_HEADER_LENGTH).getNextSession(this.nextSession, 0);
      this.receiver.endSession(length > 0 ? this.nextSession : null, 0);
    } catch {
      this.receiver.endSession(null, 0);
    }
  }
}

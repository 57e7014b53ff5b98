/**
 * Persistence for the sequencer: one archive file per session in a directory, written before publication.
 *
 * The sequencer sees it through `SequencerPersistence` (a small seam, so that it does not depend on files):
 *
 *   open       wrapPublication(endpoint)  stream packets are held until their messages are committed
 *   activate   recover()                  the session to continue after a restart (or null)
 *   sessions   createStore(name, bytes)   each new session's store is its archive (ArchivedSessionStore)
 *   each turn  commit()                   the batch becomes durable under the policy, then its packets go out;
 *                                         throws (and discards the packets) when it cannot
 *
 * Recovery after a crash (recover): the latest session file in the directory is reopened for appending — a torn
 * tail is truncated and logged, mid-file damage refuses the restart with the sequence where it starts — and its
 * records are read once from sequence 1 to rebuild the duplicate filter: the last command number of every
 * account (rejections consume numbers too, and they are in the stream like everything else). The sequencer then
 * numbers the next message after the last durable record: no sequence is reused or skipped. A finalized latest
 * session means the sequencer starts the next one.
 */
import { basename, join } from "node:path";
import { ACCOUNT_LENGTH } from "../protocol/frames.js";
import { Timestamp } from "../protocol/timestamp.js";
import type { MessageStore } from "../sequencer/message-store.js";
import type { Endpoint } from "../transport/transport.js";
import { ArchivedSessionStore } from "./archived-session-store.js";
import { ARCHIVE_EXTENSION, archiveFileName } from "./archive-format.js";
import { type ArchiveFs, nodeArchiveFs } from "./archive-fs.js";
import { ArchiveReader } from "./archive-reader.js";
import { ArchiveWriter, DURABILITY_POLICIES, type DurabilityPolicy } from "./archive-writer.js";
import { HeldPublication } from "./held-publication.js";

/** What the sequencer needs from persistence (see the file comment). */
export interface SequencerPersistence {
  wrapPublication(endpoint: Endpoint): Endpoint;
  recover(): RecoveredSession | null;
  createStore(session: string, sessionBytes: Uint8Array): MessageStore;
  commit(): void;
  close(): void;
}

export interface RecoveredSession {
  session: string;
  /** True when the session was finalized: start the next one. */
  ended: boolean;
  /** The store to continue (null when ended). */
  store: MessageStore | null;
  lastSequence: number;
  /** Timestamp of the last record, so that stamps never go backwards across the restart. */
  lastTimestamp: Timestamp;
  /** Last command number per account (from every numbered record). */
  lastCommandNumbers: Map<string, number>;
  /** Bytes of a torn tail that were truncated (0 if none). */
  tornBytes: number;
}

export interface SequencerArchiveOptions {
  /** Directory of the session files; created if missing. */
  dir: string;
  policy: DurabilityPolicy;
  fs?: ArchiveFs;
  indexInterval?: number;
  /** Recovery notices (torn tail truncated, session resumed). Default console.error. */
  log?: (line: string) => void;
  /**
   * `fsync` policy only: run each fdatasync on libuv's thread pool while the sequencer goes on sequencing, and
   * release a batch's packets when the sync covering it completes (one sync in flight; the batches written
   * meanwhile share the next one). The guarantee is the same — nothing is published before it is synced — but
   * throughput no longer waits for the disk. Needs a running event loop (the coral CLI turns it on);
   * deterministic runs on the memory transport keep the default, false: the sync is done inline, per turn.
   */
  backgroundSync?: boolean;
}

export class SequencerArchive implements SequencerPersistence {
  readonly dir: string;
  readonly policy: DurabilityPolicy;
  private readonly fs: ArchiveFs;
  private readonly log: (line: string) => void;
  private readonly indexInterval: number | undefined;
  private publication: HeldPublication | null = null;
  private current: ArchivedSessionStore | null = null;
  private readonly backgroundSync: boolean;
  private syncInFlight = false;
  /** What the last write covered: the held-packet mark, the last sequence and the file length. */
  private writtenMark = 0;
  private writtenSequence = 0;
  private writtenLength = 0;
  private syncFailure: Error | null = null;
  readonly counters = { backgroundSyncs: 0, batchesPerSyncMax: 0 };
  private batchesSinceSync = 0;

  constructor(options: SequencerArchiveOptions) {
    this.dir = options.dir;
    this.policy = options.policy;
    this.fs = options.fs ?? nodeArchiveFs;
    this.log = options.log ?? ((line) => console.error(line));
    this.indexInterval = options.indexInterval;
    this.backgroundSync = options.backgroundSync === true && this.policy === "fsync";
    if (!DURABILITY_POLICIES.includes(this.policy)) throw new Error(`archive policy must be one of ${DURABILITY_POLICIES.join(", ")}, got ${JSON.stringify(this.policy)}`);
    this.fs.mkdirSync(this.dir);
  }

  wrapPublication(endpoint: Endpoint): Endpoint {
    this.publication = new HeldPublication(endpoint);
    return this.publication;
  }

  /** The archive file of the latest session in the directory, or null. */
  latestSessionFile(): string | null {
    const files = this.fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith(ARCHIVE_EXTENSION))
      .sort();
    return files.length === 0 ? null : join(this.dir, files[files.length - 1]!);
  }

  recover(): RecoveredSession | null {
    const path = this.latestSessionFile();
    if (path === null) return null;
    const probe = ArchiveReader.open(path, { fs: this.fs });
    const finalized = probe.finalized && probe.corruption === null;
    const tornBytes = probe.corruption === null ? probe.tornBytes : 0;
    probe.close();
    let writer: ArchiveWriter | null = null;
    let reader: ArchiveReader;
    if (finalized) {
      reader = ArchiveReader.open(path, { fs: this.fs });
    } else {
      writer = ArchiveWriter.openForAppend(path, {
        policy: this.policy,
        fs: this.fs,
        log: this.log,
      });
      reader = writer.reader;
    }
    // One pass over the whole session: every checksum is verified, and the duplicate filter is rebuilt.
    const lastCommandNumbers = new Map<string, number>();
    const lastTimestamp = new Timestamp();
    const cursor = reader.cursor();
    cursor.seek(1);
    const accountBytes = new Uint8Array(ACCOUNT_LENGTH);
    let account = "";
    while (cursor.next()) {
      const commandNumber = cursor.commandNumber();
      if (commandNumber === 0) continue;
      const at = cursor.accountOffset();
      if (!sameBytes(accountBytes, cursor.buffer, at)) {
        for (let i = 0; i < ACCOUNT_LENGTH; i++) accountBytes[i] = cursor.buffer[at + i]!;
        account = asciiName(accountBytes);
      }
      if (commandNumber > (lastCommandNumbers.get(account) ?? 0)) lastCommandNumbers.set(account, commandNumber);
    }
    const lastSequence = reader.lastSequence();
    if (lastSequence > 0) {
      cursor.seek(lastSequence);
      if (cursor.next()) cursor.timestamp(lastTimestamp);
    }
    if (writer === null) {
      reader.close();
      return { session: reader.session, ended: true, store: null, lastSequence, lastTimestamp, lastCommandNumbers, tornBytes: 0 };
    }
    this.current = new ArchivedSessionStore(writer);
    this.log(`${path}: resuming session ${writer.session} after sequence ${lastSequence} (${this.policy} policy)`);
    return { session: writer.session, ended: false, store: this.current, lastSequence, lastTimestamp, lastCommandNumbers, tornBytes };
  }

  createStore(session: string, _sessionBytes: Uint8Array): MessageStore {
    if (this.current !== null) {
      // A new session after a roll: the previous one's SessionEnd was committed and finalized by then.
      this.current.close();
    }
    const path = join(this.dir, archiveFileName(session));
    const writer = ArchiveWriter.create(path, session, { policy: this.policy, fs: this.fs, indexInterval: this.indexInterval });
    this.current = new ArchivedSessionStore(writer);
    return this.current;
  }

  /** The current session's store (for tests and tools). */
  currentStore(): ArchivedSessionStore | null {
    return this.current;
  }

  commit(): void {
    const held = this.publication;
    const store = this.current;
    try {
      if (this.syncFailure !== null) throw this.syncFailure;
      if (!this.backgroundSync || store === null || store.writer === null || store.endPending()) {
        // Inline: write (and sync) now, then publish. Also how a background archive ends a session: the
        // finalizing sync covers every batch written before it.
        store?.commit();
        held?.release();
        return;
      }
      store.checkAppends();
      const before = this.writtenSequence;
      this.writtenSequence = store.writer.writeBatch();
      this.writtenLength = store.writer.writtenBytes();
      this.writtenMark = held === null ? 0 : held.mark();
      if (this.writtenSequence === store.writer.lastCommitted()) {
        held?.release(); // nothing new to make durable (heartbeats only)
        return;
      }
      if (this.writtenSequence !== before) this.batchesSinceSync++;
      if (!this.syncInFlight) this.startBackgroundSync(store);
    } catch (e) {
      held?.discard(true);
      throw e;
    }
  }

  private startBackgroundSync(store: ArchivedSessionStore): void {
    const writer = store.writer!;
    const mark = this.writtenMark;
    const sequence = this.writtenSequence;
    const length = this.writtenLength;
    this.syncInFlight = true;
    this.counters.backgroundSyncs++;
    this.counters.batchesPerSyncMax = Math.max(this.counters.batchesPerSyncMax, this.batchesSinceSync);
    this.batchesSinceSync = 0;
    writer.syncInBackground((error) => {
      this.syncInFlight = false;
      if (error !== null) {
        this.syncFailure = error; // the sequencer stops at its next commit
        this.publication?.discard(true);
        return;
      }
      if (this.current !== store || writer.isFinalized()) return; // the session ended (finalized inline) meanwhile
      writer.markCommitted(sequence, length);
      this.publication?.releaseThrough(mark);
      if (this.writtenSequence > sequence) this.startBackgroundSync(store);
    });
  }

  close(): void {
    if (this.backgroundSync && this.current !== null && this.syncFailure === null) {
      try {
        this.current.commit(); // one last inline sync covers every batch written: publish them before closing
        this.publication?.release();
      } catch {
        this.publication?.discard(true);
      }
    }
    this.current?.close();
    this.current = null;
  }

  /** Closes the files without committing (what a crash leaves), and drops held packets. For crash tests. */
  abandon(): void {
    this.publication?.discard(true);
    this.current?.writer?.abandon();
    this.current = null;
  }

  /** The file name a session's archive has in this directory. */
  static fileOf(dir: string, session: string): string {
    return join(dir, basename(archiveFileName(session)));
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array, at: number): boolean {
  for (let i = 0; i < ACCOUNT_LENGTH; i++) if (a[i] !== b[at + i]) return false;
  return true;
}

function asciiName(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length && bytes[i] !== 0; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/**
 * A directory of session archives kept from the event stream: what an archiver, and a replayer that serves
 * from disk, write as they follow the stream (the sequencer writes its own with SequencerArchive).
 *
 *  - open(): every archive already in the directory becomes a store (read-only when finalized), so a restarted
 *    replayer serves old sessions from disk at once and continues the current one where its file ends;
 *  - createStore(session): the store of a session seen on the stream for the first time (or reopened);
 *  - commit(): called once per duty cycle: the received batch becomes durable under the policy; after a
 *    session's SessionEnd its archive is finalized.
 *
 * A copy made from the stream is byte-identical to the sequencer's (same blocks, same sequence numbers), so it
 * replays, dumps and serves rewinds exactly like the original.
 */
import { join } from "node:path";
import type { MessageStore } from "../sequencer/message-store.js";
import { ArchivedSessionStore } from "./archived-session-store.js";
import { ARCHIVE_EXTENSION, archiveFileName } from "./archive-format.js";
import { type ArchiveFs, nodeArchiveFs } from "./archive-fs.js";
import { ArchiveReader } from "./archive-reader.js";
import { ArchiveWriter, DURABILITY_POLICIES, type DurabilityPolicy } from "./archive-writer.js";

export interface StreamArchiveOptions {
  dir: string;
  policy: DurabilityPolicy;
  fs?: ArchiveFs;
  indexInterval?: number;
  log?: (line: string) => void;
}

export class StreamArchive {
  readonly dir: string;
  readonly policy: DurabilityPolicy;
  readonly counters = { commits: 0, errors: 0, sessionsOpened: 0, sessionsCreated: 0 };
  /** The last write failure (the archive stops writing that session), or null. */
  lastError: Error | null = null;
  private readonly fs: ArchiveFs;
  private readonly log: (line: string) => void;
  private readonly indexInterval: number | undefined;
  private readonly stores = new Map<string, ArchivedSessionStore>();
  private current: ArchivedSessionStore | null = null;

  constructor(options: StreamArchiveOptions) {
    this.dir = options.dir;
    this.policy = options.policy;
    this.fs = options.fs ?? nodeArchiveFs;
    this.log = options.log ?? ((line) => console.error(line));
    this.indexInterval = options.indexInterval;
    if (!DURABILITY_POLICIES.includes(this.policy)) throw new Error(`archive policy must be one of ${DURABILITY_POLICIES.join(", ")}, got ${JSON.stringify(this.policy)}`);
    this.fs.mkdirSync(this.dir);
  }

  /** Opens every archive in the directory, oldest first. Damaged files are reported and skipped. */
  open(): ArchivedSessionStore[] {
    const files = this.fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith(ARCHIVE_EXTENSION))
      .sort();
    const opened: ArchivedSessionStore[] = [];
    for (const file of files) {
      const path = join(this.dir, file);
      try {
        const store = this.openFile(path);
        this.stores.set(store.session, store);
        opened.push(store);
        this.counters.sessionsOpened++;
      } catch (e) {
        this.log(`${path}: not served: ${(e as Error).message}`);
      }
    }
    this.current = opened.length > 0 && !opened[opened.length - 1]!.isFinalized() ? opened[opened.length - 1]! : null;
    return opened;
  }

  /** The store of `session`: the one already open, or a reopened or new archive file. */
  createStore(session: string, _sessionBytes?: Uint8Array): MessageStore {
    const known = this.stores.get(session.trimEnd());
    if (known !== undefined) {
      this.current = known;
      return known;
    }
    const path = join(this.dir, archiveFileName(session));
    const store = this.fs.existsSync(path)
      ? this.openFile(path)
      : new ArchivedSessionStore(ArchiveWriter.create(path, session.trimEnd(), { policy: this.policy, fs: this.fs, indexInterval: this.indexInterval }));
    this.counters.sessionsCreated++;
    this.stores.set(store.session, store);
    this.current = store;
    return store;
  }

  /** Commits the current session's received messages; a failure is kept in lastError and returned. */
  commit(): Error | null {
    const store = this.current;
    if (store === null || store.writer === null) return null;
    try {
      store.commit();
      this.counters.commits++;
      return null;
    } catch (e) {
      if (this.lastError === null) this.log(`archive ${this.dir}: ${(e as Error).message}`);
      this.lastError = e as Error;
      this.counters.errors++;
      return this.lastError;
    }
  }

  sessions(): ArchivedSessionStore[] {
    return [...this.stores.values()];
  }

  close(): void {
    this.commit();
    for (const store of this.stores.values()) store.close();
    this.stores.clear();
    this.current = null;
  }

  private openFile(path: string): ArchivedSessionStore {
    const reader = ArchiveReader.open(path, { fs: this.fs });
    if (reader.corruption !== null) {
      reader.close();
      throw reader.corruption;
    }
    if (reader.finalized) return new ArchivedSessionStore(null, reader);
    reader.close();
    return new ArchivedSessionStore(ArchiveWriter.openForAppend(path, { policy: this.policy, fs: this.fs, log: this.log }));
  }
}

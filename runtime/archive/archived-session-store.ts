/**
 * A session's message store backed by its archive file instead of memory: what the sequencer (and an archiving
 * replayer) use when persistence is on.
 *
 *  - append() writes the block into the archive (ArchiveWriter.append, not yet durable);
 *  - size() counts what was appended, so the publisher numbers the next message after it;
 *  - replayableSize() is what commit() has made durable: replays (gap-fills, rewinds) serve only that, so a
 *    node is never sent a message the policy has not persisted;
 *  - blockLength()/copyBlock() read back from the file through a cursor; consecutive sequences (the usual
 *    replay) are read sequentially from one large buffer, any other sequence is found through the index.
 *
 * Memory stays bounded whatever the session's length: gap-fills and rewinds reach back to sequence 1.
 * When the session's SessionEnd message is appended, the archive is finalized after it is committed.
 */
import { SCHEMA_ID as INTERNAL_SCHEMA_ID, TemplateId } from "../generated/internal.js";
import { MSG_HEADER_LENGTH, SBE_HEADER_LENGTH, SBE_SCHEMA_ID_OFFSET, SBE_TEMPLATE_ID_OFFSET, SESSION_LENGTH } from "../protocol/frames.js";
import { MessageStore } from "../sequencer/message-store.js";
import type { ArchiveCursor, ArchiveReader } from "./archive-reader.js";
import type { ArchiveWriter } from "./archive-writer.js";

export class ArchivedSessionStore extends MessageStore {
  /** Null for a read-only store (a finalized session, or an archive opened to serve it). */
  readonly writer: ArchiveWriter | null;
  readonly reader: ArchiveReader;
  private appended: number;
  private readonly cursor: ArchiveCursor;
  private endAppended = false;
  private failure: Error | null = null;

  constructor(writer: ArchiveWriter);
  constructor(writer: null, reader: ArchiveReader);
  constructor(writer: ArchiveWriter | null, reader?: ArchiveReader) {
    const r = writer !== null ? writer.reader : reader!;
    super(r.session, sessionBytesOf(r.session));
    this.writer = writer;
    this.reader = r;
    this.appended = writer !== null ? writer.lastAppended() : r.lastSequence();
    this.cursor = r.cursor();
  }

  override size(): number {
    return this.appended;
  }

  override replayableSize(): number {
    return this.writer !== null ? this.writer.lastCommitted() : this.reader.lastSequence();
  }

  override append(buf: Uint8Array, offset: number, length: number): void {
    // A write failure here (the append buffer filled and could not be written out) is kept for commit() to
    // throw at the end of the turn: throwing from inside the sequencer's command handling would crash it.
    if (this.writer === null) throw new Error(`${this.reader.path}: session ${this.session} is read-only (finalized)`);
    if (this.failure === null) {
      try {
        this.writer.append(this.appended + 1, buf, offset, length);
      } catch (e) {
        this.failure = e as Error;
      }
    }
    this.appended++;
    if (isSessionEnd(buf, offset, length)) this.endAppended = true;
  }

  /** Makes the appended messages durable (ArchiveWriter.commit) and finalizes the archive after SessionEnd. */
  commit(): void {
    if (this.failure !== null) throw this.failure;
    if (this.writer === null) return;
    this.writer.commit();
    if (this.endAppended && !this.writer.isFinalized()) this.writer.finalize();
  }

  /** True when the session's SessionEnd has been appended (the next commit finalizes the archive). */
  endPending(): boolean {
    return this.endAppended && !this.isFinalized();
  }

  /** Throws the append failure kept for the end of the turn, if any. */
  checkAppends(): void {
    if (this.failure !== null) throw this.failure;
  }

  /** True once the session's end is in the archive. */
  isFinalized(): boolean {
    return this.writer !== null ? this.writer.isFinalized() : this.reader.finalized;
  }

  override blockLength(sequence: number): number {
    this.position(sequence);
    return this.cursor.blockLength;
  }

  override copyBlock(sequence: number, into: Uint8Array, at: number): number {
    this.position(sequence);
    const c = this.cursor;
    const src = c.buffer;
    const from = c.blockOffset;
    const length = c.blockLength;
    for (let i = 0; i < length; i++) into[at + i] = src[from + i]!;
    return length;
  }

  close(): void {
    if (this.writer !== null) this.writer.close();
    else this.reader.close();
  }

  private position(sequence: number): void {
    const c = this.cursor;
    if (c.sequence === sequence) return;
    const last = this.replayableSize();
    if (sequence < 1 || sequence > last) throw new RangeError(`${this.reader.path}: sequence ${sequence} is not in the archive (1..${last})`);
    c.seek(sequence);
    if (!c.next()) throw new RangeError(`${this.reader.path}: sequence ${sequence} could not be read`);
  }
}

/** True when the block's payload is the runtime's SessionEnd message. */
export function isSessionEnd(buf: Uint8Array, offset: number, length: number): boolean {
  if (length < MSG_HEADER_LENGTH + SBE_HEADER_LENGTH) return false;
  const p = offset + MSG_HEADER_LENGTH;
  const schema = buf[p + SBE_SCHEMA_ID_OFFSET]! | (buf[p + SBE_SCHEMA_ID_OFFSET + 1]! << 8);
  const template = buf[p + SBE_TEMPLATE_ID_OFFSET]! | (buf[p + SBE_TEMPLATE_ID_OFFSET + 1]! << 8);
  return schema === INTERNAL_SCHEMA_ID && template === TemplateId.SessionEnd;
}

export function sessionBytesOf(session: string): Uint8Array {
  const bytes = new Uint8Array(SESSION_LENGTH).fill(0x20);
  for (let i = 0; i < session.length && i < SESSION_LENGTH; i++) bytes[i] = session.charCodeAt(i);
  return bytes;
}

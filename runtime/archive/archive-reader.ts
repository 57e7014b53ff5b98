/**
 * Reading a session archive (layout in archive-format.ts): open it, find where its valid data ends, seek by
 * sequence number through the sparse index, and iterate records with a cursor that reuses one big read buffer.
 *
 * Opening is fast whatever the session's size: it reads the header and the index (16 bytes per
 * `indexInterval` records) and scans only the records after the last index entry. A record there that fails
 * its checksum or is cut short is classified:
 *
 *  - nothing valid follows it: a TORN TAIL, the remains of a write the process or machine did not finish.
 *    `tornBytes` reports it; the writer truncates it when it opens the file for appending.
 *  - a valid record of a later sequence follows it: CORRUPTION in the middle of the data, reported with the
 *    first sequence that cannot be trusted. It is never truncated: that would destroy good records.
 *
 * Records before the last index entry are checked when they are read (every cursor verifies every checksum
 * and that sequences follow one another), and `verifyAll()` reads the whole file.
 */
import { readEpochNanos, type Timestamp } from "../protocol/timestamp.js";
import { MSG_ACCOUNT_OFFSET, MSG_COMMAND_NUMBER_OFFSET, MSG_HEADER_LENGTH, MSG_INSTANCE_OFFSET, MSG_TIMESTAMP_OFFSET, SESSION_LENGTH } from "../protocol/frames.js";
import { ArchiveCorruptionError, ArchiveFormatError } from "./archive-errors.js";
import {
  ARCHIVE_HEADER_LENGTH,
  ARCHIVE_MAGIC,
  ARCHIVE_VERSION,
  HEADER_CRC_OFFSET,
  HEADER_CREATED_OFFSET,
  HEADER_INDEX_INTERVAL_OFFSET,
  HEADER_LENGTH_OFFSET,
  HEADER_SESSION_OFFSET,
  HEADER_VERSION_OFFSET,
  INDEX_ENTRY_LENGTH,
  INDEX_EXTENSION,
  INDEX_HEADER_LENGTH,
  INDEX_MAGIC,
  MAX_BLOCK_LENGTH,
  readU64,
  RECORD_CRC_START,
  RECORD_HEADER_LENGTH,
  RECORD_LENGTH_OFFSET,
  RECORD_SEQUENCE_OFFSET,
} from "./archive-format.js";
import { type ArchiveFs, nodeArchiveFs } from "./archive-fs.js";
import { crc32c, crc32cInt } from "./crc32c.js";

export interface ArchiveReaderOptions {
  fs?: ArchiveFs;
  /** Size of each cursor's read buffer. Default 1 MiB. */
  chunkBytes?: number;
}

/** Why a record at some position is not a valid record of the expected sequence. */
const enum RecordCheck {
  Ok,
  Short,
  BadLength,
  BadCrc,
  BadSequence,
  End,
}

export class ArchiveReader {
  readonly path: string;
  readonly session: string;
  /** The session's 10 bytes as on the wire. */
  readonly sessionBytes: Uint8Array;
  readonly indexInterval: number;
  readonly createdMs: number;
  readonly fs: ArchiveFs;
  readonly chunkBytes: number;
  /** Bytes after the last valid record that are not a valid record: a torn write. */
  tornBytes = 0;
  /** Damage found while opening, in the records after the last index entry; null when none. */
  corruption: ArchiveCorruptionError | null = null;
  /** True when the file ends with the session's end record. */
  finalized = false;

  private fd: number;
  private lastSeq = 0;
  private validEnd = ARCHIVE_HEADER_LENGTH;
  /** offsets[k]: file offset of sequence k × indexInterval + 1. */
  private offsets = new Float64Array(1024);
  private entries = 0;
  /** Index entries that were on disk when the file was opened (the rest were rebuilt by the scan). */
  indexEntriesOnDisk = 0;

  private constructor(path: string, fd: number, header: Uint8Array, options: ArchiveReaderOptions) {
    this.path = path;
    this.fd = fd;
    this.fs = options.fs ?? nodeArchiveFs;
    this.chunkBytes = options.chunkBytes ?? 1024 * 1024;
    const view = new DataView(header.buffer, header.byteOffset, header.length);
    this.indexInterval = view.getUint32(HEADER_INDEX_INTERVAL_OFFSET, true);
    this.sessionBytes = header.slice(HEADER_SESSION_OFFSET, HEADER_SESSION_OFFSET + SESSION_LENGTH);
    this.session = String.fromCharCode(...this.sessionBytes).trimEnd();
    this.createdMs = readU64(view, HEADER_CREATED_OFFSET);
  }

  /** Opens an archive, checks its header, loads its index and finds the end of its valid records. */
  static open(path: string, options: ArchiveReaderOptions = {}): ArchiveReader {
    const afs = options.fs ?? nodeArchiveFs;
    let fd: number;
    try {
      fd = afs.openSync(path, "r");
    } catch (e) {
      throw new ArchiveFormatError(path, `cannot open: ${(e as Error).message}`);
    }
    try {
      const header = new Uint8Array(ARCHIVE_HEADER_LENGTH);
      const got = afs.readSync(fd, header, 0, ARCHIVE_HEADER_LENGTH, 0);
      checkHeader(path, header, got);
      const reader = new ArchiveReader(path, fd, header, options);
      reader.loadIndex();
      reader.scanTail();
      return reader;
    } catch (e) {
      afs.closeSync(fd);
      throw e;
    }
  }

  /** The last valid sequence number (0 for an empty session). */
  lastSequence(): number {
    return this.lastSeq;
  }

  /** Length of the header plus every valid record (and the end record, if finalized). */
  validLength(): number {
    return this.validEnd;
  }

  /** Number of index entries (including those rebuilt by the open scan). */
  indexEntries(): number {
    return this.entries;
  }

  /** The file offset of index entry k (sequence k × indexInterval + 1). */
  indexOffset(k: number): number {
    return this.offsets[k]!;
  }

  /**
   * Records appended by a writer in this process are readable: moves the end of valid data. The writer calls it
   * after each commit, with the new end and last sequence (an index entry per `indexInterval` records too).
   */
  extend(validEnd: number, lastSequence: number): void {
    this.validEnd = validEnd;
    this.lastSeq = lastSequence;
  }

  /** Records a new index entry (the writer's, as it appends). */
  addIndexEntry(sequence: number, fileOffset: number): void {
    const k = (sequence - 1) / this.indexInterval;
    if (k !== this.entries) return; // only the next one in order; anything else is already known
    if (this.entries === this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.entries++] = fileOffset;
  }

  /**
   * Re-reads the file's tail to pick up records a writer in another process has appended since (a live file).
   * Returns the new last sequence. Incomplete records at the end are ignored until they are complete.
   */
  refresh(): number {
    if (this.finalized) return this.lastSeq;
    this.tornBytes = 0;
    this.scanFrom(this.validEnd, this.lastSeq + 1, false);
    return this.lastSeq;
  }

  /** A new cursor over this archive, with its own read buffer. */
  cursor(): ArchiveCursor {
    return new ArchiveCursor(this);
  }

  /** Reads every record, verifying checksums and sequence order; throws ArchiveCorruptionError at the first bad one. */
  verifyAll(): number {
    const cursor = this.cursor();
    cursor.seek(1);
    let n = 0;
    while (cursor.next()) n++;
    return n;
  }

  /** File offset where the record of `sequence` starts, or of the nearest indexed record before it. */
  seekPoint(sequence: number): { offset: number; sequence: number } {
    const k = Math.min(Math.floor((sequence - 1) / this.indexInterval), this.entries - 1);
    if (k < 0) return { offset: ARCHIVE_HEADER_LENGTH, sequence: 1 };
    return { offset: this.offsets[k]!, sequence: k * this.indexInterval + 1 };
  }

  close(): void {
    if (this.fd >= 0) this.fs.closeSync(this.fd);
    this.fd = -1;
  }

  /** @internal */
  read(buf: Uint8Array, offset: number, length: number, position: number): number {
    let total = 0;
    while (total < length) {
      const n = this.fs.readSync(this.fd, buf, offset + total, length - total, position + total);
      if (n <= 0) break;
      total += n;
    }
    return total;
  }

  // ---- open: index and tail scan ------------------------------------------------------------------------

  private loadIndex(): void {
    const afs = this.fs;
    const indexPath = this.path + INDEX_EXTENSION;
    if (!afs.existsSync(indexPath)) return;
    let fd = -1;
    try {
      fd = afs.openSync(indexPath, "r");
      const size = afs.sizeOf(fd);
      if (size < INDEX_HEADER_LENGTH) return;
      const bytes = new Uint8Array(size);
      let got = 0;
      while (got < size) {
        const n = afs.readSync(fd, bytes, got, size - got, got);
        if (n <= 0) break;
        got += n;
      }
      const view = new DataView(bytes.buffer);
      if (asciiAt(bytes, 0, 8) !== INDEX_MAGIC || view.getUint32(12, true) !== this.indexInterval) return;
      const count = Math.floor((got - INDEX_HEADER_LENGTH) / INDEX_ENTRY_LENGTH);
      const dataSize = afs.sizeOf(this.fd);
      let previous = 0;
      for (let k = 0; k < count; k++) {
        const at = INDEX_HEADER_LENGTH + k * INDEX_ENTRY_LENGTH;
        const sequence = readU64(view, at);
        const offset = readU64(view, at + 8);
        // An entry must name its own sequence and move forward inside the data: stop at the first that does not
        // (the index is written after the data, so after a machine crash it may run ahead of it).
        if (sequence !== k * this.indexInterval + 1 || offset <= previous || offset < ARCHIVE_HEADER_LENGTH || offset >= dataSize) break;
        this.addIndexEntry(sequence, offset);
        previous = offset;
      }
      this.indexEntriesOnDisk = this.entries;
    } catch {
      this.entries = 0; // an unreadable index is rebuilt from the data
    } finally {
      if (fd >= 0) afs.closeSync(fd);
    }
  }

  private scanTail(): void {
    // Start at the last index entry whose record is intact; drop entries that point at damaged data.
    const probe = new Uint8Array(RECORD_HEADER_LENGTH);
    const fileSize = this.fs.sizeOf(this.fd);
    while (this.entries > 0) {
      const k = this.entries - 1;
      const sequence = k * this.indexInterval + 1;
      if (this.checkRecordAt(this.offsets[k]!, sequence, fileSize, probe) === RecordCheck.Ok) break;
      this.entries--;
    }
    if (this.entries < this.indexEntriesOnDisk) this.indexEntriesOnDisk = this.entries;
    const from = this.seekPoint(Number.MAX_SAFE_INTEGER);
    this.lastSeq = from.sequence - 1;
    this.scanFrom(from.offset, from.sequence, true);
  }

  /**
   * Walks records from `offset` (which holds `sequence`) to the end of the file, extending the valid data and
   * the index. At the first bad record decides between a torn tail and corruption (see the file comment).
   */
  private scanFrom(offset: number, sequence: number, classify: boolean): void {
    const fileSize = this.fs.sizeOf(this.fd);
    const chunk = new Uint8Array(Math.max(this.chunkBytes, 64 * 1024));
    const view = new DataView(chunk.buffer);
    let chunkStart = offset;
    let chunkLength = this.read(chunk, 0, Math.min(chunk.length, fileSize - offset), offset);
    let position = offset;
    let expected = sequence;
    for (;;) {
      if (position === fileSize) break;
      let at = position - chunkStart;
      if (at + RECORD_HEADER_LENGTH > chunkLength || at + RECORD_HEADER_LENGTH + view.getUint32(at + RECORD_LENGTH_OFFSET, true) > chunkLength) {
        // Refill from `position`; a record larger than the buffer is read through a big enough one.
        chunkStart = position;
        chunkLength = this.read(chunk, 0, Math.min(chunk.length, fileSize - position), position);
        at = 0;
      }
      let check = recordCheck(chunk, view, at, chunkLength, expected);
      let length = check === RecordCheck.Short || check === RecordCheck.BadLength ? 0 : view.getUint32(at + RECORD_LENGTH_OFFSET, true);
      if (check === RecordCheck.Short && chunkLength === chunk.length) {
        check = this.checkRecordAt(position, expected, fileSize, new Uint8Array(RECORD_HEADER_LENGTH));
        length = check === RecordCheck.Ok ? this.lengthAt(position) : 0;
      }
      if (check === RecordCheck.End) {
        // The end record: the session is finalized; it must be the last thing in the file.
        this.finalized = true;
        position += RECORD_HEADER_LENGTH;
        this.validEnd = position;
        if (position < fileSize) this.classifyBadTail(position, expected, fileSize, classify, "data after the end record");
        return;
      }
      if (check !== RecordCheck.Ok) {
        this.classifyBadTail(position, expected, fileSize, classify, describe(check));
        return;
      }
      if ((expected - 1) % this.indexInterval === 0) this.addIndexEntry(expected, position);
      position += RECORD_HEADER_LENGTH + length;
      this.lastSeq = expected;
      this.validEnd = position;
      expected++;
    }
  }

  private classifyBadTail(position: number, expected: number, fileSize: number, classify: boolean, detail: string): void {
    const later = classify ? this.findValidRecordAfter(position, expected, fileSize) : -1;
    if (later > 0) {
      this.corruption = new ArchiveCorruptionError(this.path, expected, position, `${detail}; valid records resume at sequence ${later}`);
    } else {
      this.tornBytes = fileSize - position;
    }
  }

  /** Searches past a bad record for any valid record of a later sequence; returns its sequence, or -1. */
  private findValidRecordAfter(position: number, expected: number, fileSize: number): number {
    const window = new Uint8Array(1024 * 1024);
    const view = new DataView(window.buffer);
    const probe = new Uint8Array(RECORD_HEADER_LENGTH);
    for (let start = position + 1; start + RECORD_HEADER_LENGTH <= fileSize; start += window.length - RECORD_HEADER_LENGTH) {
      const got = this.read(window, 0, Math.min(window.length, fileSize - start), start);
      for (let i = 0; i + RECORD_HEADER_LENGTH <= got; i++) {
        const length = view.getUint32(i + RECORD_LENGTH_OFFSET, true);
        const high = view.getUint32(i + RECORD_SEQUENCE_OFFSET + 4, true);
        if (high !== 0 || length > MAX_BLOCK_LENGTH || (length !== 0 && length < MSG_HEADER_LENGTH)) continue;
        const sequence = view.getUint32(i + RECORD_SEQUENCE_OFFSET, true);
        if (sequence < expected || start + i + RECORD_HEADER_LENGTH + length > fileSize) continue;
        if (this.checkRecordAt(start + i, sequence, fileSize, probe) === RecordCheck.Ok || (length === 0 && this.checkRecordAt(start + i, sequence + 1, fileSize, probe) === RecordCheck.End)) {
          return sequence;
        }
      }
      if (start + got >= fileSize) break;
    }
    return -1;
  }

  private lengthAt(position: number): number {
    const header = new Uint8Array(RECORD_HEADER_LENGTH);
    this.read(header, 0, RECORD_HEADER_LENGTH, position);
    return new DataView(header.buffer).getUint32(RECORD_LENGTH_OFFSET, true);
  }

  /** Reads and checks one record at a file offset (allocates: used only on open and on damage). */
  private checkRecordAt(position: number, sequence: number, fileSize: number, probe: Uint8Array): RecordCheck {
    if (position + RECORD_HEADER_LENGTH > fileSize) return RecordCheck.Short;
    this.read(probe, 0, RECORD_HEADER_LENGTH, position);
    const length = new DataView(probe.buffer).getUint32(RECORD_LENGTH_OFFSET, true);
    if (length > MAX_BLOCK_LENGTH || (length !== 0 && length < MSG_HEADER_LENGTH)) return RecordCheck.BadLength;
    if (position + RECORD_HEADER_LENGTH + length > fileSize) return RecordCheck.Short;
    const record = new Uint8Array(RECORD_HEADER_LENGTH + length);
    this.read(record, 0, record.length, position);
    return recordCheck(record, new DataView(record.buffer), 0, record.length, sequence);
  }
}

/**
 * Iterates records in sequence order from a seek point. One read buffer per cursor (1 MiB by default), refilled
 * with large reads; `next()` allocates nothing. After `next()` returns true the current record is
 * `buffer[blockOffset, blockOffset + blockLength)` with `sequence`, valid until the next call.
 */
export class ArchiveCursor {
  buffer: Uint8Array;
  view: DataView;
  sequence = 0;
  blockOffset = 0;
  blockLength = 0;

  private readonly reader: ArchiveReader;
  private chunkStart = 0;
  private chunkLength = 0;
  private position = ARCHIVE_HEADER_LENGTH;
  private expected = 1;

  constructor(reader: ArchiveReader) {
    this.reader = reader;
    this.buffer = new Uint8Array(reader.chunkBytes);
    this.view = new DataView(this.buffer.buffer);
  }

  /** Positions the cursor so that the next `next()` returns `sequence` (or false if it is past the end). */
  seek(sequence: number): void {
    if (sequence === this.expected && this.sequence === sequence - 1) return; // already there: sequential reads
    // From the index entry at or before the wanted sequence (or the last entry, for the unindexed tail).
    const point = this.reader.seekPoint(sequence);
    this.position = point.offset;
    this.expected = point.sequence;
    this.sequence = point.sequence - 1;
    this.chunkLength = 0;
    this.chunkStart = point.offset;
    while (this.expected < sequence && this.next()) {
      // skip the records between the index entry and the wanted one (each is checked)
    }
  }

  /** The next record in order; false at the end of the valid data. Throws ArchiveCorruptionError on damage. */
  next(): boolean {
    const end = this.reader.validLength();
    const position = this.position;
    if (position + RECORD_HEADER_LENGTH > end) return false;
    let at = position - this.chunkStart;
    if (at < 0 || at + RECORD_HEADER_LENGTH > this.chunkLength) at = this.fill(position, RECORD_HEADER_LENGTH, end);
    let length = this.view.getUint32(at + RECORD_LENGTH_OFFSET, true);
    if (length === 0 && this.reader.finalized && position + RECORD_HEADER_LENGTH === end) return false;
    if (length > MAX_BLOCK_LENGTH || position + RECORD_HEADER_LENGTH + length > end) throw this.damage(position, "record length out of range");
    if (at + RECORD_HEADER_LENGTH + length > this.chunkLength) {
      at = this.fill(position, RECORD_HEADER_LENGTH + length, end);
      length = this.view.getUint32(at + RECORD_LENGTH_OFFSET, true);
    }
    const check = recordCheck(this.buffer, this.view, at, this.chunkLength, this.expected);
    if (check !== RecordCheck.Ok) throw this.damage(position, describe(check));
    this.sequence = this.expected++;
    this.blockOffset = at + RECORD_HEADER_LENGTH;
    this.blockLength = length;
    this.position = position + RECORD_HEADER_LENGTH + length;
    return true;
  }

  /** File offset of the next record. */
  filePosition(): number {
    return this.position;
  }

  // Accessors of the current record's sequenced-message header (no allocation).
  timestamp(into: Timestamp): Timestamp {
    return readEpochNanos(this.view, this.blockOffset + MSG_TIMESTAMP_OFFSET, into);
  }
  accountOffset(): number {
    return this.blockOffset + MSG_ACCOUNT_OFFSET;
  }
  commandNumber(): number {
    return readU64(this.view, this.blockOffset + MSG_COMMAND_NUMBER_OFFSET);
  }
  instance(): number {
    return this.view.getUint16(this.blockOffset + MSG_INSTANCE_OFFSET, true);
  }
  payloadOffset(): number {
    return this.blockOffset + MSG_HEADER_LENGTH;
  }
  payloadLength(): number {
    return this.blockLength - MSG_HEADER_LENGTH;
  }

  /** Reads from `position` so that at least `need` bytes are buffered; returns the record's offset in the buffer. */
  private fill(position: number, need: number, end: number): number {
    if (need > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < need) size *= 2;
      this.buffer = new Uint8Array(size);
      this.view = new DataView(this.buffer.buffer);
    }
    this.chunkStart = position;
    this.chunkLength = this.reader.read(this.buffer, 0, Math.min(this.buffer.length, end - position), position);
    if (this.chunkLength < need) throw this.damage(position, "file shorter than its valid length (truncated by someone else?)");
    return 0;
  }

  private damage(position: number, detail: string): ArchiveCorruptionError {
    return new ArchiveCorruptionError(this.reader.path, this.expected, position, detail);
  }
}

function recordCheck(buf: Uint8Array, view: DataView, at: number, available: number, expected: number): RecordCheck {
  if (at + RECORD_HEADER_LENGTH > available) return RecordCheck.Short;
  const length = view.getUint32(at + RECORD_LENGTH_OFFSET, true);
  if (length > MAX_BLOCK_LENGTH || (length !== 0 && length < MSG_HEADER_LENGTH)) return RecordCheck.BadLength;
  if (at + RECORD_HEADER_LENGTH + length > available) return RecordCheck.Short;
  if (crc32cInt(buf, at + RECORD_CRC_START, RECORD_HEADER_LENGTH - RECORD_CRC_START + length) !== view.getInt32(at, true)) return RecordCheck.BadCrc;
  const sequence = readU64(view, at + RECORD_SEQUENCE_OFFSET);
  if (length === 0) return sequence === expected - 1 ? RecordCheck.End : RecordCheck.BadSequence;
  return sequence === expected ? RecordCheck.Ok : RecordCheck.BadSequence;
}

function describe(check: RecordCheck): string {
  switch (check) {
    case RecordCheck.Short:
      return "record cut short";
    case RecordCheck.BadLength:
      return "record length out of range";
    case RecordCheck.BadCrc:
      return "checksum mismatch";
    case RecordCheck.BadSequence:
      return "sequence out of order";
    default:
      return "unexpected end record";
  }
}

function asciiAt(buf: Uint8Array, offset: number, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(buf[offset + i]!);
  return s;
}

function checkHeader(path: string, header: Uint8Array, got: number): void {
  if (got < ARCHIVE_HEADER_LENGTH) throw new ArchiveFormatError(path, `file of ${got} bytes is shorter than the ${ARCHIVE_HEADER_LENGTH}-byte header`);
  if (asciiAt(header, 0, 8) !== ARCHIVE_MAGIC) throw new ArchiveFormatError(path, "bad magic (expected CORALARC)");
  const view = new DataView(header.buffer, header.byteOffset, header.length);
  if (crc32c(header, 0, HEADER_CRC_OFFSET) !== view.getUint32(HEADER_CRC_OFFSET, true)) throw new ArchiveFormatError(path, "header checksum mismatch");
  const version = view.getUint16(HEADER_VERSION_OFFSET, true);
  if (version !== ARCHIVE_VERSION) throw new ArchiveFormatError(path, `format version ${version}, this reader knows ${ARCHIVE_VERSION}`);
  if (view.getUint16(HEADER_LENGTH_OFFSET, true) !== ARCHIVE_HEADER_LENGTH) throw new ArchiveFormatError(path, "unexpected header length");
  if (view.getUint32(HEADER_INDEX_INTERVAL_OFFSET, true) < 1) throw new ArchiveFormatError(path, "index interval of 0");
}

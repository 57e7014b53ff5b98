/**
 * The session archive's byte layout, in one place (docs/ARCHIVE.md explains the guarantees around it).
 *
 * A session archive is two files in an archive directory:
 *
 *   <session>.coral       the data file: a header, then one record per sequenced message, in sequence order
 *   <session>.coral.idx   the sparse index: the file offset of every `indexInterval`-th record
 *
 * Every integer is LITTLE-endian, like the sequenced-message header inside each record.
 *
 * DATA FILE HEADER (64 bytes)
 *
 *   offset  size  field
 *   0       8     magic            ASCII "CORALARC"
 *   8       2     version          u16: 1
 *   10      2     headerLength     u16: 64 (records start here)
 *   12      4     indexInterval    u32: one index entry per this many records (sequences 1, 1 + n, 1 + 2n …)
 *   16      10    session          ASCII, as on the wire (YYMMDDHHmm, space-padded)
 *   26      6     reserved         0
 *   32      8     createdMs        u64: wall-clock milliseconds since the epoch when the file was created
 *   40      20    reserved         0
 *   60      4     headerCrc        u32: CRC32C of bytes 0 … 59
 *
 * RECORD (16 bytes + the block)
 *
 *   offset  size  field
 *   0       4     crc              u32: CRC32C of bytes 4 … 16 + blockLength − 1 (length, sequence and block)
 *   4       4     blockLength      u32: length of the block; 0 marks the session's END RECORD (below)
 *   8       8     sequence         u64: the message's sequence number (1, 2, 3 … with no gap)
 *   16      …     block            the message block exactly as it travels in a stream packet: the 32-byte
 *                                  sequenced-message header (timestamp u64 ns since the epoch, account 8 bytes,
 *                                  commandNumber u64, instance u16, flags, reserved) followed by the payload.
 *                                  So the record carries the timestamp and the source account, and a replay
 *                                  copies the block to the wire unchanged.
 *
 * END RECORD: blockLength 0 and sequence = the session's last sequence; written once when the session ends
 * ("finalized"). Nothing may follow it.
 *
 * INDEX FILE: a 16-byte header, then 16-byte entries; entry k describes sequence k × indexInterval + 1, so a
 * seek computes the entry's position without searching.
 *
 *   header: 0 magic "CORALIDX" (8) · 8 version u16 (1) · 10 reserved u16 · 12 indexInterval u32
 *   entry:  0 sequence u64 · 8 file offset u64 of that sequence's record in the data file
 *
 * The index is derived data: it is written after the records it points to and checked against the data file
 * on open (entries that point past the valid data are dropped, missing ones are rebuilt by a scan).
 */

export const ARCHIVE_MAGIC = "CORALARC";
export const ARCHIVE_VERSION = 1;
export const ARCHIVE_HEADER_LENGTH = 64;
export const HEADER_VERSION_OFFSET = 8;
export const HEADER_LENGTH_OFFSET = 10;
export const HEADER_INDEX_INTERVAL_OFFSET = 12;
export const HEADER_SESSION_OFFSET = 16;
export const HEADER_CREATED_OFFSET = 32;
export const HEADER_CRC_OFFSET = 60;

export const RECORD_CRC_OFFSET = 0;
export const RECORD_LENGTH_OFFSET = 4;
export const RECORD_SEQUENCE_OFFSET = 8;
export const RECORD_HEADER_LENGTH = 16;
/** The checksum covers the record from here (length, sequence, block). */
export const RECORD_CRC_START = 4;
/**
 * The largest block a record may hold. Blocks are at most a datagram today; the limit leaves room for the
 * reassembled messages of the fragmentation issue while still letting a scan reject a corrupt length at once.
 */
export const MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

export const INDEX_MAGIC = "CORALIDX";
export const INDEX_VERSION = 1;
export const INDEX_HEADER_LENGTH = 16;
export const INDEX_ENTRY_LENGTH = 16;
/** Default records per index entry: a seek reads at most this many records past the entry. */
export const DEFAULT_INDEX_INTERVAL = 1024;

export const ARCHIVE_EXTENSION = ".coral";
export const INDEX_EXTENSION = ".idx";

const TWO_POW_32 = 4294967296;

export function writeU64(view: DataView, offset: number, value: number): void {
  const low = value >>> 0;
  view.setUint32(offset, low, true);
  view.setUint32(offset + 4, (value - low) / TWO_POW_32, true);
}

export function readU64(view: DataView, offset: number): number {
  return view.getUint32(offset + 4, true) * TWO_POW_32 + view.getUint32(offset, true);
}

/** The data file's name for a session: the session id (trailing spaces trimmed) plus ".coral". */
export function archiveFileName(session: string): string {
  return `${session.trimEnd()}${ARCHIVE_EXTENSION}`;
}

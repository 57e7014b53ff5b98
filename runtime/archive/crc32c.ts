/**
 * CRC32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of every archive record: the same CRC that
 * iSCSI, ext4 metadata and SCTP use, chosen over CRC32 for its better error detection on short records.
 *
 * Slice-by-8: eight 256-entry tables let the loop consume 8 bytes per step with 8 table lookups instead of one
 * lookup per byte (about 4–6× faster in V8). Tables are built once at module load; the loop allocates nothing.
 */
const POLYNOMIAL = 0x82f63b78;

/** TABLES[k * 256 + b]: the CRC contribution of byte b followed by k zero bytes. */
const TABLES = buildTables();

function buildTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
    t[b] = c;
  }
  for (let b = 0; b < 256; b++) {
    let c = t[b]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + b] = c;
    }
  }
  return t;
}

/**
 * Continues a CRC32C over `buf[offset, offset + length)`. Start with `crc = 0`; the result is the standard
 * CRC32C (as an unsigned 32-bit number), and feeding it back in as `crc` continues over more bytes.
 */
export function crc32c(buf: Uint8Array, offset: number, length: number, crc = 0): number {
  return crc32cInt(buf, offset, length, crc) >>> 0;
}

/**
 * The same CRC as a signed 32-bit integer (compare it with DataView.getInt32). The hot paths use this form: an
 * unsigned result above 2^31 is a heap-allocated double when it crosses a call, a signed one never is.
 */
export function crc32cInt(buf: Uint8Array, offset: number, length: number, crc = 0): number {
  const t = TABLES;
  let c = ~crc;
  let i = offset;
  const end = offset + length;
  const end8 = end - 8;
  while (i <= end8) {
    const lo = c ^ (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24));
    const hi = buf[i + 4]! | (buf[i + 5]! << 8) | (buf[i + 6]! << 16) | (buf[i + 7]! << 24);
    c =
      t[1792 + (lo & 0xff)]! ^
      t[1536 + ((lo >>> 8) & 0xff)]! ^
      t[1280 + ((lo >>> 16) & 0xff)]! ^
      t[1024 + (lo >>> 24)]! ^
      t[768 + (hi & 0xff)]! ^
      t[512 + ((hi >>> 8) & 0xff)]! ^
      t[256 + ((hi >>> 16) & 0xff)]! ^
      t[hi >>> 24]!;
    i += 8;
  }
  while (i < end) c = t[(c ^ buf[i++]!) & 0xff]! ^ (c >>> 8);
  return ~c | 0;
}

/**
 * Byte-level helpers for the frames in frames.ts: 64-bit integers as two 32-bit halves (no BigInt), and short
 * ASCII names (accounts, sessions) written into fixed fields and compared in place.
 */

const TWO_POW_32 = 4294967296;

/** Writes a safe, non-negative integer as u64 big-endian (MoldUDP64 sequence numbers). */
export function writeU64BE(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / TWO_POW_32), false);
  view.setUint32(offset + 4, value >>> 0, false);
}

/** Reads a u64 big-endian; returns NaN when it is beyond 2^53 − 1 (an untrusted packet, or garbage). */
export function readU64BE(view: DataView, offset: number): number {
  const hi = view.getUint32(offset, false);
  const lo = view.getUint32(offset + 4, false);
  // The common case (below 2^32) stays an integer for the JIT, so passing it on does not box a double.
  if (hi === 0) return lo;
  if (hi > 0x1fffff) return NaN;
  return hi * TWO_POW_32 + lo;
}

export function writeU64LE(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, value >>> 0, true);
  view.setUint32(offset + 4, Math.floor(value / TWO_POW_32), true);
}

/** Reads a u64 little-endian; NaN when beyond 2^53 − 1. */
export function readU64LE(view: DataView, offset: number): number {
  const hi = view.getUint32(offset + 4, true);
  const lo = view.getUint32(offset, true);
  if (hi === 0) return lo;
  if (hi > 0x1fffff) return NaN;
  return hi * TWO_POW_32 + lo;
}

const NAME_CHAR = /^[A-Za-z0-9_-]+$/;

/** Checks an account name: 1 to `max` characters among A–Z a–z 0–9 _ -. Throws with the reason. */
export function checkName(kind: string, name: string, max: number): void {
  if (typeof name !== "string" || name.length === 0 || name.length > max || !NAME_CHAR.test(name)) {
    throw new Error(`${kind} ${JSON.stringify(name)} is invalid: 1 to ${max} characters among A-Z a-z 0-9 _ -`);
  }
}

/** ASCII bytes of a checked name, padded with `pad` to `length`. Allocates: call once, at setup. */
export function nameBytes(name: string, length: number, pad = 0): Uint8Array {
  const out = new Uint8Array(length).fill(pad);
  for (let i = 0; i < name.length && i < length; i++) out[i] = name.charCodeAt(i);
  return out;
}

/** Compares `length` bytes in place. */
export function bytesEqual(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aOffset + i] !== b[bOffset + i]) return false;
  return true;
}

/**
 * Decodes an ASCII field (stopping at the first NUL; trailing spaces dropped). Allocates a string: used for
 * names the first time they are seen (see NameTable) and for logs.
 */
export function decodeAscii(buf: Uint8Array, offset: number, length: number): string {
  let end = offset;
  const limit = offset + length;
  while (end < limit && buf[end] !== 0) end++;
  while (end > offset && buf[end - 1] === 0x20) end--;
  let s = "";
  for (let i = offset; i < end; i++) s += String.fromCharCode(buf[i]!);
  return s;
}

/** True when every byte of the field is printable ASCII or NUL padding after at least one character. */
export function isPrintableName(buf: Uint8Array, offset: number, length: number): boolean {
  if (buf[offset] === 0) return false;
  let ended = false;
  for (let i = offset; i < offset + length; i++) {
    const c = buf[i]!;
    if (c === 0) ended = true;
    else if (ended || c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/**
 * Interns fixed-width names (8-byte accounts, 10-byte sessions) seen in packets: the same bytes give the same
 * string object, so reading a message's account allocates nothing after the first time. Names are few (one per
 * account), so a linear scan over a small table beats hashing.
 */
export class NameTable {
  private readonly width: number;
  private bytes: Uint8Array;
  private names: string[] = [];
  private lastHit = -1;

  constructor(width: number) {
    this.width = width;
    this.bytes = new Uint8Array(width * 16);
  }

  intern(buf: Uint8Array, offset: number): string {
    const w = this.width;
    // Consecutive messages mostly carry the name of the one before (one session; bursts from one account).
    const last = this.lastHit;
    if (last >= 0 && bytesEqual(this.bytes, last * w, buf, offset, w)) return this.names[last]!;
    const n = this.names.length;
    for (let i = 0; i < n; i++) {
      if (bytesEqual(this.bytes, i * w, buf, offset, w)) {
        this.lastHit = i;
        return this.names[i]!;
      }
    }
    if ((n + 1) * w > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(buf.subarray(offset, offset + w), n * w);
    const name = decodeAscii(buf, offset, w);
    this.lastHit = this.names.length;
    this.names.push(name);
    return name;
  }
}

const views = new WeakMap<ArrayBufferLike, DataView>();

/**
 * A DataView over the whole ArrayBuffer behind `buf`, cached, so reading a received datagram allocates no view
 * per packet. Offsets into it are `buf.byteOffset + offset`.
 */
export function viewOf(buf: Uint8Array): DataView {
  let view = views.get(buf.buffer);
  if (view === undefined) {
    view = new DataView(buf.buffer);
    views.set(buf.buffer, view);
  }
  return view;
}

/**
 * Copies `length` bytes without making a subarray view (which would allocate an object per message on the hot
 * paths). A plain loop: V8 compiles it to a tight copy, and messages are small (≤ 1400 bytes).
 */
export function copyBytes(src: Uint8Array, srcOffset: number, dst: Uint8Array, dstOffset: number, length: number): void {
  for (let i = 0; i < length; i++) dst[dstOffset + i] = src[srcOffset + i]!;
}

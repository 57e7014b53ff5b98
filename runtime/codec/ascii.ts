/**
 * US-ASCII helpers for fixed-length `chars(n)` fields: NUL-padded on the wire, no length prefix.
 *
 * Decoding uses fixed-arity `String.fromCharCode` for short values because V8 builds the string directly
 * from the arguments; a `+=` loop allocates an intermediate string per character.
 */
import { codecFail } from "./codec-error.js";

/** Length of the value in `bytes[at .. at+capacity)`: up to the first NUL. */
export function asciiLength(bytes: Uint8Array, at: number, capacity: number): number {
  let n = 0;
  while (n < capacity && bytes[at + n] !== 0) n++;
  return n;
}

/** Materializes a NUL-padded field as a string (trailing padding dropped). Allocates the string. */
export function readAscii(bytes: Uint8Array, at: number, capacity: number): string {
  return readAsciiOfLength(bytes, at, asciiLength(bytes, at, capacity));
}

/** Materializes exactly `n` bytes as a string (each byte one UTF-16 code unit). */
export function readAsciiOfLength(bytes: Uint8Array, at: number, n: number): string {
  const b = bytes;
  const a = at;
  switch (n) {
    case 0:
      return "";
    case 1:
      return String.fromCharCode(b[a]!);
    case 2:
      return String.fromCharCode(b[a]!, b[a + 1]!);
    case 3:
      return String.fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!);
    case 4:
      return String.fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!);
    case 5:
      return String.fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!, b[a + 4]!);
    case 6:
      return String.fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!, b[a + 4]!, b[a + 5]!);
    case 7:
      return String.fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!, b[a + 4]!, b[a + 5]!, b[a + 6]!);
    case 8:
      return String.fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!, b[a + 4]!, b[a + 5]!, b[a + 6]!, b[a + 7]!);
    default:
      return readAsciiOfLength(b, a, 8) + readAsciiOfLength(b, a + 8, n - 8);
  }
}

/** Compares a NUL-padded field with `s` in place, without allocating. */
export function asciiEquals(bytes: Uint8Array, at: number, capacity: number, s: string): boolean {
  const n = s.length;
  if (n > capacity) return false;
  for (let i = 0; i < n; i++) {
    if (bytes[at + i] !== s.charCodeAt(i)) return false;
  }
  return n === capacity || bytes[at + n] === 0;
}

/**
 * Writes `s` into a `capacity`-byte field, char by char, and NUL-pads the rest. Throws a CodecError naming
 * `field` when `s` is longer than the field or holds a character outside printable US-ASCII (0x20–0x7E).
 *
 * The error text is built by writeAsciiFail(), out of line: V8 inlines a caller's callees only up to 920 bytes
 * of bytecode in all, and the messages' template strings had tripled this function's bytecode (209 → 69 bytes),
 * which left an Order encode's later string setters as calls.
 */
export function writeAscii(bytes: Uint8Array, at: number, capacity: number, s: string, field: string): void {
  const n = s.length;
  if (n > capacity) writeAsciiFail(at, capacity, s, field);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) writeAsciiFail(at, capacity, s, field);
    bytes[at + i] = c;
  }
  for (let i = n; i < capacity; i++) bytes[at + i] = 0;
}

/** The cold path of writeAscii(): finds what is wrong with `s` and throws the CodecError that says so. */
function writeAsciiFail(at: number, capacity: number, s: string, field: string): never {
  if (s.length > capacity) {
    codecFail(field, at, `${JSON.stringify(s)} has ${s.length} characters, more than the field's ${capacity}`);
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      codecFail(field, at + i, `${JSON.stringify(s)} has a character outside printable US-ASCII at index ${i}`);
    }
  }
  throw new Error(`unreachable: writeAsciiFail() found ${JSON.stringify(s)} valid`);
}

/**
 * A value pre-encoded for comparison with a `capacity`-byte chars field: its NUL-padded bytes as little-endian
 * 32-bit words (the last one holding the `capacity % 4` tail bytes, if any). A decoder's `xEqualsKey(key)` then
 * compares the field in place a word at a time, without reading the string character by character: make the
 * keys of the values an application compares against (a symbol it trades, an account it serves) once, with the
 * generated `XxxDecoder.xKey(s)`. Checks `s` as writeAscii() does, and throws the same CodecError naming `field`.
 */
export function asciiKey(s: string, capacity: number, field: string): Int32Array {
  const bytes = new Uint8Array(Math.ceil(capacity / 4) * 4);
  writeAscii(bytes, 0, capacity, s, field);
  // Read as little-endian words, as the decoder reads the field: an Int32Array view would take the host's order.
  const view = new DataView(bytes.buffer);
  const key = new Int32Array(bytes.length / 4);
  for (let i = 0; i < key.length; i++) key[i] = view.getInt32(i * 4, true);
  return key;
}

/** The cold path of an `xEqualsKey(key)` given a key made for a field of another size. */
export function keyFail(field: string, capacity: number, key: Int32Array): never {
  codecFail(field, 0, `a key of ${key.length} words is not one of this field's (chars(${capacity}), ${Math.ceil(capacity / 4)} words): make it with the field's own …Key()`);
}

/** Copies `length` raw bytes into a `capacity`-byte field and zero-pads the rest. */
export function writeFixedBytes(
  bytes: Uint8Array,
  at: number,
  capacity: number,
  src: Uint8Array,
  srcOffset: number,
  length: number,
  field: string,
): void {
  if (!(length >= 0 && length <= capacity)) {
    codecFail(field, at, `${length} bytes do not fit the field's ${capacity}`);
  }
  if (!(srcOffset >= 0 && srcOffset + length <= src.length)) {
    codecFail(field, at, `source range ${srcOffset}+${length} is outside the ${src.length}-byte source`);
  }
  for (let i = 0; i < length; i++) bytes[at + i] = src[srcOffset + i]!;
  for (let i = length; i < capacity; i++) bytes[at + i] = 0;
}

/** Copies `length` bytes out of a message into `dst`; returns `length`. */
export function copyOut(
  bytes: Uint8Array,
  at: number,
  length: number,
  dst: Uint8Array,
  dstOffset: number,
  field: string,
): number {
  if (!(dstOffset >= 0 && dstOffset + length <= dst.length)) {
    codecFail(field, at, `destination has no room for ${length} bytes at ${dstOffset} (its length is ${dst.length})`);
  }
  for (let i = 0; i < length; i++) dst[dstOffset + i] = bytes[at + i]!;
  return length;
}

/** Copies `length` bytes from `src` into a message being encoded (the caller has checked the room). */
export function copyIn(
  src: Uint8Array,
  srcOffset: number,
  length: number,
  bytes: Uint8Array,
  at: number,
  field: string,
): void {
  if (!(srcOffset >= 0 && length >= 0 && srcOffset + length <= src.length)) {
    codecFail(field, at, `source range ${srcOffset}+${length} is outside the ${src.length}-byte source`);
  }
  for (let i = 0; i < length; i++) bytes[at + i] = src[srcOffset + i]!;
}

/**
 * UTF-8 for `varchars` data. Encoding walks the string with charCodeAt and writes bytes directly, so it
 * allocates nothing; decoding materializes a string (allocation is inherent) and takes a fast path for ASCII.
 * Unpaired surrogates are encoded as U+FFFD, like TextEncoder.
 */
import { readAsciiOfLength } from "./ascii.js";

/** Number of bytes `s` takes in UTF-8. */
export function utf8Length(s: string): number {
  const n = s.length;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Writes `s` as UTF-8 at `at`; returns the number of bytes written. The caller has checked the room. */
export function writeUtf8(bytes: Uint8Array, at: number, s: string): number {
  const n = s.length;
  let p = at;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      bytes[p++] = c;
    } else if (c < 0x800) {
      bytes[p++] = 0xc0 | (c >> 6);
      bytes[p++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && isLowSurrogate(next)) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          bytes[p++] = 0xf0 | (cp >> 18);
          bytes[p++] = 0x80 | ((cp >> 12) & 0x3f);
          bytes[p++] = 0x80 | ((cp >> 6) & 0x3f);
          bytes[p++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      bytes[p++] = 0xe0 | (c >> 12);
      bytes[p++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p - at;
}

let decoder: InstanceType<typeof TextDecoder> | undefined;

/** Decodes `length` bytes of UTF-8 (invalid sequences become U+FFFD). Allocates the string. */
export function readUtf8(bytes: Uint8Array, at: number, length: number): string {
  if (length <= 16) {
    let ascii = true;
    for (let i = 0; i < length; i++) {
      if (bytes[at + i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return readAsciiOfLength(bytes, at, length);
  }
  decoder ??= new TextDecoder("utf-8");
  return decoder.decode(bytes.subarray(at, at + length));
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

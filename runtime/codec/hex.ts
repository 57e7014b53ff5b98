/** Hex renderings of bytes, for logs, error reports and toJSON() of binary fields. */

const HEX = "0123456789abcdef";

/** `bytes[at .. at+length)` as contiguous lowercase hex ("4f4e01"). */
export function toHex(bytes: Uint8Array, at = 0, length = bytes.length - at): string {
  let s = "";
  for (let i = 0; i < length; i++) {
    const b = bytes[at + i]!;
    s += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return s;
}

/**
 * A classic hex dump: 16 bytes per line, the offset relative to `at`, hex bytes, then printable ASCII.
 *
 *   0000  39 00 4e 4f 01 00 01 00  15 cd 5b 07 00 00 00 00  9.NO......[.....
 */
export function hexDump(bytes: Uint8Array, at = 0, length = bytes.length - at): string {
  const lines: string[] = [];
  for (let line = 0; line < length; line += 16) {
    let hex = "";
    let text = "";
    for (let i = 0; i < 16; i++) {
      if (i === 8) hex += " ";
      if (line + i < length) {
        const b = bytes[at + line + i]!;
        hex += HEX[b >> 4]! + HEX[b & 15]! + " ";
        text += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : ".";
      } else {
        hex += "   ";
      }
    }
    lines.push(`${line.toString(16).padStart(4, "0")}  ${hex} ${text}`);
  }
  return lines.join("\n");
}

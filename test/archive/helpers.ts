/** Shared pieces of the archive tests: temporary directories, message blocks, and a file system that fails on demand. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ArchiveFs, nodeArchiveFs } from "../../runtime/archive/archive-fs.js";

export function tempDir(prefix = "coral-archive-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A message block as the sequencer writes it: 32-byte sequenced-message header (timestamp, account,
 * commandNumber, instance, flags) and an SBE-headed payload whose body holds `value`.
 */
export function block(sequence: number, account = "NODE1", commandNumber = sequence, payloadLength = 64): Uint8Array {
  const b = new Uint8Array(32 + payloadLength);
  const v = new DataView(b.buffer);
  v.setUint32(0, (1_767_346_200_000_000 + sequence * 1000) % 4294967296, true); // some timestamp
  v.setUint32(4, 411_000 + Math.floor(sequence / 1e6), true);
  for (let i = 0; i < account.length; i++) b[8 + i] = account.charCodeAt(i);
  v.setUint32(16, commandNumber % 4294967296, true);
  v.setUint16(24, 1, true);
  b[26] = 0xc0;
  v.setUint16(32, payloadLength - 8, true); // SBE blockLength
  v.setUint16(34, 1, true); // template
  v.setUint16(36, 500, true); // schema
  for (let i = 40; i < b.length; i++) b[i] = (sequence * 7 + i) & 0xff;
  v.setUint32(40, sequence, true);
  return b;
}

/** Wraps the real file system; `failWritesAfter` bytes from now on every write fails with `code` (ENOSPC). */
export class FailingFs implements ArchiveFs {
  writtenBytes = 0;
  failWritesAfter = Infinity;
  failSync = false;
  code = "ENOSPC";
  openSync = nodeArchiveFs.openSync;
  closeSync = nodeArchiveFs.closeSync;
  readSync = nodeArchiveFs.readSync;
  ftruncateSync = nodeArchiveFs.ftruncateSync;
  sizeOf = nodeArchiveFs.sizeOf;
  existsSync = nodeArchiveFs.existsSync;
  readdirSync = nodeArchiveFs.readdirSync;
  mkdirSync = nodeArchiveFs.mkdirSync;
  fsyncSync = nodeArchiveFs.fsyncSync;
  writeSync(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number {
    const room = this.failWritesAfter - this.writtenBytes;
    if (room <= 0) throw Object.assign(new Error(`${this.code}: no space left on device, write`), { code: this.code });
    // A full disk takes part of a write first, as the real one does.
    const n = nodeArchiveFs.writeSync(fd, buf, offset, Math.min(length, room), position);
    this.writtenBytes += n;
    return n;
  }
  /** Asynchronous fdatasync (background syncs); fails like the synchronous one when `failSync` is set. */
  fdatasync(fd: number, callback: (err: Error | null) => void): void {
    if (this.failSync) {
      setImmediate(() => callback(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" })));
      return;
    }
    nodeArchiveFs.fdatasync!(fd, callback);
  }
  fdatasyncSync(fd: number): void {
    if (this.failSync) throw Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
    nodeArchiveFs.fdatasyncSync(fd);
  }
}

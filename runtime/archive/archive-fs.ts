/**
 * The few synchronous file operations the archive uses, behind an interface so that tests can make them fail
 * (a full disk, an I/O error) without root or a small filesystem. `nodeArchiveFs` is the real one.
 *
 * Synchronous on purpose: the sequencer is single-threaded and must not publish a batch before its write (and,
 * with the fsync policy, its sync) has returned, so an asynchronous call would only add a queue in between.
 */
import fs from "node:fs";

export interface ArchiveFs {
  openSync(path: string, flags: string): number;
  closeSync(fd: number): void;
  /** Writes at `position`; returns the number of bytes written (may be fewer than asked). */
  writeSync(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number;
  readSync(fd: number, buf: Uint8Array, offset: number, length: number, position: number): number;
  fdatasyncSync(fd: number): void;
  /** The same on libuv's thread pool; the callback runs on the event loop. Needed only for background syncs. */
  fdatasync?(fd: number, callback: (err: Error | null) => void): void;
  fsyncSync(fd: number): void;
  ftruncateSync(fd: number, length: number): void;
  sizeOf(fd: number): number;
  existsSync(path: string): boolean;
  readdirSync(path: string): string[];
  mkdirSync(path: string): void;
}

export const nodeArchiveFs: ArchiveFs = {
  openSync: (path, flags) => fs.openSync(path, flags),
  closeSync: (fd) => fs.closeSync(fd),
  writeSync: (fd, buf, offset, length, position) => fs.writeSync(fd, buf, offset, length, position),
  readSync: (fd, buf, offset, length, position) => fs.readSync(fd, buf, offset, length, position),
  fdatasyncSync: (fd) => fs.fdatasyncSync(fd),
  fdatasync: (fd, callback) => fs.fdatasync(fd, callback),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  sizeOf: (fd) => fs.fstatSync(fd).size,
  existsSync: (path) => fs.existsSync(path),
  readdirSync: (path) => fs.readdirSync(path),
  mkdirSync: (path) => void fs.mkdirSync(path, { recursive: true }),
};

/** Fsyncs a directory so that a file just created in it survives a machine crash (best effort where unsupported). */
export function syncDirectory(afs: ArchiveFs, dir: string): void {
  let fd = -1;
  try {
    fd = afs.openSync(dir, "r");
    afs.fsyncSync(fd);
  } catch {
    // Some filesystems refuse to fsync a directory; the file's own sync still covers its data.
  } finally {
    if (fd >= 0) afs.closeSync(fd);
  }
}

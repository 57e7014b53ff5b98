/**
 * Where `coral logger` writes its lines: a file or stdout.
 *
 * A file is opened for appending and never truncated: a restarted logger adds to its log instead of destroying
 * what it wrote before. Lines are gathered in memory and written together once per duty cycle (flush()), so a
 * burst of thousands of messages costs a few writes, not one system call per line.
 *
 * A failed write (disk full, I/O error) never stops the process: the lines of that write are counted as lost,
 * the error is kept for the status and reported once on stderr, and later writes are tried again (the operator
 * may free space). The session archive, not the log, is the record of the stream.
 */
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";

/** Gathered text is written once it exceeds this many characters, even within a duty cycle. */
const FLUSH_AT_CHARS = 1 << 16;

export class LineOutput {
  /** The file, or null for stdout. */
  readonly path: string | null;
  readonly counters = { written: 0, lost: 0, writes: 0, errors: 0 };
  /** The last write failure, or null. */
  error: string | null = null;
  private fd: number | null = null;
  private closed = false;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(path: string | null) {
    this.path = path;
    if (path !== null) {
      try {
        this.fd = openSync(path, "a");
      } catch (e) {
        throw new Error(`cannot open the logger output ${path}: ${(e as Error).message}`);
      }
    }
  }

  /** Takes one line (without its newline). */
  write(line: string): void {
    if (this.closed) {
      this.counters.lost++;
      return;
    }
    this.pending.push(line);
    this.pendingChars += line.length + 1;
    if (this.pendingChars >= FLUSH_AT_CHARS) this.flush();
  }

  /** Writes what was gathered. Returns 0: flushing produces no further work for the duty cycle. */
  flush(): number {
    const count = this.pending.length;
    if (count === 0) return 0;
    const text = this.pending.join("\n") + "\n";
    this.pending = [];
    this.pendingChars = 0;
    try {
      if (this.fd === null) process.stdout.write(text);
      else writeFully(this.fd, Buffer.from(text, "utf8"));
      this.counters.written += count;
      this.counters.writes++;
    } catch (e) {
      const message = `cannot write to ${this.path ?? "stdout"}: ${(e as Error).message}`;
      if (message !== this.error) process.stderr.write(`coral logger: ${message} (${count} lines lost; later lines are tried again)\n`);
      this.error = message;
      this.counters.lost += count;
      this.counters.errors++;
    }
    return 0;
  }

  /** Writes what was gathered, makes a file durable and closes it. */
  close(): void {
    this.flush();
    this.closed = true;
    if (this.fd === null) return;
    try {
      fsyncSync(this.fd);
    } catch (e) {
      this.error = `cannot sync ${this.path}: ${(e as Error).message}`;
    }
    closeSync(this.fd);
    this.fd = null;
  }
}

function writeFully(fd: number, bytes: Buffer): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * Every message block of one session, in sequence order, kept in memory so that gap-fills and rewinds can be
 * served. Blocks are copied into one growing byte array; arrays double when full, so appending allocates only
 * O(log n) times over a session. (The persistence issue replaces this with files; a bounded circular store is
 * for later too.)
 */
import { copyBytes } from "../protocol/bytes.js";

export class MessageStore {
  private data = new Uint8Array(64 * 1024);
  private used = 0;
  private offsets = new Float64Array(1024);
  private lengths = new Int32Array(1024);
  private count = 0;

  constructor(
    /** The session's name. */
    readonly session: string,
    /** The session's 10 name bytes as on the wire. */
    readonly sessionBytes: Uint8Array,
  ) {}

  /** Number of messages stored; the last sequence number. */
  size(): number {
    return this.count;
  }

  /** Stores the block of the next sequence number (size() + 1). */
  append(buf: Uint8Array, offset: number, length: number): void {
    if (this.used + length > this.data.length) {
      let capacity = this.data.length * 2;
      while (this.used + length > capacity) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    if (this.count === this.offsets.length) {
      const offsets = new Float64Array(this.count * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const lengths = new Int32Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    copyBytes(buf, offset, this.data, this.used, length);
    this.offsets[this.count] = this.used;
    this.lengths[this.count] = length;
    this.used += length;
    this.count++;
  }

  /** The bytes of all blocks; a block's place is blockOffset/blockLength. Valid until the next append. */
  buffer(): Uint8Array {
    return this.data;
  }

  blockOffset(sequence: number): number {
    return this.offsets[sequence - 1]!;
  }

  blockLength(sequence: number): number {
    return this.lengths[sequence - 1]!;
  }

  /** Copies the block of `sequence` into `into` at `at`; returns its length. (An archived store reads it from disk.) */
  copyBlock(sequence: number, into: Uint8Array, at: number): number {
    const length = this.lengths[sequence - 1]!;
    copyBytes(this.data, this.offsets[sequence - 1]!, into, at, length);
    return length;
  }

  /** The last sequence that may be replayed to nodes: all of them here; an archived store only what is durable. */
  replayableSize(): number {
    return this.count;
  }
}

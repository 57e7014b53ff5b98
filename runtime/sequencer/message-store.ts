/**
 * Every message block of one session, in sequence order, kept in memory so that gap-fills and rewinds can be
 * served (when persistence is on, ArchivedSessionStore keeps them in the session's archive file instead).
 *
 * Blocks are copied into fixed-size chunks that are never moved: a full chunk is followed by a new one rather
 * than copied into one twice as large. On this class of VM the first write to a fresh page of memory costs
 * about 13 µs (3.3 ms per MiB, docs/PERFORMANCE.md), so a doubling array, which writes every byte two or three
 * times into fresh memory as it grows, cost the sequencer about 1.9 µs per 100-byte message; chunks write each
 * byte once. Only the index (one offset and one length per message) still grows by doubling.
 */
/** Bytes per chunk: large enough that a chunk holds tens of thousands of blocks, small enough to allocate. */
const CHUNK_BYTES = 4 * 1024 * 1024;

export class MessageStore {
  private readonly chunks: Uint8Array[] = [];
  /** The chunk being filled and how much of it is used. */
  private chunk = new Uint8Array(0);
  private used = 0;
  /** Per message (index sequence − 1): the chunk's number and the block's offset in it, and its length. */
  private chunkOf = new Uint32Array(1024);
  private offsets = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
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
    if (this.used + length > this.chunk.length) this.startChunk(length);
    if (this.count === this.offsets.length) this.growIndex();
    const dst = this.chunk;
    const at = this.used;
    for (let i = 0; i < length; i++) dst[at + i] = buf[offset + i]!;
    this.chunkOf[this.count] = this.chunks.length - 1;
    this.offsets[this.count] = at;
    this.lengths[this.count] = length;
    this.used = at + length;
    this.count++;
  }

  blockLength(sequence: number): number {
    return this.lengths[sequence - 1]!;
  }

  /** Copies the block of `sequence` into `into` at `at`; returns its length. (An archived store reads it from disk.) */
  copyBlock(sequence: number, into: Uint8Array, at: number): number {
    const i = sequence - 1;
    const src = this.chunks[this.chunkOf[i]!]!;
    const from = this.offsets[i]!;
    const length = this.lengths[i]!;
    for (let j = 0; j < length; j++) into[at + j] = src[from + j]!;
    return length;
  }

  /** The last sequence that may be replayed to nodes: all of them here; an archived store only what is durable. */
  replayableSize(): number {
    return this.count;
  }

  private startChunk(length: number): void {
    // A block is at most a datagram's payload, but a caller storing something larger still gets a chunk for it.
    this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, length));
    this.chunks.push(this.chunk);
    this.used = 0;
  }

  private growIndex(): void {
    const capacity = this.count * 2;
    const chunkOf = new Uint32Array(capacity);
    chunkOf.set(this.chunkOf);
    this.chunkOf = chunkOf;
    const offsets = new Uint32Array(capacity);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const lengths = new Uint32Array(capacity);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}

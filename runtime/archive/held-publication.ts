/**
 * The stream publication of a persisting sequencer: stream packets handed to `send` are held, in order, until
 * the archive has committed the messages they carry; `release()` then sends them, `discard()` drops them (the
 * commit failed: they must never reach a node). Heartbeats and end-of-session packets queue behind the data so
 * the order on the wire is unchanged.
 *
 * Packet buffers are pooled and reused: holding allocates only when a batch is larger than any before it.
 */
import type { Endpoint } from "../transport/transport.js";

export class HeldPublication implements Endpoint {
  readonly maxDatagramLength: number;
  private readonly inner: Endpoint;
  private readonly packets: Uint8Array[] = [];
  private lengths = new Int32Array(64);
  private held = 0;
  /** Packets held since the start, and packets released (or discarded) since the start: absolute counters. */
  private heldTotal = 0;
  private releasedTotal = 0;
  private stopped = false;
  readonly counters = { held: 0, released: 0, discarded: 0, sendFailures: 0 };

  constructor(inner: Endpoint) {
    this.inner = inner;
    this.maxDatagramLength = inner.maxDatagramLength;
  }

  send(buf: Uint8Array, offset: number, length: number): boolean {
    if (this.stopped) return false;
    if (this.held === this.packets.length) {
      this.packets.push(new Uint8Array(Math.max(this.maxDatagramLength, length)));
      if (this.held === this.lengths.length) {
        const grown = new Int32Array(this.lengths.length * 2);
        grown.set(this.lengths);
        this.lengths = grown;
      }
    }
    let slot = this.packets[this.held]!;
    if (slot.length < length) slot = this.packets[this.held] = new Uint8Array(length);
    for (let i = 0; i < length; i++) slot[i] = buf[offset + i]!;
    this.lengths[this.held++] = length;
    this.heldTotal++;
    this.counters.held++;
    return true;
  }

  sendTo(source: number, buf: Uint8Array, offset: number, length: number): boolean {
    return this.inner.sendTo(source, buf, offset, length);
  }

  /** Packets waiting for the commit. */
  pending(): number {
    return this.held;
  }

  /** Sends every held packet, oldest first. */
  release(): void {
    this.releaseThrough(this.heldTotal);
  }

  /** A mark for releaseThrough: every packet held so far. */
  mark(): number {
    return this.heldTotal;
  }

  /** Sends the held packets up to a mark (those held before it was taken), oldest first; keeps the rest. */
  releaseThrough(mark: number): void {
    const n = Math.min(this.held, mark - this.releasedTotal);
    if (n <= 0) return;
    for (let i = 0; i < n; i++) {
      if (!this.inner.send(this.packets[i]!, 0, this.lengths[i]!)) this.counters.sendFailures++;
    }
    // Move the rest (and the freed buffers) to the front: packet buffers are swapped, never reallocated.
    for (let i = n; i < this.held; i++) {
      const kept = this.packets[i - n]!;
      this.packets[i - n] = this.packets[i]!;
      this.packets[i] = kept;
      this.lengths[i - n] = this.lengths[i]!;
    }
    this.held -= n;
    this.releasedTotal += n;
    this.counters.released += n;
  }

  /** Drops every held packet and, with `stop`, everything sent from now on. */
  discard(stop: boolean): void {
    this.counters.discarded += this.held;
    this.releasedTotal += this.held;
    this.held = 0;
    if (stop) this.stopped = true;
  }

  close(): void {
    this.inner.close();
  }
}

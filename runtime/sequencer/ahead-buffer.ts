/**
 * Commands of one account that arrived ahead of its next expected number (the one before them was lost or is
 * still on its way). The sequencer keeps a copy instead of dropping them, and sequences them as soon as the
 * missing one arrives, so one lost command packet costs one resend rather than a resend of everything after it.
 *
 * A ring of `capacity` slots indexed by command number modulo capacity, only for numbers within `capacity` of
 * the next expected one (so two held numbers never share a slot). Slot buffers are made on first use, once.
 */
import { copyBytes } from "../protocol/bytes.js";
import { MAX_PAYLOAD_LENGTH } from "../protocol/frames.js";

export const Keep = { OutOfWindow: 0, Kept: 1, AlreadyHeld: 2 } as const;
export type Keep = (typeof Keep)[keyof typeof Keep];

export class AheadBuffer {
  private readonly capacity: number;
  /** The command number each slot holds; 0 = empty (command numbers start at 1). */
  private readonly numbers: Float64Array;
  private readonly instances: Uint16Array;
  private readonly lengths: Int32Array;
  private readonly slots: (Uint8Array | null)[];

  constructor(capacity: number) {
    this.capacity = capacity;
    this.numbers = new Float64Array(capacity);
    this.instances = new Uint16Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.slots = new Array<Uint8Array | null>(capacity).fill(null);
  }

  /** Keeps a copy of command `number` sent by `instance`, if it is within the window after `next`. */
  keep(number: number, instance: number, buf: Uint8Array, offset: number, length: number, next: number): Keep {
    if (number - next >= this.capacity || length > MAX_PAYLOAD_LENGTH) return Keep.OutOfWindow;
    const index = number % this.capacity;
    if (this.numbers[index] === number) return Keep.AlreadyHeld;
    let slot = this.slots[index];
    if (slot === null || slot === undefined) {
      slot = new Uint8Array(MAX_PAYLOAD_LENGTH);
      this.slots[index] = slot;
    }
    copyBytes(buf, offset, slot, 0, length);
    this.numbers[index] = number;
    this.instances[index] = instance;
    this.lengths[index] = length;
    return Keep.Kept;
  }

  /** The slot holding command `number`, or -1. */
  find(number: number): number {
    const index = number % this.capacity;
    return this.numbers[index] === number ? index : -1;
  }

  bufferAt(index: number): Uint8Array {
    return this.slots[index]!;
  }

  lengthAt(index: number): number {
    return this.lengths[index]!;
  }

  instanceAt(index: number): number {
    return this.instances[index]!;
  }

  clear(index: number): void {
    this.numbers[index] = 0;
  }

  clearAll(): void {
    this.numbers.fill(0);
  }
}

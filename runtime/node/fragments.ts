/**
 * Messages larger than a datagram (fragmentation, as Aeron does it with BEGIN/END flags).
 *
 * Sending: a command longer than MAX_PAYLOAD_LENGTH (1346 bytes) is split into fragments of at most that size.
 * Each fragment is a numbered command of its own, sent alone in a command packet marked CMD_FLAG_FRAGMENT with
 * BEGIN on the first and END on the last, so the existing resend-until-echo and exactly-once rules apply to each
 * fragment unchanged. The sequencer gives the fragments consecutive sequence numbers in this account's order and
 * copies the BEGIN/END bits into the stream header. A large message needs more slots than the command ring has
 * (10 MiB is about 7 800 fragments), so commands wait in this backlog, copied, and move into the ring as echoes
 * free it; a command sent while the backlog is not empty waits behind it, to keep the order.
 *
 * Receiving: fragments of one account arrive in order (other accounts' messages may come between them); the
 * assembler appends them and hands out the whole message at END. A fragment without its beginning (a node that
 * joined at the live tail, in the middle of a message) is counted and dropped.
 *
 * Large messages allocate (the copy in the backlog, the reassembly buffer growing to the message size): they are
 * rare by design, and messages that fit one datagram never come here.
 */
import { copyBytes } from "../protocol/bytes.js";
import { CMD_FLAG_FRAGMENT, FLAG_BEGIN, FLAG_END, MAX_PAYLOAD_LENGTH } from "../protocol/frames.js";

/** Commands waiting for room in the command ring: large ones split into fragments, and any sent after them. */
export class CommandBacklog {
  private readonly queue: { bytes: Uint8Array; position: number }[] = [];
  private head = 0;

  isEmpty(): boolean {
    return this.head === this.queue.length;
  }

  /** Command numbers the queued commands will take (one per fragment, one per whole command). */
  numbersNeeded(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const q = this.queue[i]!;
      n += Math.max(1, Math.ceil((q.bytes.length - q.position) / MAX_PAYLOAD_LENGTH));
    }
    return n;
  }

  /** Queues a copy of a command; returns how many command numbers it will take. */
  push(payload: Uint8Array, offset: number, length: number): number {
    const bytes = new Uint8Array(length);
    copyBytes(payload, offset, bytes, 0, length);
    this.queue.push({ bytes, position: 0 });
    return length > MAX_PAYLOAD_LENGTH ? Math.ceil(length / MAX_PAYLOAD_LENGTH) : 1;
  }

  /**
   * Hands the next whole command or fragment to `enqueue(bytes, offset, length, fragmentFlags)` while `hasRoom()`;
   * returns how many it handed over.
   */
  drain(hasRoom: () => boolean, enqueue: (bytes: Uint8Array, offset: number, length: number, fragmentFlags: number) => void): number {
    let moved = 0;
    while (!this.isEmpty() && hasRoom()) {
      const q = this.queue[this.head]!;
      const total = q.bytes.length;
      if (total <= MAX_PAYLOAD_LENGTH) {
        enqueue(q.bytes, 0, total, 0);
        this.head++;
      } else {
        const length = Math.min(MAX_PAYLOAD_LENGTH, total - q.position);
        const flags = CMD_FLAG_FRAGMENT | (q.position === 0 ? FLAG_BEGIN : 0) | (q.position + length === total ? FLAG_END : 0);
        enqueue(q.bytes, q.position, length, flags);
        q.position += length;
        if (q.position === total) this.head++;
      }
      moved++;
    }
    if (this.isEmpty() && this.head > 0) {
      this.queue.length = 0;
      this.head = 0;
    }
    return moved;
  }
}

export interface AssemblerCounters {
  /** Whole messages reassembled from fragments. */
  assembled: number;
  /** Fragments dropped because their message's beginning was never seen. */
  orphanFragments: number;
}

/** Reassembles fragmented messages, per account. */
export class FragmentAssembler {
  readonly counters: AssemblerCounters = { assembled: 0, orphanFragments: 0 };
  private readonly accounts: string[] = [];
  private readonly buffers: Uint8Array[] = [];
  private readonly lengths: number[] = [];
  private readonly open: boolean[] = [];

  /**
   * Adds one fragment of `account` (an interned name); returns the whole message's bytes when this fragment ends
   * it (valid until the next call), or null.
   */
  add(account: string, flags: number, buf: Uint8Array, offset: number, length: number): { buffer: Uint8Array; length: number } | null {
    let i = this.accounts.indexOf(account);
    if (i < 0) {
      i = this.accounts.length;
      this.accounts.push(account);
      this.buffers.push(new Uint8Array(64 * 1024));
      this.lengths.push(0);
      this.open.push(false);
    }
    if ((flags & FLAG_BEGIN) !== 0) {
      this.open[i] = true;
      this.lengths[i] = 0;
    } else if (!this.open[i]) {
      this.counters.orphanFragments++;
      return null;
    }
    const used = this.lengths[i]!;
    let buffer = this.buffers[i]!;
    if (used + length > buffer.length) {
      let capacity = buffer.length * 2;
      while (used + length > capacity) capacity *= 2;
      const grown = new Uint8Array(capacity);
      copyBytes(buffer, 0, grown, 0, used);
      buffer = grown;
      this.buffers[i] = grown;
    }
    copyBytes(buf, offset, buffer, used, length);
    this.lengths[i] = used + length;
    if ((flags & FLAG_END) === 0) return null;
    this.open[i] = false;
    this.counters.assembled++;
    return { buffer, length: used + length };
  }
}

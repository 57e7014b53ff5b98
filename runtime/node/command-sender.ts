/**
 * A node's outgoing commands: numbered, kept until their echo comes back on the stream, resent until then.
 *
 * Commands wait in a ring of preallocated slots (copied in, so the caller reuses its buffer; nothing allocated
 * per command). New commands go out at the next doWork, batched into as few command packets as fit. When the
 * oldest pending command has waited `resendNs` without its echo, one datagram of the oldest commands is sent
 * again (the sequencer sequences each account's commands in number order, holding those that arrive after a
 * gap, so the oldest is what matters).
 *
 * An echo of this account's command number n (from any instance: hot-hot instances number alike) removes every
 * pending command up to n. A passive node keeps its commands but transmits none: if another instance is active
 * their echoes drain the ring; if this one becomes active it sends what was never sequenced, so a takeover
 * loses nothing.
 *
 * Unnumbered commands (heartbeat, activation) bypass the ring: they are idempotent and resent by the node.
 */
import { copyBytes } from "../protocol/bytes.js";
import { CommandPacketWriter } from "../protocol/command-packet.js";
import { CMD_BLOCK_OVERHEAD, CMD_HEADER_LENGTH, MAX_PAYLOAD_LENGTH } from "../protocol/frames.js";
import type { Clock } from "../clock.js";
import type { Endpoint } from "../transport/transport.js";

export interface CommandSenderOptions {
  /** Commands that may wait for their echo at once. Default 1024. */
  capacity?: number;
  /** Resend the pending commands when the oldest has waited this long. Default 20 ms. */
  resendNs?: number;
}

export interface SenderCounters {
  issued: number;
  /** Commands issued during a rewind that the stream already showed as sequenced. */
  alreadySequenced: number;
  packetsSent: number;
  commandsSent: number;
  resends: number;
  /** Commands a passive node dropped because its ring was full. */
  passiveOverflow: number;
}

export class CommandSender {
  readonly counters: SenderCounters = { issued: 0, alreadySequenced: 0, packetsSent: 0, commandsSent: 0, resends: 0, passiveOverflow: 0 };
  private readonly writer: CommandPacketWriter;
  private endpoint: Endpoint | null = null;
  private readonly capacity: number;
  private readonly resendNs: number;
  private readonly numbers: Float64Array;
  private readonly lengths: Int32Array;
  /** Command packet fragment flags of each slot (0 = a whole command; see frames.ts CMD_FLAG_FRAGMENT). */
  private readonly fragmentFlags: Uint8Array;
  private readonly sentAtNs: Float64Array;
  private readonly slots: (Uint8Array | null)[];
  private head = 0; // oldest pending
  private size = 0;
  /** Pending commands [head, head + sent) have been transmitted at least once since the last (re)send. */
  private sent = 0;
  /** The last command number handed out. */
  private issued = 0;
  /** The highest command number of this account seen on the stream. */
  private echoed = 0;

  constructor(private readonly clock: Clock, account: Uint8Array, instance: number, options: CommandSenderOptions = {}) {
    this.writer = new CommandPacketWriter(account, instance);
    this.capacity = options.capacity ?? 1024;
    this.resendNs = options.resendNs ?? 20_000_000;
    this.numbers = new Float64Array(this.capacity);
    this.lengths = new Int32Array(this.capacity);
    this.fragmentFlags = new Uint8Array(this.capacity);
    this.sentAtNs = new Float64Array(this.capacity);
    // Slot buffers are made on first use (once each), so a node that sends little holds little.
    this.slots = new Array<Uint8Array | null>(this.capacity).fill(null);
  }

  attach(endpoint: Endpoint): void {
    this.endpoint = endpoint;
  }

  /** True while the ring can take another command. */
  hasRoom(): boolean {
    return this.size < this.capacity;
  }

  /** Commands waiting for their echo. */
  pending(): number {
    return this.size;
  }

  lastIssued(): number {
    return this.issued;
  }

  lastEchoed(): number {
    return this.echoed;
  }

  /**
   * Numbers a command and queues a copy. Returns its command number, or 0 when the stream has already shown that
   * number sequenced (a rewinding node re-issuing its history). Throws when the ring is full on an active node
   * (the caller outruns the sequencer); a passive node drops its oldest instead.
   */
  enqueue(payload: Uint8Array, offset: number, length: number, active: boolean, fragmentFlags = 0): number {
    if (length > MAX_PAYLOAD_LENGTH) throw new Error(`command of ${length} bytes exceeds ${MAX_PAYLOAD_LENGTH}`);
    const number = ++this.issued;
    this.counters.issued++;
    if (number <= this.echoed) {
      this.counters.alreadySequenced++;
      return 0;
    }
    if (this.size === this.capacity) {
      if (active) {
        this.issued--;
        this.counters.issued--;
        throw new Error(`${this.capacity} commands are waiting for their echo: wait for the stream to catch up`);
      }
      this.counters.passiveOverflow++;
      this.dropOldest();
    }
    const index = (this.head + this.size) % this.capacity;
    let slot = this.slots[index];
    if (slot === null || slot === undefined) {
      slot = new Uint8Array(MAX_PAYLOAD_LENGTH);
      this.slots[index] = slot;
    }
    copyBytes(payload, offset, slot, 0, length);
    this.lengths[index] = length;
    this.fragmentFlags[index] = fragmentFlags;
    this.numbers[index] = number;
    this.size++;
    return number;
  }

  /** The stream showed this account's command `number` (sequenced or rejected): everything up to it is done. */
  onEcho(number: number): void {
    if (number > this.echoed) this.echoed = number;
    while (this.size > 0 && this.numbers[this.head]! <= this.echoed) this.dropOldest();
  }

  /** After a rewind: continue numbering after what the stream has shown. */
  syncNumbering(): void {
    if (this.issued < this.echoed) this.issued = this.echoed;
  }

  /** Sends new commands, and everything pending when the oldest is overdue. Returns packets sent. */
  doWork(): number {
    if (this.size === 0 || this.endpoint === null) return 0;
    // Time is read here, not passed in: a double passed to a call the JIT does not inline is boxed (allocates).
    const nowNs = this.clock.nanoTime();
    let packets = 0;
    if (this.sent > 0 && nowNs - this.sentAtNs[this.head]! >= this.resendNs) {
      // The oldest command is overdue: resend the oldest commands sent with it. The sequencer keeps the
      // commands that arrived after a lost one, so filling the gap usually releases them all; any it did not
      // keep become the oldest in turn, are overdue already, and go at the next turn.
      this.counters.resends++;
      const overdueSince = this.sentAtNs[this.head]!;
      for (let i = 0; i < this.sent; i++) {
        const index = (this.head + i) % this.capacity;
        const length = this.lengths[index]!;
        // Only what went out with the oldest (its packet, most likely the one lost), in one datagram.
        if (this.sentAtNs[index]! > overdueSince || !this.writer.fits(length)) break;
        if (this.fragmentFlags[index] !== 0) {
          // A fragment travels alone in its packet.
          if (i > 0) break;
          this.writer.setFragmentFlags(this.fragmentFlags[index]!);
          this.writer.append(this.numbers[index]!, this.slots[index]!, 0, length);
          this.sentAtNs[index] = nowNs;
          this.counters.commandsSent++;
          break;
        }
        this.writer.append(this.numbers[index]!, this.slots[index]!, 0, length);
        this.sentAtNs[index] = nowNs;
        this.counters.commandsSent++;
      }
      packets += this.flushPacket();
    }
    while (this.sent < this.size) {
      const index = (this.head + this.sent) % this.capacity;
      const length = this.lengths[index]!;
      if (this.fragmentFlags[index] !== 0) {
        packets += this.flushPacket();
        this.writer.setFragmentFlags(this.fragmentFlags[index]!);
        this.writer.append(this.numbers[index]!, this.slots[index]!, 0, length);
        this.sentAtNs[index] = nowNs;
        this.counters.commandsSent++;
        this.sent++;
        packets += this.flushPacket();
        continue;
      }
      if (!this.writer.fits(length)) packets += this.flushPacket();
      this.writer.append(this.numbers[index]!, this.slots[index]!, 0, length);
      this.sentAtNs[index] = nowNs;
      this.counters.commandsSent++;
      this.sent++;
    }
    packets += this.flushPacket();
    return packets;
  }

  /** Sends one unnumbered command (heartbeat, activation) at once, in its own packet. */
  sendUnnumbered(payload: Uint8Array, offset: number, length: number): void {
    if (this.endpoint === null) return;
    this.writer.append(0, payload, offset, length);
    this.flushPacket();
  }

  /** Forgets that pending commands were sent (a passive node that becomes active sends them all again). */
  rewindTransmission(): void {
    this.sent = 0;
  }

  private flushPacket(): number {
    if (this.writer.count() === 0) return 0;
    const length = this.writer.finish();
    this.endpoint!.send(this.writer.buffer, 0, length);
    this.writer.clearFragmentFlags();
    this.counters.packetsSent++;
    return 1;
  }

  private dropOldest(): void {
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    if (this.sent > 0) this.sent--;
  }
}

/** Largest payload of one command: one command block in one packet. */
export const MAX_COMMAND_LENGTH = Math.min(MAX_PAYLOAD_LENGTH, 1400 - CMD_HEADER_LENGTH - CMD_BLOCK_OVERHEAD);

/**
 * A sequenced message as a node sees it: the payload's place in a buffer plus its metadata. One Message object
 * per node, refilled for every message (a flyweight), so delivering a message allocates nothing. It is valid
 * only during the handler call: copy what you keep.
 *
 * It is also the `ctx` that a generated dispatcher passes to each typed handler method:
 *   dispatcher.dispatch(msg.buffer, msg.offset, msg.length, msg)  →  handler.onNewOrder(decoder, msg)
 */
import { SBE_HEADER_LENGTH, SBE_SCHEMA_ID_OFFSET, SBE_TEMPLATE_ID_OFFSET } from "../protocol/frames.js";
import { Timestamp } from "../protocol/timestamp.js";

export class Message {
  /** The buffer holding the payload (an SBE message); valid only during the call. */
  buffer: Uint8Array = new Uint8Array(0);
  /** Offset of the payload in `buffer`. */
  offset = 0;
  /** Length of the payload. */
  length = 0;
  /** Gap-free position in the session's stream, from 1. */
  sequence = 0;
  /** The session (YYMMDDHHmm) the message belongs to. */
  session = "";
  /**
   * The sequencer's clock when it sequenced the message, exact to the nanosecond: `timestamp.ms` (epoch
   * milliseconds, a safe integer) and `timestamp.nanos` (0 … 999 999 within that millisecond). The object is
   * reused; copy it (`new Timestamp().copyFrom(msg.timestamp)`) to keep it.
   */
  readonly timestamp = new Timestamp();
  /** The account that sent the command, or the sequencer's account for messages it generated. Interned. */
  account = "";
  /** The instance of that account that sent it (hot-hot instances share the account); 0 for the sequencer. */
  instance = 0;
  /** The sender's number for this command (1, 2, 3 … per account); 0 for unnumbered and sequencer messages. */
  commandNumber = 0;
  /** True when the message is the echo of a command of this node's account (from any of its instances). */
  isMine = false;
  /** True while the node is replaying history (see Node.isRewinding()). */
  isRewinding = false;

  /** The payload's SBE template id (0 when shorter than an SBE header). */
  templateId(): number {
    return this.length >= SBE_HEADER_LENGTH ? this.buffer[this.offset + SBE_TEMPLATE_ID_OFFSET]! | (this.buffer[this.offset + SBE_TEMPLATE_ID_OFFSET + 1]! << 8) : 0;
  }

  /** The payload's SBE schema id (0 when shorter than an SBE header). */
  schemaId(): number {
    return this.length >= SBE_HEADER_LENGTH ? this.buffer[this.offset + SBE_SCHEMA_ID_OFFSET]! | (this.buffer[this.offset + SBE_SCHEMA_ID_OFFSET + 1]! << 8) : 0;
  }

  /** A copy of the payload (allocates). */
  copyPayload(): Uint8Array {
    return this.buffer.slice(this.offset, this.offset + this.length);
  }

  toString(): string {
    return `#${this.sequence} ${this.timestamp.toString()} ${this.account}/${this.instance} cmd ${this.commandNumber}${this.isMine ? " mine" : ""} (${this.length} bytes)`;
  }
}

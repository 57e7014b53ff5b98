// Why the exchange's nodes copy each message before decoding it.
//
// A coralc-generated decoder makes one DataView per buffer it is given (when
// wrap() sees a buffer other than the last one), and the runtime hands a node
// each message inside the datagram it arrived in: a different buffer from one
// packet to the next on every transport. Decoding in place would therefore
// create a DataView (some 60 bytes of garbage) per message. Copying the
// message — a hundred bytes or so — into one buffer the node owns keeps the
// decoders on a single buffer and the hot path free of allocation; the copy
// costs less than the collection it saves.

import type { Message } from "coralseq";

export class MessageCopy {
  private buffer = new Uint8Array(2048);

  /** The bytes of `msg`'s payload at offset 0 of a buffer reused for every message (valid until the next call). */
  of(msg: Message): Uint8Array {
    const length = msg.length;
    if (length > this.buffer.length) this.buffer = new Uint8Array(Math.max(length, this.buffer.length * 2)); // rare: a big reassembled message
    const src = msg.buffer;
    const dst = this.buffer;
    const from = msg.offset;
    for (let i = 0; i < length; i++) dst[i] = src[from + i]!;
    return dst;
  }
}

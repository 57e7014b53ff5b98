/**
 * What a Node is configured with and what it reports (Node#stats), and the shapes of the generated code it
 * takes: an encoder to send, a dispatcher to deliver. Kept apart from node.ts, which is the node's behaviour.
 */
import type { Clock } from "../clock.js";
import type { Transport } from "../transport/transport.js";
import type { CommandSender, CommandSenderOptions } from "./command-sender.js";
import type { Message } from "./message.js";
import type { StreamReceiver, StreamReceiverOptions } from "./stream-receiver.js";

/** A generated encoder (coralc): the node reads the bytes it wrote. */
export interface EncoderLike {
  /** @internal The buffer the encoder writes into. */
  _buf: Uint8Array;
  /** @internal End of what it has written. */
  _limit: number;
  encodedLength(): number;
}

/** A generated dispatcher (coralc), or anything with the same dispatch call. */
export interface MessageDispatcher {
  dispatch(buf: Uint8Array, offset: number, length: number, ctx: Message): boolean;
}

export interface NodeOptions {
  /** The account the sequencer knows this node by: 1 to 8 characters among A–Z a–z 0–9 _ -. */
  account: string;
  /** Instance of the account (hot-hot instances share an account). Default 1. */
  instance?: number;
  transport: Transport;
  clock: Clock;
  /** Heartbeat interval; ≤ 0 = no heartbeats. Default 1 s. */
  heartbeatIntervalNs?: number;
  /** Resend an unanswered activation or deactivation after this long. Default 20 ms. */
  activationResendNs?: number;
  /** Seed of the gap-request back-off (vary it per node). Default derived from account and instance. */
  seed?: number;
  receiver?: StreamReceiverOptions;
  sender?: CommandSenderOptions;
  dispatcher?: MessageDispatcher;
}

export interface NodeStats {
  delivered: number;
  hash: string;
  rewinding: boolean;
  active: boolean;
  pendingCommands: number;
  lastSequence: number;
  receiver: StreamReceiver["counters"];
  sender: CommandSender["counters"];
  malformedInternal: number;
}

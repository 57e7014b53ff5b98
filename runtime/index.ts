/**
 * coralseq runtime: the sequencer, nodes, clocks, the transport seam and the in-memory transport, and the
 * deterministic test cluster. See docs/RUNTIME.md.
 */
export { type Clock, SystemClock, VirtualClock } from "./clock.js";
export { Timestamp } from "./protocol/timestamp.js";
export * as frames from "./protocol/frames.js";
export { Message } from "./node/message.js";
export { type EncoderLike, type MessageDispatcher, Node, type NodeOptions, type NodeStats } from "./node/node.js";
export type { StreamReceiverOptions, ReceiverCounters } from "./node/stream-receiver.js";
export type { CommandSenderOptions, SenderCounters } from "./node/command-sender.js";
export { Sequencer, type SequencerCounters, type SequencerListener, type SequencerOptions } from "./sequencer/sequencer.js";
export type { AccountInfo } from "./sequencer/accounts.js";
export { MessageStore } from "./sequencer/message-store.js";
export { ReplayServer } from "./sequencer/replay-server.js";
export { nextSessionName, sessionNameAt } from "./sequencer/session-name.js";
export type { DatagramHandler, Endpoint, Transport } from "./transport/transport.js";
export { type FaultPolicy, MemoryNetwork, type MemoryNetworkOptions, MemoryTransport } from "./transport/memory-transport.js";
export { createTransport, type TransportConfig } from "./transport/create-transport.js";
export { SimCluster, type SimClusterOptions } from "./testing/sim-cluster.js";
export { Prng } from "./util/prng.js";
export { RunningHash } from "./util/fnv-hash.js";
export { StreamDigest } from "./util/stream-digest.js";
export * as internal from "./generated/internal.js";
export * from "./archive/index.js";
export { Replayer, type ReplayerOptions, type ReplayerCounters } from "./replayer/replayer.js";
export { UdpTransport, type UdpTransportConfig, type UdpTransportCounters } from "./transport/udp-transport.js";

/**
 * What a Sequencer is configured with, what it reports to its listener, and what it counts (Sequencer#counters).
 * Kept apart from sequencer.ts so the duty cycle there reads without the option list.
 */
import type { Clock } from "../clock.js";
import type { SequencerPersistence } from "../archive/sequencer-archive.js";
import type { Transport } from "../transport/transport.js";

export interface SequencerOptions {
  transport: Transport;
  clock: Clock;
  /** The sequencer's own account, on the messages it generates. Default "SEQ". */
  account?: string;
  /** Accounts allowed to send commands from the start. */
  accounts?: string[];
  /** Idle heartbeat (or end-of-session) packet interval. Default 100 ms. */
  heartbeatIntervalNs?: number;
  /**
   * Session archive (runtime/archive, SequencerArchive): every batch is persisted before it is published, a
   * restart resumes after the last durable message, and a failed write stops the sequencer. Absent: no
   * persistence (messages live in memory only).
   */
  persistence?: SequencerPersistence;
  /** Publish a ClockTick every this many ns; ≤ 0 = off (the default). */
  clockTickIntervalNs?: number;
  /** Per-account cap on commands per throttle window; ≤ 0 = no throttle (the default). */
  throttleMaxCommands?: number;
  /** Throttle window. Default 1 s. */
  throttleWindowNs?: number;
  /** Report a warning (listener.onThrottle) the first time an account is throttled in a window. Default true. */
  warnOnThrottle?: boolean;
  /** An active instance silent (no heartbeat, no command) this long is forced passive; ≤ 0 = never (default). */
  nodeTimeoutNs?: number;
  /**
   * Commands of one account kept when they arrive ahead of a missing one, and sequenced when it arrives;
   * 0 = drop them (the node resends). Default 256.
   */
  maxCommandsAhead?: number;
  /** Rate limit of the built-in replay service: packets per request. Default 64. */
  maxReplayPacketsPerRequest?: number;
  listener?: SequencerListener;
}

/** What the sequencer reports. Every method is optional; none is called on the normal path. */
export interface SequencerListener {
  /** A command or packet was refused: `reason` is a short code ("malformed-packet", "unknown-account", …). */
  onReject?(reason: string, account: string, instance: number, commandNumber: number, detail: string): void;
  /** An account passed its throttle in the current window (once per window). */
  onThrottle?(account: string, maxCommands: number, windowNs: number): void;
  /** A session started or ended. */
  onSession?(event: "start" | "end", session: string): void;
}

export interface SequencerCounters {
  commandPackets: number;
  malformedPackets: number;
  unknownAccount: number;
  sequenced: number;
  duplicates: number;
  /** Commands dropped because they came after a gap and beyond the ahead window. */
  outOfOrder: number;
  /** Commands kept because they came after a gap (sequenced once the gap is filled). */
  heldAhead: number;
  throttled: number;
  rejected: number;
  passiveDropped: number;
  afterSessionEnd: number;
  badControl: number;
  /** Command packets refused because the archive failed (the sequencer stopped). */
  unpersisted: number;
}

/**
 * The `coral` configuration file: JSON, one file may hold the sections of every component (each command reads
 * its own). Every key is optional except where said.
 *
 *   {
 *     "transport": { "kind": "udp", "interface": "127.0.0.1", "streamGroup": "239.77.0.1", "streamPort": 40040,
 *                    "commandHost": "127.0.0.1", "commandPort": 40002, "discoveryGroup": "239.77.0.2",
 *                    "discoveryPort": 40041, "ttl": 0, "receiveBufferBytes": 4194304 },
 *     "idle": "park" | "busy-poll",
 *     "wake": "adaptive" | "end-of-turn",  // parked: turn at once after a lone datagram, or after the poll phase
 *     "statusIntervalMs": 1000,            // 0 = status only at stop
 *     "statusFormat": "text" | "json",     // json: one object per line, for tools and tests
 *     "sequencer": { "account": "SEQ", "accounts": ["NODE1"], "heartbeatIntervalMs": 100, "endSessionOnStop": false },
 *     "replayer":  { "tcpRewindPort": 0, "maxPacketsPerRequest": 64, "maxRequestsPerSecond": 20000 },
 *     "node":      { "account": "NODE1", "instance": 1, "rewind": true, "activate": true, "params": { … } }
 *   }
 *
 * `node.params` is handed to the user's node module untouched.
 */
import { readFileSync } from "node:fs";
import type { IdleStrategy, WakeMode } from "./agent-runner.js";
import { resolveUdpConfig, type UdpTransportConfig } from "../transport/udp-transport.js";

export interface SequencerSection {
  account?: string;
  accounts?: string[];
  heartbeatIntervalMs?: number;
  clockTickIntervalMs?: number;
  /** Publish SessionEnd and end-of-session packets before exiting on SIGINT/SIGTERM. Default false. */
  endSessionOnStop?: boolean;
  maxReplayPacketsPerRequest?: number;
  /** Session archive (docs/ARCHIVE.md): directory of the session files, durability policy (default "fsync"). Absent: no persistence. */
  archive?: { dir: string; policy?: "os" | "fsync" };
}

export interface ReplayerSection {
  /** Address of the TCP rewind server. Default: the transport's interface. */
  tcpRewindHost?: string;
  /** Port of the TCP rewind server (0 = any). Default 0. Negative: no TCP rewind. */
  tcpRewindPort?: number;
  maxPacketsPerRequest?: number;
  maxRequestsPerSecond?: number;
  /** Keep the sessions on disk in this directory (and serve them after a restart) instead of in memory. */
  archive?: { dir: string; policy?: "os" | "fsync" };
}

export interface NodeSection {
  account: string;
  instance?: number;
  /** Rewind the session from sequence 1 at start (true, default) or join at the live tail (false). */
  rewind?: boolean;
  /** Activate at start. Default true. */
  activate?: boolean;
  heartbeatIntervalMs?: number;
  /** Resend unanswered commands after this long. Default 20 ms. */
  resendMs?: number;
  /** Commands that may wait for their echo. Default 1024. */
  maxPendingCommands?: number;
  /** Largest random wait before asking for a gap. Default 200 µs. */
  requestBackoffMaxUs?: number;
  /** Ask again for a gap still open after this long. Default 10 ms over UDP (a repair of 64 packets takes a while). */
  requestRetryMs?: number;
  /** Messages the node holds ahead of a gap before dropping (and asking again). Default 4096 over UDP. */
  reorderCapacity?: number;
  params?: unknown;
}

export interface CoralConfig {
  transport: UdpTransportConfig;
  idle: IdleStrategy;
  /** When a parked process turns after a datagram: "adaptive" (default) or "end-of-turn". */
  wake: WakeMode;
  statusIntervalMs: number;
  statusFormat: "text" | "json";
  sequencer: SequencerSection;
  replayer: ReplayerSection;
  node: NodeSection | undefined;
}

export function loadConfig(path: string): CoralConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read configuration ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`configuration ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw, path);
}

export function parseConfig(raw: unknown, where = "configuration"): CoralConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`${where}: must be a JSON object`);
  const r = raw as Record<string, unknown>;
  const transport = (r.transport ?? { kind: "udp" }) as UdpTransportConfig;
  if (typeof transport !== "object" || transport === null) throw new Error(`${where}: "transport" must be an object`);
  const kind = (transport as { kind?: unknown }).kind ?? "udp";
  if (kind === "memory") throw new Error(`${where}: the memory transport only connects components inside one process (tests); use "udp" for coral processes`);
  if (kind !== "udp") throw new Error(`${where}: unknown transport kind ${JSON.stringify(kind)} (this version runs "udp")`);
  const udp = { ...transport, kind: "udp" } as UdpTransportConfig;
  resolveUdpConfig(udp); // throws with the offending key
  const idle = r.idle ?? "park";
  if (idle !== "park" && idle !== "busy-poll") throw new Error(`${where}: "idle" must be "park" or "busy-poll", got ${JSON.stringify(idle)}`);
  const wake = r.wake ?? "adaptive";
  if (wake !== "adaptive" && wake !== "end-of-turn") throw new Error(`${where}: "wake" must be "adaptive" or "end-of-turn", got ${JSON.stringify(wake)}`);
  const statusIntervalMs = r.statusIntervalMs ?? 1000;
  if (typeof statusIntervalMs !== "number" || statusIntervalMs < 0) throw new Error(`${where}: "statusIntervalMs" must be a number ≥ 0`);
  const statusFormat = r.statusFormat ?? "text";
  if (statusFormat !== "text" && statusFormat !== "json") throw new Error(`${where}: "statusFormat" must be "text" or "json"`);
  const node = r.node as NodeSection | undefined;
  if (node !== undefined && (typeof node !== "object" || node === null || typeof node.account !== "string")) {
    throw new Error(`${where}: "node" must be an object with an "account" string`);
  }
  return {
    transport: udp,
    idle,
    wake,
    statusIntervalMs,
    statusFormat,
    sequencer: (r.sequencer ?? {}) as SequencerSection,
    replayer: (r.replayer ?? {}) as ReplayerSection,
    node,
  };
}

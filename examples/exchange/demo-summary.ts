// What part 2 of `npm run demo` reports, whichever way it ran (processes over
// UDP multicast, or one process on the memory transport): the live progress
// line, the printed summary, and the `--json` summary — whose shape is a
// contract:
//
//   { "transport": "udp" | "memory", "orders": n, "fills": n,
//     "nodes": [ { "name": "...", "role": "engine" | "gateway" | "marketdata" | "trader", "hash": "..." } ],
//     "consistent": true, "msgsPerSec": n, "rttP50Us": n }

import { LatencyHistogram } from "./latency-histogram.js";

export type Role = "engine" | "gateway" | "marketdata" | "trader";

export interface NodeSummary {
  name: string;
  role: Role;
  hash: string;
}

export interface DemoOutcome {
  transport: string;
  /** Order-entry messages (new, cancel, replace) the engines read from the stream. */
  orders: number;
  /** Fill messages the engines sent (two per match). */
  fills: number;
  /** Orders the gateways refused themselves (rate limit, back-pressure): never sequenced. */
  refused: number;
  /** Messages sequenced per second while the traders traded. */
  msgsPerSec: number;
  /** Messages sequenced in all. */
  messages: number;
  tradingSeconds: number;
  /** Order round trips (gateway → sequencer → engine → sequencer → gateway), all gateways. */
  rtt: LatencyHistogram;
  nodes: NodeSummary[];
  /** Every engine replica (and the market-data node's book replica) read the same orders and holds the same state. */
  consistent: boolean;
  /** Why not consistent (empty when it is). */
  problems: string[];
  /** The processes started (and stopped) for the run, by name and PID; empty when it ran in this process. */
  processes: { name: string; pid: number; cpuSeconds: number | null }[];
}

export interface DemoJson {
  transport: string;
  orders: number;
  fills: number;
  nodes: NodeSummary[];
  consistent: boolean;
  msgsPerSec: number;
  rttP50Us: number;
}

export function toJson(o: DemoOutcome): DemoJson {
  return {
    transport: o.transport,
    orders: o.orders,
    fills: o.fills,
    nodes: o.nodes.map((n) => ({ name: n.name, role: n.role, hash: n.hash })),
    consistent: o.consistent,
    msgsPerSec: Math.round(o.msgsPerSec),
    rttP50Us: o.rtt.percentileUs(0.5),
  };
}

/** Checks the replicas: every node of role engine, and the market-data book, must hold one state. */
export function checkReplicas(nodes: readonly NodeSummary[], ordersRead: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  const replicas = nodes.filter((n) => n.role === "engine" || n.role === "marketdata");
  const engines = nodes.filter((n) => n.role === "engine");
  if (engines.length < 2) problems.push(`only ${engines.length} engine replica(s) reported`);
  const first = replicas[0];
  for (const n of replicas) {
    if (first !== undefined && n.hash !== first.hash) problems.push(`${n.name} has state ${n.hash}, ${first.name} has ${first.hash}`);
  }
  const counts = new Set(replicas.map((n) => ordersRead.get(n.name)));
  if (counts.size > 1) problems.push(`replicas read different numbers of orders: ${replicas.map((n) => `${n.name}=${ordersRead.get(n.name)}`).join(" ")}`);
  return problems;
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
/** µs below 10 ms, ms above. */
const duration = (us: number): string => (us < 10_000 ? `${us} µs` : `${fmt(us / 1000)} ms`);

/** The live line: rewritten in place on a terminal, one line per second otherwise. */
export class ProgressLine {
  private lastPrintMs = 0;
  private readonly tty = process.stdout.isTTY === true;

  update(elapsedS: number, msgsPerSec: number, orders: number, fills: number, note = ""): void {
    const line = `  ${elapsedS.toFixed(1).padStart(5)} s   ${fmt(msgsPerSec).padStart(9)} msgs/s   ${fmt(orders).padStart(8)} orders   ${fmt(fills).padStart(8)} fills${note === "" ? "" : `   ${note}`}`;
    if (this.tty) {
      process.stdout.write(`\r\x1b[2K${line}`);
    } else if (Date.now() - this.lastPrintMs >= 1000) {
      this.lastPrintMs = Date.now();
      console.log(line);
    }
  }

  end(): void {
    if (this.tty) process.stdout.write("\n");
  }
}

export function printSummary(o: DemoOutcome, print: (line: string) => void = console.log): void {
  print("");
  print(`  transport        ${o.transport}${o.processes.length > 0 ? ` (${o.processes.length} processes, all stopped)` : " (one process)"}`);
  if (o.processes.length > 0) {
    print(`  processes        pid, and CPU time used`);
    for (const p of o.processes) print(`    ${p.name.padEnd(18)} ${String(p.pid).padEnd(8)} ${p.cpuSeconds === null ? "" : `${p.cpuSeconds.toFixed(2)} s`}`);
  }
  print(`  orders           ${fmt(o.orders)} (new, cancel, replace), read by every engine replica`);
  if (o.refused > 0) print(`  refused          ${fmt(o.refused)} more, by the gateways (too many orders waiting for the sequencer: the machine could not keep up)`);
  print(`  fills            ${fmt(o.fills)}`);
  print(`  messages         ${fmt(o.messages)} sequenced; ${fmt(o.msgsPerSec)} msgs/s while trading (${o.tradingSeconds.toFixed(1)} s)`);
  const r = o.rtt;
  print(
    `  round trip       gateway → sequencer → engine → sequencer → gateway, ${fmt(r.count)} orders: ` +
      `p50 ${duration(r.percentileUs(0.5))}, p90 ${duration(r.percentileUs(0.9))}, p99 ${duration(r.percentileUs(0.99))}, p99.9 ${duration(r.percentileUs(0.999))}`,
  );
  print(`  state per node`);
  for (const n of o.nodes) print(`    ${n.name.padEnd(18)} ${n.role.padEnd(11)} ${n.hash}`);
  if (o.consistent) print(`  consistent       yes: every engine replica (the late joiner too) and the market-data book hold the same state`);
  else for (const p of o.problems) print(`  INCONSISTENT     ${p}`);
}

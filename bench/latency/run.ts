/**
 * npm run bench:latency -- --json <file> [--samples 100000] [--warmup 10000] [--throughput 300000]
 *
 * Round trip node → sequencer → node (a command until its own echo), 64-byte messages, one in flight, beside a
 * raw dgram ping-pong between the same two processes in the same run (unicast both ways, and again with the
 * answer multicast on loopback, the path the stream takes); once with both processes pinned to CPU 0
 * (taskset -c 0), once unpinned, and once unpinned with the busy-poll idle strategy. Then throughput: one node
 * sends 64-byte commands as fast as its window allows, and the time until both of 2 nodes have delivered them
 * all gives messages per second sequenced and delivered. Writes
 *   { "rtt": [ { "pinned", "idle", "p50Us", "p99Us", "p999Us", "rawP50Us", "rawP99Us", … } ],
 *     "throughput": { "msgsPerSec", "nodes": 2, … } }
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { ConfigDir, CoralProcess, LOAD_NODE, loopbackTransport, sleep } from "../../test/udp/harness.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const jsonFile = arg("json", "");
const samples = Number(arg("samples", "100000"));
const warmup = Number(arg("warmup", "10000"));
const throughputMessages = Number(arg("throughput", "300000"));
const PROC = resolve(import.meta.dirname, "latency-proc.ts");
const dir = new ConfigDir();

function startProc(role: string, configFile: string, pinned: boolean): { child: ReturnType<typeof spawn>; lines: string[]; exited: Promise<number | null> } {
  const args = [process.execPath, "--import", "tsx", PROC, role, configFile];
  const child = pinned ? spawn("taskset", ["-c", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] }) : spawn(args[0]!, args.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  let buffered = "";
  child.stdout!.on("data", (c: Buffer) => {
    buffered += c.toString();
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, lines, exited };
}

async function waitLine(p: { lines: string[]; exited: Promise<number | null> }, predicate: (l: string) => boolean, timeoutMs: number): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const line = p.lines.find(predicate);
    if (line !== undefined) return line;
    await sleep(20);
  }
  throw new Error("timed out waiting for a benchmark process");
}

async function rttRun(pinned: boolean, idle: "park" | "busy-poll", base: number): Promise<Record<string, unknown>> {
  const file = dir.write(`lat-${base}.json`, { transport: loopbackTransport(base), idle, echoPort: base + 5, warmup, samples });
  const sequencer = startProc("sequencer", file, pinned);
  await waitLine(sequencer, (l) => l === "ready", 30_000);
  const pinger = startProc("pinger", file, pinned);
  const line = await waitLine(pinger, (l) => l.startsWith("{"), 600_000);
  await pinger.exited;
  sequencer.child.kill("SIGTERM");
  await sequencer.exited;
  const r = JSON.parse(line) as { rtt: Record<string, number>; raw: Record<string, number>; rawMulticast: Record<string, number> };
  const row = {
    pinned,
    idle,
    p50Us: r.rtt.p50Us,
    p99Us: r.rtt.p99Us,
    p999Us: r.rtt.p999Us,
    rawP50Us: r.raw.p50Us,
    rawP99Us: r.raw.p99Us,
    rawP999Us: r.raw.p999Us,
    // The same raw ping-pong with the answer multicast on loopback (our stream's path): the kernel's share.
    rawMulticastP50Us: r.rawMulticast.p50Us,
    rawMulticastP99Us: r.rawMulticast.p99Us,
    minUs: r.rtt.minUs,
    rawMinUs: r.raw.minUs,
    ratioP50: Math.round((r.rtt.p50Us! / r.raw.p50Us!) * 100) / 100,
    samples,
  };
  console.log(JSON.stringify(row));
  return row;
}

async function throughputRun(base: number): Promise<Record<string, unknown>> {
  const common = { statusIntervalMs: 100, statusFormat: "json", transport: loopbackTransport(base) };
  const sequencer = new CoralProcess("sequencer", ["sequencer", "--config", dir.write("ts.json", { ...common, sequencer: { accounts: ["TX", "RX"] } })]);
  await sequencer.waitFor(() => true, 20_000, "sequencer up");
  const receiver = new CoralProcess("RX", ["node", LOAD_NODE, "--config", dir.write("rx.json", { ...common, node: { account: "RX", params: { commands: 0 } } })]);
  await receiver.waitFor((s) => s.active, 20_000, "receiver active");
  const sender = new CoralProcess("TX", ["node", LOAD_NODE, "--config", dir.write("tx.json", { ...common, node: { account: "TX", maxPendingCommands: 4096, resendMs: 200, params: { commands: throughputMessages, window: 4000 } } })]);
  await sender.waitFor((s) => s.active, 20_000, "sender active");
  const started = Date.now();
  const done = () => [sender, receiver].every((p) => p.latest?.status.app?.delivered === throughputMessages);
  while (!done() && Date.now() - started < 300_000) await sleep(20);
  const seconds = (Date.now() - started) / 1000;
  const s = sequencer.latest!.status;
  const tx = sender.latest!.status;
  const result = {
    msgsPerSec: Math.round(throughputMessages / seconds),
    nodes: 2,
    messages: throughputMessages,
    seconds,
    complete: done(),
    commandResends: tx.sender.resends,
    sequencerDuplicates: s.counters.duplicates,
    messagesPerStreamPacket: Math.round((tx.receiver.delivered / Math.max(1, tx.receiver.packets)) * 10) / 10,
  };
  console.log(JSON.stringify(result));
  await Promise.all([sender, receiver, sequencer].map((p) => p.stop()));
  return result;
}

const machine = `${cpus()[0]?.model ?? "?"} x${cpus().length}, node ${process.version}`;
const loadBefore = loadavg();
const rtt = [];
rtt.push(await rttRun(true, "park", 45600));
rtt.push(await rttRun(false, "park", 45610));
rtt.push(await rttRun(false, "busy-poll", 45620));
const throughput = await throughputRun(45630);
dir.remove();
const report = { date: new Date().toISOString(), machine, loadAverageBefore: loadBefore, loadAverageAfter: loadavg(), rtt, throughput };
if (jsonFile !== "") writeFileSync(jsonFile, JSON.stringify(report, null, 2) + "\n");
void join;

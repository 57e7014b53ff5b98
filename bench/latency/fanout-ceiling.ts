/**
 * npm run bench:fanout [-- --seconds 3] [--receivers 2] [--size 1400] [--rounds 3] [--json <file>]
 *
 * The ceiling that UDP multicast fan-out itself puts on throughput on this machine, with no protocol at all: one
 * process multicasts `size`-byte datagrams on loopback as fast as Node's dgram sends them (bursts of 64, then one
 * event-loop turn), and `receivers` processes only count what arrives. Every sequenced message travels in such a
 * datagram — at most 14 messages of 64 bytes in 1400 bytes (docs/PROTOCOL.md) — so the datagrams per second that
 * reach every receiver, times 14, bound the messages per second any protocol built on Node's dgram can deliver
 * to that many nodes here, before it does any work of its own (sequencing, commands, handlers).
 *
 * Safe on any host: the group is joined and sent to on 127.0.0.1 only, with TTL 0. Every child is stopped by
 * its PID, and each round is bounded in time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const GROUP = "239.77.251.1";
const INTERFACE = "127.0.0.1";
const MESSAGES_PER_DATAGRAM = 14;
const SELF = fileURLToPath(import.meta.url);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

interface ReceiverReport {
  datagrams: number;
  firstMs: number;
  lastMs: number;
}

/** Counts datagrams until none has arrived for 500 ms after the first, then prints one JSON line and exits. */
function receiver(port: number, deadlineMs: number): void {
  const socket = dgram.createSocket({ type: "udp4", reuseAddr: true, recvBufferSize: 8 * 1024 * 1024 });
  let datagrams = 0;
  let firstMs = 0;
  let lastMs = 0;
  socket.on("message", () => {
    lastMs = performance.now();
    if (datagrams++ === 0) firstMs = lastMs;
  });
  socket.bind(port, "0.0.0.0", () => {
    socket.addMembership(GROUP, INTERFACE);
    process.stdout.write("ready\n");
  });
  const started = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if ((datagrams > 0 && now - lastMs > 500) || now - started > deadlineMs) {
      clearInterval(timer);
      const report: ReceiverReport = { datagrams, firstMs, lastMs };
      process.stdout.write(JSON.stringify(report) + "\n");
      socket.close();
    }
  }, 50);
}

/** Multicasts for `seconds`, then prints how many datagrams it sent. */
function sender(port: number, seconds: number, size: number): void {
  const socket = dgram.createSocket({ type: "udp4" });
  const payload = Buffer.alloc(size, 0x5a);
  let sent = 0;
  socket.bind(0, INTERFACE, () => {
    socket.setMulticastInterface(INTERFACE);
    socket.setMulticastTTL(0);
    socket.setMulticastLoopback(true);
    const end = performance.now() + seconds * 1000;
    const burst = (): void => {
      for (let i = 0; i < 64; i++) socket.send(payload, port, GROUP);
      sent += 64;
      if (performance.now() < end) setImmediate(burst);
      else {
        process.stdout.write(JSON.stringify({ sent }) + "\n");
        setTimeout(() => socket.close(), 100);
      }
    };
    burst();
  });
}

function lastJson<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").filter((l) => l.startsWith("{")).pop();
      if (code !== 0 || !line) reject(new Error(`child ${child.pid} exited ${code} without a report`));
      else resolve(JSON.parse(line) as T);
    });
  });
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) {
        child.stdout!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
  });
}

async function round(port: number, receivers: number, seconds: number, size: number) {
  const spawnRole = (...args: string[]) => spawn(process.execPath, ["--import", "tsx", SELF, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const deadlineMs = (seconds + 20) * 1000;
  const children: ChildProcess[] = [];
  try {
    const rx = Array.from({ length: receivers }, () => spawnRole("receiver", String(port), String(deadlineMs)));
    children.push(...rx);
    const reports = rx.map((c) => lastJson<ReceiverReport>(c));
    await Promise.all(rx.map(waitReady));
    const tx = spawnRole("sender", String(port), String(seconds), String(size));
    children.push(tx);
    const { sent } = await lastJson<{ sent: number }>(tx);
    const received = await Promise.all(reports);
    const perReceiver = received.map((r) => Math.round((r.datagrams / (r.lastMs - r.firstMs)) * 1000));
    const slowest = Math.min(...perReceiver);
    return {
      sentPerSec: Math.round(sent / seconds),
      deliveredPerSecPerReceiver: perReceiver,
      lossPerReceiver: received.map((r) => Math.round((1 - r.datagrams / sent) * 10000) / 10000),
      messagesPerSecBound: slowest * MESSAGES_PER_DATAGRAM,
    };
  } finally {
    for (const c of children) if (c.exitCode === null && c.pid) process.kill(c.pid, "SIGKILL");
  }
}

async function main(): Promise<void> {
  const [role, ...rest] = process.argv.slice(2);
  if (role === "receiver") return receiver(Number(rest[0]), Number(rest[1]));
  if (role === "sender") return sender(Number(rest[0]), Number(rest[1]), Number(rest[2]));
  const seconds = Number(arg("seconds", "3"));
  const receivers = Number(arg("receivers", "2"));
  const size = Number(arg("size", "1400"));
  const rounds = Number(arg("rounds", "3"));
  const json = arg("json", "");
  const runs = [];
  for (let r = 0; r < rounds; r++) {
    const result = await round(45700 + r, receivers, seconds, size);
    console.log(JSON.stringify(result));
    runs.push(result);
  }
  const report = {
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model ?? "?"} x${cpus().length}, node ${process.version}`,
    loadAverage: loadavg(),
    receivers,
    datagramBytes: size,
    messagesPerDatagram: MESSAGES_PER_DATAGRAM,
    runs,
    bestMessagesPerSecBound: Math.max(...runs.map((r) => r.messagesPerSecBound)),
  };
  if (json) writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
  console.log(`best bound: ${report.bestMessagesPerSecBound} messages/s to ${receivers} receivers`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

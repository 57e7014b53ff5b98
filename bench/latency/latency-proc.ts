/**
 * One process of the latency benchmark (run by bench/latency/run.ts):
 *
 *   latency-proc.ts sequencer <config.json>   a sequencer, plus a raw dgram echo socket on echoPort
 *   latency-proc.ts pinger <config.json>      first a raw dgram ping-pong with that echo socket, then round trips
 *                                             node → sequencer → node (a command until its own echo), one in
 *                                             flight; prints one JSON line with the percentiles
 *
 * Both run with the configured idle strategy; the raw ping-pong runs under the same strategy in the same
 * processes, so the two figures of a row are comparable.
 */
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import { SystemClock } from "../../runtime/clock.js";
import { AgentRunner, type IdleStrategy } from "../../runtime/cli/agent-runner.js";
import type { Message } from "../../runtime/node/message.js";
import { Node, type NodeOptions } from "../../runtime/node/node.js";
import { Sequencer } from "../../runtime/sequencer/sequencer.js";
import { UdpTransport, type UdpTransportConfig } from "../../runtime/transport/udp-transport.js";

interface Config {
  transport: UdpTransportConfig;
  idle: IdleStrategy;
  echoPort: number;
  warmup: number;
  samples: number;
}

const [role, file] = process.argv.slice(2);
const MCAST_ECHO_GROUP = "239.77.250.9";
const config = JSON.parse(readFileSync(file!, "utf8")) as Config;

function percentiles(samples: Float64Array): { p50Us: number; p99Us: number; p999Us: number; minUs: number; maxUs: number } {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return { p50Us: at(0.5), p99Us: at(0.99), p999Us: at(0.999), minUs: at(0), maxUs: at(1) };
}

class PingNode extends Node {
  samples = new Float64Array(0);
  count = -1;
  sentAt = 0;
  total = 0;
  finished: (() => void) | null = null;
  private readonly payload = new Uint8Array(64);

  constructor(options: NodeOptions) {
    super(options);
    const view = new DataView(this.payload.buffer);
    view.setUint16(0, 56, true);
    view.setUint16(2, 1, true);
    view.setUint16(4, 1, true);
  }

  start(warmup: number, samples: number, done: () => void): void {
    this.samples = new Float64Array(samples);
    this.total = warmup + samples;
    this.count = 0;
    this.finished = done;
    this.ping();
  }

  private ping(): void {
    this.sentAt = performance.now();
    this.sendCommand(this.payload);
  }

  override handleMessage(isMine: boolean, _msg: Message): void {
    if (!isMine || this.count < 0 || this.count >= this.total) return;
    const rtt = (performance.now() - this.sentAt) * 1000;
    const i = this.count - (this.total - this.samples.length);
    if (i >= 0) this.samples[i] = rtt;
    this.count++;
    if (this.count === this.total) this.finished?.();
    else this.ping();
  }
}

/**
 * Raw dgram ping-pong with the echo socket of the sequencer process: unicast both ways, or (`group` given) with
 * the answer multicast to a group this socket joined, the path our stream takes.
 */
async function rawPingPong(port: number, warmup: number, samples: number, group?: { address: string; port: number }): Promise<Float64Array> {
  const tx = dgram.createSocket("udp4");
  await new Promise<void>((r) => tx.bind(0, "127.0.0.1", () => r()));
  await new Promise<void>((r) => tx.connect(port, "127.0.0.1", () => r()));
  let rx = tx;
  if (group !== undefined) {
    rx = dgram.createSocket({ type: "udp4", reuseAddr: true });
    await new Promise<void>((r) => rx.bind(group.port, group.address, () => r()));
    rx.addMembership(group.address, "127.0.0.1");
  }
  const out = new Float64Array(samples);
  const buf = Buffer.alloc(64);
  let count = 0;
  let sentAt = 0;
  await new Promise<void>((resolve) => {
    rx.on("message", () => {
      const rtt = (performance.now() - sentAt) * 1000;
      if (count >= warmup) out[count - warmup] = rtt;
      count++;
      if (count === warmup + samples) return resolve();
      sentAt = performance.now();
      tx.send(buf);
    });
    sentAt = performance.now();
    tx.send(buf);
  });
  tx.close();
  if (rx !== tx) rx.close();
  return out;
}

if (role === "sequencer") {
  const transport = new UdpTransport({ ...config.transport, replayPriority: 0, tcpRewind: false });
  const sequencer = new Sequencer({ transport, clock: new SystemClock(), accounts: ["PING"] });
  sequencer.open();
  await transport.ready();
  sequencer.activate();
  const runner = new AgentRunner([sequencer], config.idle, [transport]).start();
  const echo = dgram.createSocket("udp4");
  echo.on("message", (msg, rinfo) => echo.send(msg, rinfo.port, rinfo.address));
  await new Promise<void>((r) => echo.bind(config.echoPort, "127.0.0.1", () => r()));
  // A second echo that answers by multicast on the loopback interface, as the sequencer publishes.
  const mcastEcho = dgram.createSocket("udp4");
  await new Promise<void>((r) => mcastEcho.bind(0, "127.0.0.1", () => r()));
  mcastEcho.setMulticastInterface("127.0.0.1");
  mcastEcho.setMulticastTTL(0);
  mcastEcho.setMulticastLoopback(true);
  await new Promise<void>((r) => mcastEcho.connect(config.echoPort + 2, MCAST_ECHO_GROUP, () => r()));
  const mcastIn = dgram.createSocket("udp4");
  mcastIn.on("message", (msg) => mcastEcho.send(msg));
  await new Promise<void>((r) => mcastIn.bind(config.echoPort + 1, "127.0.0.1", () => r()));
  process.stdout.write("ready\n");
  process.on("SIGTERM", () => {
    runner.stop();
    sequencer.close();
    echo.close();
    transport.close();
    setTimeout(() => process.exit(0), 20);
  });
} else {
  const transport = new UdpTransport({ ...config.transport, tcpRewind: false });
  const node = new PingNode({ account: "PING", transport, clock: new SystemClock(), heartbeatIntervalNs: 0, receiver: { startAtLiveTail: true } });
  node.open();
  await transport.ready();
  node.activate();
  const runner = new AgentRunner([node], config.idle, [transport]).start();
  const deadline = Date.now() + 10_000;
  while (!node.isActive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  if (!node.isActive()) throw new Error("the ping node did not become active");
  const raw = await rawPingPong(config.echoPort, config.warmup, config.samples);
  const rawMcast = await rawPingPong(config.echoPort + 1, config.warmup, config.samples, { address: MCAST_ECHO_GROUP, port: config.echoPort + 2 });
  await new Promise<void>((resolve) => node.start(config.warmup, config.samples, resolve));
  const rtt = percentiles(node.samples);
  const rawP = percentiles(raw);
  process.stdout.write(JSON.stringify({ rtt, raw: rawP, rawMulticast: percentiles(rawMcast) }) + "\n");
  runner.stop();
  node.close();
  transport.close();
  setTimeout(() => process.exit(0), 20);
}

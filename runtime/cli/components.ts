/**
 * Starting each kind of component from a configuration, in this process: what `coral sequencer|replayer|node`
 * runs, and what tests and benchmarks start in child processes. Each returns a Running handle: the component's
 * status for printing, and a clean stop.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { SequencerArchive } from "../archive/sequencer-archive.js";
import { StreamArchive } from "../archive/stream-archive.js";
import { SystemClock } from "../clock.js";
import type { Node, NodeOptions } from "../node/node.js";
import { Replayer } from "../replayer/replayer.js";
import { TcpRewindServer } from "../replayer/tcp-rewind-server.js";
import { Sequencer } from "../sequencer/sequencer.js";
import { UdpTransport } from "../transport/udp-transport.js";
import { AgentRunner } from "./agent-runner.js";
import type { CoralConfig } from "./config.js";

export interface Running {
  readonly kind: "sequencer" | "replayer" | "node";
  readonly transport: UdpTransport;
  readonly runner: AgentRunner;
  status(): Record<string, unknown>;
  stop(): Promise<void>;
}

const ms = (v: number | undefined, fallback: number): number => (v ?? fallback) * 1e6;

function transportStatus(t: UdpTransport): Record<string, unknown> {
  return {
    udp: t.counters(),
    receiveBuffers: t.receiveBuffers.map((b) => `${b.socket}=${b.granted}`).join(" "),
    replayPorts: t.replayServicePorts(),
    warnings: t.warnings.slice(-5),
  };
}

export async function startSequencer(config: CoralConfig): Promise<Running> {
  const s = config.sequencer;
  const transport = new UdpTransport({ replayPriority: 0, ...config.transport, tcpRewind: false });
  const clock = new SystemClock();
  const sequencer = new Sequencer({
    transport,
    clock,
    account: s.account,
    accounts: s.accounts,
    heartbeatIntervalNs: ms(s.heartbeatIntervalMs, 100),
    clockTickIntervalNs: ms(s.clockTickIntervalMs, 0),
    maxReplayPacketsPerRequest: s.maxReplayPacketsPerRequest,
    persistence: s.archive === undefined ? undefined : new SequencerArchive({ dir: s.archive.dir, policy: s.archive.policy ?? "fsync", backgroundSync: true }),
  });
  sequencer.open();
  await transport.ready();
  sequencer.activate();
  const runner = new AgentRunner([sequencer], config.idle, [transport], 1, config.wake).start();
  return {
    kind: "sequencer",
    transport,
    runner,
    status: () => ({ ...sequencer.status(), counters: { ...sequencer.counters }, replay: { ...sequencer.replayCounters() }, ...transportStatus(transport) }),
    async stop() {
      if (s.endSessionOnStop && sequencer.status().active && !sequencer.status().ended) {
        sequencer.endSession();
        // End-of-session packets go out instead of heartbeats for a few intervals; replays are still served.
        await new Promise((r) => setTimeout(r, 3 * (s.heartbeatIntervalMs ?? 100)));
      }
      runner.stop();
      sequencer.close();
      await new Promise((r) => setTimeout(r, 20)); // let queued datagrams leave
      transport.close();
    },
  };
}

export async function startReplayer(config: CoralConfig): Promise<Running> {
  const r = config.replayer;
  const transport = new UdpTransport({ ...config.transport });
  const clock = new SystemClock();
  const archive = r.archive === undefined ? undefined : new StreamArchive({ dir: r.archive.dir, policy: r.archive.policy ?? "os" });
  const replayer = new Replayer({ transport, clock, maxPacketsPerRequest: r.maxPacketsPerRequest, maxRequestsPerSecond: r.maxRequestsPerSecond, archive, receiver: { requestRetryNs: 10e6, reorderCapacity: 4096 } });
  let rewindServer: TcpRewindServer | null = null;
  if ((r.tcpRewindPort ?? 0) >= 0) {
    rewindServer = new TcpRewindServer((session) => replayer.findSession(session));
    const port = await rewindServer.listen(r.tcpRewindHost ?? transport.config.interface, r.tcpRewindPort ?? 0);
    transport.setRewindTcpPort(port);
  }
  replayer.open();
  await transport.ready();
  const runner = new AgentRunner([replayer], config.idle, [transport], 1, config.wake).start();
  return {
    kind: "replayer",
    transport,
    runner,
    status: () => ({
      ...replayer.status(),
      counters: { ...replayer.counters },
      replay: { ...replayer.replayServer.counters },
      receiver: { ...replayer.receiver.counters },
      rewind: rewindServer === null ? null : { ...rewindServer.counters },
      ...transportStatus(transport),
    }),
    async stop() {
      runner.stop();
      rewindServer?.close();
      replayer.close();
      transport.close();
    },
  };
}

/** What a node module exports: a Node subclass as default, or createNode(options, params). */
type NodeModule = { default?: unknown; createNode?: (options: NodeOptions, params: unknown) => Node };

export async function startNode(modulePath: string, config: CoralConfig): Promise<Running & { node: Node }> {
  const n = config.node;
  if (n === undefined) throw new Error(`the configuration has no "node" section (account, instance, …)`);
  const mod = (await import(pathToFileURL(resolve(modulePath)).href)) as NodeModule;
  const rewind = n.rewind !== false;
  const transport = new UdpTransport({ ...config.transport, tcpRewind: rewind && config.transport.tcpRewind !== false });
  const options: NodeOptions = {
    account: n.account,
    instance: n.instance,
    transport,
    clock: new SystemClock(),
    heartbeatIntervalNs: ms(n.heartbeatIntervalMs, 1000),
    receiver: {
      startAtLiveTail: !rewind,
      requestBackoffMaxNs: n.requestBackoffMaxUs === undefined ? undefined : n.requestBackoffMaxUs * 1000,
      // Over real sockets a repair of up to 64 packets needs longer than the in-memory default of 2 ms, and a
      // node that falls behind (a rewind, a slow turn) should hold more than 1024 messages before dropping any.
      requestRetryNs: (n.requestRetryMs ?? 10) * 1e6,
      reorderCapacity: n.reorderCapacity ?? 4096,
    },
    sender: { resendNs: ms(n.resendMs, 20), capacity: n.maxPendingCommands },
  };
  let node: Node;
  if (typeof mod.createNode === "function") node = mod.createNode(options, n.params);
  else if (typeof mod.default === "function") node = new (mod.default as new (o: NodeOptions, p: unknown) => Node)(options, n.params);
  else throw new Error(`${modulePath} must export a Node subclass as default, or a function createNode(options, params)`);
  node.open();
  await transport.ready();
  if (n.activate !== false) node.activate();
  const runner = new AgentRunner([node], config.idle, [transport], 1, config.wake).start();
  const report = (node as unknown as { report?: () => unknown }).report;
  return {
    kind: "node",
    node,
    transport,
    runner,
    status: () => {
      const stats = node.stats();
      return {
        account: node.account,
        instance: node.instance,
        delivered: stats.delivered,
        lastSequence: stats.lastSequence,
        rewinding: stats.rewinding,
        active: stats.active,
        pendingCommands: stats.pendingCommands,
        hash: stats.hash,
        receiver: stats.receiver,
        sender: stats.sender,
        rewind: transport.rewindStates()[0],
        ...(typeof report === "function" ? { app: report.call(node) } : {}),
        ...transportStatus(transport),
      };
    },
    async stop() {
      runner.stop();
      node.close();
      await new Promise((r) => setTimeout(r, 10));
      transport.close();
    },
  };
}

/**
 * Starting each kind of component from a configuration, in this process: what `coral sequencer`, `replayer`,
 * `node`, `archiver` and `logger` run, and what tests and benchmarks start in child processes. Each returns a
 * Running handle: the component's status for printing, and a clean stop.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Archiver } from "../archive/archiver.js";
import { LoggerNode } from "../archive/logger-node.js";
import { MessageFormatter } from "../archive/message-formatter.js";
import { SequencerArchive } from "../archive/sequencer-archive.js";
import { StreamArchive } from "../archive/stream-archive.js";
import { SystemClock } from "../clock.js";
import type { Node, NodeOptions } from "../node/node.js";
import type { StreamReceiverOptions } from "../node/stream-receiver.js";
import { Replayer } from "../replayer/replayer.js";
import { TcpRewindServer } from "../replayer/tcp-rewind-server.js";
import { Sequencer } from "../sequencer/sequencer.js";
import { UdpTransport } from "../transport/udp-transport.js";
import { AgentRunner } from "./agent-runner.js";
import type { CoralConfig, NodeSection } from "./config.js";
import { loadSchemaModule } from "./dump-command.js";
import { LineOutput } from "./line-output.js";

export interface Running {
  readonly kind: "sequencer" | "replayer" | "node" | "archiver" | "logger";
  readonly transport: UdpTransport;
  readonly runner: AgentRunner;
  status(): Record<string, unknown>;
  stop(): Promise<void>;
}

const ms = (v: number | undefined, fallback: number): number => (v ?? fallback) * 1e6;

/** How a process that follows the stream over UDP (node, archiver, logger) receives it. */
function udpReceiverOptions(n: Pick<NodeSection, "requestBackoffMaxUs" | "requestRetryMs" | "reorderCapacity">, startAtLiveTail: boolean): StreamReceiverOptions {
  return {
    startAtLiveTail,
    requestBackoffMaxNs: n.requestBackoffMaxUs === undefined ? undefined : n.requestBackoffMaxUs * 1000,
    // Over real sockets a repair of up to 64 packets needs longer than the in-memory default of 2 ms, and a
    // receiver that falls behind (a rewind, a slow turn) should hold more than 1024 messages before dropping any.
    requestRetryNs: (n.requestRetryMs ?? 10) * 1e6,
    reorderCapacity: n.reorderCapacity ?? 4096,
  };
}

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
    receiver: udpReceiverOptions(n, !rewind),
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

/**
 * `coral archiver`: follows the stream and keeps a byte-identical copy of every session in `archiver.archive.dir`
 * (docs/ARCHIVE.md). Stopping commits what was received and closes the files; a session whose SessionEnd was
 * received is finalized, an unfinished one is continued by the next start.
 */
export async function startArchiver(config: CoralConfig): Promise<Running & { archiver: Archiver }> {
  const a = config.archiver;
  if (a === undefined) throw new Error(`the configuration has no "archiver" section ({ "archive": { "dir": …, "policy": "os" } })`);
  const policy = a.archive.policy ?? "os";
  const transport = new UdpTransport({ ...config.transport });
  const log = (line: string): void => void process.stderr.write(`coral archiver: ${line}\n`);
  const archiver = new Archiver({ transport, clock: new SystemClock(), dir: a.archive.dir, policy, log, receiver: udpReceiverOptions({}, false) });
  archiver.open();
  await transport.ready();
  const runner = new AgentRunner([archiver], config.idle, [transport], 1, config.wake).start();
  // Sessions held in the directory; closing forgets them, so the final status keeps the count from before.
  let sessionsHeld = (): number => archiver.archive.sessions().length;
  return {
    kind: "archiver",
    archiver,
    transport,
    runner,
    status: () => ({
      ...archiver.status(),
      dir: a.archive.dir,
      policy,
      sessions: sessionsHeld(),
      counters: { ...archiver.counters },
      archive: { ...archiver.archive.counters },
      receiver: { ...archiver.receiver.counters },
      ...transportStatus(transport),
    }),
    async stop() {
      runner.stop();
      const held = sessionsHeld();
      sessionsHeld = () => held;
      archiver.close();
      transport.close();
    },
  };
}

/**
 * `coral logger`: a LoggerNode writing one readable line per message to `logger.output` (appended) or stdout,
 * decoding with the generated modules of `logger.schemas`. Lines are written once per duty cycle; stopping
 * writes the rest and closes (and syncs) the file.
 */
export async function startLogger(config: CoralConfig): Promise<Running & { node: LoggerNode }> {
  const l = config.logger;
  const schemaModules: Record<string, unknown>[] = [];
  for (const path of l.schemas ?? []) {
    const mod = await loadSchemaModule(path);
    try {
      new MessageFormatter([mod]); // checks that it is a module coralc generated, naming the file if not
    } catch (e) {
      throw new Error(`${path}: ${(e as Error).message}`);
    }
    schemaModules.push(mod);
  }
  const rewind = l.rewind !== false;
  const transport = new UdpTransport({ ...config.transport, tcpRewind: rewind && config.transport.tcpRewind !== false });
  const output = new LineOutput(l.output ?? null);
  let node: LoggerNode;
  try {
    node = new LoggerNode({
      account: l.account ?? "LOGGER",
      instance: l.instance,
      transport,
      clock: new SystemClock(),
      heartbeatIntervalNs: ms(l.heartbeatIntervalMs, 0),
      receiver: udpReceiverOptions({}, !rewind),
      write: (line) => output.write(line),
      flush: () => output.flush(),
      schemaModules,
    });
  } catch (e) {
    output.close();
    throw e;
  }
  node.open(); // never activated: it sends no commands
  await transport.ready();
  // The output is flushed after the node's turn: everything the turn delivered, in one write.
  const runner = new AgentRunner([node, { doWork: () => output.flush() }], config.idle, [transport], 1, config.wake).start();
  return {
    kind: "logger",
    node,
    transport,
    runner,
    status: () => {
      const stats = node.stats();
      return {
        account: node.account,
        output: output.path ?? "stdout",
        lines: node.lines,
        lastSequence: stats.lastSequence,
        rewinding: stats.rewinding,
        error: output.error,
        written: { ...output.counters },
        receiver: stats.receiver,
        rewind: transport.rewindStates()[0],
        ...transportStatus(transport),
      };
    },
    async stop() {
      runner.stop();
      node.close();
      output.close();
      await new Promise((r) => setTimeout(r, 10));
      transport.close();
    },
  };
}

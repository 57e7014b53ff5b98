/**
 * The rewind speed of a late joiner over the real path: a session archive served by a `coral replayer` process
 * from its archive directory over TCP (SoupBinTCP, runtime/replayer/tcp-rewind-server.ts) to a `coral node`
 * process that joins late, rewinds from sequence 1 and delivers every message to its handler
 * (bench/archive/rewind-node.ts). A `coral sequencer` resumes the same session from its own copy, so the
 * node finds a live session and the replayer by multicast discovery as it would in production.
 *
 * The rate is timed inside the node, from its first delivered message until it holds the archive's last
 * sequence (checked every duty cycle): process start-up and discovery are not counted; the socket, the
 * replayer's reads (each record's CRC verified) and the node's delivery are.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { ConfigDir, CoralProcess, loopbackTransport } from "../../test/udp/harness.js";

export interface TcpRewindResult {
  messages: number;
  msgsPerSec: number;
  seconds: number;
  rewind: string;
}

/** Rewinds `archivePath` (a session file whose last sequence is `messages`) into a late-joining node process over TCP; `prefix` runs each process under a command (taskset, a profiler). */
export async function measureTcpRewind(archivePath: string, messages: number, basePort: number, prefix: string[] = []): Promise<TcpRewindResult> {
  const dir = new ConfigDir();
  const nodeModule = join(dir.path, "rewind-node.mjs");
  buildSync({ entryPoints: [resolve(import.meta.dirname, "rewind-node.ts")], outfile: nodeModule, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "error" });
  const sequencerDir = join(dir.path, "sequencer");
  const replayerDir = join(dir.path, "replayer");
  for (const d of [sequencerDir, replayerDir]) {
    mkdirSync(d);
    copyFileSync(archivePath, join(d, basename(archivePath)));
    // With its index, as a deployment has it: without, opening rebuilds the index by scanning every record.
    if (existsSync(`${archivePath}.idx`)) copyFileSync(`${archivePath}.idx`, join(d, `${basename(archivePath)}.idx`));
  }
  const common = { statusIntervalMs: 50, statusFormat: "json", transport: loopbackTransport(basePort) };
  const all: CoralProcess[] = [];
  try {
    const sequencer = new CoralProcess("sequencer", ["sequencer", "--config", dir.write("s.json", { ...common, sequencer: { accounts: ["RW"], archive: { dir: sequencerDir, policy: "os" } } })], prefix);
    all.push(sequencer);
    await sequencer.waitFor(() => true, 20_000, "sequencer up");
    const replayer = new CoralProcess("replayer", ["replayer", "--config", dir.write("r.json", { ...common, replayer: { archive: { dir: replayerDir, policy: "os" } } })], prefix);
    all.push(replayer);
    await replayer.waitFor(() => true, 20_000, "replayer up");
    const node = new CoralProcess("RW", ["node", nodeModule, "--config", dir.write("n.json", { ...common, node: { account: "RW", activate: false, heartbeatIntervalMs: 0, params: { lastSequence: messages } } })], prefix);
    all.push(node);
    const s = await node.waitFor((x) => x.app?.done === true, 120_000, `rewind of ${messages} messages`);
    return { messages, msgsPerSec: s.app.msgsPerSec as number, seconds: s.app.seconds as number, rewind: String(s.rewind) };
  } finally {
    await Promise.all(all.map((p) => p.stop()));
    dir.remove();
  }
}

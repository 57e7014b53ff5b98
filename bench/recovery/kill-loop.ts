/**
 * The crash-recovery loop, shared by the short test (test/archive/kill-loop.test.ts) and the benchmark
 * (npm run bench:recovery): a real `coral sequencer` process with a session archive, under a steady command
 * load from `coral node` processes over UDP on loopback, is killed with SIGKILL at random moments and restarted
 * on the same archive directory each time. At the end:
 *
 *  - every command whose echo a node saw (its "acknowledged" commands) must be in the archive exactly once;
 *  - the archive's sequence numbers must run 1, 2, 3 … with no gap and no repeat;
 *  - every node must have delivered each of its commands exactly once, in order (LoadNode checks this).
 *
 * Children are the bundled CLI of the UDP test harness; each is stopped by its PID.
 */
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import { SequencerArchive } from "../../runtime/archive/sequencer-archive.js";
import { Prng } from "../../runtime/util/prng.js";
import { ConfigDir, CoralProcess, LOAD_NODE, loopbackTransport, sleep } from "../../test/udp/harness.js";

export interface KillLoopOptions {
  /** SIGKILLs to deliver. */
  kills: number;
  /** Node processes (accounts N1, N2 …). */
  nodes: number;
  /** Commands per node. */
  commandsPerNode: number;
  /** Commands per second per node (steady load). */
  ratePerNode: number;
  /** Random time between a (re)start and the next kill, in ms. */
  killAfterMs: [number, number];
  policy: "os" | "fsync";
  /** UDP port base for this run (ports base … base + 2). */
  portBase: number;
  seed: number;
  log?: (line: string) => void;
  /** Called with the resulting archive before the temporary directory is removed (the benchmark measures a rewind). */
  onArchive?: (path: string) => Promise<void> | void;
}

export interface KillLoopResult {
  kills: number;
  commandsAcked: number;
  lostAcked: number;
  duplicates: number;
  gaps: number;
  torn: number;
  archiveMessages: number;
  archivePath: string;
  nodeDuplicates: number;
  nodeOutOfOrder: number;
  elapsedMs: number;
}

interface ArchiveAudit {
  last: number;
  gaps: number;
  /** Per account: how many times each command number appears. */
  counts: Map<string, Map<number, number>>;
}

/** Reads the whole archive: gaps in the sequence and every numbered command per account. */
export function auditArchive(path: string): ArchiveAudit {
  const reader = ArchiveReader.open(path);
  if (reader.corruption !== null) throw reader.corruption;
  const cursor = reader.cursor();
  cursor.seek(1);
  const counts = new Map<string, Map<number, number>>();
  let expected = 1;
  let gaps = 0;
  while (cursor.next()) {
    if (cursor.sequence !== expected) gaps++;
    expected = cursor.sequence + 1;
    const n = cursor.commandNumber();
    if (n === 0) continue;
    let account = "";
    const at = cursor.accountOffset();
    for (let i = 0; i < 8 && cursor.buffer[at + i] !== 0; i++) account += String.fromCharCode(cursor.buffer[at + i]!);
    let perAccount = counts.get(account);
    if (perAccount === undefined) counts.set(account, (perAccount = new Map()));
    perAccount.set(n, (perAccount.get(n) ?? 0) + 1);
  }
  const last = reader.lastSequence();
  reader.close();
  return { last, gaps, counts };
}

async function killAndWait(p: CoralProcess): Promise<void> {
  try {
    process.kill(p.child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
  const end = Date.now() + 5000;
  while (p.exitCode === null && p.child.signalCode === null && Date.now() < end) await sleep(5);
}

export async function runKillLoop(o: KillLoopOptions): Promise<KillLoopResult> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  const dir = new ConfigDir();
  const archiveDir = `${dir.path}/archive`;
  const prng = new Prng(o.seed);
  const accounts = Array.from({ length: o.nodes }, (_, i) => `N${i + 1}`);
  const common = { statusIntervalMs: 50, statusFormat: "json", transport: loopbackTransport(o.portBase) };
  const sequencerConfig = dir.write("sequencer.json", {
    ...common,
    sequencer: { accounts, heartbeatIntervalMs: 20, archive: { dir: archiveDir, policy: o.policy } },
  });
  const startSequencer = (n: number) => new CoralProcess(`sequencer#${n}`, ["sequencer", "--config", sequencerConfig]);
  let sequencer = startSequencer(0);
  const nodes: CoralProcess[] = [];
  let torn = 0;
  const countTorn = (p: CoralProcess) => {
    torn += (p.stderr.match(/torn record at the tail/g) ?? []).length;
  };
  try {
    await sequencer.waitFor((s) => s.sequence >= 1, 10_000, "sequencer up");
    for (const account of accounts) {
      const config = dir.write(`${account}.json`, {
        ...common,
        node: { account, heartbeatIntervalMs: 0, resendMs: 20, params: { commands: o.commandsPerNode, window: 64, maxPerSecond: o.ratePerNode } },
      });
      nodes.push(new CoralProcess(account, ["node", LOAD_NODE, "--config", config]));
    }
    await Promise.all(nodes.map((n) => n.waitFor((s) => s.active === true, 15_000, "node active")));
    for (let k = 1; k <= o.kills; k++) {
      const [lo, hi] = o.killAfterMs;
      await sleep(lo + Math.floor(prng.nextFloat() * (hi - lo)));
      await killAndWait(sequencer);
      countTorn(sequencer);
      log(`kill ${k}: sequencer at sequence ${sequencer.latest?.status.sequence ?? "?"}`);
      sequencer = startSequencer(k);
      await sequencer.waitFor((s) => s.sequence >= 1, 15_000, `restart ${k}`);
    }
    // Let the load finish: every node done (all commands echoed).
    await Promise.all(nodes.map((n) => n.waitFor((s) => s.app?.done === true, 120_000, "all commands echoed")));
    const finalStatus = await sequencer.waitFor(() => true, 1000);
    const lastSequence = finalStatus.sequence as number;
    await Promise.all(nodes.map((n) => n.waitFor((s) => s.lastSequence >= lastSequence, 20_000, "caught up")));
    const reports = nodes.map((n) => n.latest!.status);
    for (const n of nodes) await n.stop();
    await sequencer.stop();
    countTorn(sequencer);

    const path = new SequencerArchive({ dir: archiveDir, policy: o.policy, log: () => {} }).latestSessionFile()!;
    const audit = auditArchive(path);
    await o.onArchive?.(path);
    let commandsAcked = 0;
    let lostAcked = 0;
    let duplicates = 0;
    let nodeDuplicates = 0;
    let nodeOutOfOrder = 0;
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i]!;
      const app = reports[i]!.app as { perAccount: Record<string, number>; duplicates: number; outOfOrder: number };
      // The node saw its own commands 1 … acked echoed (LoadNode checks they came once each, in order).
      const acked = app.perAccount[account] ?? 0;
      commandsAcked += acked;
      nodeDuplicates += app.duplicates;
      nodeOutOfOrder += app.outOfOrder;
      const inArchive = audit.counts.get(account) ?? new Map<number, number>();
      for (let n = 1; n <= acked; n++) {
        const times = inArchive.get(n) ?? 0;
        if (times === 0) lostAcked++;
        if (times > 1) duplicates += times - 1;
      }
      for (const [n, times] of inArchive) if (n > acked && times > 1) duplicates += times - 1;
    }
    return {
      kills: o.kills,
      commandsAcked,
      lostAcked,
      duplicates,
      gaps: audit.gaps,
      torn,
      archiveMessages: audit.last,
      archivePath: path,
      nodeDuplicates,
      nodeOutOfOrder,
      elapsedMs: Date.now() - started,
    };
  } finally {
    await Promise.all([...nodes, sequencer].map((p) => p.stop(1000)));
    dir.remove();
  }
}

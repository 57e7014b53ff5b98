// Part 2 of the demo as a real deployment in miniature: every component is its
// own `coral` process (the CLI of this package), talking UDP multicast on
// loopback — a sequencer, a replayer, two engine replicas hot-hot, the
// market-data node, two gateways with their traders, and a third engine
// replica started late, which rewinds over TCP from the replayer.
//
// Each process prints a JSON status line every 250 ms (its node's report()
// included); this parent reads them for the progress line and the summary.
// Every child is stopped by its PID (SIGTERM, then SIGKILL after a grace
// period), on success, on error and on SIGINT.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readStatusLines } from "../../runtime/cli/status-line.js";
import { type DemoOutcome, checkReplicas, type NodeSummary, type ProgressLine } from "./demo-summary.js";
import { demoTraders, type DemoSettings } from "./demo-settings.js";
import { ENGINE_ACCOUNT, gatewayAccount, MARKET_DATA_ACCOUNT } from "./exchange-setup.js";
import { LatencyHistogram } from "./latency-histogram.js";

const ROOT = resolve(import.meta.dirname, "../..");
const STATUS_INTERVAL_MS = 250;
/** Give up (stop everything, exit 1) if the run has not finished by then: the processes' stop takes a few seconds more. */
const RUN_DEADLINE_MS = 50_000;

// ---- child processes ---------------------------------------------------------------------------------------

type Status = Record<string, any>;

const running = new Set<Component>();

class Component {
  readonly child: ChildProcess;
  latest: Status | null = null;
  /** When the child wrote its latest status line (its own clock, epoch ms). */
  latestAtMs = 0;
  /** [epoch ms, status] of every status line, oldest first. */
  readonly history: [number, Status][] = [];
  /** CPU time the process used, read just before it is stopped (null where /proc is not available). */
  cpuSeconds: number | null = null;
  exitCode: number | null = null;
  stderr = "";
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    command: string[],
  ) {
    this.child = spawn(command[0]!, command.slice(1), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    running.add(this);
    readStatusLines(this.child.stdout!, (line) => {
      this.latest = line.status as Status;
      this.latestAtMs = Date.parse(line.time);
      this.history.push([this.latestAtMs, this.latest]);
    });
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((r) =>
      this.child.on("exit", (code, signal) => {
        this.exitCode = code ?? (signal === null ? -1 : 128);
        running.delete(this);
        r();
      }),
    );
  }

  get app(): Status | undefined {
    return this.latest?.app;
  }

  /** Throws if the process died. */
  check(): void {
    if (this.exitCode !== null) throw new Error(`${this.name} exited with ${this.exitCode}: ${this.stderr.trim()}`);
  }

  async stop(graceMs = 3000): Promise<void> {
    if (this.exitCode !== null) return;
    signal(this.child.pid, "SIGTERM");
    const timer = setTimeout(() => signal(this.child.pid, "SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

function signal(pid: number | undefined, name: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** User + system CPU time of a live process, from /proc (Linux); null elsewhere. */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from the 3rd on
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Stops every process the demo started, by PID. Safe to call more than once. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
}

// Last resort: the parent is exiting (an uncaught error) with children still up.
process.on("exit", () => {
  for (const c of running) signal(c.child.pid, "SIGKILL");
});

// ---- how children are started -----------------------------------------------------------------------------

const NODE_MODULES = {
  engine: "examples/exchange/engine-node.ts",
  marketdata: "examples/exchange/market-data-node.ts",
  gateway: "examples/exchange/trading-gateway-node.ts",
} as const;

interface Launcher {
  bundled: boolean;
  coral: string[];
  module(kind: keyof typeof NODE_MODULES): string;
  cleanup(): void;
}

/**
 * The CLI and the node modules, bundled into plain JavaScript with esbuild (which tsx brings along): a child then
 * starts in a tenth of a second instead of compiling TypeScript for seconds. Without esbuild, children run the
 * TypeScript through tsx.
 */
async function launcher(): Promise<Launcher> {
  let esbuild: typeof import("esbuild") | null = null;
  try {
    esbuild = await import("esbuild");
  } catch {
    esbuild = null;
  }
  if (esbuild === null) {
    return {
      bundled: false,
      coral: [process.execPath, "--import", "tsx", join(ROOT, "runtime/cli/coral.ts")],
      module: (kind) => join(ROOT, NODE_MODULES[kind]),
      cleanup: () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `coral-demo-bundle-${process.pid}-`));
  const entries = { coral: "runtime/cli/coral.ts", ...NODE_MODULES };
  esbuild.buildSync({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(ROOT, path)])),
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
  });
  return {
    bundled: true,
    coral: [process.execPath, join(dir, "coral.mjs")],
    module: (kind) => join(dir, `${kind}.mjs`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Loopback multicast, with ports and groups of this run's own (so two runs, or a test, never meet). */
function transportConfig(): Record<string, unknown> {
  const slot = process.pid % 1000;
  const base = 20_000 + slot * 10;
  const group = slot % 250;
  return {
    kind: "udp",
    interface: "127.0.0.1",
    ttl: 0,
    streamGroup: `239.78.${group}.1`,
    streamPort: base,
    commandHost: "127.0.0.1",
    commandPort: base + 1,
    discoveryGroup: `239.78.${group}.2`,
    discoveryPort: base + 2,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---- the run ----------------------------------------------------------------------------------------------

export async function runProcesses(settings: DemoSettings, progress: ProgressLine, stopped: () => boolean): Promise<DemoOutcome> {
  // Every child's command line names this directory, which names this process: `coral-demo-<pid>-…`.
  const configDir = mkdtempSync(join(tmpdir(), `coral-demo-${process.pid}-`));
  const t0 = performance.now();
  // The whole run, start to stop, stays within a minute even on a machine too busy to finish it.
  const deadline = t0 + Math.max(RUN_DEADLINE_MS, settings.durationMs + 40_000);
  const step = (what: string): void => console.log(`  [${((performance.now() - t0) / 1000).toFixed(1).padStart(4)} s] ${what}`);
  const launch = await launcher();
  step(launch.bundled ? "bundled the coral CLI and the node modules (esbuild)" : "esbuild not found: children compile TypeScript with tsx (slower start)");
  const started: Component[] = [];
  try {
    const base = { transport: transportConfig(), idle: "park", statusIntervalMs: STATUS_INTERVAL_MS, statusFormat: "json" };
    const accounts = [ENGINE_ACCOUNT, MARKET_DATA_ACCOUNT, gatewayAccount(1), gatewayAccount(2)];
    let configs = 0;
    const start = (name: string, args: string[], config: Record<string, unknown>): Component => {
      const file = join(configDir, `${++configs}-${name}.json`);
      writeFileSync(file, JSON.stringify({ ...base, ...config }, null, 2));
      const c = new Component(name, [...launch.coral, ...args, "--config", file]);
      started.push(c);
      return c;
    };
    const node = (name: string, kind: keyof typeof NODE_MODULES, section: Record<string, unknown>): Component =>
      start(name, ["node", launch.module(kind)], { node: { resendMs: 20, ...section } });

    /** Waits until `done()`, checking the children are alive; throws after `timeoutMs`, or at the run's deadline. */
    const waitFor = async (what: string, done: () => boolean, timeoutMs: number, tick: () => void = () => {}): Promise<void> => {
      const end = Math.min(performance.now() + timeoutMs, deadline);
      while (!done()) {
        if (stopped()) throw new Error("interrupted");
        for (const c of started) c.check();
        if (performance.now() > end) {
          const states = started.map((c) => `${c.name}: ${JSON.stringify({ ...c.latest, udp: undefined, receiver: undefined, sender: undefined, app: { ...c.app, rtt: undefined } })}`);
          throw new Error(`timed out after ${((performance.now() - t0) / 1000).toFixed(1)} s of the run waiting for ${what}\n${states.join("\n")}`);
        }
        tick();
        if (process.env.CORAL_DEMO_TRACE !== undefined) {
          for (const c of started) console.error(`${((performance.now() - t0) / 1000).toFixed(1)} ${c.name} ${JSON.stringify({ ...c.latest, udp: undefined, receiver: undefined, sender: undefined, receiveBuffers: undefined, app: { ...c.app, rtt: undefined, traders: undefined } })}`);
        }
        await sleep(process.env.CORAL_DEMO_TRACE !== undefined ? 500 : 50);
      }
    };

    const sequencer = start("sequencer", ["sequencer"], { sequencer: { accounts, heartbeatIntervalMs: 100 } });
    const replayer = start("replayer", ["replayer"], {});
    await waitFor("the sequencer and the replayer", () => sequencer.latest?.active === true && replayer.latest !== null, 15_000);
    step(`coral sequencer (pid ${sequencer.child.pid}) and coral replayer (pid ${replayer.child.pid}) running`);

    // Every node at once: nothing waits for anything but the stream. The gateways open the market when they see
    // every account active on it (the engines, market data, both gateways), at the same point of the stream.
    const everyone = [ENGINE_ACCOUNT, MARKET_DATA_ACCOUNT, gatewayAccount(1), gatewayAccount(2)];
    const engines = [1, 2].map((i) => node(`engine-${i}`, "engine", { account: ENGINE_ACCOUNT, instance: i }));
    const marketData = node("marketdata", "marketdata", { account: MARKET_DATA_ACCOUNT });
    const gateways = [1, 2].map((g) =>
      node(`gateway-${gatewayAccount(g)}`, "gateway", {
        account: gatewayAccount(g),
        params: { ordersPerSecond: settings.ordersPerSecond, durationMs: settings.durationMs, traders: demoTraders(g, settings.seed), openWhenActive: everyone },
      }),
    );
    await waitFor("every node to become active", () => [...engines, marketData, ...gateways].every((c) => c.latest?.active === true), 20_000);
    step("coral node: engine-node.ts ×2 (ENGINE instances 1 and 2, hot-hot), market-data-node.ts, trading-gateway-node.ts ×2 (GW1, GW2) active");
    await waitFor("the gateways to open the market", () => gateways.every((c) => c.app?.open === true), 10_000);
    step("the market is open: 4 traders trading");

    // The market's hours, by the sequencer's clock: each gateway reports when it opened and closed (epoch ms).
    const openedAt = (): number => Math.min(...gateways.map((g) => Number(g.app!.openedAtMs)));
    const closedAt = (): number => Math.max(...gateways.map((g) => Number(g.app!.closedAtMs)));
    let late: Component | null = null;
    let lastSequence = Number(sequencer.latest!.sequence);
    let lastAtMs = sequencer.latestAtMs;
    let rate = 0;
    const showProgress = (): void => {
      const seq = Number(sequencer.latest?.sequence ?? 0);
      if (sequencer.latestAtMs - lastAtMs >= STATUS_INTERVAL_MS * 0.8) {
        rate = ((seq - lastSequence) * 1000) / (sequencer.latestAtMs - lastAtMs);
        lastSequence = seq;
        lastAtMs = sequencer.latestAtMs;
      }
      const app = engines[0]!.app;
      const note = late === null ? "" : late.latest === null ? "late replica starting" : late.latest.rewinding ? "late replica rewinding" : "late replica live";
      progress.update((Date.now() - openedAt()) / 1000, rate, Number(app?.orders ?? 0), Number(app?.fills ?? 0), note);
    };
    const trading = (): boolean => gateways.some((g) => g.app?.trading !== false);
    await waitFor(
      "the traders to finish",
      () => !trading() && late !== null,
      settings.durationMs + 30_000,
      () => {
        showProgress();
        if (late === null && (Date.now() - openedAt() >= settings.lateJoinMs || !trading())) {
          late = node("engine-3 (late)", "engine", { account: ENGINE_ACCOUNT, instance: 3, rewind: true });
          engines.push(late);
        }
      },
    );
    const tradingSeconds = (closedAt() - openedAt()) / 1000;

    // Settled: every gateway's orders are sequenced, and every replica has read all of them and has no report
    // waiting for the sequencer.
    const replicas = [...engines, marketData];
    const settled = (): boolean => {
      if (gateways.some((g) => g.app === undefined || g.app.pending !== 0)) return false;
      const sent = gateways.reduce((sum, g) => sum + Number(g.app!.sequenced), 0);
      return replicas.every((r) => r.app !== undefined && r.app.orders === sent && r.latest!.pendingCommands === 0 && r.latest!.rewinding === false);
    };
    await waitFor("every replica to read every order", settled, 20_000, showProgress);
    showProgress();
    progress.end();

    const rtt = new LatencyHistogram();
    for (const g of gateways) rtt.addSparse(g.app!.rtt as [number, number][]);
    const nodes: NodeSummary[] = [];
    const ordersRead = new Map<string, number>();
    for (const r of replicas) {
      nodes.push({ name: r.name, role: r.app!.role, hash: r.app!.hash });
      ordersRead.set(r.name, r.app!.orders);
    }
    for (const g of gateways) {
      nodes.push({ name: g.name, role: "gateway", hash: g.latest!.hash });
      for (const t of g.app!.traders as { name: string; hash: string }[]) nodes.push({ name: `trader-${t.name}`, role: "trader", hash: t.hash });
    }
    const problems = checkReplicas(nodes, ordersRead);
    const e = engines[0]!.app!;
    const messages = Number(sequencer.latest!.sequence);
    const messagesWhileTrading = sequenceAt(sequencer, closedAt()) - sequenceAt(sequencer, openedAt());
    for (const c of started) c.cpuSeconds = cpuSecondsOf(c.child.pid);
    await stopAll(started);
    const survivors = started.filter((c) => c.exitCode === null);
    if (survivors.length > 0) problems.push(`processes still running: ${survivors.map((c) => c.name).join(", ")}`);
    return {
      transport: "udp",
      orders: Number(e.orders),
      fills: Number(e.fills),
      refused: gateways.reduce((n, g) => n + Number(g.app!.refused), 0),
      msgsPerSec: messagesWhileTrading / tradingSeconds,
      messages,
      tradingSeconds,
      rtt,
      nodes,
      consistent: problems.length === 0,
      problems,
      processes: started.map((c) => ({ name: c.name, pid: c.child.pid ?? -1, cpuSeconds: c.cpuSeconds })),
    };
  } finally {
    await stopAll(started);
    launch.cleanup();
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** The sequencer's last sequence number at `epochMs`, from its status lines (interpolated between two). */
function sequenceAt(sequencer: Component, epochMs: number): number {
  const h = sequencer.history;
  for (let i = 1; i < h.length; i++) {
    const [t1, s1] = h[i]!;
    if (t1 < epochMs) continue;
    const [t0, s0] = h[i - 1]!;
    const q0 = Number(s0.sequence);
    return t1 === t0 ? q0 : q0 + ((Number(s1.sequence) - q0) * (epochMs - t0)) / (t1 - t0);
  }
  return Number(h.at(-1)?.[1].sequence ?? 0);
}

/** Nodes first, then the replayer and the sequencer, so nobody logs a lost sequencer on the way out. */
async function stopAll(components: Component[]): Promise<void> {
  const order = (c: Component): number => (c.name === "sequencer" ? 2 : c.name === "replayer" ? 1 : 0);
  for (const rank of [0, 1, 2]) await Promise.all(components.filter((c) => order(c) === rank).map((c) => c.stop()));
}

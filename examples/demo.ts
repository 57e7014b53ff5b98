/**
 * `npm run demo`: the toolkit's main job in one command. The npm script has just compiled schemas/ with coralc;
 * part 1 shows what it generated at work, part 2 runs the exchange example (examples/exchange/) on the sequencer.
 *
 *   npm run demo [-- --transport udp|memory] [--seconds s] [--rate orders-per-second-per-trader] [--json file]
 *
 * Part 2 over UDP (the default): a sequencer, a replayer and the exchange's nodes, each a `coral` process on
 * loopback multicast; a third engine replica starts late and rewinds. With `--transport memory` the same
 * components run in this process on the in-memory transport. Exit status 0 when every engine replica ended in
 * the same state, 1 when not (or on an error), 130 when interrupted; every process started is stopped.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { codecTour } from "./codec-tour.js";
import { runInProcess } from "./exchange/demo-in-process.js";
import { type DemoOutcome, printSummary, ProgressLine, toJson } from "./exchange/demo-summary.js";
import type { DemoSettings } from "./exchange/demo-settings.js";
import { runProcesses, stopAllProcesses } from "./exchange/demo-processes.js";

interface Args {
  transport: "udp" | "memory";
  json: string | null;
  settings: DemoSettings;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { transport: "udp", json: null, settings: { durationMs: 5000, ordersPerSecond: 250, lateJoinMs: 2000, seed: 2026 } };
  let lateSet = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    const number = (): number => {
      const n = Number(value);
      if (value === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number`);
      i++;
      return n;
    };
    if (flag === "--json") {
      if (value === undefined) throw new Error("--json needs a file name");
      args.json = value;
      i++;
    } else if (flag === "--transport") {
      if (value !== "udp" && value !== "memory") throw new Error(`--transport must be udp or memory, got ${JSON.stringify(value)}`);
      args.transport = value;
      i++;
    } else if (flag === "--seconds") args.settings.durationMs = number() * 1000;
    else if (flag === "--rate") args.settings.ordersPerSecond = number();
    else if (flag === "--late-join") {
      args.settings.lateJoinMs = number() * 1000;
      lateSet = true;
    } else if (flag === "--seed") args.settings.seed = Math.floor(number());
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!lateSet) args.settings.lateJoinMs = Math.round(args.settings.durationMs * 0.4);
  return args;
}

function section(title: string): void {
  console.log(`\n=== ${title} ===\n`);
}

let interrupted = false;

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`demo: ${(e as Error).message}`);
    return 2;
  }
  section("1. coralc compiled schemas/ into generated/: one NewOrder through the generated codec");
  codecTour(console.log);

  const s = args.settings;
  section(`2. An exchange on the sequencer (${args.transport === "udp" ? "separate processes, UDP multicast on loopback" : "one process, memory transport"})`);
  console.log(
    `  sequencer, replayer, 2 matching-engine replicas (hot-hot), market data, 2 gateways with 2 traders each\n` +
      `  (${s.ordersPerSecond} orders/s per trader for ${s.durationMs / 1000} s); a 3rd engine replica joins at ${s.lateJoinMs / 1000} s and rewinds.\n`,
  );
  const load = loadavg();
  console.log(`  machine: ${cpus().length} CPUs, load average ${load[0]!.toFixed(1)} (1 min) before the run: latency below depends on it.\n`);
  const progress = new ProgressLine();
  const outcome: DemoOutcome =
    args.transport === "udp" ? await runProcesses(s, progress, () => interrupted) : await runInProcess(s, progress, () => interrupted);
  printSummary(outcome);
  if (args.json !== null) {
    writeFileSync(args.json, JSON.stringify(toJson(outcome), null, 2) + "\n");
    console.log(`\n  summary written to ${args.json}`);
  }
  return outcome.consistent ? 0 : 1;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) {
      // A second signal: do not wait for the run to unwind.
      void stopAllProcesses().finally(() => process.exit(130));
      return;
    }
    interrupted = true;
    console.error(`\ndemo: ${signal}, stopping every process it started`);
    // The run notices `interrupted`, stops its processes and removes its files on the way out (main's handlers
    // exit); should it not within 10 s, stop the processes from here.
    setTimeout(() => void stopAllProcesses().finally(() => process.exit(130)), 10_000).unref();
  });
}

main().then(
  async (code) => {
    await stopAllProcesses();
    process.exit(interrupted ? 130 : code);
  },
  async (e: Error) => {
    await stopAllProcesses();
    if (interrupted) process.exit(130);
    console.error(`demo: ${e.message}`);
    process.exit(1);
  },
);

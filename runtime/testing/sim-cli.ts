/**
 * npm run sim -- --seed <n> --nodes <k> --commands <m> --drop <p> --dup <p> --reorder <p> [--delay <p>] [--json]
 *
 * Runs runSimulation (simulation.ts). With --json the last line is one JSON object:
 *   { "seed": n, "commands": m, "sequenced": s, "nodes": [ { "account": "N1", "delivered": d, "hash": "…" } ] }
 * Without it, a readable summary. Exit status 0 when every node agrees and every command was sequenced once,
 * 1 when the run failed its checks, 2 for bad arguments.
 */
import { parseArgs } from "node:util";
import { runSimulation, type SimulationOptions } from "./simulation.js";

function parse(argv: string[]): { options: SimulationOptions; json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string", default: "1" },
      nodes: { type: "string", default: "3" },
      commands: { type: "string", default: "1000" },
      drop: { type: "string", default: "0" },
      dup: { type: "string", default: "0" },
      reorder: { type: "string", default: "0" },
      delay: { type: "string", default: "0" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write("usage: npm run sim -- --seed <n> --nodes <k> --commands <m> --drop <p> --dup <p> --reorder <p> [--delay <p>] [--json]\n");
    process.exit(0);
  }
  const num = (name: string, text: string): number => {
    const v = Number(text);
    if (text.trim() === "" || !Number.isFinite(v)) throw new Error(`--${name} must be a number, got ${JSON.stringify(text)}`);
    return v;
  };
  return {
    options: {
      seed: num("seed", values.seed),
      nodes: num("nodes", values.nodes),
      commands: num("commands", values.commands),
      drop: num("drop", values.drop),
      dup: num("dup", values.dup),
      reorder: num("reorder", values.reorder),
      delay: num("delay", values.delay),
    },
    json: values.json,
  };
}

function main(): void {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`sim: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const started = performance.now();
  let report;
  try {
    report = runSimulation(parsed.options);
  } catch (e) {
    process.stderr.write(`sim: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const wallMs = performance.now() - started;
  const ok = report.settled && report.violations.length === 0 && report.result.sequenced === parsed.options.commands;
  for (const v of report.violations) process.stderr.write(`sim: ${v}\n`);
  if (!report.settled) process.stderr.write(`sim: the cluster did not settle within the virtual time limit\n`);
  if (parsed.json) {
    process.stdout.write(`${JSON.stringify(report.result)}\n`);
  } else {
    const r = report.result;
    const n = report.network;
    const lines = [
      `seed ${r.seed}: ${r.nodes.length} nodes, ${r.commands} commands, ${r.sequenced} sequenced, stream of ${report.lastSequence} messages`,
      `virtual time ${(report.virtualNs / 1e6).toFixed(3)} ms in ${report.steps} steps (${wallMs.toFixed(0)} ms of wall time)`,
      `network: ${n.sent} datagrams sent, ${n.dropped} dropped, ${n.duplicated} duplicated, ${n.reordered} reordered, ${n.delayed} delayed`,
      `sequencer: ${report.sequencer.duplicates} duplicate and ${report.sequencer.outOfOrder} out-of-order commands dropped`,
      ...r.nodes.map((node) => `  ${node.account.padEnd(8)} delivered ${node.delivered}  hash ${node.hash}`),
      ok ? "OK: every node saw the same stream, every command sequenced exactly once" : "FAILED",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  process.exit(ok ? 0 : 1);
}

main();

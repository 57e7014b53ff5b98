/**
 * `npm run bench:codec [-- --json <file>] [--codecs a,b] [--messages order,marketData] [--no-pin] [--passes N]
 *   [--v8-flags "…"]`
 *
 * Runs every (codec, message, operation) in two fresh processes — one timing it, one measuring its heap
 * allocation under --expose-gc — so call sites stay monomorphic and the measurements do not disturb each
 * other; then prints a table and the issue-3 target checks (on stderr when --json writes the results). Children are pinned to
 * the last CPU with taskset when there are at least 2, so the parent and the machine's other work stay off it.
 * The official figures use Node's default V8 flags; `--v8-flags` exists for diagnosis (docs/PERFORMANCE.md).
 */
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { CODEC_NAMES, OPERATIONS, type CodecName, type Operation } from "./codec.js";
import { MESSAGE_NAMES, type MessageName } from "./inputs.js";
import { checkTargets, jsonResults, jsStringNotes, key, MESSAGE_TITLES, table, type Measurements } from "./report.js";
import type { Mode, WorkerResult } from "./worker.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
const ALLOC_FLAGS = ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64"];
const SBE_CODECS: readonly CodecName[] = ["coralc", "handwritten"];

interface Options {
  json: string | null;
  codecs: CodecName[];
  messages: MessageName[];
  pin: boolean;
  v8Flags: string[];
  passes: number;
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench:codec -- [--json <file>] [--codecs ${CODEC_NAMES.join(",")}] ` +
      `[--messages ${MESSAGE_NAMES.join(",")}] [--no-pin] [--passes N] [--v8-flags "<flags for every worker>"]\n`,
  );
  process.exit(2);
}

function listOption<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T[] {
  if (!value) usage(`${name} needs a value`);
  const items = value.split(",") as T[];
  for (const item of items) if (!allowed.includes(item)) usage(`unknown ${name} value "${item}"`);
  return items;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    json: null,
    codecs: [...CODEC_NAMES],
    messages: [...MESSAGE_NAMES],
    pin: true,
    v8Flags: [],
    passes: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") options.json = argv[++i] ?? usage("--json needs a file name");
    else if (arg === "--codecs") options.codecs = listOption(argv[++i], CODEC_NAMES, "--codecs");
    else if (arg === "--messages") options.messages = listOption(argv[++i], MESSAGE_NAMES, "--messages");
    else if (arg === "--no-pin") options.pin = false;
    else if (arg === "--passes") {
      options.passes = Number(argv[++i]);
      if (!Number.isInteger(options.passes) || options.passes < 1) usage("--passes needs a positive integer");
    } else if (arg === "--v8-flags")
      options.v8Flags = (argv[++i] ?? usage("--v8-flags needs a value")).split(/\s+/).filter(Boolean);
    else usage(`unknown argument "${arg}"`);
  }
  return options;
}

/** The operations each codec has: only the SBE flyweights can skip materializing strings, so only they get the
 * string variants, and only for the message that has string fields. */
function operationsOf(codec: CodecName, message: MessageName): Operation[] {
  if (SBE_CODECS.includes(codec) && message === "order") return ["encode", "decode", "decodeEquals", "decodeStrings", "decodeInterned"];
  return ["encode", "decode"];
}

function pinPrefix(pin: boolean): string[] {
  if (!pin || availableParallelism() < 2) return [];
  if (spawnSync("taskset", ["-V"]).status !== 0) return [];
  return ["taskset", "-c", String(availableParallelism() - 1)];
}

function runWorker(
  options: Options,
  prefix: string[],
  codec: CodecName,
  message: MessageName,
  operation: Operation,
  mode: Mode,
) {
  const nodeArgs = [
    ...options.v8Flags,
    ...(mode === "alloc" ? ALLOC_FLAGS : []),
    "--import",
    "tsx",
    WORKER,
    codec,
    message,
    operation,
    mode,
  ];
  const [command, ...args] = [...prefix, process.execPath, ...nodeArgs];
  return new Promise<WorkerResult>((resolve, reject) => {
    const child = spawn(command!, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`${codec} ${message} ${operation} (${mode}) failed with exit code ${code}:\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout.trim()) as WorkerResult);
    });
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const prefix = pinPrefix(options.pin);
  const measurements: Measurements = new Map();
  const started = Date.now();
  const loadAtStart = loadavg()[0]!;
  // Codecs vary fastest, so coralc and the flyweight it is compared with run back to back, under the same
  // conditions, for each operation. With --passes N the timing processes run N times (whole sweeps, one after
  // the other) and each pair keeps its fastest median: on a shared machine the slower ones measured the
  // neighbours. Allocation does not depend on load and is measured once.
  for (let pass = 1; pass <= options.passes; pass++) {
    for (const message of options.messages) {
      for (const operation of OPERATIONS) {
        for (const codec of options.codecs) {
          if (!operationsOf(codec, message).includes(operation)) continue;
          const k = key(codec, message, operation);
          const time = await runWorker(options, prefix, codec, message, operation, "time");
          const previous = measurements.get(k);
          const alloc = previous?.alloc ?? (await runWorker(options, prefix, codec, message, operation, "alloc"));
          const passNs = [...(previous?.passNs ?? []), time.nsPerOp!];
          const best = previous && previous.time.nsPerOp! <= time.nsPerOp! ? previous.time : time;
          measurements.set(k, { time: best, alloc, passNs });
          process.stderr.write(
            `pass ${pass}: ${MESSAGE_TITLES[message]} ${codec} ${operation}: ${time.nsPerOp!.toFixed(0)} ns/op, ` +
              `${alloc.heapBytesPerOp!.toFixed(2)} B/op\n`,
          );
        }
      }
    }
  }
  const results = jsonResults(options.codecs, options.messages, measurements);
  if (options.json) {
    writeFileSync(options.json, JSON.stringify({ node: process.version, results }, null, 2) + "\n");
    process.stderr.write(`wrote ${options.json}\n`);
  }
  // The table always: on stdout, or on stderr when stdout is not the report (--json).
  const out = options.json ? process.stderr : process.stdout;
  const pinned = prefix.length ? `pinned with ${prefix.join(" ")}` : "not pinned";
  const flags = options.v8Flags.length ? `V8 flags ${options.v8Flags.join(" ")}` : "default V8 flags";
  out.write(
    `${new Date().toISOString()}, node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} × ${availableParallelism()}, ` +
      `1-min load average ${loadAtStart.toFixed(2)} at start and ${loadavg()[0]!.toFixed(2)} at end, ` +
      `workers ${pinned}, ${flags}, ${options.passes} pass(es), ${((Date.now() - started) / 1000).toFixed(0)} s\n\n` +
      `${table(options.codecs, options.messages, measurements)}\n\n`,
  );
  const checks = checkTargets(options.messages, measurements);
  if (checks.length) {
    out.write("Targets (issue 3):\n");
    for (const c of checks) out.write(`  ${c.met ? "met   " : "MISSED"} ${c.target}: ${c.detail}\n`);
  }
  const notes = jsStringNotes(options.messages, measurements);
  if (notes.length) {
    out.write("Not a target (decode comparing chars fields with JS strings, xEquals()):\n");
    for (const n of notes) out.write(`  ${n}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

#!/usr/bin/env node
/**
 * coral: runs one component of a coralseq system from a configuration file (see config.ts).
 *
 *   coral sequencer --config coral.json
 *   coral replayer  --config coral.json
 *   coral node ./my-node.js --config coral.json
 *   coral archiver  --config coral.json    # keeps a copy of every session (archiver.archive.dir)
 *   coral logger    --config coral.json    # one readable line per message (logger.output, or stdout)
 *
 * Prints the component's status every statusIntervalMs (text, or one JSON object per line), and stops cleanly
 * on SIGINT or SIGTERM: the final status is printed and the process exits with 0.
 */
import { loadConfig } from "./config.js";
import { type Running, startArchiver, startLogger, startNode, startReplayer, startSequencer } from "./components.js";
import { DUMP_USAGE, dumpCommand } from "./dump-command.js";
import { REPLAY_USAGE, replayCommand } from "./replay-command.js";
import { formatStatusLine } from "./status-line.js";

const USAGE = `usage:
  coral sequencer --config <file>
  coral replayer --config <file>
  coral node <module.js> --config <file>
  coral archiver --config <file>
  coral logger --config <file>
  ${REPLAY_USAGE}
  ${DUMP_USAGE}`;

function formatStatus(kind: string, status: Record<string, unknown>, format: "text" | "json", final: boolean): string {
  if (format === "json") return formatStatusLine(kind, status, final);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(status)) {
    if (value === null || value === undefined) continue;
    if (typeof value === "object") {
      const inner = Array.isArray(value) ? value.join("; ") : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== 0).map(([k, v]) => `${k}=${v}`).join(" ");
      if (inner !== "") parts.push(`${key}[${inner}]`);
    } else {
      parts.push(`${key}=${value}`);
    }
  }
  return `coral ${kind}${final ? " (stopped)" : ""}: ${parts.join(" ")}`;
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  // Offline tools over a session archive (runtime/archive): no configuration, no network.
  if (command === "dump") return dumpCommand(argv.slice(1));
  if (command === "replay") return replayCommand(argv.slice(1));
  const configAt = argv.indexOf("--config");
  if (command === undefined || command === "--help" || configAt < 0 || argv[configAt + 1] === undefined) {
    console.error(USAGE);
    return command === "--help" ? 0 : 2;
  }
  // Signals are taken from the start: one that arrives while the component is still starting stops it as soon
  // as it runs (instead of killing the process half-open).
  let pendingSignal: string | null = null;
  let onSignal = (signal: string): void => {
    pendingSignal ??= signal;
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  const config = loadConfig(argv[configAt + 1]!);
  let running: Running;
  switch (command) {
    case "sequencer":
      running = await startSequencer(config);
      break;
    case "replayer":
      running = await startReplayer(config);
      break;
    case "archiver":
      running = await startArchiver(config);
      break;
    case "logger":
      running = await startLogger(config);
      break;
    case "node": {
      const modulePath = argv[1];
      if (modulePath === undefined || modulePath === "--config") {
        console.error(`coral node: name the node module\n${USAGE}`);
        return 2;
      }
      running = await startNode(modulePath, config);
      break;
    }
    default:
      console.error(`coral: unknown component ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
  const print = (final: boolean): void => {
    process.stdout.write(formatStatus(running.kind, running.status(), config.statusFormat, final) + "\n");
  };
  for (const w of running.transport.warnings) console.error(`coral ${running.kind}: warning: ${w}`);
  console.error(`coral ${running.kind}: running (transport udp, idle ${config.idle}, interface ${running.transport.config.interface})`);
  print(false);
  const timer = config.statusIntervalMs > 0 ? setInterval(() => print(false), config.statusIntervalMs) : null;
  return await new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      if (timer !== null) clearInterval(timer);
      console.error(`coral ${running.kind}: ${signal}, stopping`);
      running
        .stop()
        .then(() => {
          print(true);
          resolveExit(0);
        })
        .catch((e: Error) => {
          console.error(`coral ${running.kind}: error while stopping: ${e.message}`);
          resolveExit(1);
        });
    };
    onSignal = stop;
    if (pendingSignal !== null) stop(pendingSignal);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`coral: ${e.message}`);
    process.exit(1);
  },
);

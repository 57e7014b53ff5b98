/**
 * `coral replay <archive> --node ./my-node.js`: drives a node's handlers from a session archive, with the
 * recorded sequence numbers and timestamps, deterministically (runtime/archive/offline-replay.ts). The node
 * module is the same one `coral node` runs: a Node subclass as default export, or createNode(options, params).
 *
 *   coral replay sessions/2601020930.coral --node ./dist/my-node.js [--account NODE1] [--params '{"k":1}'] [--to <seq>]
 *
 * Prints one JSON line: session, messages delivered, last sequence, the node's state hash (equal runs give equal
 * hashes), commands the node tried to send (dropped: their effects are already in the file), and the node's
 * report() if it has one.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ArchiveCorruptionError } from "../archive/archive-errors.js";
import { replayArchive } from "../archive/offline-replay.js";
import type { Node, NodeOptions } from "../node/node.js";
import { type CommandIo, parseOptions } from "./dump-command.js";

export const REPLAY_USAGE = "coral replay <archive.coral> --node <module.js> [--account <name>] [--params <json>] [--to <seq>]";

type NodeModule = { default?: unknown; createNode?: (options: NodeOptions, params: unknown) => Node };

const defaultIo: CommandIo = { out: (l) => process.stdout.write(l + "\n"), err: (l) => process.stderr.write(l + "\n") };

export async function replayCommand(args: string[], io: CommandIo = defaultIo): Promise<number> {
  const parsed = parseOptions(args, ["--node", "--account", "--params", "--to"], [], io, REPLAY_USAGE);
  if (parsed === null) return 2;
  const { positional, options } = parsed;
  const modulePath = options.get("--node");
  if (positional.length !== 1 || modulePath === undefined) {
    io.err(`usage: ${REPLAY_USAGE}`);
    return 2;
  }
  let params: unknown = undefined;
  if (options.has("--params")) {
    try {
      params = JSON.parse(options.get("--params")!);
    } catch (e) {
      io.err(`--params is not valid JSON: ${(e as Error).message}`);
      return 2;
    }
  }
  const toRaw = options.get("--to");
  if (toRaw !== undefined && !/^\d{1,15}$/.test(toRaw)) {
    io.err(`--to must be a sequence number, got ${JSON.stringify(toRaw)}`);
    return 2;
  }
  let mod: NodeModule;
  try {
    mod = (await import(pathToFileURL(resolve(modulePath)).href)) as NodeModule;
  } catch (e) {
    io.err(`coral replay: cannot load the node module ${modulePath}: ${(e as Error).message}`);
    return 2;
  }
  const create = (o: NodeOptions): Node => {
    if (typeof mod.createNode === "function") return mod.createNode(o, params);
    if (typeof mod.default === "function") return new (mod.default as new (o: NodeOptions, p: unknown) => Node)(o, params);
    throw new Error(`${modulePath} must export a Node subclass as default, or a function createNode(options, params)`);
  };
  let node: Node | null = null;
  try {
    const result = replayArchive(positional[0]!, (o) => (node = create(o)), {
      to: toRaw === undefined ? undefined : Number(toRaw),
      node: options.has("--account") ? { account: options.get("--account")! } : {},
    });
    const report = (node as unknown as { report?: () => unknown } | null)?.report;
    io.out(JSON.stringify({ ...result, elapsedMs: Math.round(result.elapsedMs), ...(typeof report === "function" ? { report: report.call(node) } : {}) }));
    return 0;
  } catch (e) {
    io.err(`coral replay: ${(e as Error).message}`);
    return e instanceof ArchiveCorruptionError ? 3 : 1;
  }
}

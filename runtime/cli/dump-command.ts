/**
 * `coral dump <archive>`: prints a session archive's messages, one line each — metadata (sequence, timestamp,
 * account/instance, command number) and the payload, as hex, or decoded with the generated `toString` when given
 * the schema's generated module.
 *
 *   coral dump sessions/2601020930.coral
 *   coral dump sessions/2601020930.coral --schema generated/exchange.js --from 1000 --to 2000 --account GW1
 *   coral dump sessions/2601020930.coral --verify        # read every record, report damage, print nothing else
 *
 * Damage in the file is reported on stderr with the sequence where it starts (exit code 3), after the good
 * records before it were printed.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ArchiveCorruptionError } from "../archive/archive-errors.js";
import { ArchiveReader } from "../archive/archive-reader.js";
import { MessageFormatter } from "../archive/message-formatter.js";
import { ACCOUNT_LENGTH } from "../protocol/frames.js";
import { Timestamp } from "../protocol/timestamp.js";

export const DUMP_USAGE = "coral dump <archive.coral> [--schema <generated module>] [--from <seq>] [--to <seq>] [--account <name>] [--verify]";

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CommandIo = { out: (l) => process.stdout.write(l + "\n"), err: (l) => process.stderr.write(l + "\n") };

/** Reads `--name value` options; returns null (after an error line) on a malformed command line. */
export function parseOptions(args: string[], known: string[], flags: string[], io: CommandIo, usage: string): { positional: string[]; options: Map<string, string> } | null {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (flags.includes(a)) options.set(a, "true");
    else if (known.includes(a)) {
      const value = args[++i];
      if (value === undefined) {
        io.err(`${a} needs a value\nusage: ${usage}`);
        return null;
      }
      options.set(a, value);
    } else if (a.startsWith("--")) {
      io.err(`unknown option ${a}\nusage: ${usage}`);
      return null;
    } else positional.push(a);
  }
  return { positional, options };
}

function sequenceOption(options: Map<string, string>, name: string, io: CommandIo): number | null | undefined {
  const raw = options.get(name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) {
    io.err(`${name} must be a sequence number ≥ 1, got ${JSON.stringify(raw)}`);
    return null;
  }
  return Number(raw);
}

export async function loadSchemaModule(path: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`cannot load the schema module ${path}: ${(e as Error).message}`);
  }
}

export async function dumpCommand(args: string[], io: CommandIo = defaultIo): Promise<number> {
  const parsed = parseOptions(args, ["--schema", "--from", "--to", "--account"], ["--verify"], io, DUMP_USAGE);
  if (parsed === null) return 2;
  const { positional, options } = parsed;
  if (positional.length !== 1) {
    io.err(`usage: ${DUMP_USAGE}`);
    return 2;
  }
  const from = sequenceOption(options, "--from", io);
  const to = sequenceOption(options, "--to", io);
  if (from === null || to === null) return 2;
  const account = options.get("--account");
  if (account !== undefined && (account.length < 1 || account.length > ACCOUNT_LENGTH)) {
    io.err(`--account must be 1 to ${ACCOUNT_LENGTH} characters`);
    return 2;
  }
  const schema = options.get("--schema");
  const formatter = new MessageFormatter(schema === undefined ? [] : [await loadSchemaModule(schema)]);
  const reader = ArchiveReader.open(positional[0]!);
  try {
    io.err(
      `# ${reader.path}: session ${reader.session}, ${reader.lastSequence()} messages, ${reader.finalized ? "finalized" : "not finalized (live or interrupted)"}` +
        (reader.tornBytes > 0 ? `, ${reader.tornBytes} bytes of a torn record at the tail (ignored)` : ""),
    );
    if (reader.corruption !== null) io.err(`# ${reader.corruption.message}`);
    const cursor = reader.cursor();
    cursor.seek(options.has("--verify") ? 1 : (from ?? 1));
    const last = to ?? reader.lastSequence();
    const stamp = new Timestamp();
    const accountBytes = new Uint8Array(ACCOUNT_LENGTH);
    if (account !== undefined) for (let i = 0; i < account.length; i++) accountBytes[i] = account.charCodeAt(i);
    let printed = 0;
    while (cursor.next()) {
      if (options.has("--verify")) continue;
      if (cursor.sequence > last) break;
      const at = cursor.accountOffset();
      if (account !== undefined) {
        let same = true;
        for (let i = 0; i < ACCOUNT_LENGTH && same; i++) same = cursor.buffer[at + i] === accountBytes[i];
        if (!same) continue;
      }
      let name = "";
      for (let i = 0; i < ACCOUNT_LENGTH && cursor.buffer[at + i] !== 0; i++) name += String.fromCharCode(cursor.buffer[at + i]!);
      const payload = formatter.formatPayload(cursor.buffer, cursor.payloadOffset(), cursor.payloadLength());
      io.out(formatter.formatLine(cursor.sequence, cursor.timestamp(stamp).toString(), name, cursor.instance(), cursor.commandNumber(), payload));
      printed++;
    }
    if (options.has("--verify")) io.err(`# verified: ${reader.lastSequence()} records, every checksum and sequence correct`);
    else io.err(`# ${printed} messages printed`);
    return reader.corruption !== null ? 3 : 0;
  } catch (e) {
    if (e instanceof ArchiveCorruptionError) {
      io.err(`coral dump: ${e.message}`);
      return 3;
    }
    throw e;
  } finally {
    reader.close();
  }
}

/**
 * `coral archiver` and `coral logger` as real processes over loopback UDP, beside a sequencer that archives its
 * own session and two nodes sending commands: the archiver's copy holds exactly the sequenced messages (1..N,
 * byte-identical to the sequencer's file, finalized at session end, readable by `coral dump`), and the logger's
 * file holds one readable line per message its handlers see, decoded with the schema module named in its
 * configuration. Then the configurations both commands refuse, with their errors.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import { SequencerArchive } from "../../runtime/archive/sequencer-archive.js";
import { parseConfig } from "../../runtime/cli/config.js";
import { dumpCommand } from "../../runtime/cli/dump-command.js";
import { SCHEMA_ID as INTERNAL_SCHEMA_ID } from "../../runtime/generated/internal.js";
import { ConfigDir, CoralProcess, LOAD_NODE, loopbackTransport, ROOT, sleep } from "../udp/harness.js";

const dir = new ConfigDir();
afterAll(() => dir.remove());
const BASE = 47500;

/** Bundles a module to plain JavaScript for a child process (as the harness bundles the CLI). */
function bundle(entry: string, name: string): string {
  const outfile = join(dir.path, name);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
    alias: { "coralseq/codec": join(ROOT, "runtime/codec/index.ts") },
  });
  return outfile;
}

/** The schema module the logger is configured with, and a node that sends that schema's NewOrders. */
const EXCHANGE = bundle(join(ROOT, "generated/exchange.ts"), "exchange.mjs");
const ORDER_NODE = (() => {
  const source = join(dir.path, "order-node.ts");
  const code = `
    import { Node } from ${JSON.stringify(join(ROOT, "runtime/index.ts"))};
    import * as exchange from ${JSON.stringify(join(ROOT, "generated/exchange.ts"))};
    export default class OrderNode extends Node {
      constructor(options, params) { super(options); this.total = params.orders; this.sent = 0; this.buf = new Uint8Array(512); }
      doWork() {
        while (this.sent < this.total && this.isActive() && this.pendingCommands() < 8) {
          const o = new exchange.NewOrderEncoder().wrap(this.buf, 0);
          o.clOrdId(this.sent + 1).account("ACME").symbol("AAPL").side(exchange.Side.Buy).price(100.5).qty(10).timeInForce(exchange.TimeInForce.Day).flags(0).stopPrice(null);
          o.legsCount(0);
          o.text("").minQty(null);
          this.sendCommand(o);
          this.sent++;
        }
        return super.doWork();
      }
      report() { return { sent: this.sent, done: this.sent === this.total && this.pendingCommands() === 0 }; }
    }`;
  writeFileSync(source, code);
  return bundle(source, "order-node.mjs");
})();

async function exitOf(p: CoralProcess, timeoutMs: number): Promise<number | null> {
  const end = Date.now() + timeoutMs;
  while (p.exitCode === null && Date.now() < end) await sleep(20);
  if (p.exitCode === null) {
    await p.stop(500, "SIGKILL");
    throw new Error(`${p.name} did not exit within ${timeoutMs} ms: ${p.stderr}`);
  }
  return p.exitCode;
}

interface Record_ {
  sequence: number;
  block: string;
  application: boolean;
}

function readArchive(path: string): { records: Record_[]; finalized: boolean; last: number; corruption: unknown } {
  const reader = ArchiveReader.open(path);
  try {
    const cursor = reader.cursor();
    cursor.seek(1);
    const records: Record_[] = [];
    while (cursor.next()) {
      const p = cursor.payloadOffset();
      const schema = cursor.buffer[p + 4]! | (cursor.buffer[p + 5]! << 8);
      records.push({ sequence: cursor.sequence, block: Buffer.from(cursor.buffer.subarray(cursor.blockOffset, cursor.blockOffset + cursor.blockLength)).toString("hex"), application: schema !== INTERNAL_SCHEMA_ID });
    }
    return { records, finalized: reader.finalized, last: reader.lastSequence(), corruption: reader.corruption };
  } finally {
    reader.close();
  }
}

describe("coral archiver and coral logger", () => {
  it("keep a copy of the session and a readable log of it, exactly the sequenced messages", async () => {
    const seqDir = join(dir.path, "sequencer-sessions");
    const copyDir = join(dir.path, "archiver-sessions");
    const logFile = join(dir.path, "stream.log");
    const common = { statusIntervalMs: 100, statusFormat: "json", transport: loopbackTransport(BASE) };
    const LOAD = 300;
    const ORDERS = 20;
    const sequencer = new CoralProcess("sequencer", [
      "sequencer",
      "--config",
      dir.write("s.json", { ...common, sequencer: { accounts: ["LOAD", "GW1"], endSessionOnStop: true, archive: { dir: seqDir, policy: "os" } } }),
    ]);
    const processes = [sequencer];
    try {
      await sequencer.waitFor((s) => s.active === true && s.replayPorts.length === 1, 10_000, "sequencer active");
      const archiver = new CoralProcess("archiver", ["archiver", "--config", dir.write("a.json", { ...common, archiver: { archive: { dir: copyDir } } })]);
      const logger = new CoralProcess("logger", ["logger", "--config", dir.write("l.json", { ...common, logger: { output: logFile, schemas: [EXCHANGE] } })]);
      const load = new CoralProcess("LOAD", ["node", LOAD_NODE, "--config", dir.write("n1.json", { ...common, node: { account: "LOAD", params: { commands: LOAD, window: 64 } } })]);
      const gw = new CoralProcess("GW1", ["node", ORDER_NODE, "--config", dir.write("n2.json", { ...common, node: { account: "GW1", params: { orders: ORDERS } } })]);
      processes.push(archiver, logger, load, gw);
      await load.waitFor((s) => s.app?.done === true, 15_000, "load sent and echoed");
      await gw.waitFor((s) => s.app?.done === true, 15_000, "orders sent and echoed");
      expect([await load.stop(), await gw.stop()]).toEqual([0, 0]);
      // The sequencer ends the session on SIGTERM (endSessionOnStop): SessionEnd is its last message.
      expect(await sequencer.stop()).toBe(0);
      const sequenced = sequencer.final!.status.sequence as number;
      const session = (sequencer.final!.status.session as string).trim();
      expect(sequencer.final!.status.ended).toBe(true);
      await archiver.waitFor((s) => s.lastSequence === sequenced, 10_000, "archiver holds the whole session");
      await logger.waitFor((s) => s.lastSequence === sequenced, 10_000, "logger saw the whole session");
      expect(await archiver.stop(3000, "SIGINT")).toBe(0);
      expect(await logger.stop()).toBe(0);
      expect(archiver.stderr).toContain("coral archiver: SIGINT, stopping");

      // The archiver's final status: everything stored, one session, no error.
      const final = archiver.final!.status;
      expect(final).toMatchObject({ session, stored: sequenced, lastSequence: sequenced, sessions: 1, error: null, policy: "os", dir: copyDir });
      expect(final.counters).toMatchObject({ stored: sequenced, outOfOrder: 0, sessions: 1 });
      expect(final.receiver).toBeTypeOf("object");

      // The copy: finalized, sequences 1..N with no gap, byte-identical to the sequencer's own archive.
      const copy = readArchive(join(copyDir, `${session}.coral`));
      const original = readArchive(SequencerArchive.fileOf(seqDir, session));
      expect(copy.corruption).toBeNull();
      expect(copy.finalized).toBe(true);
      expect(copy.last).toBe(sequenced);
      expect(copy.records.map((r) => r.sequence)).toEqual(Array.from({ length: sequenced }, (_, i) => i + 1));
      expect(copy.records.map((r) => r.block)).toEqual(original.records.map((r) => r.block));
      const applicationSequences = copy.records.filter((r) => r.application).map((r) => r.sequence);
      expect(applicationSequences).toHaveLength(LOAD + ORDERS);

      // `coral dump` reads the copy: N lines, #1..#N, the orders decoded with the schema module.
      const out: string[] = [];
      const err: string[] = [];
      expect(await dumpCommand([join(copyDir, `${session}.coral`), "--schema", EXCHANGE], { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(0);
      expect(out).toHaveLength(sequenced);
      expect(out.map((l) => Number(/^#(\d+) /.exec(l)![1]))).toEqual(Array.from({ length: sequenced }, (_, i) => i + 1));
      expect(err[0]).toMatch(new RegExp(`session ${session}, ${sequenced} messages, finalized`));

      // The log: one line per message its handlers see (every application message, then SessionEnd), each the
      // same line `coral dump` prints for that sequence.
      const lines = readFileSync(logFile, "utf8").split("\n");
      expect(lines.pop()).toBe(""); // ends with a newline
      expect(lines).toHaveLength(LOAD + ORDERS + 1);
      expect(lines.slice(0, -1)).toEqual(applicationSequences.map((s) => out[s - 1]));
      expect(lines.filter((l) => / GW1\/1 cmd \d+ NewOrder \{"clOrdId":\d+,"account":"ACME","symbol":"AAPL","side":"Buy"/.test(l))).toHaveLength(ORDERS);
      expect(lines.filter((l) => / LOAD\/1 cmd \d+ hex /.test(l))).toHaveLength(LOAD);
      expect(lines.at(-1)).toMatch(new RegExp(`^#${sequenced} \\S+ SEQ/0 cmd 0 SessionEnd session=${session}$`));
      expect(logger.final!.status).toMatchObject({ lines: LOAD + ORDERS + 1, output: logFile, error: null, written: { written: LOAD + ORDERS + 1, lost: 0 } });
    } finally {
      for (const p of processes) await p.stop();
    }
  });

  it("refuses bad configurations with a clear error (exit 1) and a missing --config with the usage (exit 2)", async () => {
    const common = { statusIntervalMs: 0, statusFormat: "json", transport: loopbackTransport(BASE + 20) };
    const cases: [string[], string][] = [
      [["archiver", "--config", dir.write("bad-a1.json", { ...common })], `the configuration has no "archiver" section`],
      [["archiver", "--config", dir.write("bad-a2.json", { ...common, archiver: { archive: { dir: join(dir.path, "x"), policy: "sometimes" } } })], `"archiver.archive.policy" must be "os" or "fsync", got "sometimes"`],
      [["logger", "--config", dir.write("bad-l1.json", { ...common, logger: { schemas: [join(dir.path, "missing.mjs")] } })], `cannot load the schema module ${join(dir.path, "missing.mjs")}`],
      [["logger", "--config", dir.write("bad-l2.json", { ...common, logger: { schemas: [LOAD_NODE] } })], `${LOAD_NODE}: the schema module exports no generated …Dispatcher class`],
      [["logger", "--config", dir.write("bad-l3.json", { ...common, logger: { output: join(dir.path, "no-such-dir", "x.log") } })], `cannot open the logger output ${join(dir.path, "no-such-dir", "x.log")}`],
    ];
    const runs = cases.map(([args]) => new CoralProcess(args[0]!, args));
    try {
      for (let i = 0; i < cases.length; i++) {
        expect(await exitOf(runs[i]!, 10_000), runs[i]!.stderr).toBe(1);
        expect(runs[i]!.stderr).toContain(`coral: `);
        expect(runs[i]!.stderr).toContain(cases[i]![1]);
      }
      const usage = new CoralProcess("usage", ["archiver"]);
      runs.push(usage);
      expect(await exitOf(usage, 10_000)).toBe(2);
      expect(usage.stderr).toContain("coral archiver --config <file>");
      expect(usage.stderr).toContain("coral logger --config <file>");
    } finally {
      for (const p of runs) await p.stop();
    }
  });

  it("checks the archiver and logger sections (and every archive section) when the configuration is read", () => {
    const bad: [unknown, string][] = [
      [{ archiver: {} }, `"archiver" needs "archive": { "dir"`],
      [{ archiver: { archive: { dir: "" } } }, `"archiver.archive.dir" must be a directory path`],
      [{ archiver: "copies" }, `"archiver" must be an object`],
      [{ sequencer: { archive: { dir: 7 } } }, `"sequencer.archive.dir" must be a directory path`],
      [{ replayer: { archive: { dir: "r", policy: "never" } } }, `"replayer.archive.policy" must be "os" or "fsync"`],
      [{ logger: { output: 3 } }, `"logger.output" must be a file path`],
      [{ logger: { schemas: "generated/exchange.js" } }, `"logger.schemas" must be a list of paths`],
      [{ logger: { heartbeatIntervalMs: -1 } }, `"logger.heartbeatIntervalMs" must be a number ≥ 0`],
      [{ logger: { rewind: "yes" } }, `"logger.rewind" must be true or false`],
    ];
    for (const [raw, message] of bad) expect(() => parseConfig(raw, "c.json"), JSON.stringify(raw)).toThrow(message);
    const ok = parseConfig({ archiver: { archive: { dir: "copies", policy: "fsync" } }, logger: { output: "s.log", schemas: ["e.js"] } });
    expect(ok.archiver).toEqual({ archive: { dir: "copies", policy: "fsync" } });
    expect(ok.logger).toEqual({ output: "s.log", schemas: ["e.js"] });
    expect(parseConfig({}).logger).toEqual({}); // everything optional: stdout, no schemas
  });
});

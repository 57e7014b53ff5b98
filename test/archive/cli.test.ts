/** `coral dump` and `coral replay` over a real session archive, in-process, plus one run of the real CLI. */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exchange from "../../generated/exchange.js";
import { SequencerArchive } from "../../runtime/archive/sequencer-archive.js";
import { dumpCommand } from "../../runtime/cli/dump-command.js";
import { replayCommand } from "../../runtime/cli/replay-command.js";
import { SimCluster } from "../../runtime/testing/sim-cluster.js";
import { command, RecordingNode } from "../runtime/helpers.js";
import { tempDir } from "./helpers.js";

const t = tempDir();
let path = "";
let liveHash = "";
let liveSum = 0;

beforeAll(() => {
  const cluster = new SimCluster({ seed: 71, sequencer: { accounts: ["GW1", "A"], persistence: new SequencerArchive({ dir: t.dir, policy: "os", log: () => {} }) } });
  const gw = cluster.add(new RecordingNode(cluster.nodeOptions("GW1"))).open().activate();
  const a = cluster.add(new RecordingNode(cluster.nodeOptions("A"))).open().activate();
  cluster.start();
  cluster.runUntil(() => gw.isActive() && a.isActive(), 1e9);
  const buf = new Uint8Array(512);
  for (let i = 1; i <= 5; i++) {
    const order = new exchange.NewOrderEncoder().wrap(buf, 0);
    order.clOrdId(i).account("ACME").symbol("AAPL").side(exchange.Side.Sell).price(100 + i).qty(10 * i).timeInForce(exchange.TimeInForce.Day).flags(0).stopPrice(null);
    order.legsCount(0);
    order.text("").minQty(null);
    gw.sendCommand(order);
    a.sendCommand(command(i * 11));
  }
  cluster.settle();
  liveHash = a.hash.toHex();
  liveSum = a.sum;
  path = SequencerArchive.fileOf(t.dir, cluster.sequencer.session());
  cluster.sequencer.close();
});
afterAll(() => t.cleanup());

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe("coral dump", () => {
  it("prints every message with its metadata and the payload as hex", async () => {
    const c = io();
    expect(await dumpCommand([path], c.io)).toBe(0);
    expect(c.out.length).toBeGreaterThan(10);
    expect(c.out[0]).toMatch(/^#1 2026-01-02T09:30:00\.\d{9}Z SEQ\/0 cmd 0 SessionStart/); // the runtime's own messages are always decoded
    expect(c.out.filter((l) => / A\/1 cmd [1-9]\d* /.test(l))).toHaveLength(5);
    expect(c.out.filter((l) => / A\/1 cmd [1-9]\d* /.test(l)).every((l) => / hex 08000100f4010000[0-9a-f]{16}$/.test(l))).toBe(true);
    expect(c.out.filter((l) => / GW1\/1 cmd \d hex /.test(l))).toHaveLength(5);
    expect(c.err[0]).toMatch(/session \d{10}, \d+ messages, not finalized/);
  });

  it("decodes with the generated schema module and filters by account and sequence range", async () => {
    const c = io();
    expect(await dumpCommand([path, "--schema", "generated/exchange.ts", "--account", "GW1", "--from", "6"], c.io)).toBe(0);
    expect(c.out.length).toBeGreaterThan(0);
    expect(c.out.length).toBeLessThan(5);
    for (const line of c.out) {
      expect(line).toMatch(/ GW1\/1 cmd \d NewOrder \{"clOrdId":\d,"account":"ACME","symbol":"AAPL","side":"Sell"/);
      expect(Number(/^#(\d+)/.exec(line)![1])).toBeGreaterThanOrEqual(6);
    }
    const ranged = io();
    expect(await dumpCommand([path, "--from", "3", "--to", "4"], ranged.io)).toBe(0);
    expect(ranged.out.map((l) => l.split(" ")[0])).toEqual(["#3", "#4"]);
  });

  it("reports damage with the sequence where it starts (exit 3) and refuses bad command lines (exit 2)", async () => {
    const damaged = path.replace(/\.coral$/, "-damaged.coral");
    const bytes = readFileSync(path);
    bytes[bytes.length - 200] ^= 0x01;
    writeFileSync(damaged, bytes);
    const c = io();
    expect(await dumpCommand([damaged, "--verify"], c.io)).toBe(3);
    expect(c.err.join("\n")).toMatch(/corrupted starting at sequence \d+/);
    const bad = io();
    expect(await dumpCommand([path, "--from", "zero"], bad.io)).toBe(2);
    expect(bad.err[0]).toMatch(/--from must be a sequence number/);
    expect(await dumpCommand([path, "--bogus"], bad.io)).toBe(2);
    expect(await dumpCommand([], bad.io)).toBe(2);
  });
});

describe("coral replay", () => {
  it("drives the node module from the file: the live node's state and hash, the same every run", async () => {
    const runs: Record<string, unknown>[] = [];
    for (let i = 0; i < 2; i++) {
      const c = io();
      expect(await replayCommand([path, "--node", "test/archive/fixtures/sum-node.ts", "--account", "A", "--params", '{"scale":1}'], c.io)).toBe(0);
      runs.push(JSON.parse(c.out[0]!));
    }
    expect(runs[0]).toMatchObject({ hash: liveHash, report: { sum: liveSum, messages: 5 } });
    expect(runs[1]!.hash).toBe(runs[0]!.hash);
    const c = io();
    expect(await replayCommand([path, "--node", "test/archive/fixtures/missing.ts"], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/cannot load the node module/);
  });

  it("runs as the real `coral` CLI", () => {
    const out = execFileSync("npx", ["tsx", "runtime/cli/coral.ts", "dump", path, "--to", "2"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 20_000 });
    expect(out.trim().split("\n")).toHaveLength(2);
  });
});

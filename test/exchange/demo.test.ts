// `npm run demo -- --json <file>`, shortened: the exchange as separate coral processes over UDP multicast on
// loopback. Checks the JSON summary's shape and that the demo leaves no process of its own running.

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "coral-demo-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** PIDs of live processes whose command line contains `needle`. */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(needle)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe("npm run demo", () => {
  it("runs the exchange over UDP, writes the JSON summary, exits 0 and leaves nothing running", async () => {
    const json = join(dir, "demo.json");
    const child = spawn(process.execPath, ["--import", "tsx", "examples/demo.ts", "--seconds", "1.5", "--rate", "300", "--json", json], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr.on("data", (b: Buffer) => (output += b.toString()));
    const killer = setTimeout(() => child.kill("SIGINT"), 55_000); // the demo gives up by itself at 50 s
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    clearTimeout(killer);
    // The demo names its configuration directory after its PID, and every process it starts carries that name.
    const leftovers = processesWith(`coral-demo-${child.pid}-`);
    for (const pid of leftovers) process.kill(pid, "SIGKILL"); // clean up before failing
    expect(leftovers, output).toEqual([]);
    // Nor any of its temporary files (configurations, bundles).
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`coral-demo-${child.pid}-`) || f.startsWith(`coral-demo-bundle-${child.pid}-`))).toEqual([]);
    expect(code, output).toBe(0);

    const summary = JSON.parse(readFileSync(json, "utf8"));
    expect(Object.keys(summary).sort()).toEqual(["consistent", "fills", "msgsPerSec", "nodes", "orders", "rttP50Us", "transport"]);
    expect(summary.transport).toBe("udp");
    expect(summary.consistent).toBe(true);
    expect(summary.orders).toBeGreaterThan(0);
    expect(summary.fills).toBeGreaterThan(0);
    expect(summary.msgsPerSec).toBeGreaterThan(0);
    expect(summary.rttP50Us).toBeGreaterThan(0);
    const engines = summary.nodes.filter((n: { role: string }) => n.role === "engine");
    expect(engines).toHaveLength(3);
    expect(new Set(engines.map((n: { hash: string }) => n.hash)).size).toBe(1);
    expect(new Set(summary.nodes.map((n: { role: string }) => n.role))).toEqual(new Set(["engine", "marketdata", "gateway", "trader"]));
    for (const n of summary.nodes) expect(n.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(output).toContain("=== 1. coralc compiled schemas/");
  }, 70_000);
});

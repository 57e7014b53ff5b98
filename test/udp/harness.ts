/**
 * Runs coral components as child processes for the UDP tests and benchmarks: each child is the real CLI
 * (runtime/cli/coral.ts, bundled) with a configuration written to a temporary file and JSON status lines on
 * stdout, which the parent parses. Every child is stopped by its PID (SIGTERM, then SIGKILL after a grace
 * period), and every wait is bounded in time.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { readStatusLines } from "../../runtime/cli/status-line.js";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The CLI and the test node module, bundled once per test process into plain JavaScript: a child then starts in
 * about 0.1 s instead of compiling TypeScript on the fly (seconds on a loaded 2-vCPU machine).
 */
const BUNDLE_DIR = mkdtempSync(join(tmpdir(), "coral-bundle-"));
process.on("exit", () => rmSync(BUNDLE_DIR, { recursive: true, force: true }));
function bundle(entry: string, name: string): string {
  const outfile = join(BUNDLE_DIR, name);
  buildSync({ entryPoints: [join(ROOT, entry)], outfile, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "error" });
  return outfile;
}
const CORAL = bundle("runtime/cli/coral.ts", "coral.mjs");
export const LOAD_NODE = bundle("test/udp/fixtures/load-node.ts", "load-node.mjs");

export interface Status {
  component: string;
  final: boolean;
  status: Record<string, any>;
}

export class CoralProcess {
  readonly child: ChildProcess;
  latest: Status | null = null;
  final: Status | null = null;
  stderr = "";
  exitCode: number | null = null;
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    args: string[],
    prefix: string[] = [],
  ) {
    const [cmd, ...rest] = [...prefix, process.execPath, CORAL, ...args];
    this.child = spawn(cmd!, rest, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    readStatusLines(this.child.stdout!, (line) => {
      const status = line as unknown as Status;
      this.latest = status;
      if (status.final) this.final = status;
    });
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolveExit) =>
      this.child.on("exit", (code) => {
        this.exitCode = code;
        resolveExit(code);
      }),
    );
  }

  /** Waits until the latest status satisfies `check`; throws after `timeoutMs`. */
  async waitFor(check: (s: Record<string, any>) => boolean, timeoutMs: number, what = "condition"): Promise<Record<string, any>> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (this.exitCode !== null) throw new Error(`${this.name} exited (${this.exitCode}) while waiting for ${what}: ${this.stderr}`);
      if (this.latest !== null && check(this.latest.status)) return this.latest.status;
      await sleep(20);
    }
    throw new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${what}; last status ${JSON.stringify(this.latest?.status)}; stderr ${this.stderr}`);
  }

  /** SIGTERM (or `signal`) by PID; SIGKILL if it has not exited after `graceMs`. Resolves with the exit code. */
  async stop(graceMs = 3000, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (this.exitCode !== null) return this.exitCode;
    const pid = this.child.pid!;
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** A temporary directory for configuration files; remove() deletes it. */
export class ConfigDir {
  readonly path = mkdtempSync(join(tmpdir(), "coral-udp-"));
  write(name: string, config: unknown): string {
    const file = join(this.path, name);
    writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/**
 * Waits until every process reports the same last sequence (the stream keeps growing with node heartbeats), then
 * checks that they also report the same running hash over every message; throws otherwise.
 */
export async function sameStream(processes: CoralProcess[], timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const s = processes.map((p) => p.latest!.status);
    if (s.every((x) => x.lastSequence === s[0]!.lastSequence)) {
      const hashes = new Set(s.map((x) => x.hash));
      if (hashes.size !== 1) throw new Error(`same last sequence ${s[0]!.lastSequence}, different hashes: ${[...hashes].join(" ")}`);
      return;
    }
    await sleep(10);
  }
  throw new Error(`the processes never reported the same last sequence within ${timeoutMs} ms`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A UDP transport configuration on loopback with its own ports and groups (so parallel tests never meet). */
export function loopbackTransport(base: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const g = base % 250;
  return {
    kind: "udp",
    interface: "127.0.0.1",
    streamGroup: `239.77.${g}.1`,
    streamPort: base,
    commandHost: "127.0.0.1",
    commandPort: base + 1,
    discoveryGroup: `239.77.${g}.2`,
    discoveryPort: base + 2,
    ...extra,
  };
}

export { ROOT };

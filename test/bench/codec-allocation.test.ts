/**
 * Allocation regression guard for coralc's generated decoder, measured the benchmark's way (baselines.md §1):
 * a child process under --expose-gc with a 64 MB young generation warms the decode loop up, calls gc(), decodes
 * 1M messages and reports the growth of used_heap_size and any GC seen by a PerformanceObserver.
 *
 * The bound, 1 byte per message, sits far below the smallest real regression (one boxed double in every other
 * message is 8 B/op) and far above the method's noise (~0.2 B/op here). Only what holds today is guarded; the
 * cases still missing the zero-allocation target are listed in docs/PERFORMANCE.md.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import type { WorkerResult } from "../../bench/codec/worker.js";

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

async function allocationOf(codec: string, message: string, operation: string): Promise<WorkerResult> {
  const { stdout } = await run(
    process.execPath,
    [
      "--expose-gc",
      "--min-semi-space-size=64",
      "--max-semi-space-size=64",
      "--import",
      "tsx",
      "bench/codec/worker.ts",
      codec,
      message,
      operation,
      "alloc",
    ],
    { cwd: REPO_ROOT, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim()) as WorkerResult;
}

it.concurrent(
  "coralc MarketDataIncremental decode allocates nothing over 1M messages",
  { timeout: 70_000 },
  async () => {
    const r = await allocationOf("coralc", "marketData", "decode");
    expect(r.gcsOver1M).toBe(0);
    expect(r.heapBytesPerOpOver1M).not.toBeNull();
    expect(r.heapBytesPerOpOver1M!).toBeLessThan(1);
  },
);

it.concurrent(
  "the probe sees allocation when there is some (coralc Order decode materializing 5 strings)",
  { timeout: 70_000 },
  async () => {
    const r = await allocationOf("coralc", "order", "decodeStrings");
    // Five short strings are at least 5 × 32 bytes (baselines.md: 120 B/op for the flyweight's five strings).
    expect(r.heapBytesPerOp!).toBeGreaterThan(60);
  },
);

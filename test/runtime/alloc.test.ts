/**
 * Zero allocation per message on the hot paths (send a command, sequence it, publish, receive, deliver with
 * metadata), measured in a child process with --expose-gc: see alloc-probe.ts. Allocation is read in the young
 * generation, where every object a message creates lands, as the smallest growth of three windows of 60 000
 * messages: about 7 KB in a steady window (timers, the simulation's bookkeeping), while one boxed double per
 * message would add about 1 MB and one small object per message (a mutation tried on the probe) 3.8 MB.
 * Compiled code and the rest of the heap are bounded apart: the JIT compiles again once when a path first runs
 * (the store's first new chunk), which is not allocation per message.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

it("sequencing and delivering 60 000 messages allocates nothing per message", () => {
  const out = execFileSync(process.execPath, ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64", "--import", "tsx", "test/runtime/alloc-probe.ts", "60000"], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  const result = JSON.parse(out.trim().split("\n").at(-1)!) as { messages: number; newSpaceGrowthBytes: number; otherHeapGrowthBytes: number; gcsDuringRun: number };
  expect(result.messages).toBe(60_000);
  expect(result.gcsDuringRun).toBe(0);
  expect(result.newSpaceGrowthBytes).toBeLessThan(120_000);
  expect(result.otherHeapGrowthBytes).toBeLessThan(1_000_000);
});

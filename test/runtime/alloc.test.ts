/**
 * Zero allocation per message on the hot paths (send a command, sequence it, publish, receive, deliver with
 * metadata), measured in a child process with --expose-gc: see alloc-probe.ts. Allocation is read in the young
 * generation, where every object a message creates lands: a constant of some tens of KB (timers, the
 * simulation's bookkeeping) does not grow with the number of messages, one boxed double per message would add
 * about 1 MB over 60 000 messages. Compiled code and the rest of the heap are bounded apart: the JIT compiles
 * again once when a path first runs (the store's first new chunk), which is not allocation per message.
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
  expect(result.newSpaceGrowthBytes).toBeLessThan(400_000);
  expect(result.otherHeapGrowthBytes).toBeLessThan(1_000_000);
});

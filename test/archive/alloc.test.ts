/**
 * The archive's hot paths allocate nothing per message: appending (the sequencer's path) and reading with a
 * cursor (every replay, rewind and dump), measured in a child process with --expose-gc (see alloc-probe.ts).
 * What remains is per batch, not per message: Node's fs binding allocates a little on each write() of a
 * commit (here one commit per 200 messages).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

it("appending and reading 200 000 records allocate nothing per message", () => {
  const out = execFileSync(process.execPath, ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64", "--import", "tsx", "test/archive/alloc-probe.ts", "200000"], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  const r = JSON.parse(out.trim().split("\n").at(-1)!) as Record<string, number>;
  expect(r.appended).toBe(200_000);
  expect(r.read).toBe(750_000);
  expect(r.appendGcs).toBe(0);
  expect(r.readGcs).toBe(0);
  // One 16-byte object per message would be 3.2 MB (append) and 5.6 MB (read). Typical runs measure about
  // 0.4 B/message for append (the fs binding, per commit) and 0.04 B/message for read; the bounds leave room for
  // a late JIT tier-up on a loaded machine, never for a per-message object.
  expect(r.appendHeapGrowthBytes).toBeLessThan(1_000_000);
  expect(r.readHeapGrowthBytes).toBeLessThan(1_000_000);
});

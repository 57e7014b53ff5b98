/**
 * Allocation regression: generated NewOrder encode and decode (64-bit fields included, strings compared in
 * place or interned) must not allocate. Measured in a child process (`node --expose-gc`, see
 * alloc-probe.ts) over a GC-free window.
 *
 * V8 only avoids boxing a double passed to or returned from an accessor when it inlines that accessor, and
 * whether it does depends on the caller's cumulative inlining budget (920 bytecode bytes by default; see
 * docs/WIRE.md, "Performance notes"). The probe raises that budget so the figure reflects the generated code
 * and not the harness's call-site layout; the default-flag figure is reported by the same probe in the bench.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSchema, repoRoot, writeGenerated } from "./helpers.js";

describe("allocation", () => {
  // The smallest heap object is 16 bytes, so any allocation on every operation (or on every fourth) exceeds
  // 4 B/op; the margin absorbs one-off growth (code installed by a late optimization on a loaded machine).
  it("NewOrder encode, decode and interned decode allocate < 4 bytes per operation", async () => {
    const module = await writeGenerated(loadSchema("exchange"), "exchange-alloc", {
      runtimeImport: path.relative(path.join(repoRoot, "test/.tmp/codegen"), path.join(repoRoot, "runtime/codec/index.js")),
    });
    const out = execFileSync(
      process.execPath,
      [
        "--expose-gc",
        "--min-semi-space-size=64",
        "--max-semi-space-size=64",
        "--max-inlined-bytecode-size-cumulative=5000",
        "--import",
        "tsx",
        path.join(repoRoot, "test/codegen/alloc-probe.ts"),
        module,
        "200000",
      ],
      { cwd: repoRoot, encoding: "utf8", timeout: 60_000 },
    );
    const result = JSON.parse(out.trim().split("\n").pop()!);
    for (const name of ["encode", "decode", "encodeDecode", "decodeInterned"]) {
      expect(result[name].gcFree, `${name}: no GC-free window`).toBe(true);
      expect(result[name].bytesPerOp, `${name} bytes/op`).toBeLessThan(4);
    }
  }, 90_000);
});

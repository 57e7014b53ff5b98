/**
 * Allocation regression: generated NewOrder encode and decode (64-bit fields included, strings compared in
 * place or interned) must not allocate. Measured in a child process (`node --expose-gc`, see
 * alloc-probe.ts) over a GC-free window.
 *
 * V8 only avoids boxing a double passed to or returned from an accessor when it inlines that accessor, and
 * whether it does depends on the caller's cumulative inlining budget (920 bytecode bytes by default; see
 * docs/WIRE.md, "Performance notes"). Generated wide-field accessors stay under the size V8 always inlines, so
 * the probe runs with default flags, and once more with a raised budget.
 *
 * "encodeDecode" (encode then decode in one function) once measured ~24 B/op: an absent optional 64-bit value
 * (stopPrice, null in half the orders) was told from one beyond ±(2^53 − 1) by re-reading it as a bigint, and
 * in that function V8 did not optimize the bigint away. The generator now reads a bit set by wrap() instead.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSchema, repoRoot, writeGenerated } from "./helpers.js";

function probe(module: string, flags: string[]): Record<string, { gcFree: boolean; bytesPerOp: number }> {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64", ...flags, "--import", "tsx", path.join(repoRoot, "test/codegen/alloc-probe.ts"), module, "200000"],
    { cwd: repoRoot, encoding: "utf8", timeout: 60_000 },
  );
  return JSON.parse(out.trim().split("\n").pop()!);
}

describe("allocation", () => {
  // The smallest heap object is 16 bytes, so any allocation on every operation (or on every fourth) exceeds
  // 4 B/op; the margin absorbs one-off growth (code installed by a late optimization on a loaded machine).
  let module = "";
  const generate = async () => {
    module ||= await writeGenerated(loadSchema("exchange"), "exchange-alloc", {
      runtimeImport: path.relative(path.join(repoRoot, "test/.tmp/codegen"), path.join(repoRoot, "runtime/codec/index.js")),
    });
    return module;
  };

  it("NewOrder encode, decode, both in one function and interned decode allocate < 4 bytes per operation with default V8 flags", async () => {
    // Wide-field accessors are small enough for V8 to inline whatever its cumulative budget (see
    // compiler/generate/wide.ts): a boxed 64-bit value (16 B on every op, or 8 B/op for the optional stopPrice
    // present in half the messages) fails this bound.
    const result = probe(await generate(), []);
    for (const name of ["encode", "decode", "encodeDecode", "decodeInterned"]) {
      expect(result[name]!.gcFree, `${name}: no GC-free window`).toBe(true);
      expect(result[name]!.bytesPerOp, `${name} bytes/op`).toBeLessThan(4);
    }
  }, 90_000);

  it("the same with a raised inlining budget", async () => {
    const result = probe(await generate(), ["--max-inlined-bytecode-size-cumulative=5000"]);
    for (const name of ["encode", "decode", "encodeDecode", "decodeInterned"]) {
      expect(result[name]!.gcFree, `${name}: no GC-free window`).toBe(true);
      expect(result[name]!.bytesPerOp, `${name} bytes/op`).toBeLessThan(4);
    }
  }, 90_000);
});

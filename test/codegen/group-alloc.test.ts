/**
 * Allocation regression for group entries too large for V8's inlining budget. A group entry's setters run in
 * the caller's loop; when an entry has more fields than TurboFan's cumulative budget (920 bytes of bytecode)
 * holds, some setter calls stay calls, and a double passed to such a call is boxed (16 B). Generated wide
 * setters only store the value and call a writer without arguments, so they stay small enough to be inlined
 * always: an encoder that passed the value itself to its writing code allocated ~640 B per message here.
 * The decoder's getters face the same budget when one function reads every field.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSchemas } from "../../compiler/load.js";
import { repoRoot, writeGenerated } from "./helpers.js";

const IDL = `SCHEMA = GroupAlloc
SCHEMA_ID = 11
VERSION = 0

MESSAGE Book
    TYPE = B
    SUBTYPE = K
    seq: ulong
    levels:
        price: double(4)
        qty: uint
        orderId: ulong
        time: ulong
        px2: double(6)
        q2: uint
        q3: uint
        id3: ulong
        a: int
        b: ushort
        c: ubyte
        d: ubyte
`;

/** TurboFan's cumulative inlining budget at 0, as in a large handler: only functions of ≤ 27 bytes of bytecode are inlined. */
const NO_BUDGET = "--max-inlined-bytecode-size-cumulative=0";

function probe(module: string, flags: string[], operation: "encode" | "decode" = "encode"): { gcFree: boolean; bytesPerOp: number } {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64", ...flags, "--import", "tsx", path.join(repoRoot, "test/codegen/group-alloc-probe.ts"), module, "100000", operation],
    { cwd: repoRoot, encoding: "utf8", timeout: 60_000 },
  );
  return JSON.parse(out.trim().split("\n").pop()!);
}

describe("group entry allocation", () => {
  let module = "";
  beforeAll(async () => {
    const result = loadSchemas([{ file: "/inline/group-alloc.idl", moduleName: "group-alloc" }], () => IDL);
    const schema = result.schemas.find((s) => s.moduleName === "group-alloc")!;
    module = await writeGenerated(schema, "group-alloc", {
      runtimeImport: path.relative(path.join(repoRoot, "test/.tmp/codegen"), path.join(repoRoot, "runtime/codec/index.js")),
    });
  });

  it("a 12-field entry (8 wide fields, values beyond small integers) encodes with < 4 bytes per message allocated, default V8 flags and a spent inlining budget", () => {
    for (const flags of [[], [NO_BUDGET]]) {
      const measured = probe(module, flags, "encode");
      expect(measured.gcFree, `no GC-free window (${flags})`).toBe(true);
      // One boxed double per message would already be 16 B.
      expect(measured.bytesPerOp, `${flags}`).toBeLessThan(4);
    }
  }, 90_000);

  // The uint32 getters read the buffer themselves (next() does not pre-read them): at 27 bytes of bytecode
  // V8 inlines them even into a function whose budget is spent, so a value above 2^31 is never boxed on
  // return. A getter of 50 bytes reads 160 B per message here.
  it("the same entry decodes, every field read in one function whose inlining budget is spent, with < 4 bytes per message allocated", () => {
    const measured = probe(module, [NO_BUDGET], "decode");
    expect(measured.gcFree, "no GC-free window").toBe(true);
    expect(measured.bytesPerOp).toBeLessThan(4);
  }, 90_000);
});

// loadSchemas: IMPORT resolution, generated module names and specifiers, cycles, missing files.
import { describe, expect, it } from "vitest";
import { loadSchemas } from "../../compiler/load.js";
import { where } from "./helpers.js";

/** A readFile over an in-memory file system. */
function memory(files: Record<string, string>) {
  const read: string[] = [];
  const readFile = (p: string): string => {
    read.push(p);
    const text = files[p];
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
    return text;
  };
  return { readFile, read };
}

const COMMON = ["SCHEMA = Common", "CONST LEN = 8", "ENUM Side: char", "    Buy = 'B'", "SET Flags: uint8", "    A = 0", ""].join("\n");

describe("IMPORT", () => {
  it("loads an imported file that is not an input, next to its importer", () => {
    const result = loadSchemas([{ file: "test/fixtures/idl/imports/orders/new-order.idl", moduleName: "orders/new-order" }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.schemas.map((s) => [s.name, s.moduleName, s.sourceFile])).toEqual([
      ["Orders", "orders/new-order", "test/fixtures/idl/imports/orders/new-order.idl"],
      ["Common", "common", "test/fixtures/idl/imports/common.idl"],
    ]);
    const [orders, common] = result.schemas;
    // The importer carries the imported types it uses, marked with the module to import them from.
    expect(orders!.enums).toEqual([expect.objectContaining({ name: "Side", prim: "char", declared: true, importedFrom: "../common.js" })]);
    expect(orders!.sets).toEqual([expect.objectContaining({ name: "OrderFlags", importedFrom: "../common.js" })]);
    expect(orders!.constants).toEqual([]);
    expect(orders!.messages[0]!.fields.map((f) => [f.name, f.offset, f.size])).toEqual([["symbol", 0, 8], ["side", 8, 1], ["flags", 9, 1], ["qty", 10, 4]]);
    // The imported schema declares them itself.
    expect(common!.enums.map((e) => [e.name, e.importedFrom])).toEqual([["Side", undefined], ["Unused", undefined]]);
    expect([...result.sources.keys()]).toEqual(["test/fixtures/idl/imports/orders/new-order.idl", "test/fixtures/idl/imports/common.idl"]);
  });

  it("uses the given module name when the imported file is an input too, and loads it once", () => {
    const { readFile, read } = memory({
      "a/orders.idl": "SCHEMA = Orders\nIMPORT = ../shared/common.idl\nMESSAGE M\n    ID = 1\n    s: chars(LEN)\n    side: Side\n",
      "shared/common.idl": COMMON,
    });
    const result = loadSchemas(
      [
        { file: "a/orders.idl", moduleName: "orders" },
        { file: "shared/common.idl", moduleName: "lib/common" },
      ],
      readFile,
    );
    expect(result.diagnostics).toEqual([]);
    expect(read).toEqual(["a/orders.idl", "shared/common.idl"]);
    expect(result.schemas.map((s) => s.moduleName)).toEqual(["orders", "lib/common"]);
    expect(result.schemas[0]!.enums[0]!.importedFrom).toBe("./lib/common.js");
    expect(result.schemas[0]!.messages[0]!.fields[0]!.size).toBe(8);
  });

  it("reports an import that is not found at the IMPORT value", () => {
    const { readFile } = memory({ "x.idl": "SCHEMA = X\nIMPORT = nope.idl\n" });
    const result = loadSchemas([{ file: "x.idl", moduleName: "x" }], readFile);
    expect(result.diagnostics.map((d) => [d.pos.file, where(d)])).toEqual([["x.idl", "2:10+8"]]);
    expect(result.diagnostics[0]!.message).toMatch(/^import not found: nope\.idl/);
  });

  it("reports an import cycle at the IMPORT that closes it, naming the chain", () => {
    const { readFile } = memory({
      "a.idl": "SCHEMA = A\nIMPORT = b.idl\n",
      "b.idl": "SCHEMA = B\nIMPORT = c.idl\n",
      "c.idl": "SCHEMA = C\nIMPORT = a.idl\n",
    });
    const result = loadSchemas([{ file: "a.idl", moduleName: "a" }], readFile);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", pos: { file: "c.idl", line: 2, col: 10 } });
    expect(result.diagnostics[0]!.message).toMatch(/^import cycle: a\.idl → b\.idl → c\.idl → a\.idl/);
  });

  it("rejects a file importing itself", () => {
    const { readFile } = memory({ "a.idl": "SCHEMA = A\nIMPORT = a.idl\n" });
    const result = loadSchemas([{ file: "a.idl", moduleName: "a" }], readFile);
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^import cycle: a\.idl → a\.idl/)]);
  });

  it("rejects a local declaration that shadows an imported one", () => {
    const { readFile } = memory({ "c.idl": COMMON, "m.idl": "IMPORT = c.idl\nENUM Side: char\n    Sell = 'S'\n" });
    const result = loadSchemas([{ file: "m.idl", moduleName: "m" }], readFile);
    expect(result.diagnostics.map((d) => `${d.pos.file}:${where(d)} ${d.message}`)).toEqual([
      "m.idl:2:6+4 'Side' is already declared in c.idl, which this file imports; rename one of them",
    ]);
  });

  it("rejects a name declared by two imports when it is used", () => {
    const { readFile } = memory({
      "c1.idl": COMMON,
      "c2.idl": "ENUM Side: char\n    Sell = 'S'\n",
      "m.idl": "IMPORT = c1.idl\nIMPORT = c2.idl\nTYPE = A\nSUBTYPE = B\ns: Side\n",
    });
    const result = loadSchemas([{ file: "m.idl", moduleName: "m" }], readFile);
    expect(result.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      "5:4+4 'Side' is declared by several imports (c1.idl, c2.idl); rename it in all but one",
    ]);
  });

  it("refuses to generate an imported file outside the output directory", () => {
    const { readFile } = memory({ "a/x.idl": "IMPORT = ../c.idl\n", "c.idl": COMMON });
    const result = loadSchemas([{ file: "a/x.idl", moduleName: "x" }], readFile);
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/would be generated outside the output directory.*pass it to coralc as an input too/)]);
  });

  it("reports a file that cannot be read, and still checks the others", () => {
    const { readFile } = memory({ "ok.idl": "MESSAGE M\n    TYPE = A\n" });
    const result = loadSchemas([{ file: "missing.idl", moduleName: "missing" }, { file: "ok.idl", moduleName: "ok" }], readFile);
    expect(result.diagnostics.map((d) => `${d.pos.file}:${where(d)}`)).toEqual(["missing.idl:1:1+1", "ok.idl:1:9+1"]);
    expect(result.diagnostics[0]!.message).toMatch(/^cannot read missing\.idl: ENOENT/);
  });
});

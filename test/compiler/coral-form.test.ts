// CoralSequencer-form files (one message per file, header lines at the top)
// compile as they are, including the way people really write them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSchemas } from "../../compiler/load.js";
import type { SchemaIR } from "../../compiler/ir.js";

const FIXTURES = "test/fixtures/idl";

function load(name: string) {
  const result = loadSchemas([{ file: `${FIXTURES}/${name}`, moduleName: name.replace(/\.idl$/, "") }]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors).toEqual([]);
  return { schema: result.schemas[0]!, warnings: result.diagnostics };
}

const fieldsOf = (s: SchemaIR) => s.messages[0]!.fields.map((f) => [f.name, f.offset, f.size]);

describe("the BookSnapshot example of coralsequencer.md §11", () => {
  const { schema, warnings } = load("book-snapshot.idl");
  const m = schema.messages[0]!;

  it("names schema and message, and computes the template id from TYPE/SUBTYPE", () => {
    expect(schema).toMatchObject({ name: "BookSnapshot", id: 1, version: 0 });
    expect(schema.messages).toHaveLength(1);
    expect(m).toMatchObject({ name: "BookSnapshot", type: "M", subtype: "S", templateId: ("M".charCodeAt(0) << 8) | "S".charCodeAt(0) });
    expect(m.doc).toBe("One instrument's book at a point in the stream (illustration only)");
    expect(schema.doc).toBe(m.doc);
  });

  it("moves the field after the group into the root block", () => {
    expect(fieldsOf(schema)).toEqual([
      ["instrumentId", 0, 8], ["symbol", 8, 12], ["venue", 20, 2], ["phase", 22, 1], ["asOfSeq", 23, 8],
      ["lastPx", 31, 8], ["lastQty", 39, 8], ["indicativePx", 47, 4],
    ]);
    expect(m.blockLength).toBe(51);
    expect(m.fields.at(-1)).toMatchObject({ name: "indicativePx", optional: true, type: { kind: "decimal", prim: "int32", scale: 3 } });
    expect(m.varData.map((v) => v.name)).toEqual(["remark"]);
  });

  it("nests groups, with fields after a nested group", () => {
    const levels = m.groups[0]!;
    expect(levels.fields.map((f) => [f.name, f.offset])).toEqual([["side", 0], ["px", 1], ["totalQty", 9], ["impliedQty", 17]]);
    expect(levels.blockLength).toBe(25);
    const orders = levels.groups[0]!;
    expect(orders.fields.map((f) => [f.name, f.offset])).toEqual([["orderId", 0], ["qty", 8], ["flags", 12]]);
    expect(orders.varData).toEqual([expect.objectContaining({ name: "ownerRef", kind: "varbytes", maxLength: 16, optional: true })]);
  });

  it("accepts the undeclared enums as open enums, with one warning each saying how to declare them", () => {
    expect(schema.enums.map((e) => [e.name, e.prim, e.declared, e.values.length])).toEqual([
      ["Venue", "twoChar", false, 0], ["TradingPhase", "char", false, 0], ["Side", "char", false, 0],
    ]);
    expect(warnings.map((w) => [w.severity, w.pos.line, w.pos.col, w.length])).toEqual([
      ["warning", 8, 20, 5], ["warning", 9, 17, 12], ["warning", 16, 20, 4],
    ]);
    expect(warnings[0]!.message).toContain("ENUM Venue: twoChar");
  });
});

describe("fixtures written the way new users write them", () => {
  it("tabs, CRLF line endings, trailing whitespace, comments between fields", () => {
    const text = readFileSync(`${FIXTURES}/cancel-order-tabs-crlf.idl`, "utf8");
    expect(text).toContain("\r\n");
    expect(text).toContain("\t");
    const { schema } = load("cancel-order-tabs-crlf.idl");
    const m = schema.messages[0]!;
    expect(schema).toMatchObject({ name: "CancelOrderTabsCrlf", version: 1 });
    expect(m).toMatchObject({ name: "CancelOrder", type: "O", subtype: "C" });
    expect(fieldsOf(schema)).toEqual([["orderId", 0, 8], ["symbol", 8, 8], ["account", 16, 12], ["requestedAt", 28, 8]]);
    expect(m.fields[0]!.doc).toBe("The order to cancel.");
    expect(m.fields[1]!.doc).toBe("(comments may sit anywhere, at any indent)");
    expect(m.fields[2]!.doc).toBe("Who asked.");
    const legs = m.groups[0]!;
    expect(legs.fields.map((f) => f.name)).toEqual(["legId", "reason"]);
    expect(legs.fields[1]!.doc).toBe("per-leg reason");
    expect(legs.groups[0]!.fields.map((f) => f.name)).toEqual(["fillId", "qty"]);
    expect(legs.varData.map((v) => v.name)).toEqual(["note"]);
    expect(m.varData).toEqual([expect.objectContaining({ name: "reason", since: 1, optional: true })]);
    expect(m.pos).toMatchObject({ line: 3, col: 1 }); // the CLASSNAME line
  });

  it("a whole file indented, with comments at column 0", () => {
    const { schema } = load("execution-report-indented.idl");
    const m = schema.messages[0]!;
    expect(m).toMatchObject({ name: "ExecutionReport", type: "E", subtype: "R" });
    expect(fieldsOf(schema)).toEqual([["execId", 0, 8], ["orderId", 8, 8], ["price", 16, 8], ["qty", 24, 4], ["lastPx", 28, 4], ["done", 32, 1]]);
    expect(m.fields[4]!.type).toEqual({ kind: "decimal", prim: "int32", scale: 4 }); // plain `float` = float(4)
    expect(m.groups[0]!.fields.map((f) => [f.name, f.offset])).toEqual([["fillId", 0], ["px", 8]]);
    expect(m.fields[0]!.pos).toMatchObject({ line: 6, col: 5 });
  });

  it("sizes given as constants, plain or fully qualified; no CLASSNAME names the message after the file", () => {
    const { schema } = load("trade-report.idl");
    expect(schema.name).toBe("TradeReport");
    expect(schema.messages[0]!.name).toBe("TradeReport");
    expect(fieldsOf(schema)).toEqual([
      ["tradeId", 0, 8], ["symbol", 8, 8], ["buyer", 16, 12], ["seller", 28, 12], ["price", 40, 8], ["qty", 48, 8], ["aggressor", 56, 1],
    ]);
    expect(schema.constants.map((c) => [c.name, c.value])).toEqual([["SYMBOL_LENGTH", 8], ["ACCOUNT_LENGTH", 12]]);
  });

  it("declared enums used through the CoralSequencer wrappers and bare", () => {
    const { schema, warnings } = load("quote-declared-enums.idl");
    expect(warnings).toEqual([]);
    expect(schema.enums.every((e) => e.declared)).toBe(true);
    expect(schema.messages[0]!.fields.map((f) => f.type)).toEqual([
      { kind: "chars", prim: "char", length: 8 },
      { kind: "enum", enumName: "Side", prim: "char" },
      { kind: "enum", enumName: "Venue", prim: "twoChar" },
      { kind: "enum", enumName: "Side", prim: "char" },
      { kind: "decimal", prim: "int64", scale: 4 },
      { kind: "decimal", prim: "int64", scale: 4 },
    ]);
  });
});

// The repository's schemas load cleanly and give the IR worked out by hand.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSchemas } from "../../compiler/load.js";
import type { FieldIR, MessageIR, SchemaIR } from "../../compiler/ir.js";

function load(file: string, moduleName: string): SchemaIR {
  const result = loadSchemas([{ file, moduleName }]);
  expect(result.diagnostics).toEqual([]);
  expect(result.schemas).toHaveLength(1);
  return result.schemas[0]!;
}

const layout = (fields: FieldIR[]) => fields.map((f) => [f.name, f.offset, f.size]);
const message = (schema: SchemaIR, name: string): MessageIR => schema.messages.find((m) => m.name === name)!;

describe("schemas/exchange.idl", () => {
  const schema = load("schemas/exchange.idl", "exchange");

  it("reads the file header and the top comment as the schema doc", () => {
    expect(schema).toMatchObject({ name: "Exchange", id: 1, version: 1, moduleName: "exchange", sourceFile: "schemas/exchange.idl" });
    expect(schema.doc).toMatch(/^Order entry and market data for a small electronic exchange\.\nGateways send/);
    expect(schema.messages.map((m) => m.name)).toEqual([
      "NewOrder", "CancelOrder", "ReplaceOrder", "OrderAck", "OrderReject", "OrderCancelled", "Fill", "BookUpdate", "Trade",
    ]);
  });

  it("lays out NewOrder: fields after the group stay in the root block, packed", () => {
    const m = message(schema, "NewOrder");
    expect(m).toMatchObject({ templateId: (0x4f << 8) | 0x4e, type: "O", subtype: "N", since: 0 });
    // 8 + 12 + 8 + 1 + 8 + 4 + 1 + 1 + 8, then minQty (declared after the group and the var data) + 4
    expect(layout(m.fields)).toEqual([
      ["clOrdId", 0, 8], ["account", 8, 12], ["symbol", 20, 8], ["side", 28, 1], ["price", 29, 8],
      ["qty", 37, 4], ["timeInForce", 41, 1], ["flags", 42, 1], ["stopPrice", 43, 8], ["minQty", 51, 4],
    ]);
    expect(m.blockLength).toBe(55);
    expect(m.fields.find((f) => f.name === "minQty")).toMatchObject({ optional: true, since: 1, doc: "Minimum quantity for the first fill (added in version 1)." });
    expect(m.fields.find((f) => f.name === "price")!.type).toEqual({ kind: "decimal", prim: "int64", scale: 4 });
    expect(m.fields.find((f) => f.name === "side")!.type).toEqual({ kind: "enum", enumName: "Side", prim: "char" });
    expect(m.fields.find((f) => f.name === "flags")!.type).toEqual({ kind: "set", setName: "ExecFlags", prim: "uint8" });
    expect(m.groups).toHaveLength(1);
    expect(m.groups[0]).toMatchObject({ name: "legs", blockLength: 13, doc: "Legs of a multi-leg (strategy) order; empty for outright orders." });
    expect(layout(m.groups[0]!.fields)).toEqual([["symbol", 0, 8], ["ratio", 8, 4], ["side", 12, 1]]);
    expect(m.varData).toEqual([
      expect.objectContaining({ name: "text", kind: "varchars", maxLength: 64, optional: true, since: 0 }),
    ]);
    expect(m.pos).toEqual({ file: "schemas/exchange.idl", line: 52, col: 9 });
    expect(m.doc).toBe("A new limit order from a client, entered through a gateway.");
  });

  it("lays out BookUpdate's nested groups", () => {
    const m = message(schema, "BookUpdate");
    expect(m.blockLength).toBe(8);
    const levels = m.groups[0]!;
    expect(layout(levels.fields)).toEqual([["action", 0, 1], ["side", 1, 1], ["price", 2, 8], ["totalQty", 10, 8]]);
    expect(levels.blockLength).toBe(18);
    expect(levels.groups[0]).toMatchObject({ name: "orders", blockLength: 12 });
    expect(m.doc).toBe("Incremental book update for one symbol: changed levels, each with the\norders now resting at that level.");
  });

  it("reads enums and sets with their codes", () => {
    expect(schema.enums.map((e) => [e.name, e.prim, e.declared])).toEqual([
      ["Side", "char", true], ["TimeInForce", "char", true], ["RejectReason", "int16", true], ["CancelCause", "char", true],
      ["BookAction", "char", true],
    ]);
    expect(schema.enums[0]!.values.map((v) => [v.name, v.value, v.literal])).toEqual([["Buy", 0x42, "'B'"], ["Sell", 0x53, "'S'"]]);
    expect(schema.enums[0]!.doc).toBe("Which side of the book an order rests on.");
    expect(schema.sets[0]).toMatchObject({ name: "ExecFlags", prim: "uint8", doc: "Execution instructions, as bit flags." });
    expect(schema.sets[0]!.choices.map((c) => [c.name, c.bit])).toEqual([["PostOnly", 0], ["Iso", 1], ["Hidden", 2]]);
  });

  it("is plain data: survives a JSON round trip", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

describe("schemas/every-construct.idl", () => {
  const schema = load("schemas/every-construct.idl", "every-construct");

  it("reads header, constants, every enum encoding and set width", () => {
    expect(schema).toMatchObject({ name: "EveryConstruct", id: 42, version: 2 });
    expect(schema.constants).toEqual([expect.objectContaining({ name: "CODE_LENGTH", value: 6 })]);
    const enums = Object.fromEntries(schema.enums.map((e) => [e.name, e]));
    expect(enums["Color"]!.values.map((v) => [v.name, v.value, v.since])).toEqual([["Red", 82, 0], ["Green", 71, 0], ["Blue", 66, 1]]);
    expect(enums["Color"]!.values[2]!.doc).toBe("Added later: old decoders see its code as an unknown value.");
    // twoChar codes are byte0 | byte1 << 8
    expect(enums["Venue"]!.values.map((v) => [v.value, v.literal])).toEqual([[0x4e58, '"XN"'], [0x594e, '"NY"']]);
    expect(enums["Priority"]).toMatchObject({ prim: "int16" });
    expect(enums["Priority"]!.values.map((v) => v.value)).toEqual([-1, 0, 1000]);
    expect(enums["Code"]).toMatchObject({ prim: "int32" });
    expect(enums["Tiny"]).toMatchObject({ prim: "uint8" });
    expect(schema.sets.map((s) => [s.name, s.prim, s.choices.map((c) => c.bit)])).toEqual([["Perms", "uint16", [0, 1, 9]], ["Wide", "uint32", [0, 31]]]);
  });

  it("maps every scalar type to its wire type and size", () => {
    const m = message(schema, "Scalars");
    const types = Object.fromEntries(m.fields.map((f) => [f.name, [f.type, f.size, f.optional]]));
    expect(types["aBoolean"]).toEqual([{ kind: "boolean", prim: "uint8" }, 1, false]);
    expect(types["aChar"]).toEqual([{ kind: "char", prim: "char" }, 1, false]);
    expect(types["aByte"]).toEqual([{ kind: "int", prim: "int8" }, 1, false]);
    expect(types["aShort"]).toEqual([{ kind: "int", prim: "int16" }, 2, false]);
    expect(types["anInt"]).toEqual([{ kind: "int", prim: "int32" }, 4, false]);
    expect(types["aLong"]).toEqual([{ kind: "int", prim: "int64" }, 8, false]);
    expect(types["anUbyte"]).toEqual([{ kind: "int", prim: "uint8" }, 1, false]);
    expect(types["anUshort"]).toEqual([{ kind: "int", prim: "uint16" }, 2, false]);
    expect(types["anUint"]).toEqual([{ kind: "int", prim: "uint32" }, 4, false]);
    expect(types["anUlong"]).toEqual([{ kind: "int", prim: "uint64" }, 8, false]);
    expect(types["aFloat"]).toEqual([{ kind: "decimal", prim: "int32", scale: 4 }, 4, false]);
    expect(types["aDouble"]).toEqual([{ kind: "float", prim: "double" }, 8, false]);
    expect(types["aFloat32"]).toEqual([{ kind: "float", prim: "float" }, 4, false]);
    expect(types["aFloat64"]).toEqual([{ kind: "float", prim: "double" }, 8, false]);
    expect(types["aScaledFloat"]).toEqual([{ kind: "decimal", prim: "int32", scale: 2 }, 4, false]);
    expect(types["aScaledDouble"]).toEqual([{ kind: "decimal", prim: "int64", scale: 6 }, 8, false]);
    expect(types["optScaledDouble"]).toEqual([{ kind: "decimal", prim: "int64", scale: 3 }, 8, true]);
    // 1+1+1+2+4+8+1+2+4+8+4+8+4+8+4+8 = 68 required, then the optional ones
    expect(m.fields.find((f) => f.name === "optBoolean")!.offset).toBe(68);
    expect(m.blockLength).toBe(68 + (1 + 1 + 1 + 2 + 4 + 8 + 1 + 2 + 4 + 8 + 4 + 8 + 8));
  });

  it("resolves chars(CONST), bytes, enum wrappers, bare enums and sets, var data", () => {
    const m = message(schema, "Texts");
    expect(layout(m.fields)).toEqual([
      ["code", 0, 6], ["raw", 6, 4], ["color", 10, 1], ["venue", 11, 2], ["priority", 13, 2], ["codeEnum", 15, 4],
      ["tiny", 19, 1], ["perms", 20, 2], ["wide", 22, 4], ["optColor", 26, 1], ["optVenue", 27, 2], ["optCode", 29, 4],
    ]);
    expect(m.fields[0]!.type).toEqual({ kind: "chars", prim: "char", length: 6 });
    expect(m.fields[1]!.type).toEqual({ kind: "bytes", prim: "uint8", length: 4 });
    expect(m.fields[3]!.type).toEqual({ kind: "enum", enumName: "Venue", prim: "twoChar" });
    expect(m.fields[7]!.type).toEqual({ kind: "set", setName: "Perms", prim: "uint16" });
    expect(m.varData.map((v) => [v.name, v.kind, v.maxLength, v.optional])).toEqual([["note", "varchars", 100, false], ["blob", "varbytes", 1000, true]]);
  });

  it("splits nested members into fields, groups and var data at every level", () => {
    const m = message(schema, "Nested");
    expect(layout(m.fields)).toEqual([["id", 0, 8], ["trailer", 8, 2]]);
    expect(m.groups.map((g) => g.name)).toEqual(["outer", "empty"]);
    const outer = m.groups[0]!;
    expect(layout(outer.fields)).toEqual([["name", 0, 4]]);
    expect(outer.varData.map((v) => v.name)).toEqual(["label"]);
    const inner = outer.groups[0]!;
    expect(layout(inner.fields)).toEqual([["value", 0, 4], ["weight", 4, 8]]);
    expect(inner.blockLength).toBe(12);
    const deepest = inner.groups[0]!;
    expect(deepest).toMatchObject({ name: "deepest", blockLength: 1 });
    expect(deepest.varData).toEqual([expect.objectContaining({ name: "tag", maxLength: 8, optional: true })]);
  });

  it("records versions: ID, since on fields, group members and var data", () => {
    const m = message(schema, "Evolving");
    expect(m).toMatchObject({ templateId: 777, blockLength: 14, since: 0 });
    expect(m.type).toBeUndefined();
    expect(m.fields.map((f) => [f.name, f.offset, f.since])).toEqual([["base", 0, 0], ["extra", 4, 1], ["more", 12, 2]]);
    expect(m.groups[0]!.fields.map((f) => [f.name, f.since])).toEqual([["a", 0], ["b", 1]]);
    expect(m.varData.map((v) => [v.name, v.since])).toEqual([["comment", 2]]);
  });
});

describe("every .idl under schemas/", () => {
  it("loads with no diagnostics", () => {
    const files = readdirSync("schemas").filter((f) => f.endsWith(".idl")).sort();
    expect(files).toContain("exchange.idl");
    const result = loadSchemas(files.map((f) => ({ file: `schemas/${f}`, moduleName: f.replace(/\.idl$/, "") })));
    expect(result.diagnostics).toEqual([]);
    expect(result.schemas.map((s) => s.moduleName)).toEqual(files.map((f) => f.replace(/\.idl$/, "")));
  });
});

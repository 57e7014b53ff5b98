// Smaller points of the syntax that docs/IDL.md promises.
import { describe, expect, it } from "vitest";
import { parseSchemaText } from "../../compiler/load.js";
import { lines } from "./helpers.js";

function compile(text: string) {
  const { schema, diagnostics } = parseSchemaText(text, "syntax-test.idl");
  expect(diagnostics).toEqual([]);
  return schema!;
}

describe("syntax", () => {
  it("trailing comments, '#' inside quotes, keywords as names, hex codes, a MESSAGE line with a colon", () => {
    const schema = compile(
      lines(
        "ENUM Mark: char  # a trailing comment",
        "    Hash = '#'",
        "    SET = 'S'",
        "ENUM Code: byte",
        "    Big = 0xFE",
        "MESSAGE M:",
        "    ID = 0x10  # hex template id",
        "    since: int   # a field may be called since",
        "    MESSAGE: Mark!",
        "    code: byteEnum(Code)",
      ),
    );
    expect(schema.enums[0]!.values.map((v) => [v.name, v.value])).toEqual([["Hash", 35], ["SET", 83]]);
    expect(schema.enums[1]!.values[0]!.value).toBe(254);
    const m = schema.messages[0]!;
    expect(m.templateId).toBe(16);
    expect(m.fields.map((f) => [f.name, f.optional, f.type.kind])).toEqual([["since", false, "int"], ["MESSAGE", true, "enum"], ["code", false, "enum"]]);
  });

  it("names the schema after the file in PascalCase unless SCHEMA says otherwise", () => {
    expect(compile(lines("MESSAGE M", "    ID = 1")).name).toBe("SyntaxTest");
    expect(compile(lines("SCHEMA = Other", "MESSAGE M", "    ID = 1")).name).toBe("Other");
  });

  it("TYPE and SUBTYPE may be quoted, digits or punctuation ('#' only quoted: unquoted it starts a comment)", () => {
    const schema = compile(lines("MESSAGE A", "    TYPE = '1'", "    SUBTYPE = '#'", "MESSAGE B", "    TYPE = 9", "    SUBTYPE = +"));
    expect(schema.messages.map((m) => [m.type, m.subtype, m.templateId])).toEqual([["1", "#", 0x3123], ["9", "+", 0x392b]]);
  });

  it("IMPORT paths may be quoted", () => {
    const { diagnostics } = parseSchemaText(lines('IMPORT = "../x y.idl"'), "t.idl");
    // parseSchemaText does not follow imports; the path was still read as one value
    expect(diagnostics.map((d) => d.message)).toEqual(["parseSchemaText does not follow IMPORT; use loadSchemas"]);
  });
});

/**
 * Setters of one fixed field for a message or group-entry encoder. Each setter is flat: a range check whose
 * failure path calls into the runtime, then one or two DataView writes at a constant offset from `this._at`
 * (the start of the current block). No bounds checks: wrap()/next() made sure the whole block fits.
 */
import type { MethodDeclarationStructure, OptionalKind } from "ts-morph";
import type { EnumIR, FieldIR } from "../ir.js";
import { docText } from "./names.js";
import { stateField, wideSetters, isWide } from "./wide.js";
import {
  codeInvalidCondition,
  codeWirePrim,
  enumNullLiteral,
  intInvalidCondition,
  intRangeText,
  nullLiteral,
  TWO_POW_32,
  writeStmt,
  type Prim32,
} from "./wire.js";

export type Method = OptionalKind<MethodDeclarationStructure>;

export interface FieldContext {
  /** Dotted path of the block for error messages: "NewOrder", "NewOrder.legs". */
  path: string;
  enums: ReadonlyMap<string, EnumIR>;
  /** The block's fields (decoders: a 64-bit field's getters are keyed by its place among them). */
  fields?: readonly FieldIR[];
}

/** Names of the encoder members a field generates (for the collision check). */
export function encoderMemberNames(field: FieldIR): string[] {
  const n = field.name;
  switch (field.type.kind) {
    case "int":
      return field.type.prim === "int64" || field.type.prim === "uint64" ? [n, `${n}Big`] : [n];
    case "decimal":
      return [n, `${n}Raw`];
    case "chars":
      return [n, `${n}Bytes`];
    default:
      return [n];
  }
}

export function encoderFieldMethods(field: FieldIR, ctx: FieldContext): Method[] {
  const t = field.type;
  const at = field.offset === 0 ? "this._at" : `this._at + ${field.offset}`;
  const where = JSON.stringify(`${ctx.path}.${field.name}`);
  const opt = field.optional;
  const doc = (what: string) => [docText(`Sets ${field.name}: ${what}`, field.pos, field.doc)];
  const valueParam = (type: string) => [{ name: "v", type: opt ? `${type} | null` : type }];
  const nullFirst = (stmts: string[]) => (opt ? [`if (v === null) {`, ...stmts, `return this;`, `}`] : []);

  if (isWide(field)) {
    const setters = wideSetters(field, doc);
    if (t.kind === "int" && (t.prim === "int64" || t.prim === "uint64")) setters.push(bigSetter(field, t.prim, ctx, at));
    return setters;
  }
  switch (t.kind) {
    case "int": {
      if (t.prim === "int64" || t.prim === "uint64") {
        return [
          {
            name: field.name,
            parameters: valueParam("number"),
            returnType: "this",
            docs: doc(`${t.prim}${opt ? ", null for absent" : ""}; a safe integer (the …Big() setter takes any value)`),
            statements: [
              `const at = ${at};`,
              ...nullFirst(write64Null(t.prim, "at")),
              `if (${intInvalidCondition(t.prim, "v")}) rangeFail(${where}, at, v, ${JSON.stringify(intRangeText(t.prim))});`,
              ...write64("at", "v", t.prim),
              `return this;`,
            ],
          },
          bigSetter(field, t.prim, ctx, at),
        ];
      }
      return [
        {
          name: field.name,
          parameters: valueParam("number"),
          returnType: "this",
          docs: doc(`${t.prim}${opt ? ", null for absent" : ""}`),
          statements: [
            `const at = ${at};`,
            ...nullFirst([writeStmt(t.prim, "at", nullLiteral(t.prim))]),
            `if (${intInvalidCondition(t.prim, "v")}) rangeFail(${where}, at, v, ${JSON.stringify(intRangeText(t.prim))});`,
            writeStmt(t.prim, "at", "v"),
            `return this;`,
          ],
        },
      ];
    }
    case "decimal": {
      const scale = 10 ** t.scale;
      const nullWrite = t.prim === "int64" ? write64Null("int64", "at") : [writeStmt("int32", "at", nullLiteral("int32"))];
      const write = t.prim === "int64" ? write64("at", "m", "int64") : [writeStmt("int32", "at", "m")];
      const range = JSON.stringify(`a value whose × 10^${t.scale} is ${intRangeText(t.prim)}`);
      return [
        {
          name: field.name,
          parameters: valueParam("number"),
          returnType: "this",
          docs: doc(`a decimal stored as round(v × 10^${t.scale}) in an ${t.prim}${opt ? "; null for absent" : ""}`),
          statements: [
            `const at = ${at};`,
            ...nullFirst(nullWrite),
            `const m = Math.round(v * ${scale});`,
            `if (${intInvalidCondition(t.prim, "m")}) rangeFail(${where}, at, v, ${range});`,
            ...write,
            `return this;`,
          ],
        },
        {
          name: `${field.name}Raw`,
          parameters: valueParam("number"),
          returnType: "this",
          docs: doc(`the stored integer (the value × 10^${t.scale}) as it is`),
          statements: [
            `const at = ${at};`,
            ...nullFirst(nullWrite),
            `if (${intInvalidCondition(t.prim, "v")}) rangeFail(${where}, at, v, ${JSON.stringify(intRangeText(t.prim))});`,
            ...(t.prim === "int64" ? write64("at", "v", "int64") : [writeStmt("int32", "at", "v")]),
            `return this;`,
          ],
        },
      ];
    }
    case "float":
      return [
        {
          name: field.name,
          parameters: valueParam("number"),
          returnType: "this",
          docs: doc(`${t.prim === "float" ? "float32" : "float64"}${opt ? "; null (NaN on the wire) for absent" : ""}`),
          statements: [`${writeStmt(t.prim, `${at}`, opt ? "v === null ? NaN : v" : "v")}`, `return this;`],
        },
      ];
    case "boolean":
      return [
        {
          name: field.name,
          parameters: valueParam("boolean"),
          returnType: "this",
          docs: doc(`a boolean (uint8 0/1${opt ? ", 255 for null" : ""})`),
          statements: [
            writeStmt("uint8", at, opt ? "v === null ? 255 : v ? 1 : 0" : "v ? 1 : 0"),
            `return this;`,
          ],
        },
      ];
    case "char":
      return [
        {
          name: field.name,
          parameters: valueParam("string"),
          returnType: "this",
          docs: doc(`one printable US-ASCII character${opt ? ", null for absent" : ""}`),
          statements: [
            `const at = ${at};`,
            ...nullFirst([writeStmt("uint8", "at", "0")]),
            `const c = v.length === 1 ? v.charCodeAt(0) : -1;`,
            `if (c < 0x20 || c > 0x7e) rangeFail(${where}, at, v, "one printable US-ASCII character");`,
            writeStmt("uint8", "at", "c"),
            `return this;`,
          ],
        },
      ];
    case "chars":
      return [
        {
          name: field.name,
          parameters: valueParam("string"),
          returnType: "this",
          docs: doc(`up to ${t.length} US-ASCII characters, NUL-padded${opt ? "; null writes all NULs" : ""}`),
          statements: [
            `writeAscii(this._buf, ${at}, ${t.length}, ${opt ? 'v === null ? "" : v' : "v"}, ${where});`,
            `return this;`,
          ],
        },
        {
          name: `${field.name}Bytes`,
          parameters: [
            { name: "src", type: "Uint8Array" },
            { name: "srcOffset", type: "number", initializer: "0" },
            { name: "length", type: "number", initializer: "src.length - srcOffset" },
          ],
          returnType: "this",
          docs: doc(`copies up to ${t.length} bytes of already-encoded text, NUL-padded`),
          statements: [`writeFixedBytes(this._buf, ${at}, ${t.length}, src, srcOffset, length, ${where});`, `return this;`],
        },
      ];
    case "bytes":
      return [
        {
          name: field.name,
          parameters: [
            { name: "src", type: "Uint8Array" },
            { name: "srcOffset", type: "number", initializer: "0" },
            { name: "length", type: "number", initializer: "src.length - srcOffset" },
          ],
          returnType: "this",
          docs: doc(`copies up to ${t.length} raw bytes, zero-padded`),
          statements: [`writeFixedBytes(this._buf, ${at}, ${t.length}, src, srcOffset, length, ${where});`, `return this;`],
        },
      ];
    case "enum": {
      const e = ctx.enums.get(t.enumName);
      const type = e && e.declared ? t.enumName : "number";
      const wire = codeWirePrim(t.prim);
      return [
        {
          name: field.name,
          parameters: valueParam(type),
          returnType: "this",
          docs: doc(`a ${t.enumName} code${opt ? ", null for absent" : ""}`),
          statements: [
            `const at = ${at};`,
            ...nullFirst([writeStmt(wire, "at", enumNullLiteral(t.prim))]),
            `if (${codeInvalidCondition(t.prim, "v")}) rangeFail(${where}, at, v, ${JSON.stringify(`a ${t.prim} code`)});`,
            writeStmt(wire, "at", "v"),
            `return this;`,
          ],
        },
      ];
    }
    case "set":
      return [
        {
          name: field.name,
          parameters: valueParam("number"),
          returnType: "this",
          docs: doc(`a mask of ${t.setName} choices${opt ? ", null for absent" : ""}`),
          statements: [
            `const at = ${at};`,
            ...nullFirst([writeStmt(t.prim, "at", nullLiteral(t.prim))]),
            `if (${codeInvalidCondition(t.prim, "v")}) rangeFail(${where}, at, v, ${JSON.stringify(`a ${t.prim} mask`)});`,
            writeStmt(t.prim, "at", "v"),
            `return this;`,
          ],
        },
      ];
  }
}

/** Statements that write a safe-integer number `v` as two little-endian 32-bit halves. */
export function write64(at: string, v: string, prim: "int64" | "uint64"): string[] {
  // `>>> 0` is v mod 2^32 for any safe integer, negative ones included; the rest is the exact high half.
  return [
    `const lo = ${v} >>> 0;`,
    `const dv = this._dv;`,
    writeStmt("uint32", at, "lo", "dv"),
    writeStmt(prim === "int64" ? "int32" : "uint32", `${at} + 4`, `(${v} - lo) / ${TWO_POW_32}`, "dv"),
  ];
}

/** Statements that write the 64-bit null sentinel (int64: −2^63, uint64: 2^64 − 1). */
export function write64Null(prim: "int64" | "uint64", at: string, dv = "this._dv"): string[] {
  return prim === "int64"
    ? [writeStmt("uint32", at, "0", dv), writeStmt("int32", `${at} + 4`, "-2147483648", dv)]
    : [writeStmt("uint32", at, "4294967295", dv), writeStmt("uint32", `${at} + 4`, "4294967295", dv)];
}

function bigSetter(field: FieldIR, prim: "int64" | "uint64", ctx: FieldContext, at: string): Method {
  const where = JSON.stringify(`${ctx.path}.${field.name}`);
  const signed = prim === "int64";
  const invalid = signed
    ? "BigInt.asIntN(64, v) !== v || v === -9223372036854775808n"
    : "BigInt.asUintN(64, v) !== v || v === 18446744073709551615n";
  const range = signed ? "int64 −(2^63 − 1)..2^63 − 1" : "uint64 0..2^64 − 2";
  return {
    name: `${field.name}Big`,
    parameters: [{ name: "v", type: field.optional ? "bigint | null" : "bigint" }],
    returnType: "this",
    docs: [docText(`Sets ${field.name} from a bigint: any ${prim} value (allocates nothing, but bigints themselves are heap objects)`, field.pos, field.doc)],
    statements: [
      `const at = ${at};`,
      ...(field.optional ? [`if (v === null) {`, `this.${stateField(field)} = 0;`, `return this;`, `}`] : []),
      `if (${invalid}) rangeFail(${where}, at, v, ${JSON.stringify(range)});`,
      `this._dv.set${signed ? "BigInt64" : "BigUint64"}(at, v, true);`,
      `this.${stateField(field)} = 3;`,
      `return this;`,
    ],
  };
}

/** Statements that reset a block of `length` bytes at `this._at`: zeros, then the null of every optional field. */
export function resetBlockStatements(fields: readonly FieldIR[], length: number, at: string): string[] {
  const out: string[] = [`const dv = this._dv;`];
  const w = (prim: Prim32, o: string, value: string) => writeStmt(prim, o, value, "dv");
  let i = 0;
  for (; i + 4 <= length; i += 4) out.push(w("uint32", i === 0 ? at : `${at} + ${i}`, "0"));
  for (; i < length; i++) out.push(w("uint8", i === 0 ? at : `${at} + ${i}`, "0"));
  for (const f of fields) {
    if (!f.optional) continue;
    const o = f.offset === 0 ? at : `${at} + ${f.offset}`;
    const t = f.type;
    switch (t.kind) {
      case "int":
        if (t.prim === "int64" || t.prim === "uint64") out.push(...write64Null(t.prim, o, "dv"));
        else out.push(w(t.prim, o, nullLiteral(t.prim)));
        break;
      case "decimal":
        if (t.prim === "int64") out.push(...write64Null("int64", o, "dv"));
        else out.push(w("int32", o, nullLiteral("int32")));
        break;
      case "float":
        out.push(w(t.prim, o, "NaN"));
        break;
      case "boolean":
        out.push(w("uint8", o, "255"));
        break;
      case "enum":
        if (enumNullLiteral(t.prim) !== "0") out.push(w(codeWirePrim(t.prim), o, enumNullLiteral(t.prim)));
        break;
      case "set":
        out.push(w(t.prim as Prim32, o, nullLiteral(t.prim)));
        break;
      default:
        break; // char, chars and bytes: absent is all NUL, already written
    }
  }
  return out;
}


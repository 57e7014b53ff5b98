/**
 * How each wire encoding is read, written, range-checked and recognised as null, as TypeScript expressions.
 * The generator's only knowledge of DataView; the layout itself (offsets, sizes) comes from the IR.
 */
import { PRIMITIVES, type EnumIR, type FieldIR, type Primitive } from "../ir.js";

/** A primitive no wider than 32 bits: read and written with one DataView call. */
export type Prim32 = Exclude<Primitive, "int64" | "uint64">;

const DATAVIEW_TYPE: Record<Prim32, string> = {
  char: "Uint8",
  int8: "Int8",
  uint8: "Uint8",
  int16: "Int16",
  uint16: "Uint16",
  int32: "Int32",
  uint32: "Uint32",
  float: "Float32",
  double: "Float64",
};

/** Size in bytes of a 1–4-byte enum or set encoding on the wire. */
export type CodePrim = "char" | "int16" | "int32" | "uint8" | "twoChar" | "uint16" | "uint32";

/** The DataView-level primitive an enum or set code is stored as. */
export function codeWirePrim(prim: CodePrim): Prim32 {
  return prim === "twoChar" ? "uint16" : prim;
}

/** `this._dv.getUint32(at, true)`; single-byte reads take no byte-order argument. */
export function readExpr(prim: Prim32, at: string, dv = "this._dv"): string {
  const t = DATAVIEW_TYPE[prim];
  return PRIMITIVES[prim].size === 1 ? `${dv}.get${t}(${at})` : `${dv}.get${t}(${at}, true)`;
}

/** `this._dv.setUint32(at, value, true)` as a statement. */
export function writeStmt(prim: Prim32, at: string, value: string, dv = "this._dv"): string {
  const t = DATAVIEW_TYPE[prim];
  // A flyweight's single byte goes through its Uint8Array (ToUint8 wraps negative int8 as two's complement):
  // less bytecode than a DataView call, so its setter stays within V8's inlining budget.
  if (PRIMITIVES[prim].size === 1 && dv === "this._dv") return `this._buf[${at}] = ${value};`;
  return PRIMITIVES[prim].size === 1 ? `${dv}.set${t}(${at}, ${value});` : `${dv}.set${t}(${at}, ${value}, true);`;
}

/** The null sentinel of a ≤32-bit primitive as a literal. */
export function nullLiteral(prim: Prim32): string {
  if (prim === "float" || prim === "double") return "NaN";
  return String(PRIMITIVES[prim].nullValue);
}

/** Null sentinel of an enum code: char and twoChar enums use NUL, the others their primitive's null. */
export function enumNullLiteral(prim: CodePrim): string {
  if (prim === "char" || prim === "twoChar") return "0";
  return nullLiteral(prim);
}

/**
 * A condition true when `v` (a number) is NOT a valid value of an integer primitive: the cold path of every
 * integer setter. Bit tricks keep it to one or two comparisons for 32-bit types.
 */
export function intInvalidCondition(prim: Primitive, v: string): string {
  const p = PRIMITIVES[prim];
  switch (prim) {
    case "int32":
      return `(${v} | 0) !== ${v} || ${v} === -2147483648`;
    case "uint32":
      return `${v} >>> 0 !== ${v} || ${v} === 4294967295`;
    case "int64":
      return `!Number.isSafeInteger(${v})`;
    case "uint64":
      return `!Number.isSafeInteger(${v}) || ${v} < 0`;
    default:
      return `(${v} | 0) !== ${v} || ${v} < ${p.min} || ${v} > ${p.max}`;
  }
}

/** A condition true when `v` is not storable as an enum or set code of `prim` (any bit pattern of the width). */
export function codeInvalidCondition(prim: CodePrim, v: string): string {
  switch (prim) {
    case "char":
    case "uint8":
      return `(${v} & 0xff) !== ${v}`;
    case "twoChar":
    case "uint16":
      return `(${v} & 0xffff) !== ${v}`;
    case "int16":
      return `(${v} << 16) >> 16 !== ${v}`;
    case "int32":
      return `(${v} | 0) !== ${v}`;
    case "uint32":
      return `${v} >>> 0 !== ${v}`;
  }
}

/** The range a setter accepts, for error messages. */
export function intRangeText(prim: Primitive): string {
  const p = PRIMITIVES[prim];
  if (prim === "int64") return "a safe integer, ±(2^53 − 1); use the …Big() setter beyond";
  if (prim === "uint64") return "a safe integer 0..2^53 − 1; use the …Big() setter beyond";
  return `${prim} ${p.min}..${p.max}`;
}

/** Wire type name for docs: `uint64`, `chars(12)`, `enum Side (char)`. */
export function wireTypeText(field: FieldIR, enums: ReadonlyMap<string, EnumIR>): string {
  const t = field.type;
  switch (t.kind) {
    case "chars":
      return `chars(${t.length})`;
    case "bytes":
      return `bytes(${t.length})`;
    case "decimal":
      return `${t.prim}, scaled by 10^${t.scale}`;
    case "enum":
      return `${enums.get(t.enumName)?.declared === false ? "open enum" : "enum"} ${t.enumName} (${t.prim})`;
    case "set":
      return `set ${t.setName} (${t.prim})`;
    default:
      return t.prim;
  }
}

/** 2^32 as written in generated code. */
export const TWO_POW_32 = "4294967296";
/** 2^53 − 1. */
export const MAX_SAFE = "9007199254740991";

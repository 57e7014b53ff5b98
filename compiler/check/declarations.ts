/** CONST, ENUM and SET declarations: their values, codes and bit positions. */
import type { DiagnosticBag, Span } from "../diagnostics.js";
import type { ConstAst, EnumAst, EnumValueAst, Name, SetAst, SinceAst } from "../idl/ast.js";
import { parseInteger } from "../idl/integer.js";
import { PRIMITIVES, type ConstantIR, type EnumIR, type EnumValueIR, type SetChoiceIR, type SetIR } from "../ir.js";
import { RESERVED_WORDS, type Declaration, type Scope } from "./scope.js";
import { didYouMean } from "./suggest.js";

export interface DeclarationContext {
  file: string;
  version: number;
  scope: Scope;
  bag: DiagnosticBag;
}

const ENUM_ENCODINGS: Record<string, EnumIR["prim"]> = {
  char: "char",
  twoChar: "twoChar",
  short: "int16",
  int: "int32",
  byte: "uint8",
};

const SET_ENCODINGS: Record<string, SetIR["prim"]> = {
  uint8: "uint8",
  uint16: "uint16",
  uint32: "uint32",
  ubyte: "uint8",
  ushort: "uint16",
  uint: "uint32",
};

const SET_WIDTH: Record<SetIR["prim"], number> = { uint8: 8, uint16: 16, uint32: 32 };

const firstLine = (d: Declaration): number => d.value.pos.line;

export function checkConstant(ast: ConstAst, ctx: DeclarationContext): ConstantIR | undefined {
  const value = ast.value.quote ? NaN : parseInteger(ast.value.text);
  if (!Number.isSafeInteger(value)) {
    ctx.bag.error(ast.value.span, `CONST ${ast.name.text} must be a whole number, not '${ast.value.raw}'`);
    ctx.scope.markBroken(ast.name.text);
    return undefined;
  }
  const ir: ConstantIR = { name: ast.name.text, value, ...docOf(ast), pos: pos(ctx, ast.name.span) };
  return declare(ast.name, { kind: "const", value: ir }, ctx) ? ir : undefined;
}

export function checkEnum(ast: EnumAst, ctx: DeclarationContext): EnumIR | undefined {
  const prim = ENUM_ENCODINGS[ast.encoding.text];
  if (!prim) {
    ctx.bag.error(
      ast.encoding.span,
      `unknown enum encoding '${ast.encoding.text}'${didYouMean(ast.encoding.text, Object.keys(ENUM_ENCODINGS))} ` +
        `An ENUM is encoded as char, twoChar, short, int or byte`,
    );
  }
  if (ast.bodyLines === 0) {
    ctx.bag.error(ast.name.span, `ENUM ${ast.name.text} has no values; list them indented under it, one per line: \`Buy = 'B'\``);
  }
  const values: EnumValueIR[] = [];
  const byName = new Map<string, EnumValueIR>();
  const byCode = new Map<number, EnumValueIR>();
  for (const v of ast.values) {
    const since = checkSince(v.since, ctx);
    const duplicate = byName.get(v.name.text);
    if (duplicate) {
      ctx.bag.error(v.name.span, `enum value '${v.name.text}' is already declared on line ${duplicate.pos.line}`);
      continue;
    }
    if (!prim) continue;
    const code = enumCode(v, prim, ctx.bag);
    if (code === undefined) continue;
    const ir: EnumValueIR = { name: v.name.text, value: code, literal: v.value.raw, since, ...docOf(v), pos: pos(ctx, v.name.span) };
    byName.set(ir.name, ir);
    const sameCode = byCode.get(code);
    if (sameCode) {
      ctx.bag.error(v.value.span, `code ${v.value.raw} is already used by '${sameCode.name}' (line ${sameCode.pos.line}); every value needs its own code`);
      continue;
    }
    byCode.set(code, ir);
    values.push(ir);
  }
  const ir: EnumIR = { name: ast.name.text, prim: prim ?? "char", values, declared: true, ...docOf(ast), pos: pos(ctx, ast.name.span) };
  if (!declare(ast.name, { kind: "enum", value: ir }, ctx)) return undefined;
  if (!prim) {
    ctx.scope.markBroken(ast.name.text);
    return undefined;
  }
  return ir;
}

/** The wire code of an enum value, or undefined after reporting why it is invalid. */
function enumCode(v: EnumValueAst, prim: EnumIR["prim"], bag: DiagnosticBag): number | undefined {
  const value = v.value;
  if (value.quote && !value.terminated) {
    bag.error(value.span, `missing closing quote ${value.quote}`);
    return undefined;
  }
  if (prim === "char" || prim === "twoChar") {
    const length = prim === "char" ? 1 : 2;
    const example = prim === "char" ? "'B'" : '"XN"';
    const printable = [...value.text].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0x7e);
    if (!value.quote || value.text.length !== length || !printable) {
      const what = prim === "char" ? "one printable ASCII character" : "two printable ASCII characters";
      bag.error(value.span, `a ${prim} enum value is ${what} in quotes (${example}), not ${value.raw}`);
      return undefined;
    }
    return prim === "char" ? value.text.charCodeAt(0) : value.text.charCodeAt(0) | (value.text.charCodeAt(1) << 8);
  }
  const code = value.quote ? NaN : parseInteger(value.text);
  const { min, max, nullValue } = PRIMITIVES[prim];
  const encoding = prim === "int16" ? "short" : prim === "int32" ? "int" : "byte";
  if (!Number.isInteger(code)) {
    bag.error(value.span, `a ${encoding} enum value is a whole number, not ${value.raw}`);
    return undefined;
  }
  if (code === nullValue) {
    bag.error(value.span, `${code} is the null value of a ${encoding} enum (it marks an absent optional field); pick a code in ${min}..${max}`);
    return undefined;
  }
  if (code < min || code > max) {
    bag.error(value.span, `${code} is out of range for a ${encoding} enum: codes must be ${min}..${max}`);
    return undefined;
  }
  return code;
}

export function checkSet(ast: SetAst, ctx: DeclarationContext): SetIR | undefined {
  const prim = SET_ENCODINGS[ast.encoding.text];
  if (!prim) {
    ctx.bag.error(
      ast.encoding.span,
      `unknown set encoding '${ast.encoding.text}'${didYouMean(ast.encoding.text, Object.keys(SET_ENCODINGS))} ` +
        `A SET is encoded as uint8, uint16 or uint32 (8, 16 or 32 choices)`,
    );
  }
  if (ast.bodyLines === 0) {
    ctx.bag.error(ast.name.span, `SET ${ast.name.text} has no choices; list them indented under it with their bit position: \`PostOnly = 0\``);
  }
  const choices: SetChoiceIR[] = [];
  const byName = new Map<string, SetChoiceIR>();
  const byBit = new Map<number, SetChoiceIR>();
  for (const c of ast.choices) {
    const since = checkSince(c.since, ctx);
    const duplicate = byName.get(c.name.text);
    if (duplicate) {
      ctx.bag.error(c.name.span, `set choice '${c.name.text}' is already declared on line ${duplicate.pos.line}`);
      continue;
    }
    if (!prim) continue;
    const width = SET_WIDTH[prim];
    const bit = c.bit.quote ? NaN : parseInteger(c.bit.text);
    if (!Number.isInteger(bit) || bit < 0 || bit >= width) {
      ctx.bag.error(c.bit.span, `bit position ${c.bit.raw} is out of range for a ${prim} set: use 0..${width - 1} (or a wider encoding)`);
      continue;
    }
    const ir: SetChoiceIR = { name: c.name.text, bit, since, ...docOf(c), pos: pos(ctx, c.name.span) };
    byName.set(ir.name, ir);
    const sameBit = byBit.get(bit);
    if (sameBit) {
      ctx.bag.error(c.bit.span, `bit ${bit} is already used by '${sameBit.name}' (line ${sameBit.pos.line}); every choice needs its own bit`);
      continue;
    }
    byBit.set(bit, ir);
    choices.push(ir);
  }
  const ir: SetIR = { name: ast.name.text, prim: prim ?? "uint8", choices, ...docOf(ast), pos: pos(ctx, ast.name.span) };
  if (!declare(ast.name, { kind: "set", value: ir }, ctx)) return undefined;
  if (!prim) {
    ctx.scope.markBroken(ast.name.text);
    return undefined;
  }
  return ir;
}

/** `since N` of an enum value or set choice: at most the schema version. */
export function checkSince(since: SinceAst | undefined, ctx: DeclarationContext): number {
  if (!since) return 0;
  if (!Number.isInteger(since.value) || since.value < 0 || since.value > ctx.version) {
    ctx.bag.error(
      since.span,
      `since ${since.value} is after the schema's VERSION (${ctx.version}); raise VERSION to ${since.value} when adding items in version ${since.value}`,
    );
    return Math.min(Math.max(0, since.value), ctx.version);
  }
  return since.value;
}

function declare(name: Name, declaration: Declaration, ctx: DeclarationContext): boolean {
  if (RESERVED_WORDS.has(name.text)) {
    ctx.bag.error(name.span, `'${name.text}' is a reserved word in TypeScript and cannot name a ${declaration.kind}; choose another name`);
    ctx.scope.markBroken(name.text);
    return false;
  }
  return ctx.scope.declare(name.text, name.span, declaration, firstLine, ctx.bag);
}

function docOf(x: { doc?: string }): { doc?: string } {
  return x.doc === undefined ? {} : { doc: x.doc };
}

export function pos(ctx: { file: string }, span: Span): { file: string; line: number; col: number } {
  return { file: ctx.file, line: span.line, col: span.col };
}

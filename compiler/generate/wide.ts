/**
 * "Wide" fields: those whose JS value can fall outside V8's 31-bit small integers or be fractional (64-bit
 * and uint32 integers, floats, decimals). V8 boxes such a double into a 16-byte HeapNumber whenever it crosses
 * a call TurboFan did not inline, and TurboFan stops inlining once a function has taken 920 bytes of bytecode
 * (its cumulative budget) — except for functions of at most 27 bytes, which it always inlines. A double kept
 * in an object field whose representation is "double" is never boxed either.
 *
 * So the accessors of wide fields are kept under 27 bytes by moving the work out of them:
 * - a root-block encoder setter only stores the value in a private field of the flyweight; the block's
 *   `_flush()` range-checks and writes all of them in encodedLength();
 * - a decoder reads them into private fields in wrap() (the root block) or next() (a group entry), and the
 *   getters return those fields (wide-decoder.ts isPreRead: all but the required 32-bit ones, whose getter
 *   is small anyway).
 * Group-entry encoder setters write at once instead (entry-wide.ts): a flush per entry (loads, checks and a
 * state per field) made a 10-entry group 1.4× slower to encode than hand-written code. Their setters stay
 * under 27 bytes by handing the work to a private writer that takes no double argument.
 * Narrow fields (≤ 16-bit and int32 integers, enums, sets, chars, bytes) keep their direct accessors: their
 * values are small integers or pointers, which cross a call without allocating.
 */
import { Scope } from "ts-morph";
import { PRIMITIVES, type FieldIR } from "../ir.js";
import type { FieldContext, Method } from "./field-encoder.js";
import { codeWirePrim, enumNullLiteral, intInvalidCondition, intRangeText, nullLiteral, TWO_POW_32, writeStmt, type Prim32 } from "./wire.js";

export function isWide(f: FieldIR): boolean {
  const t = f.type;
  if (t.kind === "decimal" || t.kind === "float") return true;
  return t.kind === "int" && (t.prim === "int64" || t.prim === "uint64" || t.prim === "uint32");
}

/** A 64-bit integer on the wire (int64/uint64, or a decimal with an int64 mantissa). */
export function is64(f: FieldIR): boolean {
  const t = f.type;
  return (t.kind === "int" || t.kind === "decimal") && (t.prim === "int64" || t.prim === "uint64");
}

/** Private field holding a wide field's value (encoder: as set; decoder: as read, NaN when absent). */
export const valueField = (f: FieldIR) => `_${f.name}Value`;

/**
 * Private field holding how an encoder's wide field was last set: 0 null, 1 a number as it is, 2 a decimal
 * to scale (× 10^scale, rounded) at flush, 3 already written by the …Big() setter. Only fields that need it
 * have one: optional ones (except floats, whose null is NaN), decimals, and 64-bit integers.
 */
export const stateField = (f: FieldIR) => `_${f.name}State`;

export function hasState(f: FieldIR): boolean {
  if (!isWide(f) || f.type.kind === "float") return false;
  return f.optional || f.type.kind === "decimal" || is64(f);
}

/** Where field `f` starts, as an expression: `base` plus its offset in the block. */
export const at = (f: FieldIR, base = "this._at") => (f.offset === 0 ? base : `${base} + ${f.offset}`);

/** Integer primitive of an int or decimal field (the mantissa for decimals). */
export function intPrim(f: FieldIR): "int32" | "uint32" | "int64" | "uint64" {
  const t = f.type;
  if (t.kind === "decimal") return t.prim === "int64" ? "int64" : "int32";
  if (t.kind === "int") return t.prim as "uint32" | "int64" | "uint64";
  throw new Error(`not an integer field: ${f.name}`);
}

// ---- encoder -----------------------------------------------------------------------------------------------

/** Setters of a wide field: a store (and a state), nothing else, so V8 always inlines them. */
export function wideSetters(f: FieldIR, doc: (what: string) => string[]): Method[] {
  const t = f.type;
  const opt = f.optional;
  const value = valueField(f);
  const state = stateField(f);
  const param = [{ name: "v", type: opt ? "number | null" : "number" }];
  // `+v` is 0 for null: the value field only ever holds numbers, so V8 keeps it unboxed.
  const store = (s: 1 | 2) =>
    opt
      ? [`this.${value} = +(v as number);`, `this.${state} = v === null ? 0 : ${s};`]
      : [`this.${value} = v;`, ...(hasState(f) ? [`this.${state} = ${s};`] : [])];
  const later = "; range-checked and written when the message is completed (encodedLength())";
  if (t.kind === "float") {
    return [
      {
        name: f.name,
        parameters: param,
        returnType: "this",
        docs: doc(`${t.prim === "float" ? "float32" : "float64"}${opt ? "; null (NaN on the wire) for absent" : ""}; written when the message is completed (encodedLength())`),
        statements: [`this.${value} = ${opt ? "v === null ? 0 / 0 : v" : "v"};`, `return this;`],
      },
    ];
  }
  if (t.kind === "decimal") {
    return [
      {
        name: f.name,
        parameters: param,
        returnType: "this",
        docs: doc(`a decimal stored as round(v × 10^${t.scale}) in an ${t.prim}${opt ? "; null for absent" : ""}${later}`),
        statements: [...store(2), `return this;`],
      },
      {
        name: `${f.name}Raw`,
        parameters: param,
        returnType: "this",
        docs: doc(`the stored integer (the value × 10^${t.scale}) as it is${later}`),
        statements: [...store(1), `return this;`],
      },
    ];
  }
  const prim = intPrim(f);
  return [
    {
      name: f.name,
      parameters: param,
      returnType: "this",
      docs: doc(
        `${prim}${opt ? ", null for absent" : ""}${prim === "uint32" ? "" : "; a safe integer (the …Big() setter takes any value)"}${later}`,
      ),
      statements: [...store(1), `return this;`],
    },
  ];
}

/** The statements of `_flush()` for one wide field: check its value and write it (or its null) at its offset. */
function flushField(f: FieldIR, ctx: FieldContext, cold: boolean): string[] {
  const t = f.type;
  const where = JSON.stringify(`${ctx.path}.${f.name}`);
  const o = at(f, "base");
  const value = `this.${valueField(f)}`;
  if (t.kind === "float") return [writeStmt(t.prim, o, value, "dv")];
  const prim = intPrim(f);
  const wide64 = prim === "int64" || prim === "uint64";
  const write = (v: string): string[] =>
    wide64
      ? [
          `const lo = ${v} >>> 0;`,
          writeStmt("uint32", "at", "lo", "dv"),
          writeStmt(prim === "int64" ? "int32" : "uint32", "at + 4", `(${v} - lo) / ${TWO_POW_32}`, "dv"),
        ]
      : [writeStmt(prim, "at", v, "dv")];
  const writeNull = wide64
    ? prim === "int64"
      ? [writeStmt("uint32", "at", "0", "dv"), writeStmt("int32", "at + 4", "-2147483648", "dv")]
      : [writeStmt("uint32", "at", "4294967295", "dv"), writeStmt("uint32", "at + 4", "4294967295", "dv")]
    : [writeStmt(prim, "at", nullLiteral(prim as Prim32), "dv")];
  const rawRange = JSON.stringify(intRangeText(prim));
  let checked: string[];
  if (t.kind === "decimal") {
    const scaledRange = JSON.stringify(`a value whose × 10^${t.scale} is ${intRangeText(prim)}`);
    checked = [
      `const x = ${value};`,
      `const m = s === 2 ? Math.round(x * ${10 ** t.scale}) : x;`,
      `if (${intInvalidCondition(prim, "m")}) ${cold ? `rangeFail(${where}, at, x, s === 2 ? ${scaledRange} : ${rawRange})` : "throw this._flushFail()"};`,
      ...write("m"),
    ];
  } else {
    checked = [`const v = ${value};`, `if (${intInvalidCondition(prim, "v")}) ${cold ? `rangeFail(${where}, at, v, ${rawRange})` : "throw this._flushFail()"};`, ...write("v")];
  }
  if (!hasState(f)) return [`{`, `const at = ${o};`, ...checked, `}`];
  const s = `this.${stateField(f)}`;
  return [
    `{`,
    `const at = ${o};`,
    `const s = ${s};`,
    `if (s === 1 || s === 2) {`,
    ...checked,
    ...(f.optional ? [`} else if (s === 0) {`, ...writeNull] : []),
    `}`,
    `}`,
  ];
}

/**
 * `_flush()` of a root block: writes its wide fields; undefined when the block has none. Its error path is a
 * call of `_flushFail()` (the same checks and writes, with the error messages), so that _flush(), and the
 * encodedLength() that calls it, stay small in bytecode: V8 inlines a caller's callees only up to a cumulative
 * bytecode budget.
 */
export function flushMethods(fields: readonly FieldIR[], ctx: FieldContext, prelude: string[] = []): Method[] {
  const wide = fields.filter(isWide);
  if (wide.length === 0 && prelude.length === 0) return [];
  const body = (cold: boolean) => [`const dv = this._dv;`, `const base = this._at;`, ...wide.flatMap((f) => flushField(f, ctx, cold))];
  const flush: Method = {
    name: "_flush",
    scope: Scope.Private,
    returnType: "void",
    docs: ["Completes the current block: writes what its setters deferred (wide fields) or skipped (unset fields)."],
    statements: [...prelude, ...(wide.length > 0 ? body(false) : [])],
  };
  // Floats are written as they are: a block of only floats has nothing to check.
  if (!(flush.statements as string[]).some((st) => st.includes("this._flushFail()"))) return [flush];
  return [
    flush,
    {
      name: "_flushFail",
      scope: Scope.Private,
      returnType: "never",
      docs: ["The cold path of _flush(): redoes its checks (and writes) up to the invalid field, and throws its CodecError."],
      statements: [...body(true), `throw new Error("unreachable: _flushFail() found every wide field valid");`],
    },
  ];
}

/** Statements resetting the wide fields to "unset" (required: 0, optional: null), for wrap()/next(). */
export function resetWideStatements(fields: readonly FieldIR[]): string[] {
  const out: string[] = [];
  for (const f of fields.filter(isWide)) {
    out.push(`this.${valueField(f)} = ${f.optional && f.type.kind === "float" ? "NaN" : "0"};`);
    if (hasState(f)) out.push(`this.${stateField(f)} = ${f.optional ? 0 : 1};`);
  }
  return out;
}

/**
 * The initial value of an encoder's private value field, which decides the representation V8 starts the field
 * with. A uint32 starts as the small integer 0: quantities, counts and sequence numbers mostly stay below 2^30,
 * and while they do, V8 keeps the field a plain tagged slot (setting it is one store). The first larger value
 * turns it, for good, into a double field: a box the setter writes into, never an allocation per set. Starting
 * there (NaN) cost the market-data benchmark 1.5 ns per uint32 set. Every other wide field starts as a double,
 * since its values (64-bit ids, timestamps, fixed-point mantissas, floats) mostly are.
 */
export function valueFieldInitializer(f: FieldIR): string {
  return f.type.kind === "int" && f.type.prim === "uint32" ? "0" : "NaN";
}

/** Private properties of an encoder's wide fields. */
export function wideEncoderProperties(fields: readonly FieldIR[]) {
  return fields.filter(isWide).flatMap((f) => [
    { name: valueField(f), type: "number", initializer: valueFieldInitializer(f), docs: [`${f.name} as set, written by _flush().`] },
    ...(hasState(f)
      ? [{ name: stateField(f), type: "number", initializer: "0", docs: [`How ${f.name} was set: 0 null, 1 as is, 2 to scale, 3 written by …Big().`] }]
      : []),
  ]);
}

/**
 * The bytes of a block whose fields are all unset: zeros, and the null sentinel of every optional field.
 * Wide fields are left out (zeros) unless `wide` is set: a root block's are always written by _flush().
 * `prefix` bytes (the message header) come first.
 */
export function blockTemplate(fields: readonly FieldIR[], length: number, prefix: number[] = [], wide = false): number[] {
  const bytes = new Uint8Array(prefix.length + length);
  bytes.set(prefix, 0);
  const dv = new DataView(bytes.buffer);
  for (const f of fields) {
    if (!f.optional || (isWide(f) && !wide)) continue;
    const o = prefix.length + f.offset;
    const t = f.type;
    const setPrim = (prim: Prim32, v: number) => {
      const size = PRIMITIVES[prim].size;
      if (size === 1) dv.setUint8(o, v & 0xff);
      else if (size === 2) dv.setUint16(o, v & 0xffff, true);
      else dv.setUint32(o, v >>> 0, true);
    };
    switch (t.kind) {
      case "int":
        if (t.prim === "int64") dv.setBigInt64(o, -(2n ** 63n), true);
        else if (t.prim === "uint64") dv.setBigUint64(o, 2n ** 64n - 1n, true);
        else setPrim(t.prim as Prim32, PRIMITIVES[t.prim].nullValue);
        break;
      case "decimal":
        if (t.prim === "int64") dv.setBigInt64(o, -(2n ** 63n), true);
        else setPrim("int32", PRIMITIVES.int32.nullValue);
        break;
      case "float":
        // The NaN a DataView store of NaN writes, which the decoder reads back as null.
        if (t.prim === "float") dv.setFloat32(o, NaN, true);
        else dv.setFloat64(o, NaN, true);
        break;
      case "boolean":
        setPrim("uint8", 255);
        break;
      case "enum": {
        const lit = enumNullLiteral(t.prim);
        if (lit !== "0") setPrim(codeWirePrim(t.prim), Number(lit));
        break;
      }
      case "set":
        setPrim(t.prim as Prim32, PRIMITIVES[t.prim as Prim32].nullValue);
        break;
      default:
        break; // char, chars, bytes: absent is all NUL
    }
  }
  return [...bytes];
}

/**
 * The bytes of `template` as (offset, prim, value) stores, skipping the bytes of the wide fields among
 * `fields`: a root block's _flush() always writes them (the value set, or the field's null/0 default).
 */
export function narrowStores(fields: readonly FieldIR[], template: number[]): Array<{ offset: number; prim: Prim32; value: number }> {
  const wideByte = new Array<boolean>(template.length).fill(false);
  for (const f of fields) if (isWide(f)) for (let i = 0; i < f.size; i++) wideByte[f.offset + i] = true;
  const out: Array<{ offset: number; prim: Prim32; value: number }> = [];
  const word = (i: number, n: number) => {
    let v = 0;
    for (let k = n - 1; k >= 0; k--) v = v * 256 + template[i + k]!;
    return v;
  };
  let i = 0;
  while (i < template.length) {
    if (wideByte[i]) {
      i++;
      continue;
    }
    let run = 0;
    while (i + run < template.length && !wideByte[i + run] && run < 8) run++;
    // Eight zero bytes in one store: +0 as a float64 is all zero bits (one bounds check instead of two).
    if (run === 8 && word(i, 4) === 0 && word(i + 4, 4) === 0) {
      out.push({ offset: i, prim: "double", value: 0 });
      i += 8;
      continue;
    }
    run = Math.min(run, 4);
    if (run === 4) out.push({ offset: i, prim: "uint32", value: word(i, 4) });
    else if (run >= 2) {
      run = 2;
      out.push({ offset: i, prim: "uint16", value: word(i, 2) });
    } else out.push({ offset: i, prim: "uint8", value: template[i]! });
    i += run;
  }
  return out;
}

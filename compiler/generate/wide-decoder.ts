/**
 * The decoder side of wide fields (wide.ts explains what they are and why they are kept out of calls): which
 * ones wrap()/next() pre-read into private fields, the statements that do it, the getters that return them, and
 * the cold paths that report a 64-bit value beyond ±(2^53 − 1) or an absent optional one.
 */
import { Scope } from "ts-morph";
import type { FieldIR } from "../ir.js";
import type { FieldContext, Method } from "./field-encoder.js";
import { at, intPrim, is64, isWide, valueField } from "./wide.js";
import { MAX_SAFE, nullLiteral, readExpr, TWO_POW_32, type Prim32 } from "./wire.js";

/**
 * Whether a decoder reads this field into a private field at wrap()/next() (wide.ts says why). A required uint32,
 * float or double of the schema's first version at a block offset below 128 is read by its getter instead:
 * `return this._dv.getUint32(this._at + 8, true);` is 27 bytes of bytecode (the offset fits AddSmi's one-byte
 * operand), so TurboFan always inlines it and its double never crosses a call. Pre-reading such a field cost
 * more than reading it: a store into a boxed double field and a load back, 4.5 ns per entry of the benchmark's
 * market-data group (150 vs 106 ns for 10 entries).
 */
export function isPreRead(f: FieldIR): boolean {
  if (!isWide(f)) return false;
  const t = f.type;
  const small32 = t.kind === "float" || (t.kind === "int" && t.prim === "uint32");
  return !(small32 && !f.optional && f.since === 0 && f.offset < 128);
}

/** Index of a 64-bit field among its block's 64-bit fields: the key of `_wideFail`/`_absent`. */
function index64(fields: readonly FieldIR[], f: FieldIR): number {
  return fields.filter(is64).indexOf(f);
}

/** Whether an optional 64-bit field's out-of-range flag lives in the block's `_bad` bitmask (30 bits). */
function badBit(fields: readonly FieldIR[], f: FieldIR): number | undefined {
  const i = fields.filter((g) => is64(g) && g.optional).indexOf(f);
  return i >= 0 && i < 30 ? 1 << i : undefined;
}

/**
 * (Stores are if/else statements, never `c ? NaN : v`: the global NaN is a tagged constant, and a value that is
 * either it or a computed double is boxed. `0 / 0` folds to an unboxed NaN.)
 *
 * Statements reading the block's wide fields (at `base`, acting version `version`) into their private fields:
 * NaN stands for absent (null sentinel, or newer than the acting version; required fields newer than it read
 * 0) and, for 64-bit values, for beyond ±(2^53 − 1), which the getter then reports.
 */
export function preReadStatements(fields: readonly FieldIR[], base: string, dv: string, version: string): string[] {
  const wide = fields.filter(isPreRead);
  if (wide.length === 0) return [];
  const out: string[] = [];
  const usesBad = wide.some((f) => badBit(fields, f) !== undefined);
  if (usesBad) out.push(`let bad = 0;`);
  for (const f of wide) {
    const t = f.type;
    const o = at(f, base);
    const target = `this.${valueField(f)}`;
    const body: string[] = [];
    if (t.kind === "float") {
      body.push(`${target} = ${readExpr(t.prim, o, dv)};`);
    } else if (!is64(f)) {
      const prim = intPrim(f) as Prim32;
      if (f.optional) body.push(`const v = ${readExpr(prim, o, dv)};`, `if (v === ${nullLiteral(prim)}) ${target} = NaN;`, `else ${target} = v;`);
      else body.push(`${target} = ${readExpr(prim, o, dv)};`);
    } else {
      const signed = intPrim(f) === "int64";
      const hi = readExpr(signed ? "int32" : "uint32", `${o} + 4`, dv);
      const lo = readExpr("uint32", o, dv);
      const beyond = signed ? `v > ${MAX_SAFE} || v < -${MAX_SAFE}` : `v > ${MAX_SAFE}`;
      if (f.optional) {
        const isNull = signed ? "lo === 0 && hi === -2147483648" : "lo === 4294967295 && hi === 4294967295";
        const bit = badBit(fields, f);
        body.push(
          `const lo = ${lo};`,
          `const hi = ${hi};`,
          `const v = hi * ${TWO_POW_32} + lo;`,
          `if (${isNull}) {`,
          `${target} = NaN;`,
          `} else if (${beyond}) {`,
          `${target} = NaN;`,
          ...(bit !== undefined ? [`bad |= ${bit};`] : []),
          `} else {`,
          `${target} = v;`,
          `}`,
        );
      } else {
        body.push(`const v = ${hi} * ${TWO_POW_32} + ${lo};`, `if (${beyond}) ${target} = NaN;`, `else ${target} = v;`);
      }
    }
    const absent = `${target} = ${f.optional ? "NaN" : "0"};`;
    if (f.since > 0) out.push(`if (${version} >= ${f.since}) {`, ...body, `} else {`, absent, `}`);
    else out.push(`{`, ...body, `}`);
  }
  if (usesBad) out.push(`this._bad = bad;`);
  return out;
}

export function wideDecoderProperties(fields: readonly FieldIR[]) {
  const wide = fields.filter(isPreRead);
  const props: Array<{ name: string; type: string; initializer: string; docs: string[] }> = wide.map((f) => ({
    name: valueField(f),
    type: "number",
    initializer: "NaN",
    docs: [`${f.name} as read by wrap()/next(); NaN: absent${is64(f) ? " or beyond ±(2^53 − 1)" : ""}.`],
  }));
  if (wide.some((f) => badBit(fields, f) !== undefined)) {
    props.push({ name: "_bad", type: "number", initializer: "0", docs: ["Optional 64-bit fields present but beyond ±(2^53 − 1), one bit each."] });
  }
  return props;
}

/**
 * Getters of a wide field (the …Big() getter is generated with the narrow ones, it reads the buffer). Each is
 * a field read of at most 27 bytes of bytecode.
 */
export function wideGetters(fields: readonly FieldIR[], f: FieldIR, ctx: FieldContext, doc: (what: string) => string[], hasDoc: string[]): Method[] {
  const t = f.type;
  const n = f.name;
  const cap = n.charAt(0).toUpperCase() + n.slice(1);
  const value = `this.${valueField(f)}`;
  const opt = f.optional;
  const wide64 = is64(f);
  const i = wide64 ? index64(fields, f) : -1;
  const exact = wide64 ? "; exact, throws CodecError beyond ±(2^53 − 1)" : "";
  const methods: Method[] = [];
  const what =
    t.kind === "decimal" ? `a decimal (${t.prim} ÷ 10^${t.scale})` : t.kind === "float" ? (t.prim === "float" ? "float32" : "float64") : (t.prim as string);
  const orDoc = (name: string) => [
    ...doc(`like ${name}(), but returns \`fallback\` when absent: a plain number, so nothing is boxed (use it on hot paths)`),
  ];
  // The plain (raw for decimals) getters.
  const rawName = t.kind === "decimal" ? `${n}Raw` : n;
  const rawWhat = t.kind === "decimal" ? `the stored integer (value × 10^${t.scale})` : what;
  if (!opt) {
    methods.push({
      name: rawName,
      returnType: "number",
      docs: doc(`${rawWhat}${exact}`),
      statements: wide64 ? [`const v = ${value};`, `if (v !== v) this._wideFail(${i});`, `return v;`] : [`return ${value};`],
    });
    if (t.kind === "decimal") {
      methods.push({ name: n, returnType: "number", docs: doc(`${what}${exact}`), statements: [`return this.${n}Raw() / ${10 ** t.scale};`] });
    }
  } else {
    methods.push(
      {
        name: rawName,
        returnType: "number | null",
        docs: doc(`${rawWhat}, null when absent${exact} (a \`number | null\` result may be boxed: ${rawName}Or() is allocation-free)`),
        statements: [`const v = ${value};`, `return v === v ? v : ${wide64 ? `this._absent(${i})` : "null"};`],
      },
      {
        name: `${rawName}Or`,
        parameters: [{ name: "fallback", type: "number" }],
        returnType: "number",
        docs: orDoc(rawName),
        statements: wide64
          ? [`const v = ${value};`, `if (v === v) return v;`, `this._absent(${i});`, `return fallback;`]
          : [`const v = ${value};`, `return v === v ? v : fallback;`],
      },
    );
    if (t.kind === "decimal") {
      const scale = 10 ** t.scale;
      methods.push(
        {
          name: n,
          returnType: "number | null",
          docs: doc(`${what}, null when absent${exact}`),
          statements: [`const v = this.${n}Raw();`, `return v === null ? null : v / ${scale};`],
        },
        {
          name: `${n}Or`,
          parameters: [{ name: "fallback", type: "number" }],
          returnType: "number",
          docs: orDoc(n),
          statements: [`const v = this.${n}RawOr(0 / 0);`, `return v === v ? v / ${scale} : fallback;`],
        },
      );
    }
    const bit = badBit(fields, f);
    methods.push({
      name: `has${cap}`,
      returnType: "boolean",
      docs: hasDoc,
      statements:
        !wide64 ? [`return ${value} === ${value};`] : bit !== undefined ? [`return ${value} === ${value} || (this._bad & ${bit}) !== 0;`] : [`return this.${n}Big() !== null;`],
    });
  }
  void ctx;
  return methods;
}

/** `_wideFail(i)` and `_absent(i)`: the cold paths of a block's 64-bit getters (they re-read the buffer). */
export function wideColdMethods(fields: readonly FieldIR[], ctx: FieldContext): Method[] {
  const list = fields.filter(is64);
  if (list.length === 0) return [];
  const fail: string[] = [`switch (i) {`];
  list.forEach((f, i) => {
    const signed = intPrim(f) === "int64";
    const o = at(f);
    fail.push(
      `case ${i}:`,
      `int64Fail(${JSON.stringify(`${ctx.path}.${f.name}`)}, ${o}, ${readExpr(signed ? "int32" : "uint32", `${o} + 4`)} * ${TWO_POW_32} + ${readExpr("uint32", o)});`,
    );
  });
  fail.push(`}`);
  const methods: Method[] = [
    {
      name: "_wideFail",
      scope: Scope.Private,
      parameters: [{ name: "i", type: "number" }],
      returnType: "void",
      docs: ["Throws for 64-bit field number i, whose value is beyond ±(2^53 − 1)."],
      statements: fail,
    },
  ];
  const optional = list.filter((f) => f.optional);
  if (optional.length > 0) {
    const cases: string[] = [`switch (i) {`];
    // Called for every absent value, so it reads the "beyond" bit set by wrap()/next() rather than the buffer
    // as a bigint: an allocation whenever V8 does not optimize the bigint away (it does not when the caller
    // also encodes, for one).
    for (const f of optional) {
      const bit = badBit(fields, f);
      const beyond = bit !== undefined ? `(this._bad & ${bit}) !== 0` : `this.${f.name}Big() !== null`;
      cases.push(`case ${list.indexOf(f)}:`, `if (${beyond}) this._wideFail(i);`, `break;`);
    }
    cases.push(`}`, `return null;`);
    methods.push({
      name: "_absent",
      scope: Scope.Private,
      parameters: [{ name: "i", type: "number" }],
      returnType: "null",
      docs: ["Optional 64-bit field number i read NaN: null when absent, throws when beyond ±(2^53 − 1)."],
      statements: cases,
    });
  }
  return methods;
}

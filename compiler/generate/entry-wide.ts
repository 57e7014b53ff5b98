/**
 * Wide fields (see wide.ts) of group-entry encoders. A root block's wide setters defer the work to `_flush()`
 * in encodedLength(), once per message; a group entry's cannot: a flush per entry (loading the stored values
 * and their states back, checking and writing them in next()) made a 10-entry group 1.4× slower to encode
 * than a hand-written flyweight. So these setters check and write at once, like a narrow field's, through a
 * private writer that keeps the public setter within the size V8 always inlines.
 */
import { Scope } from "ts-morph";
import type { FieldIR } from "../ir.js";
import type { FieldContext, Method } from "./field-encoder.js";
import { intPrim, isWide, valueField, valueFieldInitializer } from "./wide.js";
import { intInvalidCondition, intRangeText, nullLiteral, TWO_POW_32, writeStmt, type Prim32 } from "./wire.js";

/**
 * Setters of a wide field of a group entry: checked and written at once, like a narrow field's, but in two
 * steps so that the double never crosses a call. The public setter only stores the value in a private field
 * and calls a private writer (`qty(v)` → `_writeQty()`), which stays under the 27 bytes of bytecode that V8
 * always inlines. The writer range-checks and writes the field: when V8 inlines it too (the usual case: an
 * entry's setters run in the caller's loop, and TurboFan spends its budget on the most frequent calls first)
 * the stored value is simply forwarded; when it does not (an entry with more fields than the budget holds)
 * the call carries no double to box. An optional field's writer is told whether the value is null by a
 * boolean argument, and `+v` keeps the value field a number (0 for null) so V8 keeps it unboxed. Failure
 * calls are thrown (`throw rangeFail(…)`, which throws itself) so the compiled writer has no path back.
 */
export function entryWideSetters(f: FieldIR, ctx: FieldContext, doc: (what: string) => string[]): Method[] {
  const t = f.type;
  const opt = f.optional;
  const where = JSON.stringify(`${ctx.path}.${f.name}`);
  const value = `this.${valueField(f)}`;
  const cap = f.name.charAt(0).toUpperCase() + f.name.slice(1);
  const at = f.offset === 0 ? "this._at" : `this._at + ${f.offset}`;
  const prim = t.kind === "float" ? t.prim : intPrim(f);
  const wide64 = prim === "int64" || prim === "uint64";
  const writeNull =
    prim === "int64"
      ? [writeStmt("uint32", "at", "0"), writeStmt("int32", "at + 4", "-2147483648")]
      : prim === "uint64"
        ? [writeStmt("uint32", "at", "4294967295"), writeStmt("uint32", "at + 4", "4294967295")]
        : [writeStmt(prim, "at", nullLiteral(prim))];
  const setter = (name: string, writer: string, what: string): Method => ({
    name,
    parameters: [{ name: "v", type: opt ? "number | null" : "number" }],
    returnType: "this",
    docs: doc(what),
    statements: opt ? [`${value} = +(v as number);`, `return this.${writer}(v === null);`] : [`${value} = v;`, `return this.${writer}();`],
  });
  const writer = (name: string, body: string[], what: string): Method => ({
    name,
    scope: Scope.Private,
    parameters: opt ? [{ name: "absent", type: "boolean" }] : [],
    returnType: "this",
    docs: [what],
    statements: [`const at = ${at};`, ...(opt ? [`if (absent) {`, ...writeNull, `return this;`, `}`] : []), ...body, `return this;`],
  });
  if (t.kind === "float") {
    return [
      setter(f.name, `_write${cap}`, `${t.prim === "float" ? "float32" : "float64"}${opt ? "; null (NaN on the wire) for absent" : ""}`),
      writer(`_write${cap}`, [writeStmt(t.prim, "at", value)], `Writes ${f.name} as set.`),
    ];
  }
  const write = (v: string): string[] =>
    wide64
      ? [`const lo = ${v} >>> 0;`, writeStmt("uint32", "at", "lo"), writeStmt(prim === "int64" ? "int32" : "uint32", "at + 4", `(${v} - lo) / ${TWO_POW_32}`)]
      : [writeStmt(prim as Prim32, "at", v)];
  const checked = (v: string, shown: string, range: string) => [
    `if (${intInvalidCondition(prim, v)}) throw rangeFail(${where}, at, ${shown}, ${range});`,
    ...write(v),
  ];
  const rawRange = JSON.stringify(intRangeText(prim));
  if (t.kind === "decimal") {
    const scaledRange = JSON.stringify(`a value whose × 10^${t.scale} is ${intRangeText(prim)}`);
    return [
      setter(f.name, `_write${cap}`, `a decimal stored as round(v × 10^${t.scale}) in an ${t.prim}${opt ? "; null for absent" : ""}`),
      setter(`${f.name}Raw`, `_write${cap}Raw`, `the stored integer (the value × 10^${t.scale}) as it is${opt ? "; null for absent" : ""}`),
      writer(
        `_write${cap}`,
        [`const x = ${value};`, `const m = Math.round(x * ${10 ** t.scale});`, ...checked("m", "x", scaledRange)],
        `Range-checks and writes ${f.name} as set by ${f.name}().`,
      ),
      writer(`_write${cap}Raw`, [`const v = ${value};`, ...checked("v", "v", rawRange)], `Range-checks and writes ${f.name} as set by ${f.name}Raw().`),
    ];
  }
  return [
    setter(f.name, `_write${cap}`, `${prim}${opt ? ", null for absent" : ""}${prim === "uint32" ? "" : "; a safe integer (the …Big() setter takes any value)"}`),
    writer(`_write${cap}`, [`const v = ${value};`, ...checked("v", "v", rawRange)], `Range-checks and writes ${f.name} as set.`),
  ];
}

/** Private properties of a group entry encoder's wide fields: the value as set, read by its writer. */
export function entryWideProperties(fields: readonly FieldIR[]) {
  return fields.filter(isWide).map((f) => ({ name: valueField(f), type: "number", initializer: valueFieldInitializer(f), docs: [`${f.name} as set, for its writer.`] }));
}

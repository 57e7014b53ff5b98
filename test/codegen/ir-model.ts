/**
 * Schema-driven test harness: fast-check arbitraries for any message of an IR, and generic encode/check
 * walkers that drive generated flyweights by their accessor names. A field whose value is `undefined` is
 * left unset, so the reset-to-null/zero behaviour of wrap() and next() is exercised too.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { PRIMITIVES, type FieldIR, type GroupIR, type MessageIR, type SchemaIR, type VarDataIR } from "../../compiler/ir.js";

type Block = { fields: FieldIR[]; groups: GroupIR[]; varData: VarDataIR[] };
export type BlockValue = { [name: string]: unknown };

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const asciiString = (max: number, min = 0) => fc.array(printable, { minLength: min, maxLength: max }).map((a) => a.join(""));
const utf8Length = (s: string) => Buffer.byteLength(s, "utf8");


function fieldArbitrary(schema: SchemaIR, f: FieldIR): fc.Arbitrary<unknown> {
  const t = f.type;
  let arb: fc.Arbitrary<unknown>;
  switch (t.kind) {
    case "int":
      arb =
        t.prim === "int64"
          ? fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -1000, max: 1000 }))
          : t.prim === "uint64"
            ? fc.oneof(fc.maxSafeNat(), fc.integer({ min: 0, max: 1000 }))
            : fc.integer({ min: PRIMITIVES[t.prim].min, max: PRIMITIVES[t.prim].max });
      break;
    case "decimal": {
      // The mantissa round-trips exactly; 2^50 keeps v × 10^scale within one rounding of it.
      const m = t.prim === "int32" ? fc.integer({ min: -2147483647, max: 2147483647 }) : fc.integer({ min: -(2 ** 50), max: 2 ** 50 });
      arb = m.map((mantissa) => mantissa / 10 ** t.scale);
      break;
    }
    case "float":
      arb = t.prim === "float" ? fc.float({ noNaN: true }) : fc.double({ noNaN: true });
      break;
    case "boolean":
      arb = fc.boolean();
      break;
    case "char":
      arb = printable;
      break;
    case "chars":
      // An optional empty string is indistinguishable from absent (all NUL), so optional values are non-empty.
      arb = asciiString(t.length, f.optional ? 1 : 0);
      break;
    case "bytes":
      arb = fc.uint8Array({ minLength: t.length, maxLength: t.length });
      break;
    case "enum": {
      const e = schema.enums.find((x) => x.name === t.enumName)!;
      arb = fc.constantFrom(...e.values.map((v) => v.value));
      break;
    }
    case "set":
      arb =
        t.prim === "uint32"
          ? fc.integer({ min: 0, max: 4294967295 })
          : fc.integer({ min: 0, max: (t.prim === "uint8" ? 0xff : 0xffff) - (f.optional ? 1 : 0) });
      break;
  }
  // undefined: the setter is not called; null: written as absent.
  return fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) }, ...(f.optional ? [{ weight: 2, arbitrary: fc.constant(null) }] : []));
}

/** Any Unicode scalar values (fast-check's own "binary" strings are slow to generate). */
const unicodeString = (maxLength: number) =>
  fc
    .array(
      fc.oneof(
        fc.integer({ min: 0x20, max: 0x7e }),
        fc.integer({ min: 0, max: 0x10ffff - 0x800 }).map((c) => (c >= 0xd800 ? c + 0x800 : c)),
      ),
      { maxLength },
    )
    .map((codePoints) => String.fromCodePoint(...codePoints));

function varDataArbitrary(v: VarDataIR): fc.Arbitrary<unknown> {
  // Up to 4 UTF-8 bytes per code point keeps any string within the maximum without filtering (filters are slow),
  // and a full-length ASCII string checks the limit itself.
  const full = fc.integer({ min: 0x41, max: 0x5a }).map((c) => String.fromCharCode(c).repeat(v.maxLength));
  const arb =
    v.kind === "varchars"
      ? fc.oneof({ weight: 4, arbitrary: unicodeString(Math.floor(v.maxLength / 4)) }, { weight: 1, arbitrary: full })
      : fc.uint8Array({ maxLength: Math.min(v.maxLength, 64) });
  return fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) });
}

export function blockArbitrary(schema: SchemaIR, b: Block, depth = 0): fc.Arbitrary<BlockValue> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of b.fields) shape[f.name] = fieldArbitrary(schema, f);
  for (const g of b.groups) {
    shape[g.name] = fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 4, arbitrary: fc.array(blockArbitrary(schema, g, depth + 1), { maxLength: depth === 0 ? 3 : 2 }) },
    );
  }
  for (const v of b.varData) shape[v.name] = varDataArbitrary(v);
  return fc.record(shape) as fc.Arbitrary<BlockValue>;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Writes `value` through a message or group-entry encoder, in schema order. */
export function encodeBlock(enc: any, b: Block, value: BlockValue): void {
  for (const f of b.fields) {
    const v = value[f.name];
    if (v !== undefined) enc[f.name](v);
  }
  for (const g of b.groups) {
    const entries = value[g.name] as BlockValue[] | undefined;
    if (entries === undefined) continue;
    const ge = enc[`${g.name}Count`](entries.length);
    for (const entry of entries) encodeBlock(ge.next(), g, entry);
  }
  for (const v of b.varData) {
    const data = value[v.name];
    if (data !== undefined) enc[v.name](data);
  }
}

/** What a decoder must return for a field written as `v` (undefined: never set). */
function expectedField(f: FieldIR, v: unknown): unknown {
  if (v !== undefined) return v;
  if (f.optional) return null;
  switch (f.type.kind) {
    case "boolean":
      return false;
    case "char":
    case "chars":
      return "";
    case "bytes":
      return new Uint8Array(f.type.length);
    default:
      return 0;
  }
}

/** Checks every accessor of a decoder (positioned on a message or entry) against `value`. */
export function checkBlock(dec: any, b: Block, value: BlockValue, path: string): void {
  for (const f of b.fields) {
    const want = expectedField(f, value[f.name]);
    const where = `${path}.${f.name}`;
    if (f.type.kind === "bytes") {
      expect(Array.from(dec[f.name]() as Uint8Array), where).toEqual(Array.from(want as Uint8Array));
      continue;
    }
    expect(dec[f.name](), where).toEqual(want);
    if (f.optional) expect(dec[`has${cap(f.name)}`](), where).toBe(want !== null);
    if (f.type.kind === "chars" && typeof want === "string") {
      expect(dec[`${f.name}Equals`](want), where).toBe(true);
      expect(dec[`${f.name}Equals`](want + "~"), where).toBe(false);
      const key = dec.constructor[`${f.name}Key`];
      expect(dec[`${f.name}EqualsKey`](key(want)), where).toBe(true);
      if (want.length < f.type.length) expect(dec[`${f.name}EqualsKey`](key(want + "~")), where).toBe(false);
      if (want.length > 0) expect(dec[`${f.name}EqualsKey`](key(want.slice(0, -1))), where).toBe(false);
      expect(dec[`${f.name}Interned`](), where).toBe(want);
      const dst = new Uint8Array(f.type.length + 2);
      expect(dec[`get${cap(f.name)}`](dst, 2), where).toBe(want.length);
    }
    if (f.type.kind === "chars" && want === null) {
      expect(dec[`${f.name}EqualsKey`](dec.constructor[`${f.name}Key`]("")), where).toBe(true);
    }
    if (f.type.kind === "decimal" && typeof want === "number") {
      expect(dec[`${f.name}Raw`](), where).toBe(Math.round(want * 10 ** f.type.scale));
    }
    if ((f.type.kind === "int" && f.type.prim.endsWith("64")) && typeof want === "number") {
      expect(dec[`${f.name}Big`](), where).toBe(BigInt(want));
    }
  }
  for (const g of b.groups) {
    const entries = (value[g.name] as BlockValue[] | undefined) ?? [];
    const gd = dec[g.name]();
    expect(gd.count, `${path}.${g.name}.count`).toBe(entries.length);
    entries.forEach((entry, i) => {
      expect(gd.hasNext()).toBe(true);
      checkBlock(gd.next(), g, entry, `${path}.${g.name}[${i}]`);
    });
    expect(gd.hasNext()).toBe(false);
  }
  for (const v of b.varData) {
    const data = value[v.name];
    const where = `${path}.${v.name}`;
    if (v.kind === "varchars") {
      const s = (data as string | undefined) ?? "";
      expect(dec[v.name](), where).toBe(s);
      expect(dec[`${v.name}Length`](), where).toBe(utf8Length(s));
    } else {
      const bytes = (data as Uint8Array | undefined) ?? new Uint8Array(0);
      expect(Array.from(dec[v.name]() as Uint8Array), where).toEqual(Array.from(bytes));
    }
  }
}

export function messageByName(schema: SchemaIR, name: string): MessageIR {
  const m = schema.messages.find((x) => x.name === name);
  if (!m) throw new Error(`no message ${name}`);
  return m;
}

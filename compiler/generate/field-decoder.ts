/**
 * Accessors of one fixed field for a message or group-entry decoder: a read at a constant offset from
 * `this._at` (the start of the current block), no bounds checks (wrap() validated the message), a null check
 * for optional fields, and a version gate for fields newer than the schema's first version: such a field
 * reads as absent when the sender's (acting) version predates it.
 */
import type { EnumIR, FieldIR } from "../ir.js";
import type { FieldContext, Method } from "./field-encoder.js";
import { docText } from "./names.js";
import { is64 } from "./wide.js";
import { isPreRead, wideGetters } from "./wide-decoder.js";
import { codeWirePrim, enumNullLiteral, nullLiteral, readExpr, type Prim32 } from "./wire.js";

/** Names of the decoder members a field generates (for the collision check). */
export function decoderMemberNames(field: FieldIR): string[] {
  const n = field.name;
  const cap = n.charAt(0).toUpperCase() + n.slice(1);
  const names = [n];
  const t = field.type;
  if ((t.kind === "int" && (t.prim === "int64" || t.prim === "uint64")) || (t.kind === "decimal" && t.prim === "int64")) {
    names.push(`${n}Big`);
  }
  if (t.kind === "decimal") names.push(`${n}Raw`);
  if (field.optional && (t.kind === "int" || t.kind === "decimal" || t.kind === "float")) names.push(`${n}Or`);
  if (field.optional && t.kind === "decimal") names.push(`${n}RawOr`);
  if (t.kind === "chars") names.push(`${n}Interned`, `${n}Equals`, `${n}EqualsKey`, `${n}Key`, `get${cap}`);
  if (t.kind === "bytes") names.push(`get${cap}`);
  if (field.optional && t.kind !== "bytes") names.push(`has${cap}`);
  return names;
}

export function decoderFieldMethods(field: FieldIR, ctx: FieldContext): Method[] {
  const t = field.type;
  const n = field.name;
  const cap = n.charAt(0).toUpperCase() + n.slice(1);
  const at = field.offset === 0 ? "this._at" : `this._at + ${field.offset}`;
  const where = JSON.stringify(`${ctx.path}.${n}`);
  const opt = field.optional;
  const doc = (what: string) => [docText(`${n}: ${what}`, field.pos, field.doc)];
  /** The version gate: first statement of every accessor of a field added after version 0. */
  const gate = (absent: string) => (field.since > 0 ? [`if (this._version < ${field.since}) return ${absent};`] : []);
  const absentValue = (requiredAbsent: string) => (opt ? "null" : requiredAbsent);
  const ret = (type: string) => (opt ? `${type} | null` : type);
  const methods: Method[] = [];
  const hasNull = (nullCheck: string) => {
    if (!opt) return;
    methods.push({
      name: `has${cap}`,
      returnType: "boolean",
      docs: [docText(`Whether ${n} is present (not null, and not newer than the sender's version)`, field.pos)],
      statements: [...gate("false"), `return !(${nullCheck});`],
    });
  };

  if (isPreRead(field)) {
    const hasDoc = [docText(`Whether ${n} is present (not null, and not newer than the sender's version)`, field.pos)];
    methods.push(...wideGetters(ctx.fields ?? [field], field, ctx, doc, hasDoc));
    if (is64(field) && (t.kind === "int" || t.kind === "decimal")) {
      const signed = t.prim === "int64";
      const bigNull = signed ? "-9223372036854775808n" : "18446744073709551615n";
      methods.push({
        name: `${n}Big`,
        returnType: ret("bigint"),
        docs: doc(`${t.kind === "decimal" ? "the stored integer" : t.prim} as a bigint: any value (allocates the bigint)`),
        statements: [
          ...gate(absentValue("0n")),
          `const v = this._dv.get${signed ? "BigInt64" : "BigUint64"}(${at}, true);`,
          opt ? `return v === ${bigNull} ? null : v;` : `return v;`,
        ],
      });
    }
    return methods;
  }
  switch (t.kind) {
    case "int": {
      const prim = t.prim as Prim32; // int64 and uint64 are pre-read, and so is a uint32 unless read in place
      const read = readExpr(prim, at);
      const nullLit = nullLiteral(prim);
      methods.push({
        name: n,
        returnType: ret("number"),
        docs: doc(prim),
        statements: [
          ...gate(absentValue("0")),
          ...(opt ? [`const v = ${read};`, `return v === ${nullLit} ? null : v;`] : [`return ${read};`]),
        ],
      });
      if (opt) {
        methods.push({
          name: `${n}Or`,
          parameters: [{ name: "fallback", type: "number" }],
          returnType: "number",
          docs: doc(`like ${n}(), but returns \`fallback\` when absent (no \`number | null\` result)`),
          statements: [...gate("fallback"), `const v = ${read};`, `return v === ${nullLit} ? fallback : v;`],
        });
      }
      hasNull(`${read} === ${nullLit}`);
      return methods;
    }
    case "float":
      // Only a float that isPreRead() leaves to its getter gets here: required, so no null check.
      methods.push({ name: n, returnType: "number", docs: doc(t.prim === "float" ? "float32" : "float64"), statements: [`return ${readExpr(t.prim, at)};`] });
      return methods;
    case "decimal":
      throw new Error(`${ctx.path}.${n}: a pre-read field, generated by wide-decoder.ts`);
    case "boolean": {
      const read = readExpr("uint8", at);
      methods.push({
        name: n,
        returnType: ret("boolean"),
        docs: doc("boolean"),
        statements: [
          ...gate(absentValue("false")),
          ...(opt ? [`const v = ${read};`, `return v === 255 ? null : v !== 0;`] : [`return ${read} !== 0;`]),
        ],
      });
      hasNull(`${read} === 255`);
      return methods;
    }
    case "char": {
      const read = readExpr("uint8", at);
      methods.push({
        name: n,
        returnType: ret("string"),
        docs: doc("one US-ASCII character (single-character strings are not allocated)"),
        statements: [
          ...gate(absentValue('""')),
          `const c = ${read};`,
          `return c === 0 ? ${opt ? "null" : '""'} : String.fromCharCode(c);`,
        ],
      });
      hasNull(`${read} === 0`);
      return methods;
    }
    case "chars": {
      const len = t.length;
      const empty = opt ? [`if (this._buf[at] === 0) return null;`] : [];
      methods.push(
        {
          name: n,
          returnType: ret("string"),
          docs: doc(`chars(${len}) as a string, trailing NULs dropped (allocates the string)`),
          statements: [...gate(absentValue('""')), `const at = ${at};`, ...empty, `return readAscii(this._buf, at, ${len});`],
        },
        {
          name: `${n}Interned`,
          returnType: ret("string"),
          docs: doc(`like ${n}(), but repeated values return the same string object from a cache (close to zero allocation)`),
          statements: [...gate(absentValue('""')), `const at = ${at};`, ...empty, `return internAscii(this._buf, at, ${len});`],
        },
        {
          name: `${n}Equals`,
          parameters: [{ name: "s", type: "string" }],
          returnType: "boolean",
          docs: doc("whether the value equals s, compared in place (no allocation)"),
          statements: [...gate('s === ""'), `return asciiEquals(this._buf, ${at}, ${len}, s);`],
        },
        {
          name: `${n}EqualsKey`,
          parameters: [{ name: "key", type: "Int32Array" }],
          returnType: "boolean",
          docs: doc(`whether the value equals the one \`${n}Key()\` pre-encoded in key, compared in place a 32-bit word at a time`),
          statements: [
            ...gate("key[0] === 0"),
            `if (key.length !== ${Math.ceil(len / 4)}) throw keyFail(${where}, ${len}, key);`,
            `const dv = this._dv;`,
            `const at = ${at};`,
            `return ${keyWordChecks(len).join(" && ")};`,
          ],
        },
        {
          name: `${n}Key`,
          isStatic: true,
          parameters: [{ name: "s", type: "string" }],
          returnType: "Int32Array",
          docs: doc(`pre-encodes s for \`${n}EqualsKey()\` (allocates the key: make it once per value); throws CodecError as the encoder would for s`),
          statements: [`return asciiKey(s, ${len}, ${where});`],
        },
        {
          name: `get${cap}`,
          parameters: [
            { name: "dst", type: "Uint8Array" },
            { name: "dstOffset", type: "number", initializer: "0" },
          ],
          returnType: "number",
          docs: doc("copies the value's bytes (without padding) into dst; returns their count"),
          statements: [
            ...gate("0"),
            `const at = ${at};`,
            `return copyOut(this._buf, at, asciiLength(this._buf, at, ${len}), dst, dstOffset, ${where});`,
          ],
        },
      );
      hasNull(`this._buf[${at}] === 0`);
      return methods;
    }
    case "bytes":
      methods.push(
        {
          name: n,
          returnType: "Uint8Array",
          docs: doc(`bytes(${t.length}) as a view into the message buffer (allocates the view object)`),
          statements: [...gate("this._buf.subarray(0, 0)"), `const at = ${at};`, `return this._buf.subarray(at, at + ${t.length});`],
        },
        {
          name: `get${cap}`,
          parameters: [
            { name: "dst", type: "Uint8Array" },
            { name: "dstOffset", type: "number", initializer: "0" },
          ],
          returnType: "number",
          docs: doc(`copies the ${t.length} bytes into dst; returns ${t.length}`),
          statements: [...gate("0"), `return copyOut(this._buf, ${at}, ${t.length}, dst, dstOffset, ${where});`],
        },
      );
      return methods;
    case "enum": {
      const e: EnumIR | undefined = ctx.enums.get(t.enumName);
      const type = e && e.declared ? t.enumName : "number";
      const wire = codeWirePrim(t.prim);
      const read = readExpr(wire, at);
      const cast = type === "number" ? "" : ` as ${type}`;
      const nullLit = enumNullLiteral(t.prim);
      methods.push({
        name: n,
        returnType: ret(type),
        docs: doc(
          `a ${t.enumName} code${type === "number" ? "" : "; a newer sender may send a code this schema does not name"}`,
        ),
        statements: [
          ...gate(opt ? "null" : `0${cast}`),
          ...(opt ? [`const v = ${read};`, `return v === ${nullLit} ? null : v${cast};`] : [`return ${read}${cast};`]),
        ],
      });
      hasNull(`${read} === ${nullLit}`);
      return methods;
    }
    case "set": {
      const read = readExpr(t.prim, at);
      const nullLit = nullLiteral(t.prim);
      methods.push({
        name: n,
        returnType: ret("number"),
        docs: doc(`a mask of ${t.setName} choices (test with \`& ${t.setName}.Choice\`)`),
        statements: [
          ...gate(absentValue("0")),
          ...(opt ? [`const v = ${read};`, `return v === ${nullLit} ? null : v;`] : [`return ${read};`]),
        ],
      });
      hasNull(`${read} === ${nullLit}`);
      return methods;
    }
  }
}

/** The expression toJSON() uses for a field: never throws, 64-bit values beyond the exact range as strings. */
export function jsonValueExpr(field: FieldIR, enums: ReadonlyMap<string, EnumIR>): string {
  const t = field.type;
  const n = field.name;
  const at = field.offset === 0 ? "this._at" : `this._at + ${field.offset}`;
  const gated = (expr: string, absent: string) =>
    field.since > 0 ? `this._version < ${field.since} ? ${absent} : ${expr}` : expr;
  const absent = field.optional ? "null" : "0";
  switch (t.kind) {
    case "int":
    case "decimal": {
      const scale = t.kind === "decimal" ? t.scale : 0;
      if (t.prim === "int64" || t.prim === "uint64") {
        const big = `this.${n}Big()`;
        const expr = field.optional ? `this.has${upper(n)}() ? int64ToJson(${big}!, ${scale}) : null` : `int64ToJson(${big}, ${scale})`;
        return field.since > 0 ? `(${gated(expr, absent)})` : expr;
      }
      return `this.${n}()`;
    }
    case "enum": {
      const e = enums.get(t.enumName);
      if (!e || !e.declared) return `this.${n}()`;
      const fn = `${e.name.charAt(0).toLowerCase()}${e.name.slice(1)}Name`;
      return `jsonEnum(this.${n}(), ${fn})`;
    }
    case "set": {
      const fn = `${t.setName.charAt(0).toLowerCase()}${t.setName.slice(1)}Names`;
      return `jsonSet(this.${n}(), ${fn})`;
    }
    case "bytes":
      return gated(`toHex(this._buf, ${at}, ${t.length})`, '""');
    default:
      return `this.${n}()`;
  }
}

function upper(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The comparisons of `xEqualsKey()`: one little-endian 32-bit read per whole word of the field, then its 1–3
 * tail bytes read as one number, each against the key's word (see asciiKey() in the runtime).
 */
function keyWordChecks(capacity: number): string[] {
  const checks: string[] = [];
  const word = (i: number, read: string) => checks.push(`${read} === key[${i}]`);
  const off = (o: number) => (o === 0 ? "at" : `at + ${o}`);
  let i = 0;
  for (; (i + 1) * 4 <= capacity; i++) word(i, `dv.getInt32(${off(i * 4)}, true)`);
  const tail = capacity - i * 4;
  if (tail === 1) word(i, `dv.getUint8(${off(i * 4)})`);
  if (tail === 2) word(i, `dv.getUint16(${off(i * 4)}, true)`);
  if (tail === 3) word(i, `(dv.getUint16(${off(i * 4)}, true) | (dv.getUint8(${off(i * 4 + 2)}) << 16))`);
  return checks;
}

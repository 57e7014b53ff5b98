/**
 * Narrow fields of an encoder block (everything that is not wide, see wide.ts) are written by their setters
 * directly. A new block must not keep a previous message's bytes where the caller sets nothing, but clearing
 * every narrow byte in wrap()/next() costs a DataView store per 4 bytes on every block, for bytes that the
 * setters then overwrite. Instead each setter sets its field's bit in `_written`, and `_flush()` (run when the
 * encoder moves on, like for wide fields) compares it with "all set" once; only when some field was not set
 * does the cold `_writeUnset()` write those fields' defaults (0, or the null of an optional field).
 *
 * One 30-bit mask per block: blocks with more narrow fields keep clearing their bytes in wrap()/next().
 */
import { Scope } from "ts-morph";
import type { FieldIR } from "../ir.js";
import type { Method } from "./field-encoder.js";
import { blockTemplate, isWide } from "./wide.js";
import { writeStmt, type Prim32 } from "./wire.js";

/** Bits of a V8 small integer we use (a mask up to 2^30 − 1 stays a Smi). */
const MAX_MASKED = 30;

export interface NarrowMask {
  /** The narrow fields in bit order (bit i is field i). */
  fields: FieldIR[];
  /** The mask with every field's bit set. */
  all: number;
}

/** The block's written-mask, or undefined when it has no narrow field or too many for one mask. */
export function narrowMask(fields: readonly FieldIR[]): NarrowMask | undefined {
  const narrow = fields.filter((f) => !isWide(f));
  if (narrow.length === 0 || narrow.length > MAX_MASKED) return undefined;
  return { fields: narrow, all: 2 ** narrow.length - 1 };
}

/** The field's setters, each marking the field written just before it returns (not when it throws). */
export function markWritten(mask: NarrowMask, f: FieldIR, setters: Method[]): Method[] {
  const bit = 2 ** mask.fields.indexOf(f);
  const mark = `this._written |= ${bit};`;
  return setters.map((m) =>
    m.returnType !== "this" ? m : { ...m, statements: (m.statements as string[]).flatMap((s) => (s === "return this;" ? [mark, s] : [s])) },
  );
}

export const writtenProperty = {
  name: "_written",
  type: "number",
  initializer: "0",
  scope: Scope.Private,
  docs: ["Narrow fields set in the current block, one bit each; _flush() writes the defaults of the others."],
};

/** The first statement of `_flush()`: the one check of the common case, every narrow field set. */
export function checkWrittenStatements(mask: NarrowMask): string[] {
  return [`if (this._written !== ${mask.all}) this._writeUnset();`];
}

/** `_writeUnset()`: writes the default (0, or null when optional) of every narrow field not set. */
export function writeUnsetMethod(mask: NarrowMask, blockLength: number): Method {
  const template = blockTemplate(mask.fields, blockLength);
  const statements = [`const w = this._written;`, `const dv = this._dv;`, `const at = this._at;`];
  mask.fields.forEach((f, i) => {
    const stores: string[] = [];
    let o = f.offset;
    const end = f.offset + f.size;
    while (o < end) {
      const n = end - o >= 4 ? 4 : end - o >= 2 ? 2 : 1;
      const prim: Prim32 = n === 4 ? "uint32" : n === 2 ? "uint16" : "uint8";
      let v = 0;
      for (let k = n - 1; k >= 0; k--) v = v * 256 + template[o + k]!;
      stores.push(writeStmt(prim, o === 0 ? "at" : `at + ${o}`, String(v), "dv"));
      o += n;
    }
    statements.push(`if ((w & ${2 ** i}) === 0) {`, ...stores, `}`);
  });
  statements.push(`this._written = ${mask.all};`);
  return {
    name: "_writeUnset",
    scope: Scope.Private,
    returnType: "void",
    docs: ["The cold path of _flush(): writes the default (0, or null when optional) of each narrow field not set."],
    statements,
  };
}

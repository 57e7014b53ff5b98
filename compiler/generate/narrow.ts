/**
 * Which fields of an encoder block have been set, so that the ones left unset get their default (0, or the
 * null of an optional field) without clearing the block up front: clearing every byte in wrap()/next() costs
 * stores on every block for bytes that the setters then overwrite. Each setter sets its field's bit in
 * `_written`, and the block is completed (on the next entry, or when the encoder moves past the block) by
 * comparing it with "all set" once; only when some field was not set does the cold `_writeUnset()` write
 * those fields' defaults.
 *
 * A root block tracks its narrow fields only (its wide fields are always written by `_flush()`, see wide.ts);
 * a group entry tracks every field, since its setters write wide fields at once. One 30-bit mask per block:
 * blocks with more fields keep clearing their bytes in wrap()/next().
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
  /** Whether wide fields are tracked too (group entries). */
  wide: boolean;
}

/**
 * The block's written-mask over its narrow fields (`wide`: over all its fields), or undefined when there is
 * no such field or too many for one mask.
 */
export function narrowMask(fields: readonly FieldIR[], wide = false): NarrowMask | undefined {
  const tracked = wide ? [...fields] : fields.filter((f) => !isWide(f));
  if (tracked.length === 0 || tracked.length > MAX_MASKED) return undefined;
  return { fields: tracked, all: 2 ** tracked.length - 1, wide };
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
  docs: ["Fields set in the current block, one bit each; completing the block writes the defaults of the others."],
};

/** Completing a block: the one check of the common case, every tracked field set. */
export function checkWrittenStatements(mask: NarrowMask): string[] {
  return [`if (this._written !== ${mask.all}) this._writeUnset();`];
}

/** `_writeUnset()`: writes the default (0, or null when optional) of every narrow field not set. */
export function writeUnsetMethod(mask: NarrowMask, blockLength: number): Method {
  const template = blockTemplate(mask.fields, blockLength, [], mask.wide);
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
    docs: ["The cold path of completing a block: writes the default (0, or null when optional) of each field not set."],
    statements,
  };
}

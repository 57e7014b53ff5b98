/**
 * Field types: `name: <type>` → the FieldType of the IR (fixed size) or a
 * var-data description. Resolves enum, set and constant names through the
 * scope; an enum that a CoralSequencer-form file uses through charEnum(E) &c.
 * without declaring it becomes an open enum (codes without names).
 */
import type { Span } from "../diagnostics.js";
import type { TypeRefAst } from "../idl/ast.js";
import type { EnumIR, FieldType, SetIR } from "../ir.js";
import { pos, type DeclarationContext } from "./declarations.js";
import { didYouMean } from "./suggest.js";

export type ResolvedType =
  | { kind: "fixed"; type: FieldType }
  | { kind: "var"; varKind: "varchars" | "varbytes"; maxLength: number };

const INT = (prim: Extract<FieldType, { kind: "int" }>["prim"]): FieldType => ({ kind: "int", prim });

/** Types that take no argument. */
const SCALARS: Record<string, FieldType> = {
  boolean: { kind: "boolean", prim: "uint8" },
  char: { kind: "char", prim: "char" },
  byte: INT("int8"),
  short: INT("int16"),
  int: INT("int32"),
  long: INT("int64"),
  ubyte: INT("uint8"),
  ushort: INT("uint16"),
  uint: INT("uint32"),
  ulong: INT("uint64"),
  int8: INT("int8"),
  int16: INT("int16"),
  int32: INT("int32"),
  int64: INT("int64"),
  uint8: INT("uint8"),
  uint16: INT("uint16"),
  uint32: INT("uint32"),
  uint64: INT("uint64"),
  float32: { kind: "float", prim: "float" },
  float64: { kind: "float", prim: "double" },
};

/** charEnum(E) &c.: the encoding the named enum must have. */
const ENUM_WRAPPERS: Record<string, EnumIR["prim"]> = {
  charEnum: "char",
  twoCharEnum: "twoChar",
  shortEnum: "int16",
  intEnum: "int32",
  byteEnum: "uint8",
};

const ENCODING_NAME: Record<EnumIR["prim"], string> = { char: "char", twoChar: "twoChar", int16: "short", int32: "int", uint8: "byte" };
const WRAPPER_OF: Record<EnumIR["prim"], string> = { char: "charEnum", twoChar: "twoCharEnum", int16: "shortEnum", int32: "intEnum", uint8: "byteEnum" };

export const MAX_FIXED_LENGTH = 65535;
export const MAX_VAR_LENGTH = 2 ** 30;

export const BUILTIN_TYPE_NAMES = [...Object.keys(SCALARS), "float", "double", "chars", "bytes", "varchars", "varbytes", ...Object.keys(ENUM_WRAPPERS)];

export class TypeResolver {
  /** Enums used without a declaration, by name. */
  readonly openEnums = new Map<string, EnumIR>();
  /** Imported enums and sets this schema uses, by name (copies with importedFrom set). */
  readonly usedImports = new Map<string, { kind: "enum"; value: EnumIR } | { kind: "set"; value: SetIR }>();

  constructor(private readonly ctx: DeclarationContext) {}

  resolve(ref: TypeRefAst): ResolvedType | undefined {
    const name = ref.name.text;
    const scalar = SCALARS[name];
    if (scalar) {
      if (ref.arg) return this.fail(ref.arg.span, `${name} takes no argument; write \`${name}\``);
      return { kind: "fixed", type: scalar };
    }
    switch (name) {
      case "float":
      case "double":
        return this.decimal(ref, name);
      case "chars":
      case "bytes": {
        const length = this.sizeArg(ref, 1, MAX_FIXED_LENGTH, `${name}(n) needs its length n: \`${name}(8)\``);
        if (length === undefined) return undefined;
        const type: FieldType = name === "chars" ? { kind: "chars", prim: "char", length } : { kind: "bytes", prim: "uint8", length };
        return { kind: "fixed", type };
      }
      case "varchars":
      case "varbytes": {
        const maxLength = this.sizeArg(ref, 1, MAX_VAR_LENGTH, `${name}(max) needs the largest length it accepts: \`${name}(256)\``);
        return maxLength === undefined ? undefined : { kind: "var", varKind: name, maxLength };
      }
    }
    const wrapped = ENUM_WRAPPERS[name];
    if (wrapped) return this.wrappedEnum(ref, wrapped);
    return this.namedType(ref);
  }

  /** float (= float(4)), float(p), double (IEEE), double(p). */
  private decimal(ref: TypeRefAst, name: "float" | "double"): ResolvedType | undefined {
    if (!ref.arg) {
      return name === "float"
        ? { kind: "fixed", type: { kind: "decimal", prim: "int32", scale: 4 } }
        : { kind: "fixed", type: { kind: "float", prim: "double" } };
    }
    const max = name === "float" ? 9 : 18;
    const hint = name === "float" ? "; for more places use double(p)" : "";
    const scale = this.sizeArg(ref, 1, max, "", `${name}(p) keeps p decimal places, 1..${max}${hint}`);
    if (scale === undefined) return undefined;
    return { kind: "fixed", type: { kind: "decimal", prim: name === "float" ? "int32" : "int64", scale } };
  }

  /** The argument of chars(n), bytes(n), varchars(max), varbytes(max), float(p), double(p). */
  private sizeArg(ref: TypeRefAst, min: number, max: number, missing: string, rangeText?: string): number | undefined {
    const arg = ref.arg;
    if (!arg) return this.fail(ref.span, missing);
    let value: number;
    if (arg.kind === "number") {
      value = arg.value;
    } else {
      const constant = this.constant(arg.text, arg.span);
      if (constant === undefined) return undefined;
      value = constant;
    }
    if (!Number.isInteger(value) || value < min || value > max) {
      const range = rangeText ?? `the length of ${ref.name.text}(n) must be ${min}..${max}`;
      return this.fail(arg.span, `${value} is out of range: ${range}`);
    }
    return value;
  }

  /** A constant by name; `a.b.C.NAME` resolves by its last segment. */
  private constant(qualified: string, span: Span): number | undefined {
    const name = qualified.split(".").pop()!;
    const entry = this.ctx.scope.lookup(name);
    if (this.ctx.scope.isBroken(name)) return undefined;
    if (!entry) {
      return this.fail(span, `unknown constant '${qualified}'${didYouMean(name, this.ctx.scope.names("const"))} Declare it: \`CONST ${name} = 8\``);
    }
    if (entry.declaration.kind !== "const") {
      return this.fail(span, `'${name}' is ${article(entry.declaration.kind)} ${entry.declaration.kind.toUpperCase()}, not a CONST; a size is a number or a CONST`);
    }
    if (!this.unambiguous(name, span)) return undefined;
    return entry.declaration.value.value;
  }

  private wrappedEnum(ref: TypeRefAst, prim: EnumIR["prim"]): ResolvedType | undefined {
    const wrapper = ref.name.text;
    if (!ref.arg || ref.arg.kind !== "name") {
      return this.fail(ref.arg?.span ?? ref.span, `${wrapper}(E) needs the name of an enum: \`${wrapper}(Side)\``);
    }
    const name = ref.arg.text.split(".").pop()!;
    const span = ref.arg.span;
    if (this.ctx.scope.isBroken(name)) return undefined;
    const entry = this.ctx.scope.lookup(name);
    if (entry) {
      const d = entry.declaration;
      if (d.kind !== "enum") return this.fail(span, `'${name}' is ${article(d.kind)} ${d.kind.toUpperCase()}, not an ENUM; ${wrapper}() takes an enum`);
      if (d.value.prim !== prim) {
        return this.fail(
          span,
          `${name} is a ${ENCODING_NAME[d.value.prim]} enum, so it is used as ${WRAPPER_OF[d.value.prim]}(${name}) ` +
            `(or just \`${name}\`), not ${wrapper}(${name})`,
        );
      }
      if (!this.unambiguous(name, span)) return undefined;
      this.noteImport(name);
      return { kind: "fixed", type: { kind: "enum", enumName: name, prim } };
    }
    const open = this.openEnums.get(name);
    if (open && open.prim !== prim) {
      return this.fail(span, `${name} is used as ${WRAPPER_OF[open.prim]}(${name}) on line ${open.pos.line}; an enum has one encoding, so use that here too`);
    }
    if (!open) {
      this.openEnums.set(name, { name, prim, values: [], declared: false, pos: pos(this.ctx, span) });
      this.ctx.bag.warning(
        span,
        `enum ${name} is not declared: its codes are carried as plain numbers with no names. To name them, declare it: ` +
          `\`ENUM ${name}: ${ENCODING_NAME[prim]}\` with one indented \`Value = ${prim === "char" ? "'A'" : prim === "twoChar" ? '"AB"' : "1"}\` line per value`,
      );
    }
    return { kind: "fixed", type: { kind: "enum", enumName: name, prim } };
  }

  /** `side: Side` — a declared enum or set. */
  private namedType(ref: TypeRefAst): ResolvedType | undefined {
    const name = ref.name.text;
    if (this.ctx.scope.isBroken(name)) return undefined;
    const entry = this.ctx.scope.lookup(name);
    if (!entry) {
      const candidates = [...BUILTIN_TYPE_NAMES, ...this.ctx.scope.names("enum"), ...this.ctx.scope.names("set")];
      return this.fail(ref.name.span, `unknown type '${name}'${didYouMean(name, candidates)} See docs/IDL.md for the types`);
    }
    const d = entry.declaration;
    if (d.kind === "const") return this.fail(ref.name.span, `'${name}' is a CONST, not a type; a constant can only be a size, as in chars(${name})`);
    if (ref.arg) return this.fail(ref.arg.span, `${name} takes no argument`);
    if (!this.unambiguous(name, ref.name.span)) return undefined;
    this.noteImport(name);
    if (d.kind === "enum") return { kind: "fixed", type: { kind: "enum", enumName: name, prim: d.value.prim } };
    return { kind: "fixed", type: { kind: "set", setName: name, prim: d.value.prim } };
  }

  private unambiguous(name: string, span: Span): boolean {
    const entry = this.ctx.scope.lookup(name)!;
    if (!entry.alsoIn) return true;
    this.ctx.bag.error(span, `'${name}' is declared by several imports (${[entry.imported!.file, ...entry.alsoIn].join(", ")}); rename it in all but one`);
    return false;
  }

  private noteImport(name: string): void {
    const entry = this.ctx.scope.lookup(name)!;
    if (!entry.imported || this.usedImports.has(name)) return;
    const d = entry.declaration;
    const importedFrom = entry.imported.specifier;
    if (d.kind === "enum") this.usedImports.set(name, { kind: "enum", value: { ...d.value, importedFrom } });
    else if (d.kind === "set") this.usedImports.set(name, { kind: "set", value: { ...d.value, importedFrom } });
  }

  private fail(span: Span, message: string): undefined {
    this.ctx.bag.error(span, message);
    return undefined;
  }
}

function article(kind: string): string {
  return kind === "enum" ? "an" : "a";
}

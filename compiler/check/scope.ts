/**
 * The names a schema can refer to: its own CONST, ENUM and SET declarations
 * and those of the schemas it imports. The three share one namespace, because
 * each becomes an exported constant of the generated module.
 */
import type { DiagnosticBag, Span } from "../diagnostics.js";
import type { ConstantIR, EnumIR, SetIR } from "../ir.js";
import type { CheckedSchema } from "./checked-schema.js";

/** A schema imported by the one being checked, already checked itself. */
export interface ImportedSchema {
  /** Module specifier of its generated module, relative to the importer's ("./common.js"). */
  specifier: string;
  file: string;
  schema: CheckedSchema;
}

export type Declaration =
  | { kind: "const"; value: ConstantIR }
  | { kind: "enum"; value: EnumIR }
  | { kind: "set"; value: SetIR };

export interface ScopeEntry {
  declaration: Declaration;
  /** Set when the name comes from an import. */
  imported?: { specifier: string; file: string };
  /** Other imports that declare the same name: using it is ambiguous. */
  alsoIn?: string[];
}

export class Scope {
  private readonly entries = new Map<string, ScopeEntry>();
  /** Names whose declaration was broken (already reported): uses of them report nothing more. */
  private readonly broken = new Set<string>();

  constructor(imports: ImportedSchema[]) {
    for (const imported of imports) {
      const from = { specifier: imported.specifier, file: imported.file };
      const s = imported.schema;
      for (const c of s.constants) this.addImported(c.name, { kind: "const", value: c }, from);
      for (const e of s.enums) if (e.declared && !e.importedFrom) this.addImported(e.name, { kind: "enum", value: e }, from);
      for (const t of s.sets) if (!t.importedFrom) this.addImported(t.name, { kind: "set", value: t }, from);
    }
  }

  private addImported(name: string, declaration: Declaration, imported: { specifier: string; file: string }): void {
    const existing = this.entries.get(name);
    if (existing) (existing.alsoIn ??= []).push(imported.file);
    else this.entries.set(name, { declaration, imported });
  }

  /** Adds a local declaration; false (with an error) when the name is taken. */
  declare(name: string, span: Span, declaration: Declaration, firstLineOf: (d: Declaration) => number, bag: DiagnosticBag): boolean {
    const existing = this.entries.get(name);
    if (existing?.imported) {
      bag.error(span, `'${name}' is already declared in ${existing.imported.file}, which this file imports; rename one of them`);
      return false;
    }
    if (existing) {
      bag.error(
        span,
        `'${name}' is already declared (${existing.declaration.kind.toUpperCase()} on line ${firstLineOf(existing.declaration)}); ` +
          `CONST, ENUM and SET names must be unique within a schema`,
      );
      return false;
    }
    this.entries.set(name, { declaration });
    return true;
  }

  markBroken(name: string): void {
    this.broken.add(name);
  }

  isBroken(name: string): boolean {
    return this.broken.has(name);
  }

  lookup(name: string): ScopeEntry | undefined {
    return this.entries.get(name);
  }

  names(kind?: Declaration["kind"]): string[] {
    return [...this.entries].filter(([, e]) => kind === undefined || e.declaration.kind === kind).map(([n]) => n);
  }
}

/** Words a generated `export const <Name>` cannot use. */
export const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN Infinity"
  ).split(" "),
);

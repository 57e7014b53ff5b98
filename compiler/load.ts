/**
 * Entry point of the front end: .idl files → SchemaIR, following IMPORT lines.
 *
 *   read → parse (idl/) → check (check/) → lay out (layout.ts)
 *
 * Imported files are checked before the files importing them, so the
 * importer sees their enums, sets and constants. An imported file that is not
 * among the inputs is loaded too and becomes a schema of its own, generated
 * next to its importer (its module name follows the relative path between the
 * two .idl files).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { checkSchema, type CheckedSchema, type ImportedSchema } from "./check/index.js";
import { readFileSettings } from "./check/settings.js";
import { DiagnosticBag, sortDiagnostics, type Span } from "./diagnostics.js";
import type { SchemaAst } from "./idl/ast.js";
import { parseIdl } from "./idl/parse.js";
import type { Diagnostic, SchemaIR } from "./ir.js";
import { layoutSchema } from "./layout.js";

export interface SchemaInput {
  file: string;
  /** Output path without extension, relative to the output directory ("exchange", "sub/orders"). */
  moduleName: string;
}

export interface LoadResult {
  schemas: SchemaIR[];
  diagnostics: Diagnostic[];
  /** file → text, for printing diagnostics with their source line. */
  sources: Map<string, string>;
}

interface LoadedFile {
  file: string;
  moduleName: string;
  ast?: SchemaAst;
  bag: DiagnosticBag;
  imports: { target: LoadedFile; span: Span }[];
  checked?: CheckedSchema;
}

const defaultReadFile = (p: string): string => readFileSync(p, "utf8");

export function loadSchemas(inputs: SchemaInput[], readFile: (path: string) => string = defaultReadFile): LoadResult {
  const sources = new Map<string, string>();
  const files = new Map<string, LoadedFile>(); // by resolved path
  const order: LoadedFile[] = [];

  const read = (file: string): string | Error => {
    try {
      return readFile(file);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  };
  const add = (file: string, moduleName: string, text: string | Error): LoadedFile => {
    const loaded: LoadedFile = { file, moduleName, bag: new DiagnosticBag(file), imports: [] };
    files.set(path.resolve(file), loaded);
    order.push(loaded);
    if (text instanceof Error) {
      loaded.bag.error({ line: 1, col: 1, length: 1 }, `cannot read ${file}: ${text.message}`);
    } else {
      sources.set(file, text);
      loaded.ast = parseIdl(text, file, loaded.bag);
    }
    return loaded;
  };

  for (const input of inputs) {
    if (!files.has(path.resolve(input.file))) add(input.file, input.moduleName, read(input.file));
  }

  // Follow IMPORT lines (the list grows while we walk it).
  for (let i = 0; i < order.length; i++) {
    const importer = order[i]!;
    if (!importer.ast) continue;
    // Settings are read again (and reported) by the checker; here only the paths matter.
    const settings = readFileSettings(importer.ast.settings, importer.ast.form, new DiagnosticBag(importer.file));
    for (const imp of settings.imports) {
      const target = path.join(path.dirname(importer.file), imp.path);
      let loaded = files.get(path.resolve(target));
      if (!loaded) {
        const relative = path.relative(path.dirname(importer.file), target).split(path.sep).join("/");
        const moduleName = path.posix.normalize(path.posix.join(path.posix.dirname(importer.moduleName), relative.replace(/\.idl$/, "")));
        const text = read(target);
        if (text instanceof Error) {
          importer.bag.error(imp.span, `import not found: ${imp.path} (looked for ${target}: ${text.message})`);
          continue;
        }
        if (moduleName.startsWith("../")) {
          importer.bag.error(
            imp.span,
            `${imp.path} would be generated outside the output directory (as ${moduleName}.ts); pass it to coralc as an input too`,
          );
          continue;
        }
        loaded = add(target, moduleName, text);
      }
      importer.imports.push({ target: loaded, span: imp.span });
    }
  }

  // Check in dependency order; a cycle is reported at the IMPORT that closes it.
  const state = new Map<LoadedFile, "visiting" | "done">();
  const visit = (f: LoadedFile, chain: LoadedFile[]): void => {
    state.set(f, "visiting");
    for (const imp of f.imports) {
      const s = state.get(imp.target);
      if (s === "visiting") {
        const cycle = [...chain.slice(chain.indexOf(imp.target)), f, imp.target].map((x) => x.file).join(" → ");
        f.bag.error(imp.span, `import cycle: ${cycle}; move the shared declarations into a file that both import`);
      } else if (s === undefined) {
        visit(imp.target, [...chain, f]);
      }
    }
    if (f.ast) {
      const imported: ImportedSchema[] = f.imports
        .filter((imp) => imp.target.checked !== undefined && state.get(imp.target) === "done")
        .map((imp) => ({ specifier: specifier(f.moduleName, imp.target.moduleName), file: imp.target.file, schema: imp.target.checked! }));
      f.checked = checkSchema(f.ast, imported, f.bag);
    }
    state.set(f, "done");
  };
  for (const f of order) if (!state.has(f)) visit(f, []);

  const schemas = order.filter((f) => f.checked).map((f) => layoutSchema(f.checked!, f.moduleName));
  const diagnostics = sortDiagnostics(order.flatMap((f) => f.bag.list));
  return { schemas, diagnostics, sources };
}

/** The import specifier of module `to` from module `from`: "./common.js", "../shared/types.js". */
function specifier(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return `${relative.startsWith(".") ? "" : "./"}${relative}.js`;
}

/** One file's text → its schema, with no IMPORT support (for tests and tools). */
export function parseSchemaText(text: string, file: string): { schema: SchemaIR | undefined; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag(file);
  const ast = parseIdl(text, file, bag);
  const imports = ast.settings.filter((s) => s.key.text === "IMPORT");
  for (const imp of imports) bag.error(imp.key.span, "parseSchemaText does not follow IMPORT; use loadSchemas");
  const checked = checkSchema(ast, [], bag);
  const moduleName = path.posix.basename(file.split(path.sep).join("/")).replace(/\.idl$/, "");
  return { schema: layoutSchema(checked, moduleName), diagnostics: sortDiagnostics(bag.list) };
}

/**
 * The whole pipeline as one call: find the .idl inputs, load them (parse,
 * check, lay out), generate one module per schema. Nothing is written here:
 * the caller gets every output file's text, or the diagnostics, and decides.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { generateModule } from "./generate/index.js";
import type { Diagnostic } from "./ir.js";
import { loadSchemas, type SchemaInput } from "./load.js";

export interface CompileOptions {
  /** Module specifier the generated code imports its run-time support from. */
  runtimeImport?: string;
  /**
   * The output directory. Generated headers name their schema relative to it
   * ("../schemas/exchange.idl"), so the output does not depend on the
   * directory coralc was run from.
   */
  outDir?: string;
}

export interface CompileResult {
  /** Output path relative to the output directory ("exchange.ts") → file text. */
  files: Map<string, string>;
  diagnostics: Diagnostic[];
  /** Source texts by file, for printing diagnostics with their line. */
  sources: Map<string, string>;
}

/** Expands files and directories into schema inputs; a directory contributes every .idl below it. */
export function collectInputs(paths: string[]): SchemaInput[] {
  const inputs: SchemaInput[] = [];
  for (const path of paths) {
    const stat = statSync(path); // throws ENOENT with the path: reported by the CLI
    if (stat.isDirectory()) {
      for (const file of listIdlFiles(path)) {
        inputs.push({ file, moduleName: stripIdl(relative(path, file)).split(sep).join("/") });
      }
    } else {
      inputs.push({ file: path, moduleName: stripIdl(basename(path)) });
    }
  }
  return inputs;
}

function listIdlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listIdlFiles(full));
    else if (entry.isFile() && entry.name.endsWith(".idl")) found.push(full);
  }
  return found;
}

function stripIdl(path: string): string {
  return path.endsWith(".idl") ? path.slice(0, -4) : path;
}

export async function compile(inputs: SchemaInput[], options: CompileOptions = {}): Promise<CompileResult> {
  const loaded = loadSchemas(inputs, (p) => readFileSync(p, "utf8"));
  const files = new Map<string, string>();
  const hasErrors = loaded.diagnostics.some((d) => d.severity === "error");
  if (!hasErrors) {
    for (const schema of loaded.schemas) {
      if (options.outDir !== undefined) {
        const moduleDir = dirname(join(options.outDir, schema.moduleName));
        schema.sourceFile = relative(moduleDir, schema.sourceFile).split(sep).join("/");
      }
      files.set(`${schema.moduleName}.ts`, await generateModule(schema, { runtimeImport: options.runtimeImport }));
    }
  }
  return { files, diagnostics: loaded.diagnostics, sources: loaded.sources };
}

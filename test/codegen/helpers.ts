/**
 * Shared by the codegen tests: loads the real schemas through the front end, generates their modules into
 * test/.tmp/ (gitignored) and imports them. Generated files are named by a hash of the IR, the options and the
 * generator's sources, so test files running in parallel forks reuse one another's output instead of paying
 * ts-morph and prettier again, and a change to the generator always regenerates.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { GenerateOptions } from "../../compiler/generate/index.js";
import type { SchemaIR } from "../../compiler/ir.js";
import { loadSchemas } from "../../compiler/load.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const tmpDir = path.join(repoRoot, "test/.tmp/codegen");

export function loadSchema(file: "exchange" | "every-construct"): SchemaIR {
  const result = loadSchemas([{ file: path.join(repoRoot, "schemas", `${file}.idl`), moduleName: file }]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${file}.idl: ${errors.map((d) => d.message).join("; ")}`);
  const schema = result.schemas.find((s) => s.moduleName === file);
  if (!schema) throw new Error(`${file}.idl produced no schema`);
  return schema;
}

function generatorFingerprint(): string {
  const dir = path.join(repoRoot, "compiler/generate");
  const hash = createHash("sha1");
  for (const f of readdirSync(dir).sort()) hash.update(readFileSync(path.join(dir, f)));
  return hash.digest("hex");
}

/** Writes the generated module for `schema` under test/.tmp/codegen/ and returns its path. */
export async function writeGenerated(schema: SchemaIR, name: string, options: GenerateOptions = {}): Promise<string> {
  const key = createHash("sha1")
    .update(JSON.stringify(schema))
    .update(JSON.stringify(options))
    .update(generatorFingerprint())
    .digest("hex")
    .slice(0, 12);
  mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `${name}-${key}.ts`);
  if (!existsSync(file)) {
    // Output of an earlier generator or IR is stale: drop it so test/.tmp does not grow without bound.
    for (const old of readdirSync(tmpDir)) {
      if (new RegExp(`^${name}-[0-9a-f]{12}\\.ts$`).test(old)) rmSync(path.join(tmpDir, old), { force: true });
    }
    // Imported only on a miss: ts-morph, TypeScript and prettier take seconds to load in every test fork.
    const { generateModule } = await import("../../compiler/generate/index.js");
    const source = await generateModule(schema, options);
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, source);
    renameSync(partial, file); // atomic: a parallel test file never sees half a module
  }
  return file;
}

/** Generates and imports a module (its `coralseq/codec` import resolves to runtime/codec through vitest's alias). */
export async function importGenerated(schema: SchemaIR, name: string): Promise<any> {
  const file = await writeGenerated(schema, name);
  return import(pathToFileURL(file).href);
}

/**
 * The schema as an older version would have produced it: every field, group and var data field newer than
 * `version` dropped and block lengths shrunk to match (fields are only ever appended, so offsets stay).
 */
export function schemaAtVersion(schema: SchemaIR, version: number): SchemaIR {
  const copy: SchemaIR = JSON.parse(JSON.stringify(schema));
  copy.version = version;
  type Block = { fields: SchemaIR["messages"][number]["fields"]; groups: any[]; varData: any[]; blockLength: number };
  const prune = (b: Block) => {
    b.fields = b.fields.filter((f) => f.since <= version);
    b.blockLength = b.fields.reduce((end, f) => Math.max(end, f.offset + f.size), 0);
    b.groups = b.groups.filter((g) => g.since <= version);
    b.varData = b.varData.filter((v) => v.since <= version);
    for (const g of b.groups) prune(g);
  };
  copy.messages = copy.messages.filter((m) => m.since <= version);
  for (const m of copy.messages) prune(m);
  for (const e of copy.enums) e.values = e.values.filter((v) => v.since <= version);
  return copy;
}

/** Expects `fn` to throw a CodecError whose message contains every one of `parts`. */
export function codecErrorOf(fn: () => unknown): Error & { field: string; offset: number } {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error && e.name === "CodecError") return e as Error & { field: string; offset: number };
    throw new Error(`expected a CodecError, got ${String(e)}`);
  }
  throw new Error("expected a CodecError, nothing was thrown");
}

/**
 * coralc's code generator: IR → one TypeScript module per schema. See docs/GENERATED-API.md for what the
 * module contains and docs/WIRE.md for the bytes it reads and writes.
 */
import type { SchemaIR } from "../ir.js";
import { renderModule } from "./module.js";

export interface GenerateOptions {
  /** Module specifier generated code imports its run-time support from; default "coralseq/codec". */
  runtimeImport?: string;
}

/** Generates the module for `schema`: formatted TypeScript source, identical for identical input. */
export async function generateModule(schema: SchemaIR, options: GenerateOptions = {}): Promise<string> {
  return renderModule(schema, { runtimeImport: options.runtimeImport ?? "coralseq/codec" });
}

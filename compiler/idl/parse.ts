/**
 * .idl text → SchemaAst, with the syntax and indentation diagnostics.
 * The three passes: source-lines.ts (indentation tree), line-reader.ts (each
 * line through the chevrotain lexer and parser), ast-builder.ts (meaning from
 * position).
 */
import type { DiagnosticBag } from "../diagnostics.js";
import type { SchemaAst } from "./ast.js";
import { buildSchemaAst } from "./ast-builder.js";
import { readLineTree } from "./source-lines.js";

export function parseIdl(text: string, file: string, diagnostics: DiagnosticBag): SchemaAst {
  return buildSchemaAst(readLineTree(text, diagnostics), file, diagnostics);
}

import { parseSchemaText } from "../../compiler/load.js";
import type { Diagnostic } from "../../compiler/ir.js";

/** Joins lines with "\n", so line numbers in a test are the argument's 1-based index. */
export function lines(...text: string[]): string {
  return text.join("\n") + "\n";
}

export function diagnose(text: string, file = "test.idl"): Diagnostic[] {
  return parseSchemaText(text, file).diagnostics;
}

export function errorsOf(text: string, file = "test.idl"): Diagnostic[] {
  return diagnose(text, file).filter((d) => d.severity === "error");
}

/** Compact form for assertions: "line:col+length message". */
export function where(d: Diagnostic): string {
  return `${d.pos.line}:${d.pos.col}+${d.length}`;
}

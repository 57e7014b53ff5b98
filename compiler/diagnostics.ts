/**
 * Errors and warnings about a schema, and how they are printed.
 *
 * Every stage of coralc reports problems into a DiagnosticBag instead of
 * throwing, so one run lists every mistake in a file, each with the exact span
 * to underline.
 */
import type { Diagnostic } from "./ir.js";

/** A span inside one source file: 1-based line and column, length in characters. */
export interface Span {
  line: number;
  col: number;
  length: number;
}

/** Collects the diagnostics of one source file. */
export class DiagnosticBag {
  readonly list: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(span: Span, message: string): void {
    this.add("error", span, message);
  }

  warning(span: Span, message: string): void {
    this.add("warning", span, message);
  }

  get errorCount(): number {
    return this.list.filter((d) => d.severity === "error").length;
  }

  private add(severity: Diagnostic["severity"], span: Span, message: string): void {
    this.list.push({
      severity,
      message,
      pos: { file: this.file, line: span.line, col: span.col },
      length: Math.max(1, span.length),
    });
  }
}

/** Orders diagnostics by file (first-seen order), then line, then column; stable otherwise. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of diagnostics) if (!fileOrder.has(d.pos.file)) fileOrder.set(d.pos.file, fileOrder.size);
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        fileOrder.get(a.d.pos.file)! - fileOrder.get(b.d.pos.file)! ||
        a.d.pos.line - b.d.pos.line ||
        a.d.pos.col - b.d.pos.col ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

/**
 * Formats a diagnostic the way compilers do:
 *
 *     schemas/exchange.idl:12:10: error: unknown type 'chars8'; did you mean 'chars'?
 *         symbol: chars8
 *                 ^^^^^^
 *
 * The caret line copies the tabs of the source line so the carets stay under
 * the span whatever the terminal's tab width. Without source text only the
 * first line is printed.
 */
export function formatDiagnostic(d: Diagnostic, sourceText: string | undefined): string {
  const head = `${d.pos.file}:${d.pos.line}:${d.pos.col}: ${d.severity}: ${d.message}`;
  if (sourceText === undefined) return head;
  const lines = sourceText.split(/\r\n|\n|\r/);
  const line = lines[d.pos.line - 1];
  if (line === undefined) return head;
  const start = Math.max(0, d.pos.col - 1);
  const padding = line.slice(0, start).replace(/[^\t]/g, " ") + " ".repeat(Math.max(0, start - line.length));
  const visibleLength = Math.max(1, Math.min(d.length, line.length - start));
  return `${head}\n${line}\n${padding}${"^".repeat(visibleLength)}`;
}

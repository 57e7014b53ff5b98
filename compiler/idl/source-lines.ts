/**
 * The first pass over an .idl file: physical lines → an indentation tree.
 *
 * The language is line based, like Python: a line's meaning depends on what
 * it is indented under. This pass knows nothing about fields or types; it
 *  - splits lines (LF, CRLF or CR) and drops trailing whitespace,
 *  - skips blank lines and whole-line `#` comments, remembering the comment
 *    block right above each line as its doc comment,
 *  - strips the file's common leading indent (that of the first non-comment
 *    line), and
 *  - nests every line under the nearest less-indented line above it.
 *
 * Indents are compared as strings, never converted to widths: a line is
 * deeper than another when its indent starts with the other's indent and is
 * longer. Two indents where neither starts with the other ("\t" and "    ")
 * cannot be ordered without guessing a tab width, so they are an error.
 */
import type { DiagnosticBag } from "../diagnostics.js";

export interface SourceLine {
  /** 1-based line number. */
  line: number;
  /** 1-based column of the first non-blank character. */
  col: number;
  /** The line's text after its indent, without trailing whitespace. */
  text: string;
  /** The `#` comment lines immediately above (no blank line between), without `# `. */
  doc: string[];
}

export interface LineNode {
  source: SourceLine;
  /** The lines indented under this one. */
  children: LineNode[];
}

interface OpenLevel {
  indent: string;
  /** Where lines at this level are appended. */
  nodes: LineNode[];
  /** Line that opened this level (for error messages). */
  firstLine: number;
}

export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
}

/** Builds the indentation tree of `text`; indentation errors go to `diagnostics`. */
export function readLineTree(text: string, diagnostics: DiagnosticBag): LineNode[] {
  const roots: LineNode[] = [];
  const stack: OpenLevel[] = [];
  let pendingDoc: string[] = [];
  let lastNode: LineNode | undefined;

  splitLines(text).forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = raw.trimEnd();
    const indent = /^[ \t]*/.exec(trimmed)![0];
    const content = trimmed.slice(indent.length);
    if (content === "") {
      pendingDoc = [];
      return;
    }
    if (content.startsWith("#")) {
      pendingDoc.push(content.slice(1).replace(/^ /, ""));
      return;
    }
    const node: LineNode = {
      source: { line: lineNo, col: indent.length + 1, text: content, doc: pendingDoc },
      children: [],
    };
    pendingDoc = [];

    if (stack.length === 0) {
      stack.push({ indent, nodes: roots, firstLine: lineNo });
    } else {
      placeByIndent(node, indent, stack, lastNode!, diagnostics);
    }
    stack[stack.length - 1]!.nodes.push(node);
    lastNode = node;
  });
  return roots;
}

/** Adjusts `stack` so that its top is the level `indent` belongs to. */
function placeByIndent(
  node: LineNode,
  indent: string,
  stack: OpenLevel[],
  previous: LineNode,
  diagnostics: DiagnosticBag,
): void {
  const span = { line: node.source.line, col: 1, length: Math.max(1, indent.length) };
  const top = stack[stack.length - 1]!;
  if (indent === top.indent) return;
  if (indent.startsWith(top.indent)) {
    stack.push({ indent, nodes: previous.children, firstLine: node.source.line });
    return;
  }
  if (!top.indent.startsWith(indent)) {
    // Neither is a prefix of the other: same depth or not depends on the tab width.
    diagnostics.error(
      span,
      `indentation ${describeIndent(indent)} mixes tabs and spaces differently from line ${top.firstLine} ` +
        `(${describeIndent(top.indent)}), so its depth is ambiguous; indent both lines with the same characters`,
    );
    // To carry on, guess as Python 2 did (tab stops every 8 columns).
    const w = width(indent);
    if (w > width(top.indent)) stack.push({ indent, nodes: previous.children, firstLine: node.source.line });
    else while (stack.length > 1 && width(stack[stack.length - 1]!.indent) > w) stack.pop();
    return;
  }
  // A dedent: close levels until one matches.
  let closed: OpenLevel | undefined;
  while (stack.length > 1 && stack[stack.length - 1]!.indent.length > indent.length) closed = stack.pop();
  const level = stack[stack.length - 1]!;
  if (level.indent === indent) return;
  if (stack.length === 1 && level.indent.startsWith(indent)) {
    diagnostics.error(
      span,
      `this line is indented less than line ${level.firstLine}, the file's first line, whose indent ` +
        `(${describeIndent(level.indent)}) is stripped from every line; indent it at least as much`,
    );
    return;
  }
  const opened = [...stack, closed!].map((l) => describeIndent(l.indent)).join(", ");
  // Keep the line with the block it most likely belongs to, so one bad indent
  // does not turn into errors about the lines around it.
  stack.push(closed!);
  diagnostics.error(
    span,
    `this dedent (${describeIndent(indent)}) matches no enclosing level (open levels: ${opened}); ` +
      `line it up with the lines of the block it belongs to`,
  );
}

function width(indent: string): number {
  let column = 0;
  for (const c of indent) column = c === "\t" ? column + 8 - (column % 8) : column + 1;
  return column;
}

function describeIndent(indent: string): string {
  if (indent === "") return "no indent";
  const tabs = (indent.match(/\t/g) ?? []).length;
  const spaces = indent.length - tabs;
  const parts: string[] = [];
  if (tabs > 0) parts.push(`${tabs} tab${tabs > 1 ? "s" : ""}`);
  if (spaces > 0) parts.push(`${spaces} space${spaces > 1 ? "s" : ""}`);
  return parts.join(" + ");
}

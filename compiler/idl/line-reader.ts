/**
 * Lexes and parses one source line, and turns its concrete syntax tree into a
 * LineStatement: the line's meaning on its own, before its place in the
 * indentation tree is known.
 */
import type { CstNode, IToken, TokenType } from "chevrotain";
import type { DiagnosticBag, Span } from "../diagnostics.js";
import type { Name, SinceAst, TypeRefAst, ValueAst } from "./ast.js";
import { Colon, ConstKeyword, EnumKeyword, Equals, lineLexer, MessageKeyword, SetKeyword } from "./lexer.js";
import { parseInteger } from "./integer.js";
import { describe, LINE_SHAPES_MESSAGE, lineParser } from "./parser.js";
import type { SourceLine } from "./source-lines.js";

export type LineStatement =
  | { kind: "enum"; name: Name; encoding: Name }
  | { kind: "set"; name: Name; encoding: Name }
  | { kind: "message"; name: Name }
  | { kind: "const"; name: Name; value: ValueAst }
  | { kind: "member"; name: Name; type?: TypeRefAst; bang?: Span; since?: SinceAst }
  | { kind: "setting"; key: Name; value: ValueAst; since?: SinceAst };

/** Reads one line; syntax errors go to `diagnostics` and give undefined. */
export function readLine(source: SourceLine, diagnostics: DiagnosticBag): LineStatement | undefined {
  const lexed = lineLexer.tokenize(source.text);
  // Every character lexes (see OtherChar in lexer.ts), so lexed.errors is always empty.
  lineParser.input = lexed.tokens;
  // A line starting with a keyword that is not used as a name (`ENUM: int`) is
  // parsed as that declaration, so its errors speak of the declaration.
  const [first, second] = lexed.tokens;
  const declaration = first && DECLARATION_RULES.get(first.tokenType);
  const asName = second && (second.tokenType === Colon || second.tokenType === Equals);
  const cst = declaration && !asName ? lineParser[declaration]() : lineParser.line();
  if (lineParser.errors.length > 0) {
    const error = lineParser.errors[0]!;
    const token = error.token;
    const atEnd = !Number.isFinite(token.startOffset);
    if (error.message === LINE_SHAPES_MESSAGE) {
      diagnostics.error({ line: source.line, col: source.col, length: source.text.length }, error.message);
      return undefined;
    }
    const span: Span = atEnd
      ? { line: source.line, col: source.col + source.text.length, length: 1 }
      : tokenSpan(source, token);
    // Messages given with ERR_MSG in parser.ts do not say what was found.
    const found = error.message.includes("found") ? "" : ` (found ${describe(token)})`;
    diagnostics.error(span, error.message + found);
    return undefined;
  }
  return new CstReader(source).line(cst);
}

function tokenSpan(source: SourceLine, token: IToken): Span {
  return { line: source.line, col: source.col + token.startOffset, length: token.image.length };
}

const DECLARATION_RULES = new Map<TokenType, "enumDecl" | "setDecl" | "messageDecl" | "constDecl">([
  [EnumKeyword, "enumDecl"],
  [SetKeyword, "setDecl"],
  [MessageKeyword, "messageDecl"],
  [ConstKeyword, "constDecl"],
]);

type Children = Record<string, (CstNode | IToken)[] | undefined>;

class CstReader {
  constructor(private readonly source: SourceLine) {}

  line(cst: CstNode): LineStatement {
    // `cst` is a `line` node wrapping one statement, or the statement itself.
    const statement = cst.name === "line" ? (Object.values(cst.children)[0]![0] as CstNode) : cst;
    const c = statement.children as Children;
    switch (statement.name) {
      case "enumDecl":
        return { kind: "enum", name: this.name(this.token(c, "Name")), encoding: this.name(this.token(c, "encoding")) };
      case "setDecl":
        return { kind: "set", name: this.name(this.token(c, "Name")), encoding: this.name(this.token(c, "encoding")) };
      case "messageDecl":
        return { kind: "message", name: this.name(this.token(c, "Name")) };
      case "constDecl":
        return { kind: "const", name: this.name(this.token(c, "Name")), value: this.value(this.node(c, "value")!) };
      case "member": {
        const type = this.node(c, "typeRef");
        const bang = c["Bang"]?.[0] as IToken | undefined;
        return {
          kind: "member",
          name: this.name(this.token(c, "name")),
          ...(type && { type: this.typeRef(type) }),
          ...(bang && { bang: this.span(bang) }),
          ...this.since(c),
        };
      }
      case "setting":
        return { kind: "setting", key: this.name(this.token(c, "Name")), value: this.value(this.node(c, "value")!), ...this.since(c) };
      default:
        throw new Error(`unhandled line rule ${statement.name}`);
    }
  }

  private typeRef(node: CstNode): TypeRefAst {
    const c = node.children as Children;
    const name = this.name(this.token(c, "Name"));
    const integer = c["Integer"]?.[0] as IToken | undefined;
    const qualified = this.node(c, "qualifiedName");
    const close = c["RParen"]?.[0] as IToken | undefined;
    const end = close ? this.span(close) : name.span;
    const span = { line: name.span.line, col: name.span.col, length: end.col + end.length - name.span.col };
    if (integer) return { name, arg: { kind: "number", value: parseInteger(integer.image), span: this.span(integer) }, span };
    if (qualified) {
      const parts = (qualified.children as Children)["Name"] as IToken[];
      const first = this.span(parts[0]!);
      const last = this.span(parts[parts.length - 1]!);
      const text = parts.map((p) => p.image).join(".");
      return { name, arg: { kind: "name", text, span: { ...first, length: last.col + last.length - first.col } }, span };
    }
    return { name, span };
  }

  private value(node: CstNode): ValueAst {
    const tokens = Object.values(node.children as Children)
      .flat()
      .map((t) => t as IToken)
      .sort((a, b) => a.startOffset - b.startOffset);
    const first = tokens[0]!;
    const last = tokens[tokens.length - 1]!;
    const raw = this.source.text.slice(first.startOffset, last.startOffset + last.image.length);
    const span = { ...this.span(first), length: raw.length };
    const quote = raw[0] === "'" || raw[0] === '"' ? (raw[0] as "'" | '"') : undefined;
    if (quote === undefined) return { text: raw, raw, terminated: true, span };
    const terminated = raw.length >= 2 && raw.endsWith(quote);
    return { text: raw.slice(1, terminated ? -1 : undefined), raw, quote, terminated, span };
  }

  private since(c: Children): { since?: SinceAst } {
    const clause = this.node(c, "sinceClause");
    if (!clause) return {};
    const integer = this.token(clause.children as Children, "Integer");
    return { since: { value: parseInteger(integer.image), span: this.span(integer) } };
  }

  private name(token: IToken): Name {
    return { text: token.image, span: this.span(token) };
  }

  private span(token: IToken): Span {
    return tokenSpan(this.source, token);
  }

  private token(c: Children, key: string): IToken {
    return c[key]![0] as IToken;
  }

  private node(c: Children, key: string): CstNode | undefined {
    return c[key]?.[0] as CstNode | undefined;
  }
}

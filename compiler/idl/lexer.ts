/**
 * Tokens of one .idl line (the line scanner in source-lines.ts has already
 * removed the indent, comments and line breaks).
 *
 * Keywords are also names: a field may be called `since` and an enum value
 * `SET`. They share the `Name` category so the parser accepts them wherever a
 * name is expected. Every character lexes to some token (`OtherChar` catches
 * the rest), so lexing never fails and the parser gives the error, in context.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

/** Any word usable as a name. */
export const Name = createToken({ name: "Name", pattern: Lexer.NA, label: "a name" });
/** Tokens that may make up an unquoted setting value (`com.example.Book`, `../common.idl`). */
export const ValuePart = createToken({ name: "ValuePart", pattern: Lexer.NA, label: "a value" });

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t]+/, group: Lexer.SKIPPED });
/** A trailing comment: `price: long  # in ticks`. */
export const Comment = createToken({ name: "Comment", pattern: /#.*/, group: Lexer.SKIPPED });

/** 'B' — the closing quote is optional here so a missing one gets a precise error later. */
export const CharLiteral = createToken({ name: "CharLiteral", pattern: /'[^']*'?/, label: "a quoted character" });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"[^"]*"?/, label: "a quoted string" });
export const Integer = createToken({
  name: "Integer",
  pattern: /-?(?:0[xX][0-9a-fA-F]+|[0-9]+)/,
  label: "a number",
  categories: [ValuePart],
});

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Name, ValuePart],
});

function keyword(word: string, categories: TokenType[]): TokenType {
  return createToken({
    name: word,
    pattern: word,
    label: `'${word}'`,
    longer_alt: Identifier,
    categories,
  });
}

export const EnumKeyword = keyword("ENUM", [Name, ValuePart]);
export const SetKeyword = keyword("SET", [Name, ValuePart]);
export const MessageKeyword = keyword("MESSAGE", [Name, ValuePart]);
export const ConstKeyword = keyword("CONST", [Name, ValuePart]);
/** Not a Name: `legs: since 1` must read as a group added in version 1, not a field of type `since`. */
export const SinceKeyword = keyword("since", []);

export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "'='" });
export const Bang = createToken({ name: "Bang", pattern: /!/, label: "'!'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'", categories: [ValuePart] });
/** Any other single character. */
export const OtherChar = createToken({ name: "OtherChar", pattern: /[^ \t]/, label: "a symbol", categories: [ValuePart] });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  CharLiteral,
  StringLiteral,
  Integer,
  EnumKeyword,
  SetKeyword,
  MessageKeyword,
  ConstKeyword,
  SinceKeyword,
  Identifier,
  Colon,
  Equals,
  Bang,
  LParen,
  RParen,
  Dot,
  OtherChar,
  Name,
  ValuePart,
];

export const lineLexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });

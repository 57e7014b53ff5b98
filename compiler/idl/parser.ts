/**
 * The grammar of one .idl line (chevrotain CST parser).
 *
 *   line        := enumDecl | setDecl | messageDecl | constDecl | member | setting
 *   enumDecl    := "ENUM" Name ":" Name
 *   setDecl     := "SET" Name ":" Name
 *   messageDecl := "MESSAGE" Name [":"]
 *   constDecl   := "CONST" Name "=" value
 *   member      := memberName ":" [typeRef] ["!"] ["since" Integer]
 *   setting     := Name "=" value ["since" Integer]
 *   typeRef     := Name ["(" typeArg ")"]
 *   typeArg     := Integer | qualifiedName
 *   qualifiedName := Name {"." Name}
 *   value       := CharLiteral | StringLiteral | ValuePart {ValuePart}
 *
 * Which lines may appear where (an enum value under ENUM, a field under
 * MESSAGE) is decided by ast-builder.ts from the indentation tree, not here.
 */
import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as t from "./lexer.js";

const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${label(expected)} but found ${describe(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describe(firstRedundant)} at the end of the line`;
  },
  buildNoViableAltMessage({ actual, ruleName, customUserDescription }) {
    if (ruleName === "line") return LINE_SHAPES_MESSAGE;
    return `expected ${customUserDescription ?? "something else"} but found ${describe(actual[0]!)}`;
  },
  buildEarlyExitMessage({ actual, customUserDescription }) {
    return `expected ${customUserDescription ?? "a value"} but found ${describe(actual[0]!)}`;
  },
};

export const LINE_SHAPES_MESSAGE =
  "this line is not a field (`name: type`), a group (`name:`), a setting (`KEY = value`) or a declaration " +
  "(ENUM, SET, MESSAGE, CONST); CoralProto silently ignores such lines, coralc reports them so a typo is not " +
  "lost. Make it a `#` comment if it is a note";

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

export function describe(token: IToken): string {
  if (token.tokenType === EOF) return "the end of the line";
  return `'${token.image}'`;
}

export class LineParser extends CstParser {
  constructor() {
    super(t.allTokens, { errorMessageProvider: errorMessages, maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  line = this.RULE("line", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.setDecl) },
      { ALT: () => this.SUBRULE(this.messageDecl) },
      { ALT: () => this.SUBRULE(this.constDecl) },
      { ALT: () => this.SUBRULE(this.member) },
      { ALT: () => this.SUBRULE(this.setting) },
    ]);
  });

  enumDecl = this.RULE("enumDecl", () => {
    this.CONSUME(t.EnumKeyword);
    this.CONSUME(t.Name, { ERR_MSG: "ENUM needs a name: `ENUM Side: char`" });
    this.CONSUME(t.Colon, { ERR_MSG: "ENUM needs ':' and its encoding: `ENUM Side: char` (char, twoChar, short, int or byte)" });
    this.CONSUME2(t.Name, { ERR_MSG: "ENUM needs its encoding after ':' (char, twoChar, short, int or byte)", LABEL: "encoding" });
  });

  setDecl = this.RULE("setDecl", () => {
    this.CONSUME(t.SetKeyword);
    this.CONSUME(t.Name, { ERR_MSG: "SET needs a name: `SET Flags: uint8`" });
    this.CONSUME(t.Colon, { ERR_MSG: "SET needs ':' and its encoding: `SET Flags: uint8` (uint8, uint16 or uint32)" });
    this.CONSUME2(t.Name, { ERR_MSG: "SET needs its encoding after ':' (uint8, uint16 or uint32)", LABEL: "encoding" });
  });

  messageDecl = this.RULE("messageDecl", () => {
    this.CONSUME(t.MessageKeyword);
    this.CONSUME(t.Name, { ERR_MSG: "MESSAGE needs a name: `MESSAGE NewOrder`" });
    this.OPTION(() => this.CONSUME(t.Colon));
  });

  constDecl = this.RULE("constDecl", () => {
    this.CONSUME(t.ConstKeyword);
    this.CONSUME(t.Name, { ERR_MSG: "CONST needs a name: `CONST SYMBOL_LENGTH = 8`" });
    this.CONSUME(t.Equals, { ERR_MSG: "CONST needs '=' and a value: `CONST SYMBOL_LENGTH = 8`" });
    this.SUBRULE(this.value);
  });

  member = this.RULE("member", () => {
    this.OR([{ ALT: () => this.CONSUME(t.Name, { LABEL: "name" }) }, { ALT: () => this.CONSUME(t.SinceKeyword, { LABEL: "name" }) }]);
    this.CONSUME(t.Colon);
    this.OPTION(() => this.SUBRULE(this.typeRef));
    this.OPTION2(() => this.CONSUME(t.Bang));
    this.OPTION3(() => this.SUBRULE(this.sinceClause));
  });

  setting = this.RULE("setting", () => {
    this.CONSUME(t.Name);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.value);
    this.OPTION(() => this.SUBRULE(this.sinceClause));
  });

  sinceClause = this.RULE("sinceClause", () => {
    this.CONSUME(t.SinceKeyword);
    this.CONSUME(t.Integer, { ERR_MSG: "'since' needs the schema version the item was added in: `since 2`" });
  });

  typeRef = this.RULE("typeRef", () => {
    this.CONSUME(t.Name);
    this.OPTION(() => {
      this.CONSUME(t.LParen);
      this.OR({
        DEF: [{ ALT: () => this.CONSUME(t.Integer) }, { ALT: () => this.SUBRULE(this.qualifiedName) }],
        ERR_MSG: "a number or a constant's name",
      });
      this.CONSUME(t.RParen);
    });
  });

  qualifiedName = this.RULE("qualifiedName", () => {
    this.CONSUME(t.Name);
    this.MANY(() => {
      this.CONSUME(t.Dot);
      this.CONSUME2(t.Name);
    });
  });

  value = this.RULE("value", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(t.CharLiteral) },
        { ALT: () => this.CONSUME(t.StringLiteral) },
        { ALT: () => this.AT_LEAST_ONE(() => this.CONSUME(t.ValuePart)) },
      ],
      ERR_MSG: "a value after '='",
    });
  });
}

export const lineParser = new LineParser();

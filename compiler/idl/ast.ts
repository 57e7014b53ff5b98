/**
 * The abstract syntax tree of one .idl file: what the text says, with the
 * span of every piece, before any name is resolved or any rule is checked.
 * Values stay as written (text), so the checker can report a bad one at its
 * exact position.
 */
import type { Span } from "../diagnostics.js";

export type { Span };

/** A name as written, with where. */
export interface Name {
  text: string;
  span: Span;
}

/** The right-hand side of `=`: unquoted text, or a quoted literal (text without quotes). */
export interface ValueAst {
  text: string;
  /** The value exactly as written, quotes included. */
  raw: string;
  quote?: "'" | '"';
  /** False when a quoted literal misses its closing quote. */
  terminated: boolean;
  span: Span;
}

/** `since N`. */
export interface SinceAst {
  value: number;
  span: Span;
}

/** `KEY = value`: a file or message header line. */
export interface SettingAst {
  key: Name;
  value: ValueAst;
  since?: SinceAst;
}

/** `chars(8)`, `double(4)`, `charEnum(com.example.Side)`, `Side`. */
export interface TypeRefAst {
  name: Name;
  arg?: { kind: "number"; value: number; span: Span } | { kind: "name"; text: string; span: Span };
  span: Span;
}

export interface FieldAst {
  kind: "field";
  name: Name;
  type: TypeRefAst;
  optional: boolean;
  since?: SinceAst;
  doc?: string;
}

export interface GroupAst {
  kind: "group";
  name: Name;
  members: MemberAst[];
  /** Where a `!` was written: groups cannot be optional, the checker reports it. */
  bang?: Span;
  since?: SinceAst;
  doc?: string;
}

export type MemberAst = FieldAst | GroupAst;

export interface MessageAst {
  /** Undefined for a CoralSequencer-form file: the checker names it from CLASSNAME or the file. */
  name?: Name;
  /** Where the message starts (its MESSAGE line, or the file's first header or field). */
  span: Span;
  settings: SettingAst[];
  members: MemberAst[];
  doc?: string;
}

export interface EnumValueAst {
  name: Name;
  value: ValueAst;
  since?: SinceAst;
  doc?: string;
}

export interface EnumAst {
  name: Name;
  encoding: Name;
  values: EnumValueAst[];
  /** Lines indented under the ENUM line, valid or not. */
  bodyLines: number;
  doc?: string;
}

export interface SetChoiceAst {
  name: Name;
  bit: ValueAst;
  since?: SinceAst;
  doc?: string;
}

export interface SetAst {
  name: Name;
  encoding: Name;
  choices: SetChoiceAst[];
  /** Lines indented under the SET line, valid or not. */
  bodyLines: number;
  doc?: string;
}

export interface ConstAst {
  name: Name;
  value: ValueAst;
  doc?: string;
}

export interface SchemaAst {
  file: string;
  /**
   * "coral": a CoralSequencer-form file, one message whose settings and fields
   * sit at the top level. "schema": declarations (MESSAGE, ENUM, ...).
   */
  form: "coral" | "schema";
  /** File-level settings (SCHEMA, SCHEMA_ID, VERSION, IMPORT). */
  settings: SettingAst[];
  constants: ConstAst[];
  enums: EnumAst[];
  sets: SetAst[];
  messages: MessageAst[];
  doc?: string;
}

/**
 * What the checker hands to the layout stage: a schema whose names are
 * resolved and whose every value is valid, with members still in declaration
 * order (layout.ts splits them into fixed fields, groups and var data and
 * assigns offsets).
 */
import type { ConstantIR, EnumIR, FieldType, SetIR, SourcePos } from "../ir.js";

interface MemberBase {
  name: string;
  since: number;
  doc?: string;
  pos: SourcePos;
}

export interface CheckedField extends MemberBase {
  kind: "field";
  type: FieldType;
  optional: boolean;
}

export interface CheckedVarData extends MemberBase {
  kind: "varData";
  varKind: "varchars" | "varbytes";
  maxLength: number;
  optional: boolean;
}

export interface CheckedGroup extends MemberBase {
  kind: "group";
  members: CheckedMember[];
}

export type CheckedMember = CheckedField | CheckedVarData | CheckedGroup;

export interface CheckedMessage {
  name: string;
  templateId: number;
  type?: string;
  subtype?: string;
  members: CheckedMember[];
  since: number;
  doc?: string;
  pos: SourcePos;
}

export interface CheckedSchema {
  name: string;
  id: number;
  version: number;
  sourceFile: string;
  doc?: string;
  constants: ConstantIR[];
  /** Declared enums, open (undeclared) enums, and the imported enums this schema uses. */
  enums: EnumIR[];
  sets: SetIR[];
  messages: CheckedMessage[];
}

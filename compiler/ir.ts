/**
 * The intermediate representation between coralc's stages.
 *
 *   parse (.idl text → AST) → check (AST → diagnostics) → lay out (AST → IR) → generate (IR → TypeScript)
 *
 * The IR is plain data: no classes, no methods, no references to the AST or to
 * ts-morph. Every offset and size is computed once, by the layout stage, so the
 * generator never does arithmetic on the wire layout. It can be serialized with
 * JSON.stringify and compared in tests.
 */

/** A position in a source file: 1-based line and column. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/** The SBE primitive encodings coralc uses on the wire (all little-endian). */
export type Primitive =
  | "char"
  | "int8"
  | "uint8"
  | "int16"
  | "uint16"
  | "int32"
  | "uint32"
  | "int64"
  | "uint64"
  | "float"
  | "double";

/** Size in bytes and SBE default null sentinel of each primitive. */
export const PRIMITIVES: Readonly<
  Record<Primitive, { size: number; signed: boolean; integer: boolean; min: number; max: number; nullValue: number }>
> = {
  // 64-bit bounds and nulls are not representable as numbers; the generator
  // handles int64/uint64 through their two 32-bit halves (see docs/WIRE.md).
  char: { size: 1, signed: false, integer: true, min: 0x20, max: 0x7e, nullValue: 0 },
  int8: { size: 1, signed: true, integer: true, min: -127, max: 127, nullValue: -128 },
  uint8: { size: 1, signed: false, integer: true, min: 0, max: 254, nullValue: 255 },
  int16: { size: 2, signed: true, integer: true, min: -32767, max: 32767, nullValue: -32768 },
  uint16: { size: 2, signed: false, integer: true, min: 0, max: 65534, nullValue: 65535 },
  int32: { size: 4, signed: true, integer: true, min: -2147483647, max: 2147483647, nullValue: -2147483648 },
  uint32: { size: 4, signed: false, integer: true, min: 0, max: 4294967294, nullValue: 4294967295 },
  int64: { size: 8, signed: true, integer: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, nullValue: NaN },
  uint64: { size: 8, signed: false, integer: true, min: 0, max: Number.MAX_SAFE_INTEGER, nullValue: NaN },
  float: { size: 4, signed: true, integer: false, min: -3.4028234663852886e38, max: 3.4028234663852886e38, nullValue: NaN },
  double: { size: 8, signed: true, integer: false, min: -Number.MAX_VALUE, max: Number.MAX_VALUE, nullValue: NaN },
};

/** Size of the SBE message header: blockLength, templateId, schemaId, version (uint16 each). */
export const MESSAGE_HEADER_LENGTH = 8;
/** Size of an SBE group dimension: blockLength uint16, numInGroup uint16. */
export const GROUP_HEADER_LENGTH = 4;
/** Size of the length prefix in front of variable-length data (uint32). */
export const VAR_DATA_LENGTH_SIZE = 4;

/** What a fixed-size field holds, and how it is encoded. */
export type FieldType =
  /** byte, short, int, long and their unsigned forms ubyte, ushort, uint, ulong. */
  | { kind: "int"; prim: "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32" | "int64" | "uint64" }
  /** IEEE 754 `float` (float32) and `double` (float64). */
  | { kind: "float"; prim: "float" | "double" }
  /** float(p) / double(p): a decimal v stored as the integer round(v × 10^scale). */
  | { kind: "decimal"; prim: "int32" | "int64"; scale: number }
  /** boolean: uint8 0 or 1; null 255. */
  | { kind: "boolean"; prim: "uint8" }
  /** char: one US-ASCII character. */
  | { kind: "char"; prim: "char" }
  /** chars(n): n US-ASCII characters, NUL-padded. */
  | { kind: "chars"; prim: "char"; length: number }
  /** bytes(n): n raw bytes. */
  | { kind: "bytes"; prim: "uint8"; length: number }
  /**
   * An enum's code. `twoChar` is two chars on the wire whose code is
   * byte0 | byte1 << 8 (so 'AB' is 0x4241).
   */
  | { kind: "enum"; enumName: string; prim: "char" | "int16" | "int32" | "uint8" | "twoChar" }
  /** A set of bit flags. */
  | { kind: "set"; setName: string; prim: "uint8" | "uint16" | "uint32" };

export interface FieldIR {
  name: string;
  type: FieldType;
  /** Byte offset inside the enclosing block (root block or group entry). */
  offset: number;
  /** Bytes taken in the block. */
  size: number;
  optional: boolean;
  /** Schema version in which the field first appeared (0 = from the start). */
  since: number;
  doc?: string;
  pos: SourcePos;
}

export interface VarDataIR {
  name: string;
  kind: "varchars" | "varbytes";
  /** Largest length accepted by the encoder and by the decoder's wrap check. */
  maxLength: number;
  /** `!` in the schema: absent is written and read as length 0. */
  optional: boolean;
  since: number;
  doc?: string;
  pos: SourcePos;
}

export interface GroupIR {
  name: string;
  /** Bytes of each entry's fixed fields (the group's blockLength on the wire). */
  blockLength: number;
  /** Fixed fields of an entry, in wire order (offset ascending). */
  fields: FieldIR[];
  /** Nested groups, in wire order. */
  groups: GroupIR[];
  /** Variable-length data of an entry, in wire order. */
  varData: VarDataIR[];
  since: number;
  doc?: string;
  pos: SourcePos;
}

export interface MessageIR {
  name: string;
  /** SBE templateId. From TYPE/SUBTYPE: TYPE char code << 8 | SUBTYPE char code. */
  templateId: number;
  /** The CoralSequencer TYPE/SUBTYPE characters when the schema gave them. */
  type?: string;
  subtype?: string;
  /** Bytes of the root block at the schema's current version. */
  blockLength: number;
  fields: FieldIR[];
  groups: GroupIR[];
  varData: VarDataIR[];
  since: number;
  doc?: string;
  pos: SourcePos;
}

export interface EnumValueIR {
  name: string;
  /** The code on the wire: a char code for char enums, byte0 | byte1 << 8 for twoChar. */
  value: number;
  /** The value as written in the schema ('B', "AB", 3), for docs and toString. */
  literal: string;
  since: number;
  doc?: string;
  pos: SourcePos;
}

export interface EnumIR {
  name: string;
  prim: "char" | "int16" | "int32" | "uint8" | "twoChar";
  values: EnumValueIR[];
  /**
   * False for an enum a CoralSequencer-form file references (charEnum(Side))
   * without declaring it: its codes are carried as they are, with no names.
   */
  declared: boolean;
  /** Module specifier of the generated module that declares it, when imported ("./common.js"). */
  importedFrom?: string;
  doc?: string;
  pos: SourcePos;
}

export interface SetChoiceIR {
  name: string;
  /** Bit position, 0 = least significant. */
  bit: number;
  since: number;
  doc?: string;
  pos: SourcePos;
}

export interface SetIR {
  name: string;
  prim: "uint8" | "uint16" | "uint32";
  choices: SetChoiceIR[];
  importedFrom?: string;
  doc?: string;
  pos: SourcePos;
}

export interface ConstantIR {
  name: string;
  value: number;
  doc?: string;
  pos: SourcePos;
}

export interface SchemaIR {
  /** PascalCase schema name, prefix of the handler and dispatcher names. */
  name: string;
  /** SBE schemaId (uint16). */
  id: number;
  /** SBE schema version: written in every header this schema's encoders produce. */
  version: number;
  /** The .idl file, as given on the command line (relative paths stay relative). */
  sourceFile: string;
  /** Output module path relative to the output directory, without extension ("exchange", "sub/orders"). */
  moduleName: string;
  doc?: string;
  constants: ConstantIR[];
  enums: EnumIR[];
  sets: SetIR[];
  messages: MessageIR[];
}

/** An error or warning with the position it refers to. */
export interface Diagnostic {
  severity: "error" | "warning";
  message: string;
  pos: SourcePos;
  /** Length of the span to underline (at least 1). */
  length: number;
}

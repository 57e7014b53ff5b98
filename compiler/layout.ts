/**
 * The layout stage: checked schema → IR, with every offset and size
 * computed here, once (SBE 1.0 rules, docs/IDL.md "Wire layout").
 *
 * Each block — the message's root block and each group entry — holds its
 * fixed fields in declaration order, packed with no padding: a field's offset
 * is the sum of the sizes before it. On the wire the block is followed by the
 * groups, then the var data, each in declaration order. A field declared
 * after a group therefore still sits in the block, in front of the group.
 *
 * Pure: no diagnostics, no I/O. The checker has already rejected anything
 * that cannot be laid out.
 */
import type { CheckedMember, CheckedMessage, CheckedSchema } from "./check/checked-schema.js";
import { PRIMITIVES, type FieldIR, type FieldType, type GroupIR, type MessageIR, type SchemaIR, type VarDataIR } from "./ir.js";

/** Bytes a fixed-size field takes in its block. */
export function fieldSize(type: FieldType): number {
  switch (type.kind) {
    case "chars":
    case "bytes":
      return type.length;
    case "enum":
      return type.prim === "twoChar" ? 2 : PRIMITIVES[type.prim].size;
    default:
      return PRIMITIVES[type.prim].size;
  }
}

interface Block {
  blockLength: number;
  fields: FieldIR[];
  groups: GroupIR[];
  varData: VarDataIR[];
}

/** Splits members into the three wire lists and places the fixed fields. */
export function layoutBlock(members: CheckedMember[]): Block {
  const block: Block = { blockLength: 0, fields: [], groups: [], varData: [] };
  for (const m of members) {
    switch (m.kind) {
      case "field": {
        const size = fieldSize(m.type);
        block.fields.push({ ...identity(m), type: m.type, offset: block.blockLength, size, optional: m.optional });
        block.blockLength += size;
        break;
      }
      case "group": {
        const { blockLength, fields, groups, varData } = layoutBlock(m.members);
        block.groups.push({ ...identity(m), blockLength, fields, groups, varData });
        break;
      }
      case "varData":
        block.varData.push({ ...identity(m), kind: m.varKind, maxLength: m.maxLength, optional: m.optional });
        break;
    }
  }
  return block;
}

/** The properties every member carries into the IR unchanged. */
function identity(m: CheckedMember): { name: string; since: number; doc?: string; pos: CheckedMember["pos"] } {
  return { name: m.name, since: m.since, ...(m.doc !== undefined && { doc: m.doc }), pos: m.pos };
}

export function layoutMessage(message: CheckedMessage): MessageIR {
  const block = layoutBlock(message.members);
  return {
    name: message.name,
    templateId: message.templateId,
    ...(message.type !== undefined && { type: message.type }),
    ...(message.subtype !== undefined && { subtype: message.subtype }),
    blockLength: block.blockLength,
    fields: block.fields,
    groups: block.groups,
    varData: block.varData,
    since: message.since,
    ...(message.doc !== undefined && { doc: message.doc }),
    pos: message.pos,
  };
}

export function layoutSchema(schema: CheckedSchema, moduleName: string): SchemaIR {
  return {
    name: schema.name,
    id: schema.id,
    version: schema.version,
    sourceFile: schema.sourceFile,
    moduleName,
    ...(schema.doc !== undefined && { doc: schema.doc }),
    constants: schema.constants,
    enums: schema.enums,
    sets: schema.sets,
    messages: schema.messages.map(layoutMessage),
  };
}

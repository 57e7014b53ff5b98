/**
 * A "block" is what messages and group entries have in common: fixed fields at constant offsets, then
 * repeating groups, then var data. Encoders and decoders are generated for blocks, so a group entry gets
 * exactly the same accessors as a message.
 */
import type { FieldIR, GroupIR, MessageIR, VarDataIR } from "../ir.js";
import { blockClassPrefix } from "./names.js";

export interface Block {
  /** Dotted path used in error messages: "NewOrder", "NewOrder.legs", "BookUpdate.levels.orders". */
  path: string;
  /** Class-name prefix: "NewOrder", "NewOrderLegs". */
  prefix: string;
  /** Class-name prefix of the message this block belongs to. */
  messagePrefix: string;
  blockLength: number;
  fields: FieldIR[];
  groups: GroupIR[];
  varData: VarDataIR[];
  /** The names from the message down to this block. */
  names: string[];
}

/** A group or var data field: what comes after the fixed block, in wire order (groups first). */
export type Child = { kind: "group"; group: GroupIR; block: Block; index: number } | { kind: "varData"; varData: VarDataIR; index: number };

export function messageBlock(m: MessageIR): Block {
  return {
    path: m.name,
    prefix: blockClassPrefix([m.name]),
    messagePrefix: blockClassPrefix([m.name]),
    blockLength: m.blockLength,
    fields: m.fields,
    groups: m.groups,
    varData: m.varData,
    names: [m.name],
  };
}

export function groupBlock(parent: Block, g: GroupIR): Block {
  const names = [...parent.names, g.name];
  return {
    path: names.join("."),
    prefix: blockClassPrefix(names),
    messagePrefix: parent.messagePrefix,
    blockLength: g.blockLength,
    fields: g.fields,
    groups: g.groups,
    varData: g.varData,
    names,
  };
}

export function children(block: Block): Child[] {
  const out: Child[] = [];
  for (const group of block.groups) {
    out.push({ kind: "group", group, block: groupBlock(block, group), index: out.length });
  }
  for (const varData of block.varData) out.push({ kind: "varData", varData, index: out.length });
  return out;
}

/** Every block of a message, depth first: the message itself, then its groups and theirs. */
export function allBlocks(m: MessageIR): Block[] {
  const out: Block[] = [];
  const visit = (b: Block) => {
    out.push(b);
    for (const c of children(b)) if (c.kind === "group") visit(c.block);
  };
  visit(messageBlock(m));
  return out;
}

/**
 * An expression of `version` for the bytes the block's fields need at that acting version: fields are only
 * appended, so it is the end of the last field not newer than `version`. Senders may send longer blocks.
 */
export function neededBlockLengthExpr(fields: readonly FieldIR[], version: string): string {
  const endBySince = new Map<number, number>();
  for (const f of fields) endBySince.set(f.since, Math.max(endBySince.get(f.since) ?? 0, f.offset + f.size));
  const sinces = [...endBySince.keys()].sort((a, b) => a - b);
  // needed(v) = max end over fields with since <= v; build from the newest down.
  let running = 0;
  const steps: Array<{ since: number; end: number }> = [];
  for (const s of sinces) {
    running = Math.max(running, endBySince.get(s)!);
    steps.push({ since: s, end: running });
  }
  if (steps.length === 0) return "0";
  let expr = steps[0]!.since === 0 ? String(steps[0]!.end) : "0";
  for (const step of steps) {
    if (step.since === 0) continue;
    expr = `${version} >= ${step.since} ? ${step.end} : ${expr}`;
  }
  return expr;
}

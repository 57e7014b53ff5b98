/**
 * The fields, groups and var data of a message, recursively: types, names,
 * versions (`since`) and the shape rules of SBE 1.0.
 */
import type { Span } from "../diagnostics.js";
import type { GroupAst, MemberAst, Name, SinceAst } from "../idl/ast.js";
import { fieldSize } from "../layout.js";
import type { CheckedMember } from "./checked-schema.js";
import { pos, type DeclarationContext } from "./declarations.js";
import type { TypeResolver } from "./types.js";

export interface Container {
  /** "message NewOrder", "group legs" — for messages. */
  description: string;
  span: Span;
  since: number;
}

/** Methods every generated flyweight has; a member with one of these names would hide it. */
const RESERVED_MEMBER_NAMES = new Set([
  "wrap",
  "encodedLength",
  "actingVersion",
  "actingBlockLength",
  "toString",
  "toJSON",
  "next",
  "hasNext",
  "count",
  "constructor",
  "prototype",
  "__proto__",
]);

export function checkMembers(
  members: MemberAst[],
  container: Container,
  ctx: DeclarationContext,
  resolver: TypeResolver,
): CheckedMember[] {
  const checked: CheckedMember[] = [];
  const sources = new Map<CheckedMember, { name: Name; since?: SinceAst }>();
  const names = new Map<string, { owner: string; line: number }>();

  for (const m of members) {
    const since = memberSince(m, container, ctx);
    if (!claimNames(m.name, generatedNames(m), names, ctx)) continue;
    let member: CheckedMember | undefined;
    if (m.kind === "group") {
      member = checkGroup(m, since, ctx, resolver);
    } else {
      const resolved = resolver.resolve(m.type);
      if (!resolved) continue;
      const base = { name: m.name.text, since, ...(m.doc !== undefined && { doc: m.doc }), pos: pos(ctx, m.name.span) };
      member =
        resolved.kind === "fixed"
          ? { kind: "field", ...base, type: resolved.type, optional: m.optional }
          : { kind: "varData", ...base, varKind: resolved.varKind, maxLength: resolved.maxLength, optional: m.optional };
    }
    if (!member) continue;
    checked.push(member);
    sources.set(member, { name: m.name, ...(m.since && { since: m.since }) });
  }

  checkVersionOrder(checked, sources, ctx);
  checkBlockLength(checked, container, ctx);
  return checked;
}

function checkGroup(g: GroupAst, since: number, ctx: DeclarationContext, resolver: TypeResolver): CheckedMember | undefined {
  if (g.bang) {
    ctx.bag.error(g.bang, `group '${g.name.text}' cannot be optional: a group with no entries (count 0) already means "none"; remove the '!'`);
  }
  if (g.members.length === 0) {
    ctx.bag.error(
      g.name.span,
      `'${g.name.text}:' opens a repeating group but nothing is indented under it. Indent the group's fields under it, ` +
        `or, if '${g.name.text}' is a plain field, give its type: \`${g.name.text}: long\``,
    );
    return undefined;
  }
  const container: Container = { description: `group '${g.name.text}'`, span: g.name.span, since };
  const members = checkMembers(g.members, container, ctx, resolver);
  return { kind: "group", name: g.name.text, members, since, ...(g.doc !== undefined && { doc: g.doc }), pos: pos(ctx, g.name.span) };
}

/** A member's version: its own `since`, else its container's; never older than the container, never past VERSION. */
function memberSince(m: MemberAst, container: Container, ctx: DeclarationContext): number {
  if (!m.since) return container.since;
  const value = m.since.value;
  if (value > ctx.version) {
    ctx.bag.error(
      m.since.span,
      `since ${value} is after the schema's VERSION (${ctx.version}); raise VERSION to ${value} when adding members in version ${value}`,
    );
    return ctx.version;
  }
  if (value < container.since) {
    ctx.bag.error(
      m.since.span,
      `'${m.name.text}' cannot be older (since ${value}) than its ${container.description}, added in version ${container.since}; ` +
        `drop the 'since' or raise it to ${container.since}`,
    );
    return container.since;
  }
  return value;
}

/**
 * New versions may only append: within each wire list (the fixed fields of a
 * block, its groups, its var data) versions must not go down. And a group may
 * not be newer than var data at its level, since on the wire all var data
 * follows all groups: an old decoder would read the new group's bytes as its
 * var data (SBE 1.0 has no way to skip an unknown group).
 */
function checkVersionOrder(members: CheckedMember[], sources: Map<CheckedMember, { name: Name; since?: SinceAst }>, ctx: DeclarationContext): void {
  const wireLists: Record<CheckedMember["kind"], string> = { field: "fixed fields", group: "groups", varData: "var data" };
  for (const kind of ["field", "group", "varData"] as const) {
    let newest: CheckedMember | undefined;
    for (const m of members.filter((x) => x.kind === kind)) {
      if (newest && m.since < newest.since) {
        const span = sources.get(m)!.since?.span ?? sources.get(m)!.name.span;
        ctx.bag.error(
          span,
          `'${m.name}' (version ${m.since}) is declared after '${newest.name}' (version ${newest.since}, line ${newest.pos.line}); ` +
            `among the ${wireLists[kind]} of a block, later versions may only append, so move '${m.name}' before ` +
            `'${newest.name}' or give it since ${newest.since} or later`,
        );
      }
      if (!newest || m.since > newest.since) newest = m;
    }
  }
  const varData = members.filter((m) => m.kind === "varData");
  for (const group of members.filter((m) => m.kind === "group")) {
    const older = varData.find((v) => v.since < group.since);
    if (!older) continue;
    const span = sources.get(group)!.since?.span ?? sources.get(group)!.name.span;
    ctx.bag.error(
      span,
      `group '${group.name}' (version ${group.since}) would be written in front of var data '${older.name}' ` +
        `(version ${older.since}, line ${older.pos.line}): groups precede var data on the wire, so a version-${older.since} ` +
        `decoder would read the group's bytes as '${older.name}'. SBE 1.0 cannot add a group before existing var ` +
        `data; add it in a new message (new TYPE/SUBTYPE) instead`,
    );
  }
}

function checkBlockLength(members: CheckedMember[], container: Container, ctx: DeclarationContext): void {
  let total = 0;
  for (const m of members) if (m.kind === "field") total += fieldSize(m.type);
  if (total > 65535) {
    ctx.bag.error(
      container.span,
      `the fixed fields of ${container.description} take ${total} bytes, more than the 65535 an SBE block length can ` +
        `describe; move large text to varchars/varbytes`,
    );
  }
}

/**
 * The accessor names the generator derives from a member (docs/GENERATED-API.md):
 * a field `price` also gives `hasPrice`, `priceRaw` for decimals, and so on.
 */
function generatedNames(m: MemberAst): string[] {
  const x = m.name.text;
  const cap = x.charAt(0).toUpperCase() + x.slice(1);
  if (m.kind === "group") return [x, `${x}Count`];
  const name = m.type.name.text;
  if (name === "varchars" || name === "varbytes") return [x, `${x}Length`, `get${cap}`, `${x}Bytes`];
  const names = [x, `has${cap}`];
  if (name === "long" || name === "ulong" || name === "int64" || name === "uint64") names.push(`${x}Big`);
  if ((name === "float" && m.type.arg === undefined) || ((name === "float" || name === "double") && m.type.arg)) names.push(`${x}Raw`);
  if (name === "chars") names.push(`${x}Bytes`, `${x}Interned`, `${x}Equals`, `get${cap}`);
  if (name === "bytes") names.push(`get${cap}`);
  return names;
}

/** Records a member's names; false (with an error) when the member duplicates or clashes. */
function claimNames(
  name: Name,
  generated: string[],
  names: Map<string, { owner: string; line: number }>,
  ctx: DeclarationContext,
): boolean {
  if (RESERVED_MEMBER_NAMES.has(name.text)) {
    ctx.bag.error(name.span, `'${name.text}' is a method of every generated encoder and decoder; choose another name`);
    return false;
  }
  const duplicate = names.get(name.text);
  if (duplicate && duplicate.owner === name.text) {
    ctx.bag.error(name.span, `'${name.text}' is already declared in this block (line ${duplicate.line}); names must be unique within a message or group`);
    return false;
  }
  for (const n of generated) {
    const other = names.get(n);
    if (other) {
      ctx.bag.error(
        name.span,
        `'${name.text}' clashes with '${other.owner}' (line ${other.line}): both would generate an accessor named ${n}(); rename one`,
      );
      return false;
    }
  }
  for (const n of generated) names.set(n, { owner: name.text, line: name.span.line });
  return true;
}

/**
 * Names and doc comments of generated symbols: one place decides how a schema name becomes a class, method or
 * function name, and refuses a schema whose names would collide with the generated API.
 */
import type { SourcePos } from "../ir.js";

export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** `exchange.idl:42`: the file's base name keeps output identical whatever directory coralc ran from. */
export function schemaLine(pos: SourcePos): string {
  const file = pos.file.replace(/\\/g, "/");
  return `${file.slice(file.lastIndexOf("/") + 1)}:${pos.line}`;
}

/** JSDoc text: a title with the schema line, then the schema's own doc comment when it has one. */
export function docText(title: string, pos: SourcePos, doc?: string, extra?: string): string {
  const parts = [`${title} (${schemaLine(pos)})`];
  if (doc && doc.trim() !== "") parts.push(doc.trim());
  if (extra) parts.push(extra);
  // "*/" inside a doc comment would end it early.
  return parts.join("\n\n").replace(/\*\//g, "*\\/");
}

/** Name of the function that maps an enum code to its name: `Side` → `sideName`. */
export function enumNameFunction(enumName: string): string {
  return `${lowerFirst(enumName)}Name`;
}

/** Name of the function that lists the choices set in a mask: `ExecFlags` → `execFlagsNames`. */
export function setNamesFunction(setName: string): string {
  return `${lowerFirst(setName)}Names`;
}

/** Class-name prefix of a message or group: NewOrder, NewOrderLegs, BookUpdateLevelsOrders. */
export function blockClassPrefix(path: readonly string[]): string {
  return path.map(upperFirst).join("");
}

/**
 * Members every generated flyweight has; a schema field whose accessors would take one of these names is
 * rejected (with its position) rather than silently shadowing the API.
 */
const RESERVED_MEMBERS = new Set([
  "wrap",
  "next",
  "hasNext",
  "count",
  "encodedLength",
  "actingVersion",
  "actingBlockLength",
  "toString",
  "toJSON",
  "constructor",
  "prototype",
]);

/** Throws when two accessors of one block, or an accessor and a reserved member, share a name. */
export function checkMemberNames(
  blockPath: string,
  members: ReadonlyArray<{ schemaName: string; methodNames: readonly string[]; pos: SourcePos }>,
): void {
  const owner = new Map<string, string>();
  for (const m of members) {
    for (const name of m.methodNames) {
      if (name.startsWith("_") || RESERVED_MEMBERS.has(name)) {
        throw new Error(
          `${schemaLine(m.pos)}: ${blockPath}.${m.schemaName} would generate a member named '${name}', which the generated API reserves; rename the field`,
        );
      }
      const earlier = owner.get(name);
      if (earlier !== undefined) {
        throw new Error(
          `${schemaLine(m.pos)}: ${blockPath}.${m.schemaName} would generate a member named '${name}', already generated for ${blockPath}.${earlier}; rename one of them`,
        );
      }
      owner.set(name, m.schemaName);
    }
  }
}

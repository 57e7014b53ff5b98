/**
 * The check stage: SchemaAst → CheckedSchema, reporting every problem.
 * Names are resolved, values parsed and range-checked, versions and SBE 1.0
 * shape rules enforced. Each part reports and carries on, so one run lists
 * every error in the file.
 */
import type { DiagnosticBag, Span } from "../diagnostics.js";
import type { ConstAst, EnumAst, MessageAst, SchemaAst, SetAst } from "../idl/ast.js";
import type { ConstantIR, EnumIR, SetIR } from "../ir.js";
import type { CheckedMessage, CheckedSchema } from "./checked-schema.js";
import { checkConstant, checkEnum, checkSet, pos, type DeclarationContext } from "./declarations.js";
import { checkMembers } from "./members.js";
import { Scope, type ImportedSchema } from "./scope.js";
import { readFileSettings, readMessageSettings } from "./settings.js";
import { TypeResolver } from "./types.js";

export type { ImportedSchema } from "./scope.js";
export type { CheckedSchema } from "./checked-schema.js";

const FILE_START: Span = { line: 1, col: 1, length: 1 };

export function checkSchema(ast: SchemaAst, imports: ImportedSchema[], bag: DiagnosticBag): CheckedSchema {
  const settings = readFileSettings(ast.settings, ast.form, bag);
  const baseName = pascalCase(ast.file);
  const name = settings.schemaName?.text ?? baseName;
  if (!settings.schemaName && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    bag.error(FILE_START, `cannot make a schema name from the file name ('${name}'); name the schema with a \`SCHEMA = Name\` line`);
  }
  const ctx: DeclarationContext = { file: ast.file, version: settings.version, scope: new Scope(imports), bag };

  // Declarations in source order, so a duplicate is reported at the second one.
  const constants: ConstantIR[] = [];
  const enums: EnumIR[] = [];
  const sets: SetIR[] = [];
  const declarations: ({ line: number } & ({ c: ConstAst } | { e: EnumAst } | { s: SetAst }))[] = [
    ...ast.constants.map((c) => ({ line: c.name.span.line, c })),
    ...ast.enums.map((e) => ({ line: e.name.span.line, e })),
    ...ast.sets.map((s) => ({ line: s.name.span.line, s })),
  ].sort((a, b) => a.line - b.line);
  for (const d of declarations) {
    if ("c" in d) push(constants, checkConstant(d.c, ctx));
    else if ("e" in d) push(enums, checkEnum(d.e, ctx));
    else push(sets, checkSet(d.s, ctx));
  }

  const resolver = new TypeResolver(ctx);
  const messages: CheckedMessage[] = [];
  const byName = new Map<string, CheckedMessage>();
  const byTemplateId = new Map<number, CheckedMessage>();
  for (const m of ast.messages) {
    const message = checkMessage(m, ast, baseName, ctx, resolver);
    if (!message) continue;
    const sameName = byName.get(message.name);
    if (sameName) {
      bag.error(m.name?.span ?? m.span, `message '${message.name}' is already declared on line ${sameName.pos.line}; message names must be unique`);
      continue;
    }
    byName.set(message.name, message);
    if (message.templateId > 0) {
      const sameId = byTemplateId.get(message.templateId);
      if (sameId) {
        bag.error(idSpan(m), duplicateIdMessage(message, sameId));
        continue;
      }
      byTemplateId.set(message.templateId, message);
    }
    messages.push(message);
  }

  for (const used of resolver.usedImports.values()) {
    if (used.kind === "enum") enums.push(used.value);
    else sets.push(used.value);
  }
  enums.push(...resolver.openEnums.values());

  return {
    name,
    id: settings.schemaId,
    version: settings.version,
    sourceFile: ast.file,
    ...(ast.doc !== undefined && { doc: ast.doc }),
    constants,
    enums,
    sets,
    messages,
  };
}

function checkMessage(
  m: MessageAst,
  ast: SchemaAst,
  baseName: string,
  ctx: DeclarationContext,
  resolver: TypeResolver,
): CheckedMessage | undefined {
  const bag = ctx.bag;
  const inCoralForm = m.name === undefined;
  const s = readMessageSettings(m.settings, inCoralForm, bag);
  const name = m.name?.text ?? s.className?.text ?? baseName;
  const written = new Set(m.settings.map((x) => x.key.text));
  const where = m.name?.span ?? m.span;

  let templateId = 0; // 0: none (reported); never a valid id, so never a duplicate
  if (written.has("ID") && (written.has("TYPE") || written.has("SUBTYPE"))) {
    bag.error(s.id?.span ?? where, `message '${name}' has both ID and TYPE/SUBTYPE; give one or the other`);
  } else if (written.has("ID")) {
    templateId = s.id?.value ?? 0;
  } else if (s.unknownKeys > 0 && !(written.has("TYPE") && written.has("SUBTYPE"))) {
    // A misspelt TYPE or SUBTYPE, already reported.
  } else if (written.has("TYPE") !== written.has("SUBTYPE")) {
    const missing = written.has("TYPE") ? "SUBTYPE" : "TYPE";
    bag.error(where, `message '${name}' has ${missing === "TYPE" ? "SUBTYPE" : "TYPE"} but no ${missing}; give both (one character each)`);
  } else if (!written.has("TYPE")) {
    const layout = inCoralForm ? "lines at the top of the file" : `lines indented under \`MESSAGE ${name}\``;
    bag.error(where, `message '${name}' has no template id: add \`TYPE = X\` and \`SUBTYPE = Y\` ${layout} (one character each), or \`ID = n\` (1..65535)`);
  } else if (s.type && s.subtype) {
    templateId = (s.type.char.charCodeAt(0) << 8) | s.subtype.char.charCodeAt(0);
  }

  let since = s.since?.value ?? 0;
  if (since > ctx.version) {
    bag.error(s.since!.span, `SINCE ${since} is after the schema's VERSION (${ctx.version}); raise VERSION to ${since} when adding the message`);
    since = ctx.version;
  }

  const members = checkMembers(m.members, { description: `message '${name}'`, span: where, since }, ctx, resolver);
  return {
    name,
    templateId,
    ...(s.type && s.subtype && !written.has("ID") && { type: s.type.char, subtype: s.subtype.char }),
    members,
    since,
    ...(m.doc !== undefined && { doc: m.doc }),
    pos: pos(ctx, where),
  };
}

function idSpan(m: MessageAst): Span {
  const setting = m.settings.find((s) => s.key.text === "ID") ?? m.settings.find((s) => s.key.text === "SUBTYPE");
  return setting?.value.span ?? m.name?.span ?? m.span;
}

function duplicateIdMessage(message: CheckedMessage, other: CheckedMessage): string {
  const hex = `0x${message.templateId.toString(16)}`;
  if (message.type !== undefined && other.type !== undefined) {
    return `TYPE '${message.type}' SUBTYPE '${message.subtype}' is already used by message '${other.name}' (line ${other.pos.line}); every message needs its own TYPE/SUBTYPE pair`;
  }
  const as = (m: CheckedMessage) => (m.type !== undefined ? ` (TYPE '${m.type}' SUBTYPE '${m.subtype}')` : "");
  return `template id ${message.templateId} (${hex})${as(message)} is already used by message '${other.name}'${as(other)} on line ${other.pos.line}; every message needs its own id`;
}

/** "book-snapshot.idl" → "BookSnapshot". */
export function pascalCase(file: string): string {
  const base = file.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, "");
  return base
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function push<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

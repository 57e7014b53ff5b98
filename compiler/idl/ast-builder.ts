/**
 * Gives every line its meaning from where it sits in the indentation tree,
 * and assembles the SchemaAst.
 *
 * A line's shape (read by line-reader.ts) and its parent decide what it is:
 * `Buy = 'B'` under ENUM is an enum value, `TYPE = O` under MESSAGE is a
 * message setting, `qty: int` under `legs:` is a group member. A file whose
 * top level holds fields or TYPE/SUBTYPE/CLASSNAME is a CoralSequencer-form
 * file: the top level is its one message.
 */
import type { DiagnosticBag } from "../diagnostics.js";
import type {
  ConstAst,
  EnumAst,
  MemberAst,
  MessageAst,
  SchemaAst,
  SetAst,
  SettingAst,
} from "./ast.js";
import { readLine, type LineStatement } from "./line-reader.js";
import type { LineNode } from "./source-lines.js";

/** Top-level settings that make a file a one-message CoralSequencer-form file. */
const CORAL_MESSAGE_KEYS = new Set(["CLASSNAME", "TYPE", "SUBTYPE"]);
/** Further top-level settings that then belong to that message rather than to the file. */
const CORAL_MESSAGE_ONLY_KEYS = new Set(["CLASSNAME", "TYPE", "SUBTYPE", "ID", "SINCE"]);

export function buildSchemaAst(roots: LineNode[], file: string, diagnostics: DiagnosticBag): SchemaAst {
  return new AstBuilder(diagnostics).build(roots, file);
}

class AstBuilder {
  private readonly statements = new Map<LineNode, LineStatement | undefined>();

  constructor(private readonly diagnostics: DiagnosticBag) {}

  build(roots: LineNode[], file: string): SchemaAst {
    // Read every line first, so a syntax error anywhere is reported even when
    // its parent line is itself broken.
    const readAll = (nodes: LineNode[]): void =>
      nodes.forEach((n) => {
        this.statements.set(n, readLine(n.source, this.diagnostics));
        readAll(n.children);
      });
    readAll(roots);

    const schema: SchemaAst = { file, form: "schema", settings: [], constants: [], enums: [], sets: [], messages: [] };
    const coral: MessageAst = { span: { line: 1, col: 1, length: 1 }, settings: [], members: [] };
    let coralStart: LineNode | undefined;
    const declaredMessages: { node: LineNode; message: MessageAst }[] = [];

    for (const node of roots) {
      const s = this.statements.get(node);
      if (!s) continue;
      switch (s.kind) {
        case "setting":
          if (CORAL_MESSAGE_KEYS.has(s.key.text)) coralStart ??= node;
          schema.settings.push(this.setting(node, s));
          break;
        case "member":
          coralStart ??= node;
          coral.members.push(this.member(node, s));
          break;
        case "const":
          schema.constants.push(this.constant(node, s));
          break;
        case "enum":
          schema.enums.push(this.enumDecl(node, s));
          break;
        case "set":
          schema.sets.push(this.setDecl(node, s));
          break;
        case "message": {
          const message = this.message(node, s);
          declaredMessages.push({ node, message });
          schema.messages.push(message);
          break;
        }
      }
    }

    const first = roots[0];
    const firstIsSetting = first !== undefined && this.statements.get(first)?.kind === "setting";
    if (firstIsSetting && first.source.doc.length > 0) schema.doc = first.source.doc.join("\n");

    if (coralStart) {
      schema.form = "coral";
      coral.settings = schema.settings.filter((s) => CORAL_MESSAGE_ONLY_KEYS.has(s.key.text));
      schema.settings = schema.settings.filter((s) => !CORAL_MESSAGE_ONLY_KEYS.has(s.key.text));
      const start = coral.settings[0]?.key.span ?? coral.members[0]?.name.span ?? { line: coralStart.source.line, col: coralStart.source.col, length: 1 };
      coral.span = start;
      if (schema.doc !== undefined) coral.doc = schema.doc;
      schema.messages.unshift(coral);
      for (const { message } of declaredMessages) {
        this.diagnostics.error(
          message.name!.span,
          `MESSAGE cannot appear in a one-message (CoralSequencer-form) file: line ${coralStart.source.line} puts ` +
            `a field or TYPE/SUBTYPE/CLASSNAME at the top level. Move the top-level fields and their TYPE/SUBTYPE ` +
            `into a MESSAGE block, or move this MESSAGE to a file of its own`,
        );
      }
    }
    return schema;
  }

  private setting(node: LineNode, s: Extract<LineStatement, { kind: "setting" }>): SettingAst {
    this.noChildren(node, `a setting (${s.key.text} = …)`);
    return { key: s.key, value: s.value, ...(s.since && { since: s.since }) };
  }

  private constant(node: LineNode, s: Extract<LineStatement, { kind: "const" }>): ConstAst {
    this.noChildren(node, "a CONST");
    return { name: s.name, value: s.value, ...doc(node) };
  }

  private enumDecl(node: LineNode, s: Extract<LineStatement, { kind: "enum" }>): EnumAst {
    const decl: EnumAst = { name: s.name, encoding: s.encoding, values: [], bodyLines: node.children.length, ...doc(node) };
    for (const child of node.children) {
      const c = this.statements.get(child);
      if (!c) continue;
      if (c.kind !== "setting") {
        this.misplaced(child, `an ENUM body holds only values, one per line: \`Buy = 'B'\``);
        continue;
      }
      this.noChildren(child, "an enum value");
      decl.values.push({ name: c.key, value: c.value, ...(c.since && { since: c.since }), ...doc(child) });
    }
    return decl;
  }

  private setDecl(node: LineNode, s: Extract<LineStatement, { kind: "set" }>): SetAst {
    const decl: SetAst = { name: s.name, encoding: s.encoding, choices: [], bodyLines: node.children.length, ...doc(node) };
    for (const child of node.children) {
      const c = this.statements.get(child);
      if (!c) continue;
      if (c.kind !== "setting") {
        this.misplaced(child, "a SET body holds only choices with their bit position, one per line: `PostOnly = 0`");
        continue;
      }
      this.noChildren(child, "a set choice");
      decl.choices.push({ name: c.key, bit: c.value, ...(c.since && { since: c.since }), ...doc(child) });
    }
    return decl;
  }

  private message(node: LineNode, s: Extract<LineStatement, { kind: "message" }>): MessageAst {
    const message: MessageAst = { name: s.name, span: s.name.span, settings: [], members: [], ...doc(node) };
    for (const child of node.children) {
      const c = this.statements.get(child);
      if (!c) continue;
      if (c.kind === "setting") message.settings.push(this.setting(child, c));
      else if (c.kind === "member") message.members.push(this.member(child, c));
      else this.misplaced(child, "ENUM, SET, MESSAGE and CONST are declared at the top level, not inside a MESSAGE");
    }
    return message;
  }

  private member(node: LineNode, s: Extract<LineStatement, { kind: "member" }>): MemberAst {
    if (s.type) {
      if (node.children.length > 0) {
        const child = node.children[0]!;
        this.diagnostics.error(
          { line: child.source.line, col: child.source.col, length: child.source.text.length },
          `this line is indented under field '${s.name.text}' (line ${node.source.line}), which has a type and so ` +
            `cannot have members; to make '${s.name.text}' a repeating group, write \`${s.name.text}:\` with nothing ` +
            `after the colon, otherwise indent this line like '${s.name.text}'`,
        );
      }
      return {
        kind: "field",
        name: s.name,
        type: s.type,
        optional: s.bang !== undefined,
        ...(s.since && { since: s.since }),
        ...doc(node),
      };
    }
    const members: MemberAst[] = [];
    for (const child of node.children) {
      const c = this.statements.get(child);
      if (!c) continue;
      if (c.kind === "member") members.push(this.member(child, c));
      else if (c.kind === "setting") this.misplaced(child, `a group holds only fields and groups; settings such as ${c.key.text} belong in the message body`);
      else this.misplaced(child, "ENUM, SET, MESSAGE and CONST are declared at the top level, not inside a group");
    }
    return {
      kind: "group",
      name: s.name,
      members,
      ...(s.bang && { bang: s.bang }),
      ...(s.since && { since: s.since }),
      ...doc(node),
    };
  }

  private noChildren(node: LineNode, what: string): void {
    const child = node.children[0];
    if (!child) return;
    this.diagnostics.error(
      { line: child.source.line, col: child.source.col, length: child.source.text.length },
      `unexpected indentation: this line is indented under ${what} (line ${node.source.line}), which has no body; ` +
        `indent it like the line above it`,
    );
  }

  private misplaced(node: LineNode, message: string): void {
    this.diagnostics.error({ line: node.source.line, col: node.source.col, length: node.source.text.length }, message);
  }
}

function doc(node: LineNode): { doc?: string } {
  return node.source.doc.length > 0 ? { doc: node.source.doc.join("\n") } : {};
}

/**
 * `KEY = value` header lines: which keys exist where, and their values.
 *
 *   file level:   SCHEMA, SCHEMA_ID, VERSION, IMPORT (repeatable)
 *   message body: TYPE + SUBTYPE or ID, SINCE; CLASSNAME in a one-message file
 */
import type { DiagnosticBag, Span } from "../diagnostics.js";
import type { SettingAst } from "../idl/ast.js";
import { parseInteger } from "../idl/integer.js";
import { didYouMean } from "./suggest.js";

export const FILE_KEYS = ["SCHEMA", "SCHEMA_ID", "VERSION", "IMPORT"];
export const MESSAGE_KEYS = ["TYPE", "SUBTYPE", "ID", "SINCE"];
export const CORAL_MESSAGE_KEYS = ["CLASSNAME", ...MESSAGE_KEYS];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface FileSettings {
  schemaName?: { text: string; span: Span };
  schemaId: number;
  version: number;
  imports: { path: string; span: Span }[];
}

export interface MessageSettings {
  /** Keys that are not message settings (reported); a missing TYPE is then probably one of them. */
  unknownKeys: number;
  className?: { text: string; span: Span };
  type?: { char: string; span: Span };
  subtype?: { char: string; span: Span };
  id?: { value: number; span: Span };
  since?: { value: number; span: Span };
}

export function readFileSettings(settings: SettingAst[], form: "coral" | "schema", bag: DiagnosticBag): FileSettings {
  const result: FileSettings = { schemaId: 1, version: 0, imports: [] };
  for (const s of uniqueSettings(settings, bag)) {
    const key = s.key.text;
    switch (key) {
      case "SCHEMA":
        if (IDENTIFIER.test(s.value.raw)) result.schemaName = { text: s.value.raw, span: s.value.span };
        else bag.error(s.value.span, `SCHEMA must be a name (letters, digits, '_', not starting with a digit): \`SCHEMA = Exchange\``);
        break;
      case "SCHEMA_ID":
        result.schemaId = readInteger(s, 0, 65535, "the SBE schema id (a uint16)", bag) ?? result.schemaId;
        break;
      case "VERSION":
        result.version = readInteger(s, 0, 65535, "the schema version (a uint16)", bag) ?? result.version;
        break;
      case "IMPORT":
        if (s.value.text.trim() === "") bag.error(s.value.span, "IMPORT needs the path of an .idl file: `IMPORT = common.idl`");
        else result.imports.push({ path: s.value.text.trim(), span: s.value.span });
        break;
      default:
        if (MESSAGE_KEYS.includes(key) && form === "schema") {
          bag.error(s.key.span, `${key} belongs in a MESSAGE body (indented under \`MESSAGE Name\`), not at the top of the file`);
        } else {
          const known = form === "coral" ? [...FILE_KEYS, ...CORAL_MESSAGE_KEYS] : FILE_KEYS;
          bag.error(s.key.span, `unknown setting '${key}'${didYouMean(key, known)} Settings allowed here: ${known.join(", ")}`);
        }
    }
  }
  return result;
}

export function readMessageSettings(settings: SettingAst[], inCoralForm: boolean, bag: DiagnosticBag): MessageSettings {
  const result: MessageSettings = { unknownKeys: 0 };
  for (const s of uniqueSettings(settings, bag)) {
    const key = s.key.text;
    switch (key) {
      case "TYPE":
      case "SUBTYPE": {
        const char = readChar(s, bag);
        if (char !== undefined) result[key === "TYPE" ? "type" : "subtype"] = { char, span: s.value.span };
        break;
      }
      case "ID": {
        const value = readInteger(s, 1, 65535, "the message's SBE template id", bag);
        if (value !== undefined) result.id = { value, span: s.value.span };
        break;
      }
      case "SINCE": {
        const value = readInteger(s, 0, 65535, "the schema version the message was added in", bag);
        if (value !== undefined) result.since = { value, span: s.value.span };
        break;
      }
      case "CLASSNAME":
        if (!inCoralForm) {
          bag.error(s.key.span, "CLASSNAME names the message of a one-message file; inside a MESSAGE block the `MESSAGE Name` line names it");
        } else {
          const last = s.value.raw.split(".").pop()!;
          if (IDENTIFIER.test(last)) result.className = { text: last, span: s.value.span };
          else bag.error(s.value.span, "CLASSNAME must be a (dotted) class name whose last part names the message: `CLASSNAME = com.example.md.BookSnapshot`");
        }
        break;
      default: {
        result.unknownKeys++;
        const known = inCoralForm ? CORAL_MESSAGE_KEYS : MESSAGE_KEYS;
        const where = FILE_KEYS.includes(key) ? `; ${key} is a file setting and goes at the top of the file, before the declarations` : didYouMean(key, known);
        bag.error(s.key.span, `unknown message setting '${key}'${where} Message settings: ${known.join(", ")}`);
      }
    }
  }
  return result;
}

/** Drops (and reports) repeated keys; only IMPORT may repeat. Also rejects `since` on a setting. */
function uniqueSettings(settings: SettingAst[], bag: DiagnosticBag): SettingAst[] {
  const seen = new Map<string, SettingAst>();
  const result: SettingAst[] = [];
  for (const s of settings) {
    if (s.since) bag.error(s.since.span, `'since' applies to fields, groups, var data, enum values and set choices, not to the setting ${s.key.text}`);
    const first = seen.get(s.key.text);
    if (first && s.key.text !== "IMPORT") {
      bag.error(s.key.span, `${s.key.text} is set twice (first on line ${first.key.span.line}); keep one`);
      continue;
    }
    seen.set(s.key.text, s);
    result.push(s);
  }
  return result;
}

function readInteger(s: SettingAst, min: number, max: number, what: string, bag: DiagnosticBag): number | undefined {
  const value = s.value.quote ? NaN : parseInteger(s.value.text);
  if (!Number.isInteger(value)) {
    bag.error(s.value.span, `${s.key.text} must be a whole number (${what}), not '${s.value.raw}'`);
    return undefined;
  }
  if (value < min || value > max) {
    bag.error(s.value.span, `${s.key.text} = ${value} is out of range: ${what} must be ${min}..${max}`);
    return undefined;
  }
  return value;
}

/** TYPE/SUBTYPE: exactly one printable, non-blank ASCII character, quoted or not. */
function readChar(s: SettingAst, bag: DiagnosticBag): string | undefined {
  const text = s.value.text;
  if (s.value.quote && !s.value.terminated) {
    bag.error(s.value.span, `missing closing quote ${s.value.quote}`);
    return undefined;
  }
  if (text.length !== 1 || text.charCodeAt(0) < 0x21 || text.charCodeAt(0) > 0x7e) {
    bag.error(
      s.value.span,
      `${s.key.text} must be exactly one printable ASCII character (it becomes one byte of the template id), not '${s.value.raw}'`,
    );
    return undefined;
  }
  return text;
}

/**
 * The handler interface, its no-op base class and the dispatcher: the dispatcher reads a message header,
 * wraps the matching decoder (which it owns, one per message type) and calls the handler's method for it.
 */
import type { ClassDeclarationStructure, InterfaceDeclarationStructure } from "ts-morph";
import { Scope, StructureKind } from "ts-morph";
import { MESSAGE_HEADER_LENGTH, type SchemaIR } from "../ir.js";
import { hex } from "./encoder.js";
import { docText, lowerFirst } from "./names.js";

const schemaPos = (schema: SchemaIR) => ({ file: schema.sourceFile, line: 1, col: 1 });

function handlerMethodName(messageName: string): string {
  return `on${messageName}`;
}

const unknownParams = (ctxName: string) => [
  { name: "templateId", type: "number" },
  { name: "buf", type: "Uint8Array" },
  { name: "offset", type: "number" },
  { name: "length", type: "number" },
  { name: ctxName, type: "C" },
];

export function handlerInterface(schema: SchemaIR): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name: `${schema.name}Handler`,
    isExported: true,
    typeParameters: [{ name: "C", default: "void" }],
    docs: [docText(`Receives decoded ${schema.name} messages from ${schema.name}Dispatcher; C is the context passed along (the sequenced message's metadata in the runtime)`, schemaPos(schema), schema.doc)],
    methods: [
      ...schema.messages.map((m) => ({
        name: handlerMethodName(m.name),
        parameters: [
          { name: "msg", type: `${m.name}Decoder` },
          { name: "ctx", type: "C" },
        ],
        returnType: "void",
        docs: [docText(`A ${m.name}; the decoder is reused for the next message, so read what you need before returning`, m.pos, m.doc)],
      })),
      {
        name: "onUnknown",
        hasQuestionToken: true,
        parameters: unknownParams("ctx"),
        returnType: "void",
        docs: ["A message of this schema whose template id this module does not know (from a newer schema version)."],
      },
    ],
  };
}

export function handlerBaseClass(schema: SchemaIR): ClassDeclarationStructure {
  return {
    kind: StructureKind.Class,
    name: `${schema.name}HandlerBase`,
    isExported: true,
    typeParameters: [{ name: "C", default: "void" }],
    implements: [`${schema.name}Handler<C>`],
    docs: [docText(`A ${schema.name}Handler whose methods do nothing: extend it and override what you need`, schemaPos(schema))],
    methods: schema.messages.map((m) => ({
      name: handlerMethodName(m.name),
      parameters: [
        { name: "_msg", type: `${m.name}Decoder` },
        { name: "_ctx", type: "C" },
      ],
      returnType: "void",
      docs: [docText(`Ignores ${m.name}`, m.pos)],
      statements: [],
    })),
  };
}

export function dispatcherClass(schema: SchemaIR): ClassDeclarationStructure {
  const H = MESSAGE_HEADER_LENGTH;
  const cases = schema.messages.flatMap((m) => [
    `case ${hex(m.templateId)}:`,
    `this.handler.${handlerMethodName(m.name)}(this._${lowerFirst(m.name)}.wrap(buf, offset, length), ctx);`,
    `return true;`,
  ]);
  return {
    kind: StructureKind.Class,
    name: `${schema.name}Dispatcher`,
    isExported: true,
    typeParameters: [{ name: "C", default: "void" }],
    docs: [docText(`Decodes ${schema.name} messages and calls the handler; owns one decoder per message type`, schemaPos(schema))],
    properties: [
      { name: "handler", type: `${schema.name}Handler<C>`, isReadonly: true, docs: ["Receives the decoded messages."] },
      ...schema.messages.map((m) => ({
        name: `_${lowerFirst(m.name)}`,
        type: `${m.name}Decoder`,
        initializer: `new ${m.name}Decoder()`,
        isReadonly: true,
        scope: Scope.Private,
        docs: [`Decoder of ${m.name}, reused.`],
      })),
    ],
    ctors: [{ parameters: [{ name: "handler", type: `${schema.name}Handler<C>` }], statements: [`this.handler = handler;`] }],
    methods: [
      {
        name: "dispatch",
        parameters: [
          { name: "buf", type: "Uint8Array" },
          { name: "offset", type: "number" },
          { name: "length", type: "number" },
          { name: "ctx", type: "C" },
        ],
        returnType: "boolean",
        docs: [
          "Decodes the message at buf[offset, offset+length) and calls the handler: true when handled, false for another schema's message or an unknown template id (reported to handler.onUnknown). Throws CodecError for a truncated or inconsistent message.",
        ],
        statements: [
          `if (!(offset >= 0 && length >= ${H} && offset + length <= buf.length)) frameFail(${JSON.stringify(schema.name)}, buf.length, offset, length);`,
          `if ((buf[offset + 4]! | (buf[offset + 5]! << 8)) !== SCHEMA_ID) return false;`,
          `const templateId = buf[offset + 2]! | (buf[offset + 3]! << 8);`,
          `switch (templateId) {`,
          ...cases,
          `default:`,
          `if (this.handler.onUnknown !== undefined) this.handler.onUnknown(templateId, buf, offset, length, ctx);`,
          `return false;`,
          `}`,
        ],
      },
    ],
  };
}

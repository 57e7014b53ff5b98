/**
 * Decoder flyweights: one class per message and one per group (any depth).
 *
 * wrap() validates the whole message once: header, the block length the sender's version needs, every group
 * dimension and entry, every var-data length against its maximum and against the end of the message. It
 * records where each root-level group and var-data field starts, so accessors can be called in any order and
 * need no bounds checks. A group decoder's next() records the same for its entry's nested groups and var data.
 * Versioning follows SBE: blocks and group entries are stepped over by the block length on the wire, and
 * fields, groups and var data newer than the sender's version read as absent.
 */
import type { ClassDeclarationStructure, OptionalKind, PropertyDeclarationStructure } from "ts-morph";
import { Scope, StructureKind } from "ts-morph";
import { MESSAGE_HEADER_LENGTH, type GroupIR, type MessageIR, type SchemaIR } from "../ir.js";
import { children, neededBlockLengthExpr, type Block, type Child } from "./block.js";
import { decoderFieldMethods, jsonValueExpr } from "./field-decoder.js";
import type { FieldContext, Method } from "./field-encoder.js";
import { hex, staticConstants } from "./encoder.js";
import { docText } from "./names.js";
import { preReadStatements, wideColdMethods, wideDecoderProperties } from "./wide-decoder.js";

type Property = OptionalKind<PropertyDeclarationStructure>;
type GroupChild = Child & { kind: "group" };

const priv = Scope.Private;

export function messageDecoderClass(schema: SchemaIR, m: MessageIR, block: Block, ctx: FieldContext): ClassDeclarationStructure {
  const kids = children(block);
  const name = JSON.stringify(block.path);
  const properties: Property[] = [
    ...staticConstants(schema, m),
    { name: "_buf", type: "Uint8Array", initializer: "EMPTY_BYTES", scope: priv, docs: ["The buffer being read."] },
    { name: "_dv", type: "DataView", initializer: "EMPTY_VIEW", scope: priv, docs: ["One DataView per buffer, made when wrap() gets a new buffer."] },
    { name: "_offset", type: "number", initializer: "0", scope: priv, docs: ["Where the message (its header) starts."] },
    { name: "_at", type: "number", initializer: "0", scope: priv, docs: ["Start of the root block."] },
    { name: "_version", type: "number", initializer: "0", scope: priv, docs: ["Acting version: the sender's, from the header."] },
    { name: "_blockLength", type: "number", initializer: "0", scope: priv, docs: ["Acting block length, from the header."] },
    { name: "_end", type: "number", initializer: "0", scope: priv, docs: ["End of the bytes wrap() was given."] },
    { name: "_limit", type: "number", initializer: "0", scope: priv, docs: ["End of the message, found by wrap()."] },
    ...childProperties(kids),
    ...wideDecoderProperties(block.fields).map((p) => ({ ...p, scope: priv })),
  ];
  const fieldCtx: FieldContext = { ...ctx, fields: block.fields };
  const walk: string[] = [];
  for (const kid of kids) walk.push(...childWalkStatements(block, kid, "version", "dv", "end", true));
  const methods: Method[] = [
    {
      name: "wrap",
      parameters: [
        { name: "buf", type: "Uint8Array" },
        { name: "offset", type: "number", initializer: "0" },
        { name: "length", type: "number", initializer: "buf.length - offset" },
      ],
      returnType: "this",
      docs: [
        "Reads the header at `offset` and validates the whole message against `length`; throws CodecError (with the reason, field and offset) for a truncated or inconsistent message. Afterwards no accessor reads past the message.",
      ],
      statements: [
        `if (buf !== this._buf) {`,
        `this._buf = buf;`,
        `this._dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);`,
        `}`,
        `if (!(offset >= 0 && length >= ${MESSAGE_HEADER_LENGTH} && offset + length <= buf.length)) frameFail(${name}, buf.length, offset, length);`,
        `const dv = this._dv;`,
        `const blockLength = dv.getUint16(offset, true);`,
        `const templateId = dv.getUint16(offset + 2, true);`,
        `const schemaId = dv.getUint16(offset + 4, true);`,
        `const version = dv.getUint16(offset + 6, true);`,
        `if (templateId !== ${hex(m.templateId)} || schemaId !== ${schema.id}) headerFail(${name}, offset, templateId, schemaId, ${hex(m.templateId)}, ${schema.id});`,
        `const needed = ${neededBlockLengthExpr(block.fields, "version")};`,
        `if (blockLength < needed) blockLengthFail(${name}, offset, blockLength, needed, version);`,
        `const end = offset + length;`,
        `${kids.length > 0 ? "let" : "const"} p = offset + ${MESSAGE_HEADER_LENGTH} + blockLength;`,
        `if (p > end) capacityFail(${name}, offset + ${MESSAGE_HEADER_LENGTH}, blockLength, end - offset - ${MESSAGE_HEADER_LENGTH});`,
        ...walk,
        `const at = offset + ${MESSAGE_HEADER_LENGTH};`,
        ...preReadStatements(block.fields, "at", "dv", "version"),
        `this._offset = offset;`,
        `this._at = at;`,
        `this._version = version;`,
        `this._blockLength = blockLength;`,
        `this._end = end;`,
        `this._limit = p;`,
        `return this;`,
      ],
    },
    { name: "encodedLength", returnType: "number", docs: ["Bytes of the whole message, header included (known after wrap)."], statements: [`return this._limit - this._offset;`] },
    { name: "actingVersion", returnType: "number", docs: ["The schema version the sender encoded with."], statements: [`return this._version;`] },
    { name: "actingBlockLength", returnType: "number", docs: ["The root block length on the wire."], statements: [`return this._blockLength;`] },
    ...block.fields.flatMap((f) => decoderFieldMethods(f, fieldCtx)),
    ...wideColdMethods(block.fields, ctx),
    ...childAccessors(block, kids),
    ...jsonMethods(block, kids, ctx, m.name),
  ];
  return {
    kind: StructureKind.Class,
    name: `${block.prefix}Decoder`,
    isExported: true,
    docs: [docText(`Decoder of ${m.name}`, m.pos, m.doc, "A flyweight: create it once, wrap() it over each message to read.")],
    properties,
    methods,
  };
}

export function groupDecoderClass(block: Block, g: GroupIR, ctx: FieldContext): ClassDeclarationStructure {
  const kids = children(block);
  const name = JSON.stringify(block.path);
  const properties: Property[] = [
    { name: "BLOCK_LENGTH", isStatic: true, isReadonly: true, initializer: String(block.blockLength), docs: ["Bytes of each entry's fixed fields at this schema version."] },
    { name: "_buf", type: "Uint8Array", initializer: "EMPTY_BYTES", scope: priv, docs: ["The message's buffer."] },
    { name: "_dv", type: "DataView", initializer: "EMPTY_VIEW", scope: priv, docs: ["The message's DataView."] },
    { name: "_version", type: "number", initializer: "0", scope: priv, docs: ["Acting version of the message."] },
    { name: "_end", type: "number", initializer: "0", scope: priv, docs: ["End of the bytes the message decoder was given."] },
    { name: "_blockLength", type: "number", initializer: "0", scope: priv, docs: ["Entry block length on the wire."] },
    { name: "_count", type: "number", initializer: "0", scope: priv, docs: ["Entries in the group."] },
    { name: "_index", type: "number", initializer: "0", scope: priv, docs: ["Entries read so far."] },
    { name: "_at", type: "number", initializer: "0", scope: priv, docs: ["Start of the current entry's block."] },
    { name: "_next", type: "number", initializer: "0", scope: priv, docs: ["Start of the next entry."] },
    ...childProperties(kids),
    ...wideDecoderProperties(block.fields).map((p) => ({ ...p, scope: priv })),
  ];
  const fieldCtx: FieldContext = { ...ctx, fields: block.fields };
  const preRead = preReadStatements(block.fields, "at", "dv", "this._version");
  const needed = neededBlockLengthExpr(block.fields, "version");
  const leaf = kids.length === 0;
  const walkBody = leaf
    ? [
        `const count = groupCount(dv, at, end, ${needed}, version, ${name});`,
        `const blockLength = dv.getUint16(at, true);`,
        `const p = at + 4 + count * blockLength;`,
        `if (p > end) entriesFail(${name}, at + 4, count, blockLength, end);`,
        `return p;`,
      ]
    : [
        `const count = groupCount(dv, at, end, ${needed}, version, ${name});`,
        `const blockLength = dv.getUint16(at, true);`,
        `let p = at + 4;`,
        `for (let i = 0; i < count; i++) {`,
        `p += blockLength;`,
        `if (p > end) entriesFail(${name}, p - blockLength, count - i, blockLength, end);`,
        ...kids.flatMap((kid) => childWalkStatements(block, kid, "version", "dv", "end", false)),
        `}`,
        `return p;`,
      ];
  const nextStatements = leaf
    ? [`this._next = at + this._blockLength;`]
    : [
        `let p = at + this._blockLength;`,
        ...kids.flatMap((kid) => childEntryStatements(kid)),
        `this._next = p;`,
      ];
  const methods: Method[] = [
    {
      name: "_walk",
      isStatic: true,
      parameters: [
        { name: "dv", type: "DataView" },
        { name: "at", type: "number" },
        { name: "end", type: "number" },
        { name: "version", type: "number" },
      ],
      returnType: "number",
      docs: ["@internal Validates the group at `at` (dimension, entries and everything nested) against `end`; returns where it ends."],
      statements: walkBody,
    },
    {
      name: "_wrap",
      parameters: [
        { name: "buf", type: "Uint8Array" },
        { name: "dv", type: "DataView" },
        { name: "at", type: "number" },
        { name: "version", type: "number" },
        { name: "end", type: "number" },
      ],
      returnType: "this",
      docs: ["@internal Positions the flyweight on a validated group (at < 0: absent, no entries)."],
      statements: [
        `this._buf = buf;`,
        `this._dv = dv;`,
        `this._version = version;`,
        `this._end = end;`,
        `this._index = 0;`,
        `if (at < 0) {`,
        `this._count = 0;`,
        `this._blockLength = 0;`,
        `this._next = 0;`,
        `return this;`,
        `}`,
        `this._blockLength = dv.getUint16(at, true);`,
        `this._count = dv.getUint16(at + 2, true);`,
        `this._next = at + 4;`,
        `return this;`,
      ],
    },
    {
      name: "_json",
      isStatic: true,
      parameters: [
        { name: "buf", type: "Uint8Array" },
        { name: "dv", type: "DataView" },
        { name: "at", type: "number" },
        { name: "version", type: "number" },
        { name: "end", type: "number" },
      ],
      returnType: "Array<Record<string, unknown>>",
      docs: ["@internal The entries for toJSON(), read with a fresh flyweight so the caller's iteration is not disturbed."],
      statements: [
        `const g = new ${block.prefix}Decoder()._wrap(buf, dv, at, version, end);`,
        `const out: Array<Record<string, unknown>> = [];`,
        `while (g.hasNext()) out.push(g.next().toJSON());`,
        `return out;`,
      ],
    },
    { name: "hasNext", returnType: "boolean", docs: ["Whether next() has another entry to move to."], statements: [`return this._index < this._count;`] },
    {
      name: "next",
      returnType: "this",
      docs: ["Moves to the next entry (the first one on the first call)."],
      statements: [
        `if (this._index >= this._count) endOfGroupFail(${name}, this._next, this._count);`,
        `const at = this._next;`,
        `this._at = at;`,
        `this._index++;`,
        ...(preRead.length > 0 ? [`const dv = this._dv;`, ...preRead] : []),
        ...nextStatements,
        `return this;`,
      ],
    },
    { name: "actingBlockLength", returnType: "number", docs: ["The entry block length on the wire."], statements: [`return this._blockLength;`] },
    ...block.fields.flatMap((f) => decoderFieldMethods(f, fieldCtx)),
    ...wideColdMethods(block.fields, ctx),
    ...childAccessors(block, kids),
    ...jsonMethods(block, kids, ctx, null),
  ];
  return {
    kind: StructureKind.Class,
    name: `${block.prefix}Decoder`,
    isExported: true,
    docs: [docText(`Decoder of the ${block.path} group entries`, g.pos, g.doc, "Obtained from the parent's accessor; one flyweight, reused for every entry.")],
    properties,
    getAccessors: [{ name: "count", returnType: "number", docs: ["Entries in the group (0 when the group is newer than the sender's version)."], statements: [`return this._count;`] }],
    methods,
  };
}

function childProperties(kids: Child[]): Property[] {
  const out: Property[] = [];
  for (const kid of kids) {
    if (kid.kind === "group") {
      out.push(
        { name: `_${kid.group.name}At`, type: "number", initializer: "-1", scope: priv, docs: [`Where the ${kid.group.name} dimension starts (-1: absent).`] },
        { name: `_${kid.group.name}Group`, type: `${kid.block.prefix}Decoder`, initializer: `new ${kid.block.prefix}Decoder()`, isReadonly: true, scope: priv, docs: [`Flyweight of the ${kid.group.name} entries.`] },
      );
    } else {
      out.push(
        { name: `_${kid.varData.name}At`, type: "number", initializer: "0", scope: priv, docs: [`Where the ${kid.varData.name} bytes start.`] },
        { name: `_${kid.varData.name}Length`, type: "number", initializer: "0", scope: priv, docs: [`Length of ${kid.varData.name} in bytes.`] },
      );
    }
  }
  return out;
}

/** wrap()/_walk(): validate one child at `p` and advance `p` past it; wrap() also records where it is. */
function childWalkStatements(block: Block, kid: Child, version: string, dv: string, end: string, record: boolean): string[] {
  const since = kid.kind === "group" ? kid.group.since : kid.varData.since;
  const body: string[] = [];
  const absent: string[] = [];
  if (kid.kind === "group") {
    if (record) body.push(`this._${kid.group.name}At = p;`);
    body.push(`p = ${kid.block.prefix}Decoder._walk(${dv}, p, ${end}, ${version});`);
    if (record) absent.push(`this._${kid.group.name}At = -1;`);
  } else {
    const v = kid.varData;
    const where = JSON.stringify(`${block.path}.${v.name}`);
    if (record) {
      body.push(`const ${v.name}Length = varDataLength(${dv}, p, ${end}, ${v.maxLength}, ${where});`);
      body.push(`this._${v.name}At = p + 4;`, `this._${v.name}Length = ${v.name}Length;`, `p += 4 + ${v.name}Length;`);
      absent.push(`this._${v.name}At = 0;`, `this._${v.name}Length = 0;`);
    } else {
      body.push(`p += 4 + varDataLength(${dv}, p, ${end}, ${v.maxLength}, ${where});`);
    }
  }
  if (since === 0) return body;
  return [`if (${version} >= ${since}) {`, ...body, ...(absent.length > 0 ? [`} else {`, ...absent] : []), `}`];
}

/** next(): find where this entry's nested groups and var data are (already validated by wrap). */
function childEntryStatements(kid: Child): string[] {
  const since = kid.kind === "group" ? kid.group.since : kid.varData.since;
  let body: string[];
  let absent: string[];
  if (kid.kind === "group") {
    body = [`this._${kid.group.name}At = p;`, `p = ${kid.block.prefix}Decoder._walk(this._dv, p, this._end, this._version);`];
    absent = [`this._${kid.group.name}At = -1;`];
  } else {
    const n = kid.varData.name;
    body = [`const ${n}Length = this._dv.getUint32(p, true);`, `this._${n}At = p + 4;`, `this._${n}Length = ${n}Length;`, `p += 4 + ${n}Length;`];
    absent = [`this._${n}At = 0;`, `this._${n}Length = 0;`];
  }
  if (since === 0) return body;
  return [`if (this._version >= ${since}) {`, ...body, `} else {`, ...absent, `}`];
}

function childAccessors(block: Block, kids: Child[]): Method[] {
  const out: Method[] = [];
  for (const kid of kids) {
    if (kid.kind === "group") {
      const g = kid.group;
      out.push({
        name: g.name,
        returnType: `${kid.block.prefix}Decoder`,
        docs: [docText(`The ${g.name} group: iterate with hasNext()/next() (restarts from the first entry on each call)`, g.pos, g.doc)],
        statements: [`return this._${g.name}Group._wrap(this._buf, this._dv, this._${g.name}At, this._version, this._end);`],
      });
      continue;
    }
    const v = kid.varData;
    const cap = v.name.charAt(0).toUpperCase() + v.name.slice(1);
    const at = `this._${v.name}At`;
    const len = `this._${v.name}Length`;
    const where = JSON.stringify(`${block.path}.${v.name}`);
    out.push(
      v.kind === "varchars"
        ? {
            name: v.name,
            returnType: "string",
            docs: [docText(`${v.name}: UTF-8 text ("" when empty or absent; allocates the string)`, v.pos, v.doc)],
            statements: [`return readUtf8(this._buf, ${at}, ${len});`],
          }
        : {
            name: v.name,
            returnType: "Uint8Array",
            docs: [docText(`${v.name}: a view of the bytes in the message buffer (allocates the view object)`, v.pos, v.doc)],
            statements: [`const at = ${at};`, `return this._buf.subarray(at, at + ${len});`],
          },
      { name: `${v.name}Length`, returnType: "number", docs: [docText(`Length of ${v.name} in bytes`, v.pos)], statements: [`return ${len};`] },
      {
        name: `get${cap}`,
        parameters: [
          { name: "dst", type: "Uint8Array" },
          { name: "dstOffset", type: "number", initializer: "0" },
        ],
        returnType: "number",
        docs: [docText(`Copies ${v.name}'s bytes into dst; returns their count`, v.pos)],
        statements: [`return copyOut(this._buf, ${at}, ${len}, dst, dstOffset, ${where});`],
      },
    );
  }
  return out;
}

function jsonMethods(block: Block, kids: Child[], ctx: FieldContext, messageName: string | null): Method[] {
  const entries: string[] = block.fields.map((f) => `${f.name}: ${jsonValueExpr(f, ctx.enums)},`);
  for (const kid of kids) {
    if (kid.kind === "group") {
      entries.push(`${kid.group.name}: ${kid.block.prefix}Decoder._json(this._buf, this._dv, this._${kid.group.name}At, this._version, this._end),`);
    } else {
      const v = kid.varData;
      entries.push(
        v.kind === "varchars"
          ? `${v.name}: this.${v.name}(),`
          : `${v.name}: toHex(this._buf, this._${v.name}At, this._${v.name}Length),`,
      );
    }
  }
  const methods: Method[] = [
    {
      name: "toJSON",
      returnType: "Record<string, unknown>",
      docs: [
        messageName
          ? "The message as a plain object, for logs (allocates). 64-bit values beyond ±(2^53 − 1) appear as strings, enums by name, sets as lists of names, bytes as hex."
          : "The current entry as a plain object, for logs (allocates).",
      ],
      statements: [`return {`, ...entries, `};`],
    },
  ];
  if (messageName) {
    methods.push({
      name: "toString",
      returnType: "string",
      docs: ["`NewOrder {...}`: the name and toJSON(), for logs (allocates)."],
      statements: [`return ${JSON.stringify(messageName + " ")} + JSON.stringify(this.toJSON());`],
    });
  }
  return methods;
}

export type { GroupChild };

/**
 * Encoder flyweights: one class per message and one per group (any depth). A message encoder owns the
 * write position (`_limit`) that its group encoders share; group encoders are created once, with the message
 * encoder, and reused for every message.
 *
 * Groups and var data go on the wire in schema order after the fixed block. The encoder tracks which of them
 * has been written (`_stage`) and fills in the ones the caller skipped (count 0, length 0) when a later one is
 * written or on encodedLength(), so a message is always complete; writing out of order throws.
 */
import type { ClassDeclarationStructure, OptionalKind, PropertyDeclarationStructure } from "ts-morph";
import { Scope, StructureKind } from "ts-morph";
import { MESSAGE_HEADER_LENGTH, type MessageIR, type SchemaIR } from "../ir.js";
import { children, type Block, type Child } from "./block.js";
import { encoderFieldMethods, type FieldContext, type Method } from "./field-encoder.js";
import { docText } from "./names.js";
import { entryWideProperties } from "./entry-wide.js";
import { blockTemplate, flushMethods, narrowStores, resetWideStatements, wideEncoderProperties } from "./wide.js";
import { checkWrittenStatements, markWritten, narrowMask, writeUnsetMethod, writtenProperty, type NarrowMask } from "./narrow.js";
import { writeStmt } from "./wire.js";

type Property = OptionalKind<PropertyDeclarationStructure>;

const internal = (text: string) => [`@internal ${text}`];

export function messageEncoderClass(schema: SchemaIR, m: MessageIR, block: Block, ctx: FieldContext): ClassDeclarationStructure {
  const kids = children(block);
  const total = blockTotal(block);
  const className = `${block.prefix}Encoder`;
  const limit = "this._limit";
  const properties: Property[] = [
    ...staticConstants(schema, m),
    { name: "_buf", type: "Uint8Array", initializer: "EMPTY_BYTES", docs: internal("The buffer being written.") },
    { name: "_dv", type: "DataView", initializer: "EMPTY_VIEW", docs: internal("One DataView per buffer, made when wrap() gets a new buffer.") },
    { name: "_limit", type: "number", initializer: "0", docs: internal("End of what is written so far; group encoders advance it.") },
    { name: "_offset", type: "number", initializer: "0", scope: Scope.Private, docs: ["Where the message (its header) starts."] },
    { name: "_at", type: "number", initializer: "0", scope: Scope.Private, docs: ["Start of the root block."] },
    ...childProperties(kids),
    ...wideProperties(block),
    ...(narrowMask(block.fields) ? [writtenProperty] : []),
  ];
  // The header and the narrow bytes of the root block are written by a few stores (wide fields' bytes are
  // always written by _flush()), or by copying a template when there are many: TypedArray#set is a builtin
  // call, slower than a handful of inlined DataView stores.
  const header = headerBytes(schema, m);
  const rootTemplate = blockTemplate(block.fields, m.blockLength);
  const mask = narrowMask(block.fields);
  const rootStores = mask ? [] : narrowStores(block.fields, rootTemplate);
  const rootUseTemplate = rootStores.length > 8;
  if (rootUseTemplate) properties.push(templateProperty(blockTemplate(block.fields, m.blockLength, header), "The message header and a reset root block, copied by wrap()."));
  const word32 = (i: number) => header[i]! + header[i + 1]! * 256 + header[i + 2]! * 65536 + header[i + 3]! * 16777216;
  const resetRoot = rootUseTemplate
    ? [`buf.set(${className}._TEMPLATE, offset);`]
    : [
        `const dv = this._dv;`,
        writeStmt("uint32", "offset", String(word32(0)), "dv"),
        writeStmt("uint32", "offset + 4", String(word32(4)), "dv"),
        ...rootStores.map((w) => writeStmt(w.prim, `offset + ${MESSAGE_HEADER_LENGTH + w.offset}`, String(w.value), "dv")),
      ];
  const flushers = [...flushMethods(block.fields, ctx, mask ? checkWrittenStatements(mask) : []), ...(mask ? [writeUnsetMethod(mask, block.blockLength)] : [])];
  const flush = flushers.length > 0;
  const needed = MESSAGE_HEADER_LENGTH + m.blockLength;
  const methods: Method[] = [
    {
      name: "wrap",
      parameters: [
        { name: "buf", type: "Uint8Array" },
        { name: "offset", type: "number", initializer: "0" },
      ],
      returnType: "this",
      docs: [
        "Starts a message at `offset`: writes the 8-byte header; root-block fields left unset are written as 0 (null when optional) by encodedLength(), which completes the message, so nothing of an earlier message in a reused buffer leaks through. Throws CodecError when header and block do not fit.",
      ],
      statements: [
        `if (buf !== this._buf) {`,
        `this._buf = buf;`,
        `this._dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);`,
        `}`,
        `if (!(offset >= 0 && offset + ${needed} <= buf.length)) capacityFail(${JSON.stringify(block.path)}, offset, ${needed}, buf.length - offset);`,
        ...resetRoot,
        `this._offset = offset;`,
        `this._at = offset + ${MESSAGE_HEADER_LENGTH};`,
        `this._limit = offset + ${needed};`,
        ...(kids.length > 0 ? [`this._stage = 0;`, `this._open = false;`] : []),
        ...(mask ? [`this._written = 0;`] : []),
        ...resetWideStatements(block.fields),
        `return this;`,
      ],
    },
    {
      name: "encodedLength",
      returnType: "number",
      docs: [
        kids.length > 0
          ? "Bytes of the message, header included. Completes the message first: groups and var data not written yet are written empty, after which none of them can be written."
          : "Bytes of the message, header included.",
      ],
      statements: [
        ...(flush ? [`this._flush();`] : []),
        ...(kids.length > 0 ? enterChild(kids, total) : []),
        `return this._limit - this._offset;`,
      ],
    },
    ...fieldMethods(block, mask, ctx),
    ...flushers,
    ...childMethods(block, kids, limit),
  ];
  return {
    kind: StructureKind.Class,
    name: className,
    isExported: true,
    docs: [docText(`Encoder of ${m.name}`, m.pos, m.doc, "A flyweight: create it once, wrap() it over each message to write.")],
    properties,
    ctors: kids.some((k) => k.kind === "group")
      ? [{ statements: kids.filter((k) => k.kind === "group").map((k) => `this._${groupField(k)} = new ${k.block.prefix}Encoder(this);`) }]
      : [],
    methods,
  };
}

/**
 * A group's entry encoder. Its setters write at once (wide fields included, see wide.ts), and a written-mask
 * over all the entry's fields tells next() which ones to default. A group whose entries have no groups or var
 * data of their own ("flat", every entry `blockLength` bytes) keeps only a cursor: next() advances it by the
 * block length and checks it against the last entry the count and the buffer allow; the message's write
 * position is updated once, when the parent moves past the group (`_finish()`). A group with nested groups or
 * var data advances the message's write position entry by entry, since an entry ends where its children end.
 */
export function groupEncoderClass(block: Block, g: { name: string; pos: import("../ir.js").SourcePos; doc?: string }, ctx: FieldContext): ClassDeclarationStructure {
  const kids = children(block);
  const total = blockTotal(block);
  const msgClass = `${block.messagePrefix}Encoder`;
  const limit = "this._msg._limit";
  const where = JSON.stringify(block.path);
  const bl = block.blockLength;
  const flat = kids.length === 0;
  const mask = narrowMask(block.fields, true);
  const properties: Property[] = [
    { name: "BLOCK_LENGTH", isStatic: true, isReadonly: true, initializer: String(bl), docs: ["Bytes of each entry's fixed fields."] },
    { name: "_msg", type: msgClass, isReadonly: true, scope: Scope.Private, docs: ["The message encoder, which owns the write position."] },
    { name: "_buf", type: "Uint8Array", initializer: "EMPTY_BYTES", docs: internal("The message encoder's buffer.") },
    { name: "_dv", type: "DataView", initializer: "EMPTY_VIEW", docs: internal("The message encoder's DataView.") },
    { name: "_at", type: "number", initializer: "0", scope: Scope.Private, docs: ["Start of the current entry's block."] },
    { name: "_count", type: "number", initializer: "0", scope: Scope.Private, docs: ["Entries declared by the count call."] },
    ...(flat
      ? [
          { name: "_first", type: "number", initializer: "0", scope: Scope.Private, docs: ["Start of the first entry."] },
          {
            name: "_last",
            type: "number",
            initializer: "0",
            scope: Scope.Private,
            docs: ["Start of the last entry next() may begin: within the declared count and the buffer."],
          },
        ]
      : [{ name: "_index", type: "number", initializer: "0", scope: Scope.Private, docs: ["Entries started so far."] }]),
    ...childProperties(kids),
    ...entryWideProperties(block.fields).map((p) => ({ ...p, scope: Scope.Private })),
    ...(mask ? [writtenProperty] : []),
  ];
  // Without a mask (more fields than it has bits) a new entry is cleared by a few stores, or by copying a
  // template when there are many.
  const template = blockTemplate(block.fields, bl, [], true);
  const stores = mask ? [] : narrowStores([], template);
  const useTemplate = stores.length > 8;
  if (useTemplate) properties.push(templateProperty(template, "A reset entry block, copied by next()."));
  const resetEntry = mask
    ? [`this._written = 0;`]
    : useTemplate
      ? [`this._buf.set(${block.prefix}Encoder._TEMPLATE, at);`]
      : [`const dv = this._dv;`, ...stores.map((w) => writeStmt(w.prim, w.offset === 0 ? "at" : `at + ${w.offset}`, String(w.value), "dv"))];
  const complete = mask ? checkWrittenStatements(mask) : [];
  const fail = `nextEntryFail(${where}, at, ${flat ? `(at - this._first) / ${bl}` : "this._index"}, this._count, ${bl}, this._buf.length)`;
  const fewer = (written: string, at: string) =>
    `codecFail(${where}, ${at}, \`\${${written}} of \${this._count} entries written; call next() before each entry\`)`;
  const methods: Method[] = flat
    ? [
        {
          name: "_begin",
          parameters: [{ name: "count", type: "number" }],
          returnType: "this",
          docs: internal("Called by the parent's count call after it wrote the dimension."),
          statements: [
            `const msg = this._msg;`,
            `const first = msg._limit;`,
            `this._buf = msg._buf;`,
            `this._dv = msg._dv;`,
            `this._count = count;`,
            `this._first = first;`,
            `this._at = first - ${bl};`,
            `this._last = Math.min(first + (count - 1) * ${bl}, this._buf.length - ${bl});`,
            ...(mask ? [`this._written = ${mask.all};`] : []),
            `return this;`,
          ],
        },
        {
          name: "_finish",
          returnType: "void",
          docs: internal(
            "Called by the parent when it moves past this group: completes the last entry, moves the message's write position past the group, and checks that all declared entries were written.",
          ),
          statements: [
            ...complete,
            `const end = this._at + ${bl};`,
            `${limit} = end;`,
            `if (end !== this._first + this._count * ${bl}) ${fewer(`(end - this._first) / ${bl}`, "end")};`,
          ],
        },
        {
          name: "next",
          returnType: "this",
          docs: [
            "Starts the next entry (completing the previous one: fields left unset in it are written as 0, or null when optional).",
          ],
          statements: [
            `const at = this._at + ${bl};`,
            mask ? `if (at > this._last || this._written !== ${mask.all}) this._nextSlow(at);` : `if (at > this._last) this._nextSlow(at);`,
            `this._at = at;`,
            ...resetEntry,
            `return this;`,
          ],
        },
        {
          name: "_nextSlow",
          scope: Scope.Private,
          parameters: [{ name: "at", type: "number" }],
          returnType: "void",
          docs: [
            "The cold path of next(): writes the defaults of the previous entry's unset fields, and throws for an entry beyond the declared count or the buffer.",
          ],
          statements: [...complete, `if (at > this._last) ${fail};`],
        },
      ]
    : [
        {
          name: "_begin",
          parameters: [{ name: "count", type: "number" }],
          returnType: "this",
          docs: internal("Called by the parent's count call after it wrote the dimension."),
          statements: [
            `this._buf = this._msg._buf;`,
            `this._dv = this._msg._dv;`,
            `this._count = count;`,
            `this._index = 0;`,
            ...(mask ? [`this._written = ${mask.all};`] : []),
            `return this;`,
          ],
        },
        {
          name: "_finish",
          returnType: "void",
          docs: internal("Called by the parent when it moves past this group: all declared entries must have been written."),
          statements: [
            `if (this._index !== this._count) ${fewer("this._index", limit)};`,
            `if (this._count > 0 && (this._stage !== ${total} || this._open)) this._advance(${total});`,
            ...complete,
          ],
        },
        {
          name: "next",
          returnType: "this",
          docs: [
            "Starts the next entry (completing the previous one: fields left unset in it are written as 0, or null when optional).",
          ],
          statements: [
            `if (this._index > 0 && (this._stage !== ${total} || this._open)) this._advance(${total});`,
            ...complete,
            `const msg = this._msg;`,
            `const at = msg._limit;`,
            `if (this._index >= this._count || at + ${bl} > this._buf.length) this._nextFail();`,
            `this._at = at;`,
            `msg._limit = at + ${bl};`,
            `this._index++;`,
            `this._stage = 0;`,
            `this._open = false;`,
            ...resetEntry,
            `return this;`,
          ],
        },
        {
          name: "_nextFail",
          scope: Scope.Private,
          returnType: "never",
          docs: ["The cold path of next(): throws for an entry beyond the declared count or the buffer (kept out of next() so V8 inlines it)."],
          statements: [`const at = this._msg._limit;`, `return ${fail};`],
        },
      ];
  methods.push(...fieldMethods(block, mask, { ...ctx, eagerWide: true }), ...(mask ? [writeUnsetMethod(mask, bl)] : []), ...childMethods(block, kids, limit));
  return {
    kind: StructureKind.Class,
    name: `${block.prefix}Encoder`,
    isExported: true,
    docs: [docText(`Encoder of the ${block.path} group entries`, g.pos, g.doc, "Obtained from the parent's count call; call next() before each entry.")],
    properties,
    ctors: [
      {
        parameters: [{ name: "msg", type: msgClass }],
        statements: [
          `this._msg = msg;`,
          ...kids.filter((k) => k.kind === "group").map((k) => `this._${groupField(k)} = new ${k.block.prefix}Encoder(msg);`),
        ],
      },
    ],
    methods,
  };
}

/** The setters of the block's fields; with a written-mask, narrow setters mark their field written. */
function fieldMethods(block: Block, mask: NarrowMask | undefined, ctx: FieldContext): Method[] {
  return block.fields.flatMap((f) => {
    const methods = encoderFieldMethods(f, ctx);
    return mask && mask.fields.includes(f) ? markWritten(mask, f, methods) : methods;
  });
}

function wideProperties(block: Block): Property[] {
  return wideEncoderProperties(block.fields).map((p) => ({ ...p, scope: Scope.Private }));
}

function templateProperty(bytes: number[], doc: string): Property {
  return {
    name: "_TEMPLATE",
    isStatic: true,
    isReadonly: true,
    scope: Scope.Private,
    initializer: `new Uint8Array([${bytes.join(", ")}])`,
    docs: [doc],
  };
}

/** The 8-byte message header: block length, template id, schema id, version (uint16 little-endian each). */
function headerBytes(schema: SchemaIR, m: MessageIR): number[] {
  return [m.blockLength, m.templateId, schema.id, schema.version].flatMap((v) => [v & 0xff, (v >> 8) & 0xff]);
}

function blockTotal(block: Block): number {
  return block.groups.length + block.varData.length;
}

function groupField(k: Child & { kind: "group" }): string {
  return `${k.group.name}Group`;
}

function childProperties(kids: Child[]): Property[] {
  if (kids.length === 0) return [];
  return [
    { name: "_stage", type: "number", initializer: "0", scope: Scope.Private, docs: ["How many groups and var data fields (in schema order) have been started."] },
    { name: "_open", type: "boolean", initializer: "false", scope: Scope.Private, docs: ["Whether the last one started is a group still taking entries."] },
    ...kids
      .filter((k): k is Child & { kind: "group" } => k.kind === "group")
      .map((k) => ({ name: `_${groupField(k)}`, type: `${k.block.prefix}Encoder`, isReadonly: true, scope: Scope.Private, docs: [`Flyweight of the ${k.group.name} entries.`] })),
  ];
}

/**
 * Statements that move a message encoder to child k (k = kids.length: past the last, completing the message).
 * When the child just before k is a group still open — the usual case, as in a message that ends with a group —
 * it is closed inline; anything else (children skipped or out of order) goes through the cold _advance(). That
 * method is about 250 bytes of bytecode: called on every encode, V8 inlined it and it took a quarter of the
 * 920 bytes the caller may inline in all, which left later string setters of an Order encode as calls.
 */
function enterChild(kids: Child[], k: number): string[] {
  const cold = `if (this._stage !== ${k} || this._open) this._advance(${k});`;
  const previous = kids[k - 1];
  if (previous?.kind !== "group") return [cold];
  return [`if (this._open && this._stage === ${k}) {`, `this._open = false;`, `this._${groupField(previous)}._finish();`, `} else ${cold}`];
}

function childMethods(block: Block, kids: Child[], limit: string): Method[] {
  if (kids.length === 0) return [];
  const order = kids.map((k) => (k.kind === "group" ? k.group.name : k.varData.name)).join(", ");
  const methods: Method[] = [];
  const enter = (k: number) => enterChild(kids, k).join("\n");
  for (const kid of kids) {
    const k = kid.index;
    if (kid.kind === "group") {
      const g = kid.group;
      const where = JSON.stringify(kid.block.path);
      methods.push({
        name: `${g.name}Count`,
        parameters: [{ name: "count", type: "number" }],
        returnType: `${kid.block.prefix}Encoder`,
        docs: [docText(`Starts the ${g.name} group with \`count\` entries (0..65535); returns its encoder, on which call next() before each entry`, g.pos, g.doc)],
        statements: [
          enter(k),
          `const at = ${limit};`,
          `if ((count & 0xffff) !== count || at + 4 > this._buf.length) groupCountFail(${where}, at, count, this._buf.length);`,
          `this._dv.setUint16(at, ${kid.block.blockLength}, true);`,
          `this._dv.setUint16(at + 2, count, true);`,
          `${limit} = at + 4;`,
          `this._stage = ${k + 1};`,
          `this._open = true;`,
          `return this._${groupField(kid)}._begin(count);`,
        ],
      });
    } else {
      const v = kid.varData;
      const where = JSON.stringify(`${block.path}.${v.name}`);
      const tail = [`${limit} = at + 4 + n;`, `this._stage = ${k + 1};`, `return this;`];
      const room = `if (at + 4 + n > this._buf.length) capacityFail(${where}, at, 4 + n, this._buf.length - at);`;
      const tooLong = `if (n > ${v.maxLength}) rangeFail(${where}, at, n, "a length of at most ${v.maxLength} bytes");`;
      const bytesParams = [
        { name: "src", type: "Uint8Array" },
        { name: "srcOffset", type: "number", initializer: "0" },
        { name: "length", type: "number", initializer: "src.length - srcOffset" },
      ];
      const bytesBody = [enter(k), `const at = ${limit};`, `const n = length;`, tooLong, room, `this._dv.setUint32(at, n, true);`, `copyIn(src, srcOffset, n, this._buf, at + 4, ${where});`, ...tail];
      if (v.kind === "varchars") {
        methods.push(
          {
            name: v.name,
            parameters: [{ name: "s", type: "string" }],
            returnType: "this",
            docs: [docText(`Writes ${v.name}: UTF-8 text of at most ${v.maxLength} bytes${v.optional ? " (optional: skip it or write \"\" for absent)" : ""}`, v.pos, v.doc)],
            statements: [enter(k), `const at = ${limit};`, `const n = utf8Length(s);`, tooLong, room, `this._dv.setUint32(at, n, true);`, `writeUtf8(this._buf, at + 4, s);`, ...tail],
          },
          {
            name: `${v.name}Bytes`,
            parameters: bytesParams,
            returnType: "this",
            docs: [docText(`Writes ${v.name} from already-encoded UTF-8 bytes`, v.pos)],
            statements: bytesBody,
          },
        );
      } else {
        methods.push({
          name: v.name,
          parameters: bytesParams,
          returnType: "this",
          docs: [docText(`Writes ${v.name}: at most ${v.maxLength} bytes${v.optional ? " (optional: skip it for absent)" : ""}`, v.pos, v.doc)],
          statements: bytesBody,
        });
      }
    }
  }
  // Closes the group written last and writes the skipped ones empty, up to child k.
  const closeCases = kids
    .filter((k): k is Child & { kind: "group" } => k.kind === "group")
    .flatMap((k) => [`case ${k.index + 1}:`, `this._${groupField(k)}._finish();`, `break;`]);
  const emptyCases = kids.flatMap((k) =>
    k.kind === "group"
      ? [`case ${k.index}:`, `this._dv.setUint16(at, ${k.block.blockLength}, true);`, `this._dv.setUint16(at + 2, 0, true);`, `break;`]
      : [],
  );
  methods.push({
    name: "_advance",
    parameters: [{ name: "k", type: "number" }],
    returnType: "void",
    scope: Scope.Private,
    docs: ["Moves to group/var-data number k: finishes the open group and writes the skipped ones empty (cold path)."],
    statements: [
      `if (k < this._stage) codecFail(${JSON.stringify(block.path)}, ${limit}, "groups and var data must be written once each, in schema order: ${order}");`,
      ...(closeCases.length > 0 ? [`if (this._open) {`, `this._open = false;`, `switch (this._stage) {`, ...closeCases, `}`, `}`] : [`this._open = false;`]),
      `while (this._stage < k) {`,
      `const at = ${limit};`,
      `if (at + 4 > this._buf.length) capacityFail(${JSON.stringify(block.path)}, at, 4, this._buf.length - at);`,
      ...(emptyCases.length > 0
        ? [`switch (this._stage) {`, ...emptyCases, `default:`, `this._dv.setUint32(at, 0, true);`, `}`]
        : [`this._dv.setUint32(at, 0, true);`]),
      `${limit} = at + 4;`,
      `this._stage++;`,
      `}`,
    ],
  });
  return methods;
}

export function staticConstants(schema: SchemaIR, m: MessageIR): Property[] {
  return [
    { name: "TEMPLATE_ID", isStatic: true, isReadonly: true, initializer: hex(m.templateId), docs: [`Template id of ${m.name}.`] },
    { name: "BLOCK_LENGTH", isStatic: true, isReadonly: true, initializer: String(m.blockLength), docs: ["Bytes of the root block at this schema version."] },
    { name: "SCHEMA_ID", isStatic: true, isReadonly: true, initializer: String(schema.id), docs: ["Id of the schema."] },
    { name: "SCHEMA_VERSION", isStatic: true, isReadonly: true, initializer: String(schema.version), docs: ["Version written in every header."] },
  ];
}

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}


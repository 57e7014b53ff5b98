/**
 * Module-level declarations: schema constants, enums (`as const` objects of wire codes, a type of their
 * values, a code → name function), sets (`as const` objects of bit masks and a mask → names function) and the
 * TemplateId table.
 */
import type { FunctionDeclarationStructure, TypeAliasDeclarationStructure, VariableStatementStructure } from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { EnumIR, SchemaIR, SetIR } from "../ir.js";
import { hex } from "./encoder.js";
import { docText, enumNameFunction, setNamesFunction } from "./names.js";

export type Declaration = VariableStatementStructure | TypeAliasDeclarationStructure | FunctionDeclarationStructure;

/** Renders a JSDoc block for use inside an object literal written with the writer. */
function inlineDoc(text: string): string {
  return `/** ${text.replace(/\n+/g, " ")} */`;
}

function constant(name: string, value: string, doc: string): VariableStatementStructure {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [doc],
    declarations: [{ name, initializer: value }],
  };
}

export function schemaConstants(schema: SchemaIR): Declaration[] {
  const file = { file: schema.sourceFile, line: 1, col: 1 };
  return [
    constant("SCHEMA_ID", String(schema.id), docText(`Id of the ${schema.name} schema, in every message header`, file, schema.doc)),
    constant("SCHEMA_VERSION", String(schema.version), docText(`Version of the ${schema.name} schema this module encodes`, file)),
    ...schema.constants.map((c) => constant(c.name, String(c.value), docText(`Constant ${c.name}`, c.pos, c.doc))),
  ];
}

export function enumDeclarations(e: EnumIR): Declaration[] {
  if (!e.declared) {
    return [
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: e.name,
        type: "number",
        docs: [docText(`${e.name}: an enum this schema references without declaring; its codes are carried as they are`, e.pos, e.doc)],
      },
    ];
  }
  const members = e.values.map((v) => `${inlineDoc(docText(`${v.name} = ${v.literal}`, v.pos, v.doc))}\n${v.name}: ${codeLiteral(e, v.value)},`);
  const nameFn = enumNameFunction(e.name);
  return [
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [docText(`Enum ${e.name} (${e.prim}): the codes on the wire`, e.pos, e.doc)],
      declarations: [{ name: e.name, initializer: `{\n${members.join("\n")}\n} as const` }],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: e.name,
      type: `(typeof ${e.name})[keyof typeof ${e.name}]`,
      docs: [docText(`A ${e.name} code`, e.pos)],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: nameFn,
      parameters: [{ name: "code", type: "number" }],
      returnType: "string | undefined",
      docs: [docText(`The name of a ${e.name} code, for logs; undefined for a code this schema does not name`, e.pos)],
      statements: [
        `switch (code) {`,
        ...e.values.flatMap((v) => [`case ${codeLiteral(e, v.value)}:`, `return ${JSON.stringify(v.name)};`]),
        `default:`,
        `return undefined;`,
        `}`,
      ],
    },
  ];
}

export function setDeclarations(s: SetIR): Declaration[] {
  const members = s.choices.map((c) => `${inlineDoc(docText(`${c.name}: bit ${c.bit}`, c.pos, c.doc))}\n${c.name}: ${hex(2 ** c.bit)},`);
  return [
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [docText(`Set ${s.name} (${s.prim}): the mask of each choice; combine with |, test with &`, s.pos, s.doc)],
      declarations: [{ name: s.name, initializer: `{\n${members.join("\n")}\n} as const` }],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: setNamesFunction(s.name),
      parameters: [{ name: "mask", type: "number" }],
      returnType: "Array<string | number>",
      docs: [docText(`The names of the ${s.name} choices in a mask, for logs; bits the schema does not name come last as one number`, s.pos)],
      statements: [
        `const names: Array<string | number> = [];`,
        ...s.choices.map((c) => `if ((mask & ${hex(2 ** c.bit)}) !== 0) names.push(${JSON.stringify(c.name)});`),
        `const unknown = mask & ~${hex(s.choices.reduce((m, c) => m + 2 ** c.bit, 0))};`,
        `if (unknown !== 0) names.push(unknown >>> 0);`,
        `return names;`,
      ],
    },
  ];
}

export function templateIdTable(schema: SchemaIR): Declaration {
  const members = schema.messages.map((m) => {
    const tag = m.type !== undefined && m.subtype !== undefined ? `TYPE '${m.type}', SUBTYPE '${m.subtype}'` : `id ${m.templateId}`;
    return `${inlineDoc(docText(`${m.name}: ${tag}`, m.pos))}\n${m.name}: ${hex(m.templateId)},`;
  });
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [docText(`Template id of every ${schema.name} message`, { file: schema.sourceFile, line: 1, col: 1 })],
    declarations: [{ name: "TemplateId", initializer: `{\n${members.join("\n")}\n} as const` }],
  };
}

function codeLiteral(e: EnumIR, value: number): string {
  return e.prim === "char" || e.prim === "twoChar" ? hex(value) : String(value);
}

/**
 * Drops private state a particular block does not need (a decoder without groups never reads `_end`, a
 * message without versioned parts never reads `_version`), so generated code passes `noUnusedLocals` and
 * flyweights carry no dead fields. A private property counts as used when some member reads it; its
 * assignments alone do not count, and are removed with it.
 */
import type { ClassDeclarationStructure } from "ts-morph";
import { Scope } from "ts-morph";

export function pruneUnusedPrivates(cls: ClassDeclarationStructure): ClassDeclarationStructure {
  let changed = true;
  while (changed) {
    changed = false;
    const bodies = [
      ...(cls.methods ?? []).map((m) => m.statements),
      ...(cls.ctors ?? []).map((c) => c.statements),
      ...(cls.getAccessors ?? []).map((g) => g.statements),
      ...(cls.properties ?? []).map((p) => p.initializer),
    ];
    const code = JSON.stringify(bodies);
    for (const prop of cls.properties ?? []) {
      if (prop.scope !== Scope.Private || prop.isStatic) continue;
      // A read: `._x` not directly followed by an assignment.
      const read = new RegExp(`\\._${escape(prop.name.slice(1))}\\b(?!\\s*=[^=])`);
      if (read.test(code)) continue;
      cls.properties = cls.properties!.filter((p) => p !== prop);
      const assignment = new RegExp(`^this\\.${escape(prop.name)} = .*;$`);
      for (const member of [...(cls.methods ?? []), ...(cls.ctors ?? [])]) {
        if (Array.isArray(member.statements)) {
          member.statements = member.statements.filter((s) => typeof s !== "string" || !assignment.test(s));
        }
      }
      changed = true;
      break;
    }
  }
  // Parameters of uniform internal signatures (a leaf group's _wrap gets `end` it has no use for) are marked
  // unused the TypeScript way rather than given a different signature per class.
  for (const m of cls.methods ?? []) {
    const uses = JSON.stringify([m.statements, (m.parameters ?? []).map((p) => p.initializer)]);
    for (const p of m.parameters ?? []) {
      if (!new RegExp(`\\b${escape(p.name)}\\b`).test(uses) && !p.name.startsWith("_")) p.name = `_${p.name}`;
    }
  }
  return cls;
}

function escape(s: string): string {
  return s.replace(/[$]/g, "\\$");
}

/**
 * `xKey(s)` / `xEqualsKey(key)`: a chars field compared in place with a pre-encoded value, a 32-bit word at a
 * time. Every tail size (capacity % 4 = 0, 1, 2, 3) is generated and checked against `xEquals(s)`, the
 * character-by-character comparison, on random values that differ at every position.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSchemas } from "../../compiler/load.js";
import { codecErrorOf, importGenerated, tmpDir } from "./helpers.js";

const IDL = `SCHEMA = Keys
SCHEMA_ID = 77
VERSION = 0

MESSAGE Quote
    TYPE = Q
    SUBTYPE = K
    c1: chars(1)
    c3: chars(3)
    c5: chars(5)
    c7: chars(7)
    c8: chars(8)
    c12: chars(12)
    optional: chars(6)!
    lines:
        tag: chars(2)
`;
const CAPACITIES = { c1: 1, c3: 3, c5: 5, c7: 7, c8: 8, c12: 12 } as const;
type Field = keyof typeof CAPACITIES;
const FIELDS = Object.keys(CAPACITIES) as Field[];

let mod: any;

beforeAll(async () => {
  mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, "keys.idl");
  writeFileSync(file, IDL);
  const result = loadSchemas([{ file, moduleName: "keys" }]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join("; "));
  mod = await importGenerated(result.schemas[0]!, "keys");
});

const printable = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });

function encode(values: Record<Field, string>, optional: string | null, tags: string[]): Uint8Array {
  const buf = new Uint8Array(256).fill(0xee); // stale bytes: padding must be written, not assumed
  const enc = new mod.QuoteEncoder().wrap(buf, 0);
  for (const f of FIELDS) enc[f](values[f]);
  enc.optional(optional);
  const lines = enc.linesCount(tags.length);
  for (const t of tags) lines.next().tag(t);
  return buf.subarray(0, enc.encodedLength());
}

describe("chars fields compared with a pre-encoded key", () => {
  it("agrees with xEquals() for every tail size, on equal values and values that differ anywhere", () => {
    const valuesArb = fc.record(Object.fromEntries(FIELDS.map((f) => [f, printable(CAPACITIES[f])])) as Record<Field, fc.Arbitrary<string>>);
    fc.assert(
      fc.property(valuesArb, valuesArb, (written, probe) => {
        const bytes = encode(written, null, []);
        const dec = new mod.QuoteDecoder().wrap(bytes, 0, bytes.length);
        for (const f of FIELDS) {
          const same = mod.QuoteDecoder[`${f}Key`](written[f]);
          expect(dec[`${f}EqualsKey`](same), f).toBe(true);
          const other = mod.QuoteDecoder[`${f}Key`](probe[f]);
          expect(dec[`${f}EqualsKey`](other), `${f}: ${JSON.stringify(written[f])} vs ${JSON.stringify(probe[f])}`).toBe(dec[`${f}Equals`](probe[f]));
          // One character changed at each position, the tail bytes included.
          for (let i = 0; i < written[f].length; i++) {
            const changed = written[f].slice(0, i) + (written[f][i] === "~" ? "}" : "~") + written[f].slice(i + 1);
            expect(dec[`${f}EqualsKey`](mod.QuoteDecoder[`${f}Key`](changed)), `${f}[${i}]`).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("compares an optional field's null as the empty value, and group entries in place", () => {
    const values = { c1: "A", c3: "ABC", c5: "ABCDE", c7: "ABCDEFG", c8: "ABCDEFGH", c12: "ABCDEFGHIJKL" };
    const absent = encode(values, null, ["X", "YZ", ""]);
    const dec = new mod.QuoteDecoder().wrap(absent, 0, absent.length);
    expect(dec.optionalEqualsKey(mod.QuoteDecoder.optionalKey(""))).toBe(true);
    expect(dec.optionalEqualsKey(mod.QuoteDecoder.optionalKey("A"))).toBe(false);
    const lines = dec.lines();
    for (const tag of ["X", "YZ", ""]) {
      lines.next();
      expect(lines.tagEqualsKey(mod.QuoteLinesDecoder.tagKey(tag)), tag).toBe(true);
      expect(lines.tagEqualsKey(mod.QuoteLinesDecoder.tagKey(tag === "YZ" ? "YQ" : tag + "Q")), tag).toBe(false);
    }
    const present = encode(values, "NYSE", []);
    const dec2 = new mod.QuoteDecoder().wrap(present, 0, present.length);
    expect(dec2.optionalEqualsKey(mod.QuoteDecoder.optionalKey("NYSE"))).toBe(true);
    expect(dec2.optionalEqualsKey(mod.QuoteDecoder.optionalKey(""))).toBe(false);
  });

  it("refuses a value the field cannot hold, and a key made for a field of another size", () => {
    expect(codecErrorOf(() => mod.QuoteDecoder.c3Key("ABCD")).message).toContain("more than the field's 3");
    expect(codecErrorOf(() => mod.QuoteDecoder.c3Key("A\u0001")).message).toContain("outside printable US-ASCII");
    expect(codecErrorOf(() => mod.QuoteDecoder.c3Key("é")).field).toBe("Quote.c3");
    const values = { c1: "A", c3: "ABC", c5: "ABCDE", c7: "ABCDEFG", c8: "ABCDEFGH", c12: "ABCDEFGHIJKL" };
    const bytes = encode(values, null, []);
    const dec = new mod.QuoteDecoder().wrap(bytes, 0, bytes.length);
    const error = codecErrorOf(() => dec.c12EqualsKey(mod.QuoteDecoder.c8Key("ABCDEFGH")));
    expect(error.field).toBe("Quote.c12");
    expect(error.message).toContain("chars(12), 3 words");
    // Keys of fields with the same number of words are interchangeable when the value fits both.
    expect(dec.c7EqualsKey(mod.QuoteDecoder.c8Key("ABCDEFG"))).toBe(true);
  });
});

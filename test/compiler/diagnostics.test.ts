import { describe, expect, it } from "vitest";
import { formatDiagnostic, sortDiagnostics } from "../../compiler/diagnostics.js";
import type { Diagnostic } from "../../compiler/ir.js";
import { diagnose, lines } from "./helpers.js";

const at = (line: number, col: number, length: number, severity: Diagnostic["severity"] = "error"): Diagnostic => ({
  severity,
  message: "bad thing",
  pos: { file: "s.idl", line, col },
  length,
});

describe("formatDiagnostic", () => {
  it("prints position, severity, message, the source line and carets under the span", () => {
    const text = "SCHEMA = X\n    qty: unit\n";
    expect(formatDiagnostic(at(2, 10, 4), text)).toBe("s.idl:2:10: error: bad thing\n    qty: unit\n         ^^^^");
    expect(formatDiagnostic(at(2, 10, 4, "warning"), text)).toMatch(/^s\.idl:2:10: warning: bad thing\n/);
  });

  it("keeps tabs in the caret line so the carets line up in any terminal", () => {
    const text = "a\r\n\t\tqty: unit\r\n";
    expect(formatDiagnostic(at(2, 8, 4), text)).toBe("s.idl:2:8: error: bad thing\n\t\tqty: unit\n\t\t     ^^^^");
  });

  it("clips the span to the line, with at least one caret (errors at the end of a line)", () => {
    expect(formatDiagnostic(at(1, 4, 50), "abc")).toBe("s.idl:1:4: error: bad thing\nabc\n   ^");
  });

  it("prints only the first line without source text, or past the end of the file", () => {
    expect(formatDiagnostic(at(3, 1, 1), undefined)).toBe("s.idl:3:1: error: bad thing");
    expect(formatDiagnostic(at(9, 1, 1), "one line")).toBe("s.idl:9:1: error: bad thing");
  });

  it("formats a real diagnostic end to end", () => {
    const text = lines("TYPE = A", "SUBTYPE = B", "price: double(20)");
    const [d] = diagnose(text);
    expect(formatDiagnostic(d!, text)).toBe(
      "test.idl:3:15: error: 20 is out of range: double(p) keeps p decimal places, 1..18\nprice: double(20)\n              ^^",
    );
  });
});

describe("sortDiagnostics", () => {
  it("orders by file (first seen), line, column", () => {
    const other = { ...at(1, 1, 1), pos: { file: "b.idl", line: 1, col: 1 } };
    expect(sortDiagnostics([at(3, 1, 1), other, at(1, 5, 1), at(1, 2, 1)]).map((d) => `${d.pos.file}:${d.pos.line}:${d.pos.col}`)).toEqual([
      "s.idl:1:2", "s.idl:1:5", "s.idl:3:1", "b.idl:1:1",
    ]);
  });
});

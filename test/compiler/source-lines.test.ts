// The indentation tree: how lines nest, what counts as a doc comment.
import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../compiler/diagnostics.js";
import { readLineTree, type LineNode } from "../../compiler/idl/source-lines.js";

function tree(text: string) {
  const bag = new DiagnosticBag("t.idl");
  const show = (nodes: LineNode[]): unknown[] => nodes.map((n) => (n.children.length ? [n.source.text, show(n.children)] : n.source.text));
  return { shape: show(readLineTree(text, bag)), errors: bag.list };
}

describe("readLineTree", () => {
  it("nests by indentation; the first member's indent sets its block's indent", () => {
    const { shape, errors } = tree("a:\n  b:\n      c: int\n      d: int\n  e: int\nf: int\n");
    expect(errors).toEqual([]);
    expect(shape).toEqual([["a:", [["b:", ["c: int", "d: int"]], "e: int"]], "f: int"]);
  });

  it("accepts tabs, and different indent characters in different blocks", () => {
    const { shape, errors } = tree("a:\n\tb: int\nc:\n    d: int\n");
    expect(errors).toEqual([]);
    expect(shape).toEqual([["a:", ["b: int"]], ["c:", ["d: int"]]]);
  });

  it("strips the indent of the first line from the whole file; comments and blank lines do not count", () => {
    const { shape, errors } = tree("# top\n\n   a:\n#x\n      b: int\n   c: int\n");
    expect(errors).toEqual([]);
    expect(shape).toEqual([["a:", ["b: int"]], "c: int"]);
  });

  it("handles CR, LF and CRLF line ends, trailing blanks and a byte-order mark", () => {
    const bag = new DiagnosticBag("t.idl");
    const roots = readLineTree("\uFEFFa:  \r\n  b: int\t\r  c: int\n", bag);
    expect(bag.list).toEqual([]);
    expect(roots[0]!.children.map((c) => [c.source.line, c.source.col, c.source.text])).toEqual([[2, 3, "b: int"], [3, 3, "c: int"]]);
  });

  it("attaches the comment block right above a line as its doc, not across a blank line", () => {
    const bag = new DiagnosticBag("t.idl");
    const roots = readLineTree("# first\n#   second\na: int\n# lost\n\nb: int\n", bag);
    expect(roots.map((r) => r.source.doc)).toEqual([["first", "  second"], []]);
  });
});

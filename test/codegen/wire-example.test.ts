/**
 * The worked example in docs/WIRE.md, byte for byte: the bytes are read from the document itself, so the
 * document and the encoder cannot drift apart.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importGenerated, loadSchema, repoRoot } from "./helpers.js";

let gen: any;
beforeAll(async () => {
  gen = await importGenerated(loadSchema("exchange"), "exchange");
}, 60_000);

/** The annotated dump after `<!-- wire-example: NewOrder -->`: offset, hex bytes, `|`, comment. */
function documentedBytes(): { bytes: number[]; offsets: number[] } {
  const doc = readFileSync(path.join(repoRoot, "docs/WIRE.md"), "utf8");
  const start = doc.indexOf("<!-- wire-example: NewOrder -->");
  expect(start).toBeGreaterThan(0);
  const block = doc.slice(doc.indexOf("```text", start) + 7, doc.indexOf("```", doc.indexOf("```text", start) + 7));
  const bytes: number[] = [];
  const offsets: number[] = [];
  for (const line of block.split("\n")) {
    if (line.trim() === "") continue;
    const [left] = line.split("|");
    const [offset, ...hex] = left!.trim().split(/\s+/);
    offsets.push(parseInt(offset!, 16));
    expect(offsets.at(-1), `offset column of: ${line}`).toBe(bytes.length);
    for (const h of hex) bytes.push(parseInt(h, 16));
  }
  return { bytes, offsets };
}

describe("docs/WIRE.md worked example", () => {
  it("encodes NewOrder exactly as documented, and decodes the documented bytes back", () => {
    const { bytes } = documentedBytes();
    const buf = new Uint8Array(256).fill(0xee);
    const enc = new gen.NewOrderEncoder()
      .wrap(buf)
      .clOrdId(1001)
      .account("ACC1")
      .symbol("AAPL")
      .side(gen.Side.Buy)
      .price(187.25)
      .qty(100)
      .timeInForce(gen.TimeInForce.Day)
      .flags(gen.ExecFlags.PostOnly);
    enc.legsCount(1).next().symbol("MSFT").ratio(-2).side(gen.Side.Sell);
    enc.text("hi");
    expect(enc.encodedLength()).toBe(86);
    expect(Array.from(buf.subarray(0, 86))).toEqual(bytes);

    const dec = new gen.NewOrderDecoder().wrap(Uint8Array.from(bytes));
    expect(dec.toJSON()).toEqual({
      clOrdId: 1001,
      account: "ACC1",
      symbol: "AAPL",
      side: "Buy",
      price: 187.25,
      qty: 100,
      timeInForce: "Day",
      flags: ["PostOnly"],
      stopPrice: null,
      minQty: null,
      legs: [{ symbol: "MSFT", ratio: -2, side: "Sell" }],
      text: "hi",
    });
  });
});

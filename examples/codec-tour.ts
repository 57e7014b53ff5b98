/**
 * The first part of the demo: one real message through the code coralc
 * generated from schemas/exchange.idl — encoded, shown as hex, decoded back.
 *
 *   npx tsx examples/codec-tour.ts
 */
import { hexDump } from "coralseq/codec";
import { ExecFlags, NewOrderDecoder, NewOrderEncoder, Side, TimeInForce } from "../generated/exchange.js";

export function codecTour(print: (line: string) => void): void {
  const buf = new Uint8Array(256);
  const encoder = new NewOrderEncoder().wrap(buf, 0);
  encoder
    .clOrdId(9_007_199_254_740_991) // 2^53 - 1: 64-bit ids stay exact
    .account("ACME-CAPITAL")
    .symbol("AAPL")
    .side(Side.Buy)
    .price(189.2575)
    .qty(1_500)
    .timeInForce(TimeInForce.Day)
    .flags(ExecFlags.PostOnly)
    .stopPrice(null);
  const legs = encoder.legsCount(2);
  legs.next().symbol("AAPL").ratio(1).side(Side.Buy);
  legs.next().symbol("MSFT").ratio(-2).side(Side.Sell);
  encoder.text("hedged pair").minQty(100);
  const length = encoder.encodedLength();

  print(`NewOrder encoded by the generated NewOrderEncoder: ${length} bytes (SBE 1.0 layout, little-endian)`);
  print(hexDump(buf, 0, length));

  const decoder = new NewOrderDecoder().wrap(buf, 0, length);
  print("");
  print("Decoded back by NewOrderDecoder (checked once at wrap, then read in place):");
  print(`  ${decoder.toString()}`);
  // A value compared on every message (a symbol the book serves) is pre-encoded once; the comparison then
  // reads the field as 32-bit words instead of the string a character at a time.
  const AAPL = NewOrderDecoder.symbolKey("AAPL");
  print(
    `  symbolEquals("AAPL") = ${decoder.symbolEquals("AAPL")}, symbolEqualsKey(AAPL) = ${decoder.symbolEqualsKey(AAPL)}, ` +
      `price = ${decoder.price()} (stored as the integer ${decoder.priceRaw()}), stopPrice = ${decoder.stopPrice()}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) codecTour(console.log);

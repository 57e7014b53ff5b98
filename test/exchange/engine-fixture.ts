// A small engine with a recording listener, and helpers to enter orders and read the book, shared by the
// matching engine's example-based tests.

import { expect } from "vitest";
import { TimeInForce } from "../../examples/exchange/exchange-codes.js";
import { MatchingEngine } from "../../examples/exchange/matching-engine.js";
import { RecordingListener } from "./recording-listener.js";

export const SYM = "ACME";

export class EngineFixture {
  readonly listener = new RecordingListener();
  // Tiny pools, so the tests also cover growing them.
  readonly engine = new MatchingEngine([SYM, "GLOBX"], this.listener, {
    initialOrderCapacity: 4,
    initialLevelCapacity: 2,
  });
  private nextClOrdId = 1;

  /** Enters an order with the next clOrdId; returns [orderId, clOrdId]. */
  order = (
    side: number,
    price: number,
    qty: number,
    { account = "alice", tif = TimeInForce.Day as number, flags = 0, symbol = SYM } = {},
  ): [number, number] => {
    const clOrdId = this.nextClOrdId++;
    return [this.engine.newOrder(clOrdId, account, symbol, side, price, qty, tif, flags), clOrdId];
  };

  /** One side of a book as [price, [orderId, leavesQty][]] from the best price out; checks level totals. */
  side = (which: "bids" | "asks", symbol = SYM): [number, [number, number][]][] => {
    const book = this.engine.snapshot().books.find((b) => b.symbol === symbol)!;
    return book[which].map((level) => {
      expect(level.totalQty).toBe(level.orders.reduce((sum, o) => sum + o.leavesQty, 0));
      return [level.price, level.orders.map((o) => [o.orderId, o.leavesQty] as [number, number])];
    });
  };
}

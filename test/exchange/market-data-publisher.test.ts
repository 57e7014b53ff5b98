// The market-data publisher: what a matching engine reports, as BookUpdate (levels with their orders: nested
// groups) and Trade messages, decoded back with the generated decoders.

import { describe, expect, it } from "vitest";
import type { EncoderLike } from "../../runtime/index.js";
import { BookUpdateDecoder, ExchangeDispatcher, ExchangeHandlerBase, TradeDecoder } from "../../generated/exchange.js";
import { BookAction, Side, TimeInForce } from "../../examples/exchange/exchange-codes.js";
import { SYMBOL_NAMES, SYMBOLS } from "../../examples/exchange/exchange-setup.js";
import { MarketDataPublisher, MAX_LEVELS_PER_UPDATE, MAX_ORDERS_PER_LEVEL } from "../../examples/exchange/market-data-publisher.js";
import { MatchingEngine } from "../../examples/exchange/matching-engine.js";
import { applyFlowCommand, OrderFlow } from "../../examples/exchange/order-flow.js";

interface Level {
  action: number;
  side: number;
  price: number;
  totalQty: number;
  orders: [number, number][];
}

/** Collects what the publisher sends, decoded. */
class Feed extends ExchangeHandlerBase {
  updates: { symbol: string; levels: Level[]; bytes: number }[] = [];
  trades: { tradeId: number; symbol: string; price: number; qty: number; aggressorSide: number }[] = [];
  private readonly dispatcher = new ExchangeDispatcher(this);
  sendCommand(command: EncoderLike): number {
    const length = command.encodedLength();
    this.dispatcher.dispatch(command._buf, command._limit - length, length, undefined);
    return 1;
  }
  override onBookUpdate(u: BookUpdateDecoder): void {
    const levels: Level[] = [];
    for (const l = u.levels(); l.hasNext(); ) {
      l.next();
      const orders: [number, number][] = [];
      for (const o = l.orders(); o.hasNext(); ) {
        o.next();
        orders.push([o.orderId(), o.qty()]);
      }
      levels.push({ action: l.action(), side: l.side(), price: l.priceRaw(), totalQty: l.totalQty(), orders });
    }
    this.updates.push({ symbol: u.symbol(), levels, bytes: u.encodedLength() });
  }
  override onTrade(t: TradeDecoder): void {
    this.trades.push({ tradeId: t.tradeId(), symbol: t.symbol(), price: t.priceRaw(), qty: t.qty(), aggressorSide: t.aggressorSide() });
  }
}

function setup() {
  const feed = new Feed();
  const publisher = new MarketDataPublisher(feed);
  const engine = new MatchingEngine(SYMBOL_NAMES, publisher);
  publisher.attach(engine);
  let clOrdId = 1;
  const order = (side: number, price: number, qty: number, account = "A", tif: number = TimeInForce.Day) => {
    engine.newOrder(clOrdId++, account, "ACME", side, price, qty, tif, 0);
    publisher.flush();
  };
  return { feed, publisher, engine, order };
}

describe("market-data publisher", () => {
  it("publishes a new level with its orders in time priority", () => {
    const { feed, engine, order } = setup();
    order(Side.Buy, 1000, 300);
    order(Side.Buy, 1000, 200);
    expect(feed.updates).toEqual([
      { symbol: "ACME", bytes: expect.any(Number), levels: [{ action: BookAction.New, side: Side.Buy, price: 1000, totalQty: 300, orders: [[1, 300]] }] },
      { symbol: "ACME", bytes: expect.any(Number), levels: [{ action: BookAction.Change, side: Side.Buy, price: 1000, totalQty: 500, orders: [[1, 300], [2, 200]] }] },
    ]);
    expect(engine.book("ACME")!.bestBid()).toBe(1000);
  });

  it("publishes one update per order for a sweep, with a Trade per match", () => {
    const { feed, order } = setup();
    order(Side.Sell, 1000, 100);
    order(Side.Sell, 1001, 100);
    order(Side.Sell, 1002, 100);
    feed.updates.length = 0;
    order(Side.Buy, 1001, 250, "B"); // takes 1000 and 1001, rests 50 at 1001 on the bid side
    expect(feed.trades).toEqual([
      { tradeId: 1, symbol: "ACME", price: 1000, qty: 100, aggressorSide: Side.Buy },
      { tradeId: 2, symbol: "ACME", price: 1001, qty: 100, aggressorSide: Side.Buy },
    ]);
    expect(feed.updates).toHaveLength(1);
    expect(feed.updates[0]!.levels).toEqual([
      { action: BookAction.Delete, side: Side.Sell, price: 1000, totalQty: 0, orders: [] },
      { action: BookAction.Delete, side: Side.Sell, price: 1001, totalQty: 0, orders: [] },
      { action: BookAction.New, side: Side.Buy, price: 1001, totalQty: 50, orders: [[4, 50]] },
    ]);
  });

  it("says nothing about a level that appeared and vanished within one order", () => {
    const { feed, publisher, engine } = setup();
    engine.newOrder(1, "A", "ACME", Side.Sell, 1000, 100, TimeInForce.Day, 0);
    engine.cancelOrder(2, 1, "A", "ACME", Side.Sell); // both before one flush: as if one order did both
    publisher.flush();
    expect(feed.updates).toEqual([]);
  });

  it(`lists at most ${MAX_ORDERS_PER_LEVEL} orders of a level, with the level's whole quantity`, () => {
    const { feed, order } = setup();
    for (let i = 0; i < MAX_ORDERS_PER_LEVEL + 3; i++) order(Side.Sell, 1000, 100);
    const last = feed.updates.at(-1)!.levels[0]!;
    expect(last.totalQty).toBe(100 * (MAX_ORDERS_PER_LEVEL + 3));
    expect(last.orders.map(([id]) => id)).toEqual([1, 2, 3, 4, 5].slice(0, MAX_ORDERS_PER_LEVEL));
  });

  it(`splits the levels of one order over several updates beyond ${MAX_LEVELS_PER_UPDATE}, each within a command`, () => {
    const { feed, order } = setup();
    for (let i = 0; i < 20; i++) for (let k = 0; k < MAX_ORDERS_PER_LEVEL; k++) order(Side.Sell, 1000 + i, 100);
    feed.updates.length = 0;
    order(Side.Buy, 1019, 100 * MAX_ORDERS_PER_LEVEL * 20 - 100, "B"); // sweeps 19 levels, leaves one order
    expect(feed.updates.map((u) => u.levels.length)).toEqual([MAX_LEVELS_PER_UPDATE, 20 - MAX_LEVELS_PER_UPDATE]);
    for (const u of feed.updates) expect(u.bytes).toBeLessThanOrEqual(1346);
    expect(feed.updates.flatMap((u) => u.levels.map((l) => l.action))).toEqual([...Array(19).fill(BookAction.Delete), BookAction.Change]);
  });

  it("lets a subscriber rebuild every book exactly from the updates alone", () => {
    const { feed, publisher, engine } = setup();
    const flows = [1, 2, 3].map((i) => new OrderFlow({ seed: 40 + i, account: `T${i}`, symbols: SYMBOLS, aggressiveRate: 0.3, invalidRate: 0.02 }));
    const books = new Map<string, Map<string, number>>();
    let seen = 0;
    const surprises: string[] = []; // a Delete of an unknown level, a New of a known one, a Change of an unknown one
    for (let i = 0; i < 5000; i++) {
      applyFlowCommand(engine, flows[i % 3]!.next());
      publisher.flush();
      for (; seen < feed.updates.length; seen++) {
        const u = feed.updates[seen]!;
        const book = books.get(u.symbol) ?? new Map<string, number>();
        books.set(u.symbol, book);
        for (const l of u.levels) {
          const key = `${l.side === Side.Buy ? "bid" : "ask"} ${l.price}`;
          if (book.has(key) !== (l.action !== BookAction.New)) surprises.push(`${u.symbol} ${key} action ${l.action}`);
          if (l.action === BookAction.Delete) book.delete(key);
          else book.set(key, l.totalQty);
        }
      }
    }
    expect(surprises).toEqual([]);
    expect(feed.trades.length).toBe(engine.lastTradeId);
    expect(engine.lastTradeId).toBeGreaterThan(500);
    for (const b of engine.snapshot().books) {
      const expected = new Map<string, number>();
      for (const l of b.bids) expected.set(`bid ${l.price}`, l.totalQty);
      for (const l of b.asks) expected.set(`ask ${l.price}`, l.totalQty);
      expect(books.get(b.symbol) ?? new Map()).toEqual(expected);
    }
  });
});

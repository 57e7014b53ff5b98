import { beforeEach, describe, expect, it } from "vitest";
import {
  BookAction,
  CancelCause,
  ExecFlags,
  RejectReason,
  Side,
  TimeInForce,
} from "../../examples/exchange/exchange-codes.js";
import { MatchingEngine } from "../../examples/exchange/matching-engine.js";
import { EngineFixture, SYM } from "./engine-fixture.js";
import type { RecordingListener } from "./recording-listener.js";

const { Buy, Sell } = Side;
const { Day, GoodTillCancel, ImmediateOrCancel, FillOrKill } = TimeInForce;

let listener: RecordingListener;
let engine: MatchingEngine;
let order: EngineFixture["order"];
let side: EngineFixture["side"];

beforeEach(() => {
  ({ listener, engine, order, side } = new EngineFixture());
});

describe("crossing", () => {
  it("trades at the resting order's price and reports fill, fill, trade, book in that order", () => {
    const [sellId] = order(Sell, 1_010_000, 100, { account: "bob" });
    listener.take();
    const [buyId, buyClOrdId] = order(Buy, 1_020_000, 60);
    expect(listener.take()).toEqual([
      {
        kind: "accepted",
        orderId: buyId,
        clOrdId: buyClOrdId,
        account: "alice",
        symbol: SYM,
        side: Buy,
        price: 1_020_000,
        qty: 60,
        leavesQty: 60,
      },
      {
        kind: "fill",
        tradeId: 1,
        orderId: buyId,
        clOrdId: buyClOrdId,
        account: "alice",
        symbol: SYM,
        side: Buy,
        price: 1_010_000,
        qty: 60,
        leavesQty: 0,
        done: true,
      },
      {
        kind: "fill",
        tradeId: 1,
        orderId: sellId,
        clOrdId: 1,
        account: "bob",
        symbol: SYM,
        side: Sell,
        price: 1_010_000,
        qty: 60,
        leavesQty: 40,
        done: false,
      },
      { kind: "trade", tradeId: 1, symbol: SYM, price: 1_010_000, qty: 60, aggressorSide: Buy },
      {
        kind: "book",
        symbol: SYM,
        side: Sell,
        action: BookAction.Change,
        price: 1_010_000,
        totalQty: 40,
        orderCount: 1,
      },
    ]);
    expect(side("asks")).toEqual([[1_010_000, [[sellId, 40]]]]);
    expect(side("bids")).toEqual([]);
  });

  it("a sell crossing bids trades at the bid price, best bid first", () => {
    const [low] = order(Buy, 99, 10);
    const [high] = order(Buy, 101, 10);
    listener.take();
    order(Sell, 98, 15);
    const fills = listener.ofKind("fill");
    expect(fills.map((f) => [f.orderId, f.price, f.qty])).toEqual([
      [3, 101, 10],
      [high, 101, 10],
      [3, 99, 5],
      [low, 99, 5],
    ]);
    expect(side("bids")).toEqual([[99, [[low, 5]]]]);
  });

  it("does not trade when prices do not cross, and both orders rest", () => {
    order(Buy, 100, 10);
    order(Sell, 101, 10);
    expect(listener.ofKind("fill")).toEqual([]);
    expect(engine.book(SYM)!.bestBid()).toBe(100);
    expect(engine.book(SYM)!.bestAsk()).toBe(101);
    expect(listener.ofKind("book").map((b) => b.action)).toEqual([BookAction.New, BookAction.New]);
  });

  it("sweeps several levels, then rests the remainder at its own limit", () => {
    const [a] = order(Sell, 101, 100, { account: "s1" });
    const [b] = order(Sell, 102, 50, { account: "s2" });
    const [c] = order(Sell, 102, 50, { account: "s3" });
    const [d] = order(Sell, 104, 100, { account: "s4" });
    listener.take();
    const [buy] = order(Buy, 103, 250);
    expect(listener.ofKind("trade").map((t) => [t.tradeId, t.price, t.qty])).toEqual([
      [1, 101, 100],
      [2, 102, 50],
      [3, 102, 50],
    ]);
    expect(listener.ofKind("book")).toEqual([
      { kind: "book", symbol: SYM, side: Sell, action: BookAction.Delete, price: 101, totalQty: 0, orderCount: 0 },
      { kind: "book", symbol: SYM, side: Sell, action: BookAction.Delete, price: 102, totalQty: 0, orderCount: 0 },
      { kind: "book", symbol: SYM, side: Buy, action: BookAction.New, price: 103, totalQty: 50, orderCount: 1 },
    ]);
    const restingFills = listener.ofKind("fill").filter((f) => f.orderId !== buy);
    expect(restingFills.map((f) => [f.orderId, f.done])).toEqual([
      [a, true],
      [b, true],
      [c, true],
    ]);
    expect(side("bids")).toEqual([[103, [[buy, 50]]]]);
    expect(side("asks")).toEqual([[104, [[d, 100]]]]);
    expect(engine.restingOrderCount).toBe(2);
  });

  it("partially fills within a level and leaves the rest of the queue in order", () => {
    const [a] = order(Sell, 102, 50);
    const [b] = order(Sell, 102, 50);
    const [c] = order(Sell, 102, 50);
    order(Buy, 102, 70);
    expect(side("asks")).toEqual([
      [
        102,
        [
          [b, 30],
          [c, 50],
        ],
      ],
    ]);
    expect(
      listener
        .ofKind("fill")
        .filter((f) => f.side === Sell)
        .map((f) => [f.orderId, f.qty]),
    ).toEqual([
      [a, 50],
      [b, 20],
    ]);
  });
});

describe("time priority", () => {
  it("fills orders at one price in arrival order", () => {
    const [first] = order(Buy, 100, 10, { account: "a1" });
    const [second] = order(Buy, 100, 10, { account: "a2" });
    const [third] = order(Buy, 100, 10, { account: "a3" });
    listener.take();
    order(Sell, 100, 25);
    expect(
      listener
        .ofKind("fill")
        .filter((f) => f.side === Buy)
        .map((f) => [f.orderId, f.qty]),
    ).toEqual([
      [first, 10],
      [second, 10],
      [third, 5],
    ]);
  });

  it("a better price beats an earlier order", () => {
    order(Sell, 101, 10);
    const [better] = order(Sell, 100, 10);
    listener.take();
    order(Buy, 101, 10);
    expect(listener.ofKind("fill").find((f) => f.side === Sell)!.orderId).toBe(better);
  });
});

describe("time in force and flags", () => {
  it("ImmediateOrCancel trades what it can and cancels the rest without resting", () => {
    order(Sell, 100, 30, { account: "bob" });
    listener.take();
    const [ioc, iocClOrdId] = order(Buy, 100, 50, { tif: ImmediateOrCancel });
    const events = listener.take();
    expect(events.map((e) => e.kind)).toEqual(["accepted", "fill", "fill", "trade", "book", "cancelled"]);
    expect(events[5]).toMatchObject({ orderId: ioc, cancelledQty: 20, cause: CancelCause.ImmediateOrCancel });
    expect(side("bids")).toEqual([]);
    const [again] = order(Buy, 100, 5, { tif: ImmediateOrCancel });
    expect(listener.take()).toEqual([
      expect.objectContaining({ kind: "accepted", orderId: again }),
      {
        kind: "cancelled",
        orderId: again,
        clOrdId: iocClOrdId + 1,
        origClOrdId: iocClOrdId + 1,
        account: "alice",
        symbol: SYM,
        side: Buy,
        price: 100,
        cancelledQty: 5,
        cause: CancelCause.ImmediateOrCancel,
      },
    ]);
    expect(ioc).toBe(2);
    expect(engine.restingOrderCount).toBe(0);
  });

  it("FillOrKill fills completely across levels when the book holds enough", () => {
    order(Sell, 100, 30, { account: "bob" });
    order(Sell, 101, 30, { account: "bob" });
    listener.take();
    const [fok] = order(Buy, 101, 60, { tif: FillOrKill });
    const own = listener.ofKind("fill").filter((f) => f.orderId === fok);
    expect(own.map((f) => [f.price, f.qty, f.leavesQty, f.done])).toEqual([
      [100, 30, 30, false],
      [101, 30, 0, true],
    ]);
    expect(listener.ofKind("cancelled")).toEqual([]);
    expect(side("asks")).toEqual([]);
  });

  it("FillOrKill is cancelled untouched when the crossing levels hold too little", () => {
    order(Sell, 100, 30, { account: "bob" });
    order(Sell, 101, 30, { account: "bob" });
    order(Sell, 102, 100, { account: "bob" }); // beyond the limit: does not count
    const before = side("asks");
    const tradesBefore = engine.lastTradeId;
    listener.take();
    const [fok] = order(Buy, 101, 61, { tif: FillOrKill });
    expect(listener.take()).toEqual([
      expect.objectContaining({ kind: "accepted", orderId: fok }),
      expect.objectContaining({ kind: "cancelled", orderId: fok, cancelledQty: 61, cause: CancelCause.FillOrKill }),
    ]);
    expect(side("asks")).toEqual(before);
    expect(engine.lastTradeId).toBe(tradesBefore);
  });

  it("PostOnly is rejected when it would trade and rests when it would not", () => {
    order(Sell, 101, 10, { account: "bob" });
    listener.take();
    const [rejected] = order(Buy, 101, 10, { flags: ExecFlags.PostOnly });
    expect(rejected).toBe(0);
    expect(listener.take()).toMatchObject([{ kind: "rejected", reason: RejectReason.InvalidPrice }]);
    const [posted] = order(Buy, 100, 10, { flags: ExecFlags.PostOnly | ExecFlags.Hidden });
    expect(side("bids")).toEqual([[100, [[posted, 10]]]]);
    expect(engine.snapshot().books[0]!.bids[0]!.orders[0]!.flags).toBe(ExecFlags.PostOnly | ExecFlags.Hidden);
  });

  it("GoodTillCancel rests like Day", () => {
    const [gtc] = order(Buy, 100, 10, { tif: GoodTillCancel });
    expect(side("bids")).toEqual([[100, [[gtc, 10]]]]);
  });
});

describe("rejects", () => {
  it("checks symbol, side, price, quantity, time in force and duplicates, consuming no order id", () => {
    const cases: [Parameters<MatchingEngine["newOrder"]>, number][] = [
      [[1, "alice", "NOPE", Buy, 100, 10, Day, 0], RejectReason.UnknownSymbol],
      [[2, "alice", SYM, 0x58, 100, 10, Day, 0], RejectReason.InvalidQuantity],
      [[3, "alice", SYM, Buy, 0, 10, Day, 0], RejectReason.InvalidPrice],
      [[4, "alice", SYM, Buy, -100, 10, Day, 0], RejectReason.InvalidPrice],
      [[5, "alice", SYM, Buy, 100.5, 10, Day, 0], RejectReason.InvalidPrice],
      [[6, "alice", SYM, Buy, Number.NaN, 10, Day, 0], RejectReason.InvalidPrice],
      [[7, "alice", SYM, Buy, 100, 0, Day, 0], RejectReason.InvalidQuantity],
      [[8, "alice", SYM, Buy, 100, -5, Day, 0], RejectReason.InvalidQuantity],
      [[9, "alice", SYM, Buy, 100, 2.5, Day, 0], RejectReason.InvalidQuantity],
      [[10, "alice", SYM, Buy, 100, 2 ** 32, Day, 0], RejectReason.InvalidQuantity],
      [[11, "alice", SYM, Buy, 100, 10, 0x39, 0], RejectReason.InvalidQuantity],
    ];
    for (const [args, reason] of cases) {
      expect(engine.newOrder(...args)).toBe(0);
      expect(listener.take()).toEqual([
        { kind: "rejected", clOrdId: args[0], account: "alice", symbol: args[2], reason, text: expect.any(String) },
      ]);
    }
    expect(engine.lastOrderId).toBe(0);
    expect(engine.restingOrderCount).toBe(0);
    expect(engine.newOrder(12, "alice", SYM, Buy, 100, 2 ** 32 - 1, Day, 0)).toBe(1);
  });

  it("rejects a clOrdId used by a live order of the same account only", () => {
    engine.newOrder(7, "alice", SYM, Buy, 100, 10, Day, 0);
    expect(engine.newOrder(7, "alice", "GLOBX", Sell, 100, 10, Day, 0)).toBe(0);
    expect(listener.events.at(-1)).toMatchObject({ kind: "rejected", reason: RejectReason.DuplicateOrder });
    expect(engine.newOrder(7, "bob", SYM, Buy, 100, 10, Day, 0)).toBe(2); // other account: fine
    engine.cancelOrder(8, 7, "alice", SYM, Buy);
    expect(engine.newOrder(7, "alice", SYM, Buy, 100, 10, Day, 0)).toBe(3); // done orders free their clOrdId
  });
});

describe("ids and books", () => {
  it("assigns order and trade ids sequentially from 1", () => {
    expect(order(Sell, 100, 10)[0]).toBe(1);
    expect(order(Sell, 101, 10)[0]).toBe(2);
    expect(order(Buy, 101, 20)[0]).toBe(3);
    expect(listener.ofKind("trade").map((t) => t.tradeId)).toEqual([1, 2]);
    expect(engine.lastTradeId).toBe(2);
    expect(engine.lastOrderId).toBe(3);
  });

  it("keeps symbols apart", () => {
    order(Sell, 100, 10, { symbol: "GLOBX" });
    order(Buy, 100, 10);
    expect(listener.ofKind("fill")).toEqual([]);
    expect(side("asks", "GLOBX")).toEqual([[100, [[1, 10]]]]);
    expect(side("bids")).toEqual([[100, [[2, 10]]]]);
  });

  it("keeps many levels sorted and grows its pools past their initial size", () => {
    const prices = [105, 101, 109, 103, 107, 102, 108, 104, 106, 100];
    for (const p of prices) order(Buy, p, 1);
    for (const p of prices) order(Sell, p + 100, 1);
    expect(side("bids").map(([p]) => p)).toEqual([...prices].sort((x, y) => y - x));
    expect(side("asks").map(([p]) => p)).toEqual([...prices].sort((x, y) => x - y).map((p) => p + 100));
    expect(engine.orderPoolCapacity).toBeGreaterThanOrEqual(20);
    engine.cancelOrder(900, 5, "alice", SYM, Buy); // price 107, mid-book
    expect(side("bids").map(([p]) => p)).toEqual([109, 108, 106, 105, 104, 103, 102, 101, 100]);
    expect(engine.book(SYM)!.level(Buy, 107)).toBeNull();
    expect(engine.book(SYM)!.level(Buy, 106)!.head!.orderId).toBe(9);
  });

  it("refuses a bad symbol list", () => {
    expect(() => new MatchingEngine([], listener)).toThrow(/at least one symbol/);
    expect(() => new MatchingEngine(["A", "A"], listener)).toThrow(/twice/);
  });

  it("describes the books for debugging", () => {
    order(Buy, 1_000_100, 300, { account: "acct1" });
    order(Sell, 1_000_200, 100, { account: "acct2" });
    const text = engine.describe();
    expect(text).toContain("ACME  B  100.0100  qty 300  [#1 acct1 300/300]");
    expect(text).toContain("ACME  S  100.0200  qty 100  [#2 acct2 100/100]");
    expect(text).toContain(engine.stateHash());
  });
});

// Cancels and cancel/replace: who keeps time priority, and what is refused.

import { beforeEach, describe, expect, it } from "vitest";
import { BookAction, CancelCause, ExecFlags, RejectReason, Side } from "../../examples/exchange/exchange-codes.js";
import { MatchingEngine } from "../../examples/exchange/matching-engine.js";
import { EngineFixture, SYM } from "./engine-fixture.js";
import type { RecordingListener } from "./recording-listener.js";

const { Buy, Sell } = Side;

let listener: RecordingListener;
let engine: MatchingEngine;
let order: EngineFixture["order"];
let side: EngineFixture["side"];

beforeEach(() => {
  ({ listener, engine, order, side } = new EngineFixture());
});

describe("cancel", () => {
  it("takes the order out, reports the open quantity, and deletes an emptied level", () => {
    const [id, clOrdId] = order(Buy, 100, 30);
    order(Sell, 100, 10); // fills 10 of it
    listener.take();
    engine.cancelOrder(900, clOrdId, "alice", SYM, Buy);
    expect(listener.take()).toEqual([
      {
        kind: "cancelled",
        orderId: id,
        clOrdId: 900,
        origClOrdId: clOrdId,
        account: "alice",
        symbol: SYM,
        side: Buy,
        price: 100,
        cancelledQty: 20,
        cause: CancelCause.Requested,
      },
      { kind: "book", symbol: SYM, side: Buy, action: BookAction.Delete, price: 100, totalQty: 0, orderCount: 0 },
    ]);
    expect(side("bids")).toEqual([]);
    expect(engine.restingOrderCount).toBe(0);
  });

  it("from the middle of a queue keeps the others' order", () => {
    const [a] = order(Buy, 100, 10);
    const [, bClOrdId] = order(Buy, 100, 10);
    const [c] = order(Buy, 100, 10);
    engine.cancelOrder(900, bClOrdId, "alice", SYM, Buy);
    expect(side("bids")).toEqual([
      [
        100,
        [
          [a, 10],
          [c, 10],
        ],
      ],
    ]);
    expect(listener.events.at(-1)).toMatchObject({
      kind: "book",
      action: BookAction.Change,
      totalQty: 20,
      orderCount: 2,
    });
  });

  it("rejects an unknown, already cancelled, filled, or mismatched order with UnknownOrder", () => {
    const [, live] = order(Buy, 100, 10);
    const [, filled] = order(Sell, 200, 10);
    order(Buy, 200, 10, { account: "bob" });
    const attempts: [number, string, string, number][] = [
      [12345, "alice", SYM, Buy], // never existed
      [filled, "alice", SYM, Sell], // done
      [live, "bob", SYM, Buy], // another account's id space
      [live, "alice", SYM, Sell], // wrong side
      [live, "alice", "GLOBX", Buy], // wrong symbol
    ];
    listener.take();
    for (const [orig, account, symbol, s] of attempts) engine.cancelOrder(900, orig, account, symbol, s);
    expect(listener.events.map((e) => e.kind === "rejected" && e.reason)).toEqual(
      attempts.map(() => RejectReason.UnknownOrder),
    );
    engine.cancelOrder(901, live, "alice", SYM, Buy);
    engine.cancelOrder(902, live, "alice", SYM, Buy);
    expect(listener.events.at(-1)).toMatchObject({ kind: "rejected", clOrdId: 902, reason: RejectReason.UnknownOrder });
  });

  it("rejects a cancel for a symbol the engine does not list", () => {
    engine.cancelOrder(1, 1, "alice", "NOPE", Buy);
    expect(listener.take()).toMatchObject([{ kind: "rejected", reason: RejectReason.UnknownSymbol, symbol: "NOPE" }]);
  });
});

describe("replace", () => {
  it("a price change loses time priority, even back to the old price", () => {
    const [a, aClOrdId] = order(Buy, 100, 10);
    const [b] = order(Buy, 100, 10);
    engine.replaceOrder(10, aClOrdId, "alice", SYM, Buy, 99, 10);
    engine.replaceOrder(11, 10, "alice", SYM, Buy, 100, 10);
    expect(side("bids")).toEqual([
      [
        100,
        [
          [b, 10],
          [a, 10],
        ],
      ],
    ]);
    expect(listener.ofKind("replaced").map((r) => [r.orderId, r.clOrdId, r.origClOrdId, r.price])).toEqual([
      [a, 10, aClOrdId, 99],
      [a, 11, 10, 100],
    ]);
  });

  it("a quantity increase loses time priority", () => {
    const [a, aClOrdId] = order(Sell, 100, 10);
    const [b] = order(Sell, 100, 10);
    listener.take();
    engine.replaceOrder(10, aClOrdId, "alice", SYM, Sell, 100, 15);
    expect(side("asks")).toEqual([
      [
        100,
        [
          [b, 10],
          [a, 15],
        ],
      ],
    ]);
    expect(listener.take()).toEqual([
      {
        kind: "replaced",
        orderId: a,
        clOrdId: 10,
        origClOrdId: aClOrdId,
        account: "alice",
        symbol: SYM,
        side: Sell,
        price: 100,
        qty: 15,
        leavesQty: 15,
      },
      { kind: "book", symbol: SYM, side: Sell, action: BookAction.Change, price: 100, totalQty: 25, orderCount: 2 },
    ]);
  });

  it("a quantity decrease at the same price keeps time priority", () => {
    const [a, aClOrdId] = order(Sell, 100, 10);
    const [b] = order(Sell, 100, 10);
    engine.replaceOrder(10, aClOrdId, "alice", SYM, Sell, 100, 4);
    expect(side("asks")).toEqual([
      [
        100,
        [
          [a, 4],
          [b, 10],
        ],
      ],
    ]);
    listener.take();
    order(Buy, 100, 4);
    expect(listener.ofKind("fill").find((f) => f.side === Sell)).toMatchObject({ orderId: a, clOrdId: 10, done: true });
  });

  it("counts the new quantity as the total, including what already filled", () => {
    const [a, aClOrdId] = order(Sell, 100, 10);
    order(Buy, 100, 6);
    listener.take();
    engine.replaceOrder(10, aClOrdId, "alice", SYM, Sell, 100, 8);
    expect(listener.ofKind("replaced")[0]).toMatchObject({ orderId: a, qty: 8, leavesQty: 2 });
    expect(side("asks")).toEqual([[100, [[a, 2]]]]);
  });

  it("to a quantity not above the filled quantity cancels the order", () => {
    const [a, aClOrdId] = order(Sell, 100, 10);
    order(Buy, 100, 6);
    listener.take();
    engine.replaceOrder(10, aClOrdId, "alice", SYM, Sell, 100, 6);
    expect(listener.take()).toEqual([
      {
        kind: "cancelled",
        orderId: a,
        clOrdId: 10,
        origClOrdId: aClOrdId,
        account: "alice",
        symbol: SYM,
        side: Sell,
        price: 100,
        cancelledQty: 4,
        cause: CancelCause.ReplacedToFilled,
      },
      { kind: "book", symbol: SYM, side: Sell, action: BookAction.Delete, price: 100, totalQty: 0, orderCount: 0 },
    ]);
    expect(engine.restingOrderCount).toBe(0);
  });

  it("the new clOrdId becomes the order's handle and the old one is gone", () => {
    const [, aClOrdId] = order(Buy, 100, 10);
    engine.replaceOrder(10, aClOrdId, "alice", SYM, Buy, 100, 5);
    listener.take();
    engine.cancelOrder(11, aClOrdId, "alice", SYM, Buy);
    expect(listener.take()).toMatchObject([{ kind: "rejected", reason: RejectReason.UnknownOrder }]);
    engine.cancelOrder(12, 10, "alice", SYM, Buy);
    expect(listener.take()[0]).toMatchObject({ kind: "cancelled", cancelledQty: 5, origClOrdId: 10 });
  });

  it("to a crossing price trades like a new order and rests the remainder", () => {
    const [sell] = order(Sell, 101, 4, { account: "bob" });
    const [a, aClOrdId] = order(Buy, 100, 10);
    listener.take();
    engine.replaceOrder(10, aClOrdId, "alice", SYM, Buy, 102, 10);
    const events = listener.take();
    expect(events.map((e) => e.kind)).toEqual(["replaced", "book", "fill", "fill", "trade", "book", "book"]);
    expect(events[1]).toMatchObject({ side: Buy, action: BookAction.Delete, price: 100 });
    expect(events[3]).toMatchObject({ orderId: sell, price: 101, qty: 4, done: true });
    expect(events[6]).toMatchObject({ side: Buy, action: BookAction.New, price: 102, totalQty: 6 });
    expect(side("asks")).toEqual([]);
    expect(side("bids")).toEqual([[102, [[a, 6]]]]);
    expect(engine.liveOrder("bob", 1)).toBeNull();
  });

  it("rejects bad terms, unknown orders and duplicate clOrdIds without changing the order", () => {
    const [a, aClOrdId] = order(Buy, 100, 10, { flags: ExecFlags.PostOnly });
    const [, otherClOrdId] = order(Buy, 99, 10);
    order(Sell, 105, 10, { account: "bob" });
    const before = engine.stateHash();
    listener.take();
    engine.replaceOrder(10, aClOrdId, "alice", SYM, Buy, 0, 10);
    engine.replaceOrder(11, aClOrdId, "alice", SYM, Buy, 100, 0);
    engine.replaceOrder(12, 999, "alice", SYM, Buy, 100, 10);
    engine.replaceOrder(otherClOrdId, aClOrdId, "alice", SYM, Buy, 100, 5);
    engine.replaceOrder(aClOrdId, aClOrdId, "alice", SYM, Buy, 100, 5);
    engine.replaceOrder(13, aClOrdId, "alice", SYM, Buy, 105, 10); // post-only would trade
    engine.replaceOrder(14, aClOrdId, "alice", "NOPE", Buy, 100, 5);
    expect(listener.events.map((e) => (e.kind === "rejected" ? e.reason : e.kind))).toEqual([
      RejectReason.InvalidPrice,
      RejectReason.InvalidQuantity,
      RejectReason.UnknownOrder,
      RejectReason.DuplicateOrder,
      RejectReason.DuplicateOrder,
      RejectReason.InvalidPrice,
      RejectReason.UnknownSymbol,
    ]);
    expect(engine.stateHash()).toBe(before);
    expect(engine.liveOrder("alice", aClOrdId)).toMatchObject({ orderId: a, price: 100, qty: 10 });
  });
});

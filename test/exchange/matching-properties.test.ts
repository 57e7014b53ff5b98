// Properties of the matching engine over random command streams, checked by an
// auditor that follows every event the engine reports.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BookAction, ExecFlags, Side, TimeInForce } from "../../examples/exchange/exchange-codes.js";
import type { MatchingListener } from "../../examples/exchange/matching-listener.js";
import { MatchingEngine } from "../../examples/exchange/matching-engine.js";
import { RecordingListener } from "./recording-listener.js";

const SYMBOLS = ["AAA", "BBB"];
const ACCOUNTS = ["a", "b", "c"];

type Command =
  | {
      kind: "new";
      clOrdId: number;
      account: number;
      symbol: string;
      side: number;
      price: number;
      qty: number;
      tif: number;
      flags: number;
    }
  | {
      kind: "cancel";
      target: number | null;
      clOrdId: number;
      origClOrdId: number;
      account: number;
      symbol: string;
      side: number;
    }
  | {
      kind: "replace";
      target: number | null;
      clOrdId: number;
      origClOrdId: number;
      account: number;
      symbol: string;
      side: number;
      price: number;
      qty: number;
    };

// Narrow ranges on purpose: few prices so orders cross, few clOrdIds so cancels find orders and duplicates occur.
const clOrdId = fc.integer({ min: 1, max: 25 });
const account = fc.integer({ min: 0, max: ACCOUNTS.length - 1 });
const symbol = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...SYMBOLS) },
  { weight: 1, arbitrary: fc.constant("ZZZ") },
);
const side = fc.constantFrom<number>(Side.Buy, Side.Sell);
const price = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: 95, max: 105 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: 0 }) },
);
const qty = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: 0 }) },
);
const tif = fc.constantFrom<number>(
  TimeInForce.Day,
  TimeInForce.Day,
  TimeInForce.GoodTillCancel,
  TimeInForce.ImmediateOrCancel,
  TimeInForce.FillOrKill,
);
// Cancels and replaces mostly aim at a live order (the target-th one the auditor knows), sometimes at random ids.
const target = fc.option(fc.nat({ max: 1000 }), { freq: 4 });
const flags = fc.oneof(
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(ExecFlags.PostOnly) },
);

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("new" as const), clOrdId, account, symbol, side, price, qty, tif, flags }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("cancel" as const),
      target,
      clOrdId,
      origClOrdId: clOrdId,
      account,
      symbol,
      side,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("replace" as const),
      target,
      clOrdId,
      origClOrdId: clOrdId,
      account,
      symbol,
      side,
      price,
      qty,
    }),
  },
);

interface LiveOrder {
  clOrdId: number;
  account: string;
  symbol: string;
  side: number;
}

/** Applies `c`; a targeted cancel/replace takes its order's identity from `live` (by position, mod size). */
function apply(engine: MatchingEngine, c: Command, live: ReadonlyMap<number, LiveOrder>): void {
  let acct = ACCOUNTS[c.account]!;
  if (c.kind === "new") {
    engine.newOrder(c.clOrdId, acct, c.symbol, c.side, c.price, c.qty, c.tif, c.flags);
    return;
  }
  let { origClOrdId, symbol: sym, side: s } = c;
  if (c.target !== null && live.size > 0) {
    const order = [...live.values()][c.target % live.size]!;
    ({ clOrdId: origClOrdId, account: acct, symbol: sym, side: s } = order);
  }
  if (c.kind === "cancel") engine.cancelOrder(c.clOrdId, origClOrdId, acct, sym, s);
  else engine.replaceOrder(c.clOrdId, origClOrdId, acct, sym, s, c.price, c.qty);
}

/**
 * A failed invariant. Cheaper than expect() in these hot loops (thousands of events per run); fast-check
 * still shrinks to the smallest failing stream and prints it.
 */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`invariant broken: ${what}`);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Events seen over all runs, to prove the random commands reach every path. */
const coverage = new Map<string, number>();
function count(what: string): void {
  coverage.set(what, (coverage.get(what) ?? 0) + 1);
}

/** Follows the events and fails at the first one that breaks an invariant. */
class Auditor implements MatchingListener {
  readonly entered = new Map<number, number>(); // orderId → current total qty
  readonly filled = new Map<number, number>();
  readonly cancelled = new Map<number, number>();
  readonly done = new Set<number>();
  /** symbol|side|price → [totalQty, orderCount], built from onBookLevel only. */
  readonly levels = new Map<string, [number, number]>();
  /** orderId → identity, for orders not yet done (may include IOC/FOK orders mid-command). */
  readonly live = new Map<number, LiveOrder>();
  rejected = false;
  private pendingTrade = new Map<number, { price: number; qty: number; sides: number[] }>();

  onAccepted(
    orderId: number,
    clOrdId: number,
    account: string,
    symbol: string,
    side: number,
    _p: number,
    qty: number,
    leaves: number,
  ): void {
    check(this.entered.has(orderId) === false, "this.entered.has(orderId) === false");
    this.live.set(orderId, { clOrdId, account, symbol, side });
    count("accepted");
    check(leaves === qty, "leaves === qty");
    this.entered.set(orderId, qty);
  }

  onReplaced(
    orderId: number,
    clOrdId: number,
    origClOrdId: number,
    _a: string,
    _s: string,
    _side: number,
    _p: number,
    qty: number,
    leaves: number,
  ): void {
    check(this.done.has(orderId) === false, "this.done.has(orderId) === false");
    const order = this.live.get(orderId)!;
    check(order.clOrdId === origClOrdId, "order.clOrdId === origClOrdId");
    order.clOrdId = clOrdId;
    count(qty > this.entered.get(orderId)! ? "replaced up" : "replaced down or same");
    check(qty > this.filledOf(orderId), "qty > this.filledOf(orderId)");
    this.entered.set(orderId, qty);
    check(leaves === this.open(orderId), "leaves === this.open(orderId)");
  }

  onCancelled(
    orderId: number,
    _c: number,
    _o: number,
    _a: string,
    _s: string,
    _side: number,
    _p: number,
    cancelledQty: number,
    cause: number,
  ): void {
    check(this.done.has(orderId) === false, "this.done.has(orderId) === false");
    this.live.delete(orderId);
    count(`cancelled ${cause}`);
    check(
      cancelledQty === this.open(orderId),
      `order ${orderId}: cancelled ${cancelledQty}, open ${this.open(orderId)}`,
    );
    check(cancelledQty > 0, "cancelledQty > 0");
    this.cancelled.set(orderId, (this.cancelled.get(orderId) ?? 0) + cancelledQty);
    this.done.add(orderId);
  }

  onRejected(_c: number, _a: string, _s: string, reason: number): void {
    this.rejected = true;
    count(`rejected ${reason}`);
  }

  onFill(
    tradeId: number,
    orderId: number,
    _c: number,
    _a: string,
    _s: string,
    side: number,
    price: number,
    qty: number,
    leaves: number,
    done: boolean,
  ): void {
    check(this.done.has(orderId) === false, "this.done.has(orderId) === false");
    check(qty > 0, "qty > 0");
    this.filled.set(orderId, this.filledOf(orderId) + qty);
    check(this.filledOf(orderId) <= this.entered.get(orderId)!, `order ${orderId} filled beyond its qty`);
    check(leaves === this.open(orderId), "leaves === this.open(orderId)");
    check(done === (leaves === 0), `order ${orderId}: done flag ${done} with leavesQty ${leaves}`);
    if (done) {
      this.done.add(orderId);
      this.live.delete(orderId);
    }
    count("fill");
    const trade = this.pendingTrade.get(tradeId) ?? { price, qty, sides: [] };
    check(sameJson([trade.price, trade.qty], [price, qty]), "[trade.price, trade.qty] equals [price, qty]");
    trade.sides.push(side);
    this.pendingTrade.set(tradeId, trade);
  }

  onTrade(tradeId: number, _s: string, price: number, qty: number, aggressorSide: number): void {
    const trade = this.pendingTrade.get(tradeId)!;
    check(
      sameJson(trade, { price, qty, sides: [aggressorSide, aggressorSide === Side.Buy ? Side.Sell : Side.Buy] }),
      "trade equals { price, qty, sides: [aggressorSide, aggressorSide === Side.Buy ? Side.Sell : Side.Buy] }",
    );
    this.pendingTrade.delete(tradeId);
  }

  onBookLevel(symbol: string, side: number, action: number, price: number, totalQty: number, orderCount: number): void {
    const key = `${symbol}|${side}|${price}`;
    if (action === BookAction.New) check(this.levels.has(key) === false, "this.levels.has(key) === false");
    else check(this.levels.has(key) === true, "this.levels.has(key) === true");
    if (action === BookAction.Delete) {
      check(sameJson([totalQty, orderCount], [0, 0]), "[totalQty, orderCount] equals [0, 0]");
      this.levels.delete(key);
    } else {
      check(totalQty > 0, "totalQty > 0");
      check(orderCount > 0, "orderCount > 0");
      this.levels.set(key, [totalQty, orderCount]);
    }
  }

  private filledOf(orderId: number): number {
    return this.filled.get(orderId) ?? 0;
  }

  private open(orderId: number): number {
    return this.entered.get(orderId)! - this.filledOf(orderId) - (this.cancelled.get(orderId) ?? 0);
  }
}

describe("matching engine properties", () => {
  it("never stays crossed, conserves quantity, never overfills, and publishes a book that matches its own", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 200, size: "max" }), (commands) => {
        const auditor = new Auditor();
        const engine = new MatchingEngine(SYMBOLS, auditor, { initialOrderCapacity: 8, initialLevelCapacity: 4 });
        for (const c of commands) {
          auditor.rejected = false;
          // New orders are refused before anything is touched; cancels and replaces look an order up
          // first, so a rejected one is where state could change by mistake. (Hashing costs; only there.)
          const before = c.kind === "new" ? "" : engine.stateHash();
          apply(engine, c, auditor.live);
          if (auditor.rejected && c.kind !== "new")
            check(engine.stateHash() === before, "a rejected command changed the state");
          for (const symbolName of SYMBOLS) {
            const book = engine.book(symbolName)!;
            if (book.bids.best() !== null && book.asks.best() !== null) {
              check(
                book.bestBid() < book.bestAsk(),
                `${symbolName} left crossed: ${book.bestBid()} / ${book.bestAsk()}`,
              );
            }
          }
        }

        const snapshot = engine.snapshot();
        const resting = new Map<number, number>();
        const published = new Map<string, [number, number]>();
        for (const book of snapshot.books) {
          for (const [sideCode, levels] of [
            [Side.Buy, book.bids],
            [Side.Sell, book.asks],
          ] as const) {
            for (let i = 1; i < levels.length; i++) {
              // best first: bids strictly descending, asks strictly ascending
              if (sideCode === Side.Buy)
                check(levels[i]!.price < levels[i - 1]!.price, "levels[i]!.price < levels[i - 1]!.price");
              else check(levels[i]!.price > levels[i - 1]!.price, "levels[i]!.price > levels[i - 1]!.price");
            }
            for (const level of levels) {
              check(level.orders.length > 0, "level.orders.length > 0");
              check(
                level.totalQty === level.orders.reduce((sum, o) => sum + o.leavesQty, 0),
                "level.totalQty === level.orders.reduce((sum, o) => sum + o.leavesQty, 0)",
              );
              published.set(`${book.symbol}|${sideCode}|${level.price}`, [level.totalQty, level.orders.length]);
              for (const o of level.orders) {
                check(o.leavesQty > 0, "o.leavesQty > 0");
                check(o.cumQty + o.leavesQty === o.qty, "o.cumQty + o.leavesQty === o.qty");
                resting.set(o.orderId, o.leavesQty);
              }
            }
          }
        }
        expect(published).toEqual(auditor.levels);
        check(engine.restingOrderCount === resting.size, "engine.restingOrderCount === resting.size");

        // filled + resting + cancelled = entered, for every order ever accepted
        for (const [orderId, entered] of auditor.entered) {
          const filled = auditor.filled.get(orderId) ?? 0;
          const cancelled = auditor.cancelled.get(orderId) ?? 0;
          check(
            filled + (resting.get(orderId) ?? 0) + cancelled === entered,
            `order ${orderId}: filled ${filled} + resting ${resting.get(orderId) ?? 0} + cancelled ${cancelled} != entered ${entered}`,
          );
          check(
            auditor.done.has(orderId) === !resting.has(orderId),
            "auditor.done.has(orderId) === !resting.has(orderId)",
          );
        }
        check(snapshot.lastOrderId === auditor.entered.size, "snapshot.lastOrderId === auditor.entered.size");
      }),
      { numRuns: 80 },
    );
    // Every path was taken many times over the runs (fails if the generators drift away from them).
    const paths = ["accepted", "fill", "replaced up", "replaced down or same"];
    for (let cause = 1; cause <= 4; cause++) paths.push(`cancelled ${cause}`);
    for (let reason = 1; reason <= 5; reason++) paths.push(`rejected ${reason}`);
    for (const path of paths) expect(coverage.get(path) ?? 0, path).toBeGreaterThan(20);
  });

  it("is deterministic: the same commands give the same events and hash; replicas agree", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 200, size: "max" }), (commands) => {
        const auditor = new Auditor(); // only to aim cancels and replaces at live orders
        const first = new RecordingListener();
        const second = new RecordingListener();
        const a = new MatchingEngine(SYMBOLS, first);
        const b = new MatchingEngine(SYMBOLS, second, { initialOrderCapacity: 1, initialLevelCapacity: 1 });
        const a0 = new MatchingEngine(SYMBOLS, auditor);
        for (const c of commands) {
          const live = new Map(auditor.live);
          apply(a0, c, live);
          apply(a, c, live);
          apply(b, c, live);
        }
        expect(second.events).toEqual(first.events);
        expect(b.stateHash()).toBe(a.stateHash());
        expect(b.snapshot()).toEqual(a.snapshot());
      }),
      { numRuns: 40 },
    );
  });
});

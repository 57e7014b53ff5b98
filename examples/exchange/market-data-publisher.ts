// The public feed of a book: BookUpdate and Trade, as exchange.idl defines
// them, built from what a matching engine reports and encoded with the
// coralc-generated encoders (BookUpdate's levels group, and each level's
// nested orders group).
//
// The engine reports a level each time it changes — a sweep may touch one
// level several times within one order. The publisher coalesces those changes
// and, at the end of the order (flush()), publishes one BookUpdate with the
// final state of every level that changed: action, total quantity and the
// first orders in the queue. Trades go out as they happen.
//
// Size: a command is at most 1346 bytes (docs/RUNTIME.md), so a level lists at
// most MAX_ORDERS_PER_LEVEL orders (its totalQty counts all of them) and a
// BookUpdate carries at most MAX_LEVELS_PER_UPDATE levels; more levels go into
// further BookUpdates for the same order.

import { BookUpdateEncoder, type BookAction as WireBookAction, type Side, TradeEncoder } from "../../generated/exchange.js";
import type { CommandSink } from "./execution-reports.js";
import { BookAction } from "./exchange-codes.js";
import type { MatchingEngine } from "./matching-engine.js";
import type { MatchingListener } from "./matching-listener.js";

export const MAX_ORDERS_PER_LEVEL = 5;
export const MAX_LEVELS_PER_UPDATE = 12;
/** Distinct levels one order can change (a sweep through more levels than this is flushed early). */
const MAX_PENDING_LEVELS = 64;

export interface MarketDataCounts {
  bookUpdates: number;
  levels: number;
  trades: number;
}

export class MarketDataPublisher implements MatchingListener {
  readonly counts: MarketDataCounts = { bookUpdates: 0, levels: 0, trades: 0 };
  private engine: MatchingEngine | null = null;
  private readonly buffer = new Uint8Array(1400);
  private readonly update = new BookUpdateEncoder();
  private readonly trade = new TradeEncoder();
  // The levels changed by the current order, as parallel arrays [0, pending).
  private symbol = "";
  private pending = 0;
  private readonly sides = new Int32Array(MAX_PENDING_LEVELS);
  private readonly prices = new Float64Array(MAX_PENDING_LEVELS);
  private readonly actions = new Int32Array(MAX_PENDING_LEVELS);

  constructor(private readonly sink: CommandSink) {}

  /** The engine whose books the updates describe (it reports to this publisher). */
  attach(engine: MatchingEngine): void {
    this.engine = engine;
  }

  onTrade(tradeId: number, symbol: string, price: number, qty: number, aggressorSide: number): void {
    this.counts.trades++;
    this.sink.sendCommand(this.trade.wrap(this.buffer).tradeId(tradeId).symbol(symbol).priceRaw(price).qty(qty).aggressorSide(aggressorSide as Side));
  }

  onBookLevel(symbol: string, side: number, action: number, price: number): void {
    if (this.pending > 0 && symbol !== this.symbol) this.flush(); // never happens for one order; stay correct anyway
    this.symbol = symbol;
    for (let i = 0; i < this.pending; i++) {
      if (this.sides[i] !== side || this.prices[i] !== price) continue;
      const before = this.actions[i]!;
      if (action === BookAction.Delete) {
        if (before === BookAction.New) this.drop(i); // appeared and vanished within one order: nobody saw it
        else this.actions[i] = BookAction.Delete;
      } else if (before === BookAction.Delete) {
        this.actions[i] = BookAction.Change; // emptied and filled again: it is still there, changed
      }
      return;
    }
    if (this.pending === MAX_PENDING_LEVELS) this.flush();
    const i = this.pending++;
    this.sides[i] = side;
    this.prices[i] = price;
    this.actions[i] = action;
  }

  /** Publishes the levels the current order changed (call after each order). */
  flush(): void {
    let from = 0;
    while (from < this.pending) {
      const count = Math.min(MAX_LEVELS_PER_UPDATE, this.pending - from);
      this.publish(from, count);
      from += count;
    }
    this.pending = 0;
  }

  private publish(from: number, count: number): void {
    const book = this.engine!.book(this.symbol)!;
    const update = this.update.wrap(this.buffer).symbol(this.symbol);
    const levels = update.levelsCount(count);
    for (let i = from; i < from + count; i++) {
      const side = this.sides[i]!;
      const price = this.prices[i]!;
      const action = this.actions[i]!;
      const level = action === BookAction.Delete ? null : book.level(side, price);
      levels
        .next()
        .action(action as WireBookAction)
        .side(side as Side)
        .priceRaw(price)
        .totalQty(level === null ? 0 : level.totalQty);
      const shown = level === null ? 0 : Math.min(level.orderCount, MAX_ORDERS_PER_LEVEL);
      const orders = levels.ordersCount(shown);
      let order = level === null ? null : level.head;
      for (let k = 0; k < shown; k++) {
        orders.next().orderId(order!.orderId).qty(order!.leavesQty);
        order = order!.next;
      }
    }
    this.counts.bookUpdates++;
    this.counts.levels += count;
    this.sink.sendCommand(update);
  }

  private drop(i: number): void {
    const last = --this.pending;
    for (let j = i; j < last; j++) {
      this.sides[j] = this.sides[j + 1]!;
      this.prices[j] = this.prices[j + 1]!;
      this.actions[j] = this.actions[j + 1]!;
    }
  }

  onAccepted(): void {}
  onReplaced(): void {}
  onCancelled(): void {}
  onRejected(): void {}
  onFill(): void {}
}

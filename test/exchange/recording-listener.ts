// A MatchingListener for tests: keeps every event as a plain object, in order.

import type { MatchingListener } from "../../examples/exchange/matching-listener.js";

export type MatchingEvent =
  | {
      kind: "accepted";
      orderId: number;
      clOrdId: number;
      account: string;
      symbol: string;
      side: number;
      price: number;
      qty: number;
      leavesQty: number;
    }
  | {
      kind: "replaced";
      orderId: number;
      clOrdId: number;
      origClOrdId: number;
      account: string;
      symbol: string;
      side: number;
      price: number;
      qty: number;
      leavesQty: number;
    }
  | {
      kind: "cancelled";
      orderId: number;
      clOrdId: number;
      origClOrdId: number;
      account: string;
      symbol: string;
      side: number;
      price: number;
      cancelledQty: number;
      cause: number;
    }
  | { kind: "rejected"; clOrdId: number; account: string; symbol: string; reason: number; text: string }
  | {
      kind: "fill";
      tradeId: number;
      orderId: number;
      clOrdId: number;
      account: string;
      symbol: string;
      side: number;
      price: number;
      qty: number;
      leavesQty: number;
      done: boolean;
    }
  | { kind: "trade"; tradeId: number; symbol: string; price: number; qty: number; aggressorSide: number }
  | {
      kind: "book";
      symbol: string;
      side: number;
      action: number;
      price: number;
      totalQty: number;
      orderCount: number;
    };

export class RecordingListener implements MatchingListener {
  events: MatchingEvent[] = [];

  /** Returns the events recorded since the last take() and forgets them. */
  take(): MatchingEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  ofKind<K extends MatchingEvent["kind"]>(kind: K): Extract<MatchingEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<MatchingEvent, { kind: K }> => e.kind === kind);
  }

  onAccepted(
    orderId: number,
    clOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    qty: number,
    leavesQty: number,
  ): void {
    this.events.push({ kind: "accepted", orderId, clOrdId, account, symbol, side, price, qty, leavesQty });
  }

  onReplaced(
    orderId: number,
    clOrdId: number,
    origClOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    qty: number,
    leavesQty: number,
  ): void {
    this.events.push({ kind: "replaced", orderId, clOrdId, origClOrdId, account, symbol, side, price, qty, leavesQty });
  }

  onCancelled(
    orderId: number,
    clOrdId: number,
    origClOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    cancelledQty: number,
    cause: number,
  ): void {
    this.events.push({
      kind: "cancelled",
      orderId,
      clOrdId,
      origClOrdId,
      account,
      symbol,
      side,
      price,
      cancelledQty,
      cause,
    });
  }

  onRejected(clOrdId: number, account: string, symbol: string, reason: number, text: string): void {
    this.events.push({ kind: "rejected", clOrdId, account, symbol, reason, text });
  }

  onFill(
    tradeId: number,
    orderId: number,
    clOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    qty: number,
    leavesQty: number,
    done: boolean,
  ): void {
    this.events.push({ kind: "fill", tradeId, orderId, clOrdId, account, symbol, side, price, qty, leavesQty, done });
  }

  onTrade(tradeId: number, symbol: string, price: number, qty: number, aggressorSide: number): void {
    this.events.push({ kind: "trade", tradeId, symbol, price, qty, aggressorSide });
  }

  onBookLevel(symbol: string, side: number, action: number, price: number, totalQty: number, orderCount: number): void {
    this.events.push({ kind: "book", symbol, side, action, price, totalQty, orderCount });
  }
}

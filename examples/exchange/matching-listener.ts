// What the matching engine reports. Every event is a call with primitive
// arguments, so reporting allocates nothing; a node turns each call into an
// encoded message (OrderAck, OrderReject, Fill, Trade, BookUpdate levels).
//
// Calls arrive synchronously, in a fixed order, while the engine is inside
// newOrder/cancelOrder/replaceOrder. A listener must not call back into the
// engine from a callback: the book is mid-update.

/**
 * Events for one command, in this order:
 *
 * - newOrder:     onRejected | (onAccepted, then per match [onFill aggressor, onFill resting, onTrade,
 *                 onBookLevel after each opposite level swept], then onBookLevel for the rested remainder
 *                 or onCancelled for an IOC/FOK remainder)
 * - cancelOrder:  onRejected | (onCancelled, onBookLevel)
 * - replaceOrder: onRejected | (onCancelled, onBookLevel) when the new quantity is not above the filled
 *                 quantity | (onReplaced, onBookLevel for the old level, matches as above, onBookLevel)
 */
export interface MatchingListener {
  /** A new order passed every check and got `orderId`. `leavesQty` equals `qty` here. */
  onAccepted(
    orderId: number,
    clOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    qty: number,
    leavesQty: number,
  ): void;

  /**
   * A resting order now has new terms: clOrdId `clOrdId` (was `origClOrdId`), price, total quantity `qty`
   * (including what already filled) and `leavesQty` still open.
   */
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
  ): void;

  /**
   * `cancelledQty` of order `orderId` left the book without trading; the order is done.
   * `clOrdId` is the request that caused it (the CancelOrder's or ReplaceOrder's clOrdId), or the
   * order's own clOrdId for IOC/FOK remainders; `origClOrdId` is always the order's clOrdId.
   */
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
  ): void;

  /** A command was refused; nothing changed. `text` is a constant string, safe to keep. */
  onRejected(clOrdId: number, account: string, symbol: string, reason: number, text: string): void;

  /** One side of a match. `price` is the resting order's price; `done` when `leavesQty` reached 0. */
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
  ): void;

  /** The public print of a match, after both fills. */
  onTrade(tradeId: number, symbol: string, price: number, qty: number, aggressorSide: number): void;

  /**
   * A price level changed: `action` is BookAction.New, Change or Delete; `totalQty` and `orderCount` are
   * the level's figures after the change (0 for Delete). Read the orders at the level with
   * `engine.book(symbol).level(side, price)` when the feed wants them.
   */
  onBookLevel(symbol: string, side: number, action: number, price: number, totalQty: number, orderCount: number): void;
}

/** A listener that ignores everything: a base to extend, or a sink for benchmarks. */
export class NoopMatchingListener implements MatchingListener {
  onAccepted(): void {}
  onReplaced(): void {}
  onCancelled(): void {}
  onRejected(): void {}
  onFill(): void {}
  onTrade(): void {}
  onBookLevel(): void {}
}

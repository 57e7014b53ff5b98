// The matching engine: price-time priority limit order books for a fixed list
// of symbols, driven by three commands (new, cancel, replace) and reporting
// through a MatchingListener.
//
// It is deterministic by construction: its output depends only on the commands
// it was given and their order. It reads no clock, draws no random numbers and
// does no I/O, and it iterates only arrays and linked lists (never a Map), so
// two replicas fed the same sequenced stream make the same calls and end with
// the same stateHash(). Order ids and trade ids are counters from 1.
//
// Rules a node author needs to know:
// - Matching: an incoming order trades against the best opposite level while
//   the prices cross, oldest order first, always at the resting order's price.
// - Checks, in this order: symbol (UnknownSymbol), side (InvalidQuantity — the
//   side is the sign of the quantity; exchange.idl has no better code), price
//   > 0 in whole ticks (InvalidPrice), 1 <= qty <= 2^32-1 whole (InvalidQuantity),
//   time in force known (InvalidQuantity), clOrdId not used by a live order of
//   the account (DuplicateOrder), PostOnly and would trade (InvalidPrice).
//   A rejected command changes nothing and consumes no order id.
// - clOrdId uniqueness is checked against the account's live (resting) orders
//   only: once an order is done its clOrdId may be used again. FIX asks for
//   uniqueness per trading day; enforcing that would need memory growing with
//   every order ever entered, which a gateway can hold per session instead.
// - Day and GoodTillCancel rest the unfilled quantity (the engine has no clock,
//   so ending the day is the node's job: cancel what is left).
//   ImmediateOrCancel cancels it. FillOrKill first checks that the crossing
//   levels hold the whole quantity; if not, it is cancelled without trading.
// - Replace: `qty` is the new total quantity, including what already filled.
//   Same price and qty not above the current qty: keeps time priority.
//   Qty increase, or any price change: loses it (back of the queue at the new
//   level). A new price that crosses trades first, like a new order. A new qty
//   not above the filled qty cancels the order (CancelCause.ReplacedToFilled).
//   A PostOnly order replaced to a crossing price is rejected (InvalidPrice)
//   and stays as it was.
// - No self-trade prevention: two orders of one account may trade each other.
// - Iso and Hidden flags and NewOrder's stopPrice, legs and minQty are not
//   acted on; the node should reject what it does not want to accept.

import { BookAction, CancelCause, ExecFlags, MAX_QTY, RejectReason, Side, TimeInForce } from "./exchange-codes.js";
import { describeEngine, type EngineSnapshot, hashEngineState, snapshotEngine } from "./engine-inspection.js";
import type { MatchingListener } from "./matching-listener.js";
import { LiveOrderIndex } from "./live-order-index.js";
import { BookSide, OrderBook } from "./order-book.js";
import { LevelPool, type PriceLevel } from "./price-level.js";
import { OrderPool, type RestingOrder } from "./resting-order.js";

export interface MatchingEngineOptions {
  /** RestingOrder objects made up front; the pool grows past this when needed. Default 4096. */
  initialOrderCapacity?: number;
  /** PriceLevel objects made up front. Default 1024. */
  initialLevelCapacity?: number;
}

const NO_ORDER = 0;

export class MatchingEngine {
  /** Books in the configured symbol order: the order of every walk (hash, snapshot). */
  readonly bookList: readonly OrderBook[];
  private readonly booksBySymbol = new Map<string, OrderBook>();
  /** (account, clOrdId) → live order. Only looked up, never iterated, so its layout cannot leak into results. */
  private readonly liveOrders: LiveOrderIndex;
  private readonly orderPool: OrderPool;
  private readonly levelPool: LevelPool;
  private lastOrderIdValue = 0;
  private lastTradeIdValue = 0;

  constructor(
    symbols: readonly string[],
    private readonly listener: MatchingListener,
    options: MatchingEngineOptions = {},
  ) {
    if (symbols.length === 0) throw new Error("MatchingEngine needs at least one symbol");
    this.orderPool = new OrderPool(options.initialOrderCapacity ?? 4096);
    this.levelPool = new LevelPool(options.initialLevelCapacity ?? 1024);
    this.liveOrders = new LiveOrderIndex(options.initialOrderCapacity ?? 4096);
    const books: OrderBook[] = [];
    for (const symbol of symbols) {
      if (symbol.length === 0) throw new Error("MatchingEngine: empty symbol in the symbol list");
      if (this.booksBySymbol.has(symbol)) throw new Error(`MatchingEngine: symbol ${symbol} listed twice`);
      const book = new OrderBook(symbol, this.levelPool);
      this.booksBySymbol.set(symbol, book);
      books.push(book);
    }
    this.bookList = books;
  }

  /** The last order id given out (0 before the first order). */
  get lastOrderId(): number {
    return this.lastOrderIdValue;
  }

  /** The last trade id given out (0 before the first trade). */
  get lastTradeId(): number {
    return this.lastTradeIdValue;
  }

  /** Orders resting in all books. */
  get restingOrderCount(): number {
    return this.liveOrders.count;
  }

  /** RestingOrder objects ever created (pool capacity): flat in steady state. */
  get orderPoolCapacity(): number {
    return this.orderPool.capacity;
  }

  /** The book of `symbol`, or undefined for a symbol the engine was not configured with. */
  book(symbol: string): OrderBook | undefined {
    return this.booksBySymbol.get(symbol);
  }

  /** The live order of `account` with client id `clOrdId`, or null. Read it; do not change it. */
  liveOrder(account: string, clOrdId: number): Readonly<RestingOrder> | null {
    return this.findLive(account, clOrdId);
  }

  /** FNV-1a 64 of every book, resting order (in priority order) and id counter: equal on equal replicas. */
  stateHash(): string {
    return hashEngineState(this);
  }

  /** Every book as plain data, for tests and tools. Allocates. */
  snapshot(): EngineSnapshot {
    return snapshotEngine(this);
  }

  /** A readable dump of the books, for debugging. Allocates. */
  describe(): string {
    return describeEngine(this);
  }

  /** Enters a limit order. Returns its order id, or 0 when rejected. */
  newOrder(
    clOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    qty: number,
    timeInForce: number,
    flags: number,
  ): number {
    const book = this.booksBySymbol.get(symbol);
    if (book === undefined) return this.reject(clOrdId, account, symbol, RejectReason.UnknownSymbol, UNKNOWN_SYMBOL);
    if (side !== Side.Buy && side !== Side.Sell) {
      return this.reject(clOrdId, account, symbol, RejectReason.InvalidQuantity, BAD_SIDE);
    }
    if (!isValidPrice(price)) return this.reject(clOrdId, account, symbol, RejectReason.InvalidPrice, BAD_PRICE);
    if (!isValidQty(qty)) return this.reject(clOrdId, account, symbol, RejectReason.InvalidQuantity, BAD_QTY);
    if (
      timeInForce !== TimeInForce.Day &&
      timeInForce !== TimeInForce.GoodTillCancel &&
      timeInForce !== TimeInForce.ImmediateOrCancel &&
      timeInForce !== TimeInForce.FillOrKill
    ) {
      return this.reject(clOrdId, account, symbol, RejectReason.InvalidQuantity, BAD_TIF);
    }
    if (this.findLive(account, clOrdId) !== null) {
      return this.reject(clOrdId, account, symbol, RejectReason.DuplicateOrder, DUPLICATE);
    }
    if ((flags & ExecFlags.PostOnly) !== 0 && this.wouldTrade(book, side, price)) {
      return this.reject(clOrdId, account, symbol, RejectReason.InvalidPrice, POST_ONLY_CROSSES);
    }

    const order = this.orderPool.acquire();
    order.orderId = ++this.lastOrderIdValue;
    order.clOrdId = clOrdId;
    order.account = account;
    order.symbol = symbol;
    order.side = side;
    order.price = price;
    order.qty = qty;
    order.cumQty = 0;
    order.leavesQty = qty;
    order.timeInForce = timeInForce;
    order.flags = flags;
    this.listener.onAccepted(order.orderId, clOrdId, account, symbol, side, price, qty, qty);

    const orderId = order.orderId;
    if (timeInForce === TimeInForce.FillOrKill && this.crossingQty(book, side, price, qty) < qty) {
      this.cancelUnrested(order, CancelCause.FillOrKill);
      return orderId;
    }
    this.match(book, order);
    if (order.leavesQty === 0) this.orderPool.release(order);
    else if (timeInForce === TimeInForce.ImmediateOrCancel || timeInForce === TimeInForce.FillOrKill) {
      this.cancelUnrested(order, CancelCause.ImmediateOrCancel);
    } else this.rest(book, order);
    return orderId;
  }

  /** Cancels the live order `origClOrdId` of `account`; symbol and side must match it. */
  cancelOrder(clOrdId: number, origClOrdId: number, account: string, symbol: string, side: number): void {
    const book = this.booksBySymbol.get(symbol);
    if (book === undefined) {
      this.reject(clOrdId, account, symbol, RejectReason.UnknownSymbol, UNKNOWN_SYMBOL);
      return;
    }
    const order = this.findLive(account, origClOrdId);
    if (order === null || order.symbol !== symbol || order.side !== side) {
      this.reject(clOrdId, account, symbol, RejectReason.UnknownOrder, UNKNOWN_ORDER);
      return;
    }
    this.cancelResting(book, order, clOrdId, CancelCause.Requested);
  }

  /**
   * Changes the price and/or total quantity of a live order; see the rules at the top of this file.
   * Checks, in this order: symbol, price, qty, the order (UnknownOrder unless `account` has a live order
   * `origClOrdId` on this symbol and side), `clOrdId` not live (DuplicateOrder, also when it equals
   * `origClOrdId`), then PostOnly.
   */
  replaceOrder(
    clOrdId: number,
    origClOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    qty: number,
  ): void {
    const book = this.booksBySymbol.get(symbol);
    if (book === undefined) {
      this.reject(clOrdId, account, symbol, RejectReason.UnknownSymbol, UNKNOWN_SYMBOL);
      return;
    }
    if (!isValidPrice(price)) {
      this.reject(clOrdId, account, symbol, RejectReason.InvalidPrice, BAD_PRICE);
      return;
    }
    if (!isValidQty(qty)) {
      this.reject(clOrdId, account, symbol, RejectReason.InvalidQuantity, BAD_QTY);
      return;
    }
    const order = this.findLive(account, origClOrdId);
    if (order === null || order.symbol !== symbol || order.side !== side) {
      this.reject(clOrdId, account, symbol, RejectReason.UnknownOrder, UNKNOWN_ORDER);
      return;
    }
    if (this.findLive(account, clOrdId) !== null) {
      this.reject(clOrdId, account, symbol, RejectReason.DuplicateOrder, DUPLICATE);
      return;
    }
    if (qty <= order.cumQty) {
      this.cancelResting(book, order, clOrdId, CancelCause.ReplacedToFilled);
      return;
    }
    const priceChanged = price !== order.price;
    if (priceChanged && (order.flags & ExecFlags.PostOnly) !== 0 && this.wouldTrade(book, side, price)) {
      this.reject(clOrdId, account, symbol, RejectReason.InvalidPrice, POST_ONLY_CROSSES);
      return;
    }

    const oldClOrdId = order.clOrdId;
    const oldQty = order.qty;
    const oldLevel = order.level!;
    this.unindex(order);
    order.clOrdId = clOrdId;

    if (!priceChanged) {
      if (qty > oldQty) {
        oldLevel.remove(order); // a bigger order goes to the back of the queue
        order.qty = qty;
        order.leavesQty = qty - order.cumQty;
        oldLevel.append(order);
      } else {
        const leaves = qty - order.cumQty;
        oldLevel.totalQty += leaves - order.leavesQty;
        order.qty = qty;
        order.leavesQty = leaves;
      }
      this.index(order);
      this.listener.onReplaced(order.orderId, clOrdId, oldClOrdId, account, symbol, side, price, qty, order.leavesQty);
      if (qty !== oldQty) this.publishLevel(book, book.sideOf(side), oldLevel, false);
      return;
    }

    oldLevel.remove(order);
    order.price = price;
    order.qty = qty;
    order.leavesQty = qty - order.cumQty;
    this.listener.onReplaced(order.orderId, clOrdId, oldClOrdId, account, symbol, side, price, qty, order.leavesQty);
    this.publishLevel(book, book.sideOf(side), oldLevel, false);
    this.match(book, order);
    if (order.leavesQty === 0) this.orderPool.release(order);
    else this.rest(book, order);
  }

  /** Trades `incoming` against the opposite side while prices cross. */
  private match(book: OrderBook, incoming: RestingOrder): void {
    const opposite = book.oppositeOf(incoming.side);
    const listener = this.listener;
    while (incoming.leavesQty > 0) {
      const level = opposite.best();
      if (level === null || !crosses(incoming.side, incoming.price, level.price)) return;
      while (incoming.leavesQty > 0 && level.head !== null) {
        const resting = level.head;
        const qty = incoming.leavesQty < resting.leavesQty ? incoming.leavesQty : resting.leavesQty;
        const tradeId = ++this.lastTradeIdValue;
        incoming.leavesQty -= qty;
        incoming.cumQty += qty;
        resting.leavesQty -= qty;
        resting.cumQty += qty;
        level.totalQty -= qty;
        listener.onFill(
          tradeId,
          incoming.orderId,
          incoming.clOrdId,
          incoming.account,
          incoming.symbol,
          incoming.side,
          level.price,
          qty,
          incoming.leavesQty,
          incoming.leavesQty === 0,
        );
        listener.onFill(
          tradeId,
          resting.orderId,
          resting.clOrdId,
          resting.account,
          resting.symbol,
          resting.side,
          level.price,
          qty,
          resting.leavesQty,
          resting.leavesQty === 0,
        );
        listener.onTrade(tradeId, book.symbol, level.price, qty, incoming.side);
        if (resting.leavesQty === 0) {
          level.remove(resting);
          this.unindex(resting);
          this.orderPool.release(resting);
        }
      }
      this.publishLevel(book, opposite, level, false);
    }
  }

  /** Puts `order` at the back of its price level and makes it findable by clOrdId. */
  private rest(book: OrderBook, order: RestingOrder): void {
    const side = book.sideOf(order.side);
    const level = side.findOrCreate(order.price);
    const created = level.orderCount === 0;
    level.append(order);
    this.index(order);
    this.publishLevel(book, side, level, created);
  }

  /** Reports a level's new state; drops it from the book when it emptied. */
  private publishLevel(book: OrderBook, side: BookSide, level: PriceLevel, created: boolean): void {
    if (level.orderCount === 0) {
      this.listener.onBookLevel(book.symbol, level.side, BookAction.Delete, level.price, 0, 0);
      side.removeLevel(level);
    } else {
      const action = created ? BookAction.New : BookAction.Change;
      this.listener.onBookLevel(book.symbol, level.side, action, level.price, level.totalQty, level.orderCount);
    }
  }

  /** Cancels the open quantity of a resting order and takes it out of the book. */
  private cancelResting(book: OrderBook, order: RestingOrder, requestClOrdId: number, cause: number): void {
    this.listener.onCancelled(
      order.orderId,
      requestClOrdId,
      order.clOrdId,
      order.account,
      order.symbol,
      order.side,
      order.price,
      order.leavesQty,
      cause,
    );
    const level = order.level!;
    level.remove(order);
    this.unindex(order);
    this.publishLevel(book, book.sideOf(order.side), level, false);
    this.orderPool.release(order);
  }

  /** Cancels what is left of an order that never rested (IOC, FOK). */
  private cancelUnrested(order: RestingOrder, cause: number): void {
    this.listener.onCancelled(
      order.orderId,
      order.clOrdId,
      order.clOrdId,
      order.account,
      order.symbol,
      order.side,
      order.price,
      order.leavesQty,
      cause,
    );
    this.orderPool.release(order);
  }

  /** Would an order of `side` at `price` trade on arrival? */
  private wouldTrade(book: OrderBook, side: number, price: number): boolean {
    const best = book.oppositeOf(side).best();
    return best !== null && crosses(side, price, best.price);
  }

  /** Quantity resting at prices an order of `side` at `price` would trade with, counted up to `needed`. */
  private crossingQty(book: OrderBook, side: number, price: number, needed: number): number {
    const opposite = book.oppositeOf(side);
    let available = 0;
    for (let depth = 0; available < needed; depth++) {
      const level = opposite.levelAt(depth);
      if (level === null || !crosses(side, price, level.price)) break;
      available += level.totalQty;
    }
    return available;
  }

  private findLive(account: string, clOrdId: number): RestingOrder | null {
    return this.liveOrders.find(account, clOrdId);
  }

  private index(order: RestingOrder): void {
    order.accountId = this.liveOrders.accountNumber(order.account);
    this.liveOrders.add(order);
  }

  private unindex(order: RestingOrder): void {
    this.liveOrders.remove(order);
  }

  private reject(clOrdId: number, account: string, symbol: string, reason: number, text: string): number {
    this.listener.onRejected(clOrdId, account, symbol, reason, text);
    return NO_ORDER;
  }
}

/** Does an order of `side` limited at `limit` trade with a resting price `restingPrice`? */
function crosses(side: number, limit: number, restingPrice: number): boolean {
  return side === Side.Buy ? restingPrice <= limit : restingPrice >= limit;
}

function isValidPrice(price: number): boolean {
  return Number.isSafeInteger(price) && price > 0;
}

function isValidQty(qty: number): boolean {
  return Number.isInteger(qty) && qty > 0 && qty <= MAX_QTY;
}

// Reject texts: constants, so rejecting allocates nothing and a listener may keep them.
const UNKNOWN_SYMBOL = "unknown symbol";
const BAD_SIDE = "side must be Buy (B) or Sell (S)";
const BAD_PRICE = "price must be a positive whole number of ticks";
const BAD_QTY = "quantity must be a whole number from 1 to 4294967295";
const BAD_TIF = "unknown time in force";
const DUPLICATE = "clOrdId already used by a live order of this account";
const POST_ONLY_CROSSES = "post-only order would trade on arrival";
const UNKNOWN_ORDER = "no live order with this origClOrdId, symbol and side for this account";

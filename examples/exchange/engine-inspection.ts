// Looking at a matching engine from outside: the state hash replicas compare,
// a plain-data snapshot for tests and tools, and a text dump for debugging.
//
// All three walk the same canonical order — books in the configured symbol
// order; for each, bids then asks from the best price outward; within a level
// orders in time priority — so equal states give equal hashes and snapshots.
// They allocate; call them at checkpoints, not per message.

import { formatPrice, sideLetter } from "./exchange-codes.js";
import type { BookSide, OrderBook } from "./order-book.js";
import type { RestingOrder } from "./resting-order.js";
import { Fnv1a64 } from "./state-hash.js";

/** What the inspection needs from an engine. */
export interface InspectableEngine {
  readonly bookList: readonly OrderBook[];
  readonly lastOrderId: number;
  readonly lastTradeId: number;
  readonly restingOrderCount: number;
}

export interface OrderSnapshot {
  orderId: number;
  clOrdId: number;
  account: string;
  qty: number;
  cumQty: number;
  leavesQty: number;
  timeInForce: number;
  flags: number;
}

export interface LevelSnapshot {
  price: number;
  totalQty: number;
  /** In time priority, oldest first. */
  orders: OrderSnapshot[];
}

export interface BookSnapshot {
  symbol: string;
  /** Best (highest) first. */
  bids: LevelSnapshot[];
  /** Best (lowest) first. */
  asks: LevelSnapshot[];
}

export interface EngineSnapshot {
  lastOrderId: number;
  lastTradeId: number;
  restingOrderCount: number;
  books: BookSnapshot[];
}

/** FNV-1a 64 over every book, level and resting order and the id counters: 16 hex digits. */
export function hashEngineState(engine: InspectableEngine): string {
  const hash = new Fnv1a64();
  hash.addInteger(engine.lastOrderId).addInteger(engine.lastTradeId).addInteger(engine.restingOrderCount);
  hash.addInteger(engine.bookList.length);
  for (const book of engine.bookList) {
    hash.addString(book.symbol);
    hashSide(hash, book.bids);
    hashSide(hash, book.asks);
  }
  return hash.digest();
}

function hashSide(hash: Fnv1a64, side: BookSide): void {
  hash.addInteger(side.side).addInteger(side.levelCount);
  for (let depth = 0; depth < side.levelCount; depth++) {
    const level = side.levelAt(depth)!;
    hash.addInteger(level.price).addInteger(level.totalQty).addInteger(level.orderCount);
    for (let order: RestingOrder | null = level.head; order !== null; order = order.next) {
      hash
        .addInteger(order.orderId)
        .addInteger(order.clOrdId)
        .addString(order.account)
        .addInteger(order.price)
        .addInteger(order.qty)
        .addInteger(order.cumQty)
        .addInteger(order.leavesQty)
        .addInteger(order.timeInForce)
        .addInteger(order.flags);
    }
  }
}

export function snapshotEngine(engine: InspectableEngine): EngineSnapshot {
  return {
    lastOrderId: engine.lastOrderId,
    lastTradeId: engine.lastTradeId,
    restingOrderCount: engine.restingOrderCount,
    books: engine.bookList.map((book) => ({
      symbol: book.symbol,
      bids: snapshotSide(book.bids),
      asks: snapshotSide(book.asks),
    })),
  };
}

function snapshotSide(side: BookSide): LevelSnapshot[] {
  const levels: LevelSnapshot[] = [];
  for (let depth = 0; depth < side.levelCount; depth++) {
    const level = side.levelAt(depth)!;
    const orders: OrderSnapshot[] = [];
    for (let order: RestingOrder | null = level.head; order !== null; order = order.next) {
      orders.push({
        orderId: order.orderId,
        clOrdId: order.clOrdId,
        account: order.account,
        qty: order.qty,
        cumQty: order.cumQty,
        leavesQty: order.leavesQty,
        timeInForce: order.timeInForce,
        flags: order.flags,
      });
    }
    levels.push({ price: level.price, totalQty: level.totalQty, orders });
  }
  return levels;
}

/**
 * A readable dump, one line per level:
 *
 *     ACME  B  100.0100  qty 300  [#4 acct1 200/200, #7 acct2 100/150]
 *
 * (`#orderId account leavesQty/qty`), asks above bids, best prices next to each other.
 */
export function describeEngine(engine: InspectableEngine): string {
  const lines = [
    `orders ${engine.lastOrderId}, trades ${engine.lastTradeId}, resting ${engine.restingOrderCount}, hash ${hashEngineState(engine)}`,
  ];
  for (const book of engine.bookList) {
    lines.push(`${book.symbol}: ${book.bids.levelCount} bid levels, ${book.asks.levelCount} ask levels`);
    for (let depth = book.asks.levelCount - 1; depth >= 0; depth--) lines.push(describeLevel(book, book.asks, depth));
    for (let depth = 0; depth < book.bids.levelCount; depth++) lines.push(describeLevel(book, book.bids, depth));
  }
  return lines.join("\n");
}

function describeLevel(book: OrderBook, side: BookSide, depth: number): string {
  const level = side.levelAt(depth)!;
  const orders: string[] = [];
  for (let order: RestingOrder | null = level.head; order !== null; order = order.next) {
    orders.push(`#${order.orderId} ${order.account} ${order.leavesQty}/${order.qty}`);
  }
  return `  ${book.symbol}  ${sideLetter(side.side)}  ${formatPrice(level.price)}  qty ${level.totalQty}  [${orders.join(", ")}]`;
}

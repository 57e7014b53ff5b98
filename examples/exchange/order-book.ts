// The limit order book of one symbol: two sides of price levels.
//
// Each side keeps its levels in one array sorted from the worst price to the
// best, so the best level is the last element: taking it, and emptying it
// after a sweep, touch only the end of the array, and a new order near the
// touch (where most orders arrive) shifts few elements. Lookup by price is a
// binary search. The array never shrinks, so steady trading allocates nothing.

import { Side } from "./exchange-codes.js";
import type { LevelPool, PriceLevel } from "./price-level.js";

export class BookSide {
  /** Levels [0, count): worst price first, best price last. Slots at and past count are unused. */
  private readonly levels: PriceLevel[] = [];
  private count = 0;

  constructor(
    readonly side: number,
    private readonly pool: LevelPool,
  ) {}

  /** True when `a` is a better price than `b` for this side (higher for bids, lower for asks). */
  isBetter(a: number, b: number): boolean {
    return this.side === Side.Buy ? a > b : a < b;
  }

  get levelCount(): number {
    return this.count;
  }

  /** The best level, or null when the side is empty. */
  best(): PriceLevel | null {
    return this.count === 0 ? null : this.levels[this.count - 1]!;
  }

  /** The i-th level from the best (0 = best), or null past the end. */
  levelAt(depth: number): PriceLevel | null {
    return depth < 0 || depth >= this.count ? null : this.levels[this.count - 1 - depth]!;
  }

  /** The level at `price`, or null. */
  find(price: number): PriceLevel | null {
    const i = this.search(price);
    return i < this.count && this.levels[i]!.price === price ? this.levels[i]! : null;
  }

  /** The level at `price`, created (empty) when missing. */
  findOrCreate(price: number): PriceLevel {
    const i = this.search(price);
    if (i < this.count && this.levels[i]!.price === price) return this.levels[i]!;
    const level = this.pool.acquire(this.side, price);
    // Open slot i by moving the better levels one place toward the end.
    if (this.count === this.levels.length) this.levels.push(level);
    for (let j = this.count; j > i; j--) this.levels[j] = this.levels[j - 1]!;
    this.levels[i] = level;
    this.count++;
    return level;
  }

  /** Drops an empty level and returns it to the pool. */
  removeLevel(level: PriceLevel): void {
    let i = this.count - 1;
    if (this.levels[i] !== level) {
      i = this.search(level.price);
      if (this.levels[i] !== level) throw new Error(`price level ${level.price} is not in this book side`);
      for (let j = i; j < this.count - 1; j++) this.levels[j] = this.levels[j + 1]!;
    }
    this.count--;
    this.levels[this.count] = level; // keep the slot filled (a released level) so the array stays packed
    this.pool.release(level);
  }

  /**
   * Index of the first level whose price is not worse than `price`: where `price` sits or would be
   * inserted to keep the worst-to-best order.
   */
  private search(price: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.isBetter(price, this.levels[mid]!.price)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class OrderBook {
  readonly bids: BookSide;
  readonly asks: BookSide;

  constructor(
    readonly symbol: string,
    pool: LevelPool,
  ) {
    this.bids = new BookSide(Side.Buy, pool);
    this.asks = new BookSide(Side.Sell, pool);
  }

  /** The side orders of `side` rest on. */
  sideOf(side: number): BookSide {
    return side === Side.Buy ? this.bids : this.asks;
  }

  /** The side orders of `side` trade against. */
  oppositeOf(side: number): BookSide {
    return side === Side.Buy ? this.asks : this.bids;
  }

  /** The level at `price` on `side`, or null: for a market-data node that publishes the orders of a level. */
  level(side: number, price: number): PriceLevel | null {
    return this.sideOf(side).find(price);
  }

  /** Best bid price in ticks, or 0 when there are no bids. */
  bestBid(): number {
    const best = this.bids.best();
    return best === null ? 0 : best.price;
  }

  /** Best ask price in ticks, or 0 when there are no asks. */
  bestAsk(): number {
    const best = this.asks.best();
    return best === null ? 0 : best.price;
  }
}

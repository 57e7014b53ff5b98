// A seeded stream of orders for the demo's trader nodes: new orders around a
// drifting mid price per symbol, with cancels and replaces of the orders the
// trader still believes are live.
//
// One OrderFlow is one trader (one account). It is deterministic for its seed
// and allocates nothing per command: next() overwrites and returns the same
// FlowCommand object, and the trader's live orders sit in fixed-size arrays.
// It does not see the engine's answers unless told (orderDone()), so some of
// its cancels and replaces name orders that already filled; the engine
// rejects those with UnknownOrder, as a real exchange would.

import { ExecFlags, Side, TimeInForce } from "./exchange-codes.js";
import { SeededRandom } from "./seeded-random.js";

export interface FlowSymbol {
  symbol: string;
  /** Starting mid price in ticks (double(4) mantissa). */
  midPrice: number;
  /** Price increment in ticks; 100 is one cent with 4 decimals. */
  tickSize: number;
}

export interface OrderFlowOptions {
  seed: number;
  /** The trader's account (at most 12 ASCII characters to fit exchange.idl). */
  account: string;
  symbols: readonly FlowSymbol[];
  /** First clOrdId; every command takes the next one. Default 1. */
  firstClOrdId?: number;
  /** Orders the trader keeps track of for cancels and replaces. Default 32. */
  maxLiveOrders?: number;
  /** Quantities are whole lots of this size. Default 100. */
  lotSize?: number;
  /** Share of new orders priced to trade on arrival. Default 0.2. */
  aggressiveRate?: number;
  /** Share of commands that are invalid on purpose (zero qty, unknown symbol, zero price). Default 0. */
  invalidRate?: number;
}

export const FlowKind = { New: 1, Cancel: 2, Replace: 3 } as const;
export type FlowKind = (typeof FlowKind)[keyof typeof FlowKind];

/** One command; fields a kind does not use keep their last values. */
export class FlowCommand {
  kind: FlowKind = FlowKind.New;
  clOrdId = 0;
  /** Cancel and Replace: the order they act on. */
  origClOrdId = 0;
  account = "";
  symbol = "";
  side = 0;
  price = 0;
  qty = 0;
  /** New only. */
  timeInForce = 0;
  /** New only. */
  flags = 0;
}

/** What applyFlowCommand needs: the MatchingEngine's command methods (or a node's encoder for them). */
export interface OrderEntry {
  newOrder(
    clOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    qty: number,
    timeInForce: number,
    flags: number,
  ): unknown;
  cancelOrder(clOrdId: number, origClOrdId: number, account: string, symbol: string, side: number): unknown;
  replaceOrder(
    clOrdId: number,
    origClOrdId: number,
    account: string,
    symbol: string,
    side: number,
    price: number,
    qty: number,
  ): unknown;
}

/** Sends `command` to `entry` with the matching method. */
export function applyFlowCommand(entry: OrderEntry, command: FlowCommand): void {
  const c = command;
  if (c.kind === FlowKind.New) {
    entry.newOrder(c.clOrdId, c.account, c.symbol, c.side, c.price, c.qty, c.timeInForce, c.flags);
  } else if (c.kind === FlowKind.Cancel) {
    entry.cancelOrder(c.clOrdId, c.origClOrdId, c.account, c.symbol, c.side);
  } else {
    entry.replaceOrder(c.clOrdId, c.origClOrdId, c.account, c.symbol, c.side, c.price, c.qty);
  }
}

/** Not in any engine's symbol list: used for deliberately invalid orders. */
export const UNLISTED_SYMBOL = "NOSUCH";

export class OrderFlow {
  private readonly random: SeededRandom;
  private readonly account: string;
  private readonly symbols: readonly FlowSymbol[];
  private readonly mids: number[];
  private readonly lotSize: number;
  private readonly aggressiveRate: number;
  private readonly invalidRate: number;
  private readonly command = new FlowCommand();
  private nextClOrdId: number;

  // The orders this trader believes are live, as parallel arrays [0, liveCount).
  private readonly maxLive: number;
  private liveCount = 0;
  private readonly liveClOrdId: number[];
  private readonly liveSymbol: number[];
  private readonly liveSide: number[];
  private readonly livePrice: number[];
  private readonly liveQty: number[];

  constructor(options: OrderFlowOptions) {
    if (options.symbols.length === 0) throw new Error("OrderFlow needs at least one symbol");
    for (const s of options.symbols) {
      if (!Number.isSafeInteger(s.tickSize) || s.tickSize <= 0)
        throw new RangeError(`OrderFlow: bad tickSize for ${s.symbol}`);
      if (!Number.isSafeInteger(s.midPrice) || s.midPrice < MIN_MID_TICKS * s.tickSize) {
        throw new RangeError(`OrderFlow: midPrice of ${s.symbol} must be at least ${MIN_MID_TICKS} ticks`);
      }
    }
    this.random = new SeededRandom(options.seed);
    this.account = options.account;
    this.symbols = options.symbols;
    this.mids = options.symbols.map((s) => s.midPrice);
    this.lotSize = options.lotSize ?? 100;
    this.aggressiveRate = options.aggressiveRate ?? 0.2;
    this.invalidRate = options.invalidRate ?? 0;
    this.nextClOrdId = options.firstClOrdId ?? 1;
    this.maxLive = options.maxLiveOrders ?? 32;
    if (this.maxLive < 1) throw new RangeError("OrderFlow: maxLiveOrders must be at least 1");
    this.liveClOrdId = new Array<number>(this.maxLive).fill(0);
    this.liveSymbol = new Array<number>(this.maxLive).fill(0);
    this.liveSide = new Array<number>(this.maxLive).fill(0);
    this.livePrice = new Array<number>(this.maxLive).fill(0);
    this.liveQty = new Array<number>(this.maxLive).fill(0);
    this.command.account = this.account;
  }

  /** The current mid price of the i-th symbol, in ticks. */
  midPrice(symbolIndex: number): number {
    return this.mids[symbolIndex]!;
  }

  /** Orders the flow would still cancel or replace. */
  get trackedOrders(): number {
    return this.liveCount;
  }

  /** Tells the flow an order is done (filled, cancelled, rejected), so it stops acting on it. */
  orderDone(clOrdId: number): void {
    for (let i = 0; i < this.liveCount; i++) {
      if (this.liveClOrdId[i] === clOrdId) {
        this.forget(i);
        return;
      }
    }
  }

  /** The next command. The same object every call: read it before calling next() again. */
  next(): FlowCommand {
    this.drift();
    if (this.invalidRate > 0 && this.random.chance(this.invalidRate)) return this.invalid();
    if (this.liveCount >= this.maxLive) return this.cancel();
    if (this.liveCount === 0) return this.newOrder();
    const action = this.random.nextInt(100);
    if (action < 60) return this.newOrder();
    if (action < 80) return this.cancel();
    return this.replace();
  }

  /** Random walk of one symbol's mid by a tick, never below MIN_MID_TICKS ticks. */
  private drift(): void {
    if (!this.random.chance(0.1)) return;
    const i = this.random.nextInt(this.mids.length);
    const tick = this.symbols[i]!.tickSize;
    const moved = this.mids[i]! + (this.random.chance(0.5) ? tick : -tick);
    if (moved >= MIN_MID_TICKS * tick) this.mids[i] = moved;
  }

  /** A new order; `track` false for orders the engine is meant to reject. */
  private newOrder(track = true): FlowCommand {
    const random = this.random;
    const symbolIndex = random.nextInt(this.symbols.length);
    const tick = this.symbols[symbolIndex]!.tickSize;
    const mid = this.mids[symbolIndex]!;
    const side = random.chance(0.5) ? Side.Buy : Side.Sell;
    const sign = side === Side.Buy ? 1 : -1;
    const aggressive = random.chance(this.aggressiveRate);
    // Passive orders cluster near the touch: offsets 1..10 ticks, small ones likelier.
    const u = random.nextInt(1000);
    const offset = aggressive ? -random.nextIntBetween(1, 3) : 1 + Math.floor((u * u) / 100_000);
    const c = this.command;
    c.kind = FlowKind.New;
    c.clOrdId = this.nextClOrdId++;
    c.origClOrdId = 0;
    c.symbol = this.symbols[symbolIndex]!.symbol;
    c.side = side;
    c.price = mid - sign * offset * tick;
    c.qty = random.nextIntBetween(1, 10) * this.lotSize;
    const tif = random.nextInt(100);
    c.timeInForce =
      tif < 80
        ? TimeInForce.Day
        : tif < 88
          ? TimeInForce.GoodTillCancel
          : tif < 97
            ? TimeInForce.ImmediateOrCancel
            : TimeInForce.FillOrKill;
    c.flags = !aggressive && random.chance(0.05) ? ExecFlags.PostOnly : 0;
    if (track && (c.timeInForce === TimeInForce.Day || c.timeInForce === TimeInForce.GoodTillCancel)) {
      this.track(c.clOrdId, symbolIndex, side, c.price, c.qty);
    }
    return c;
  }

  private cancel(): FlowCommand {
    const i = this.random.nextInt(this.liveCount);
    const c = this.command;
    c.kind = FlowKind.Cancel;
    c.clOrdId = this.nextClOrdId++;
    c.origClOrdId = this.liveClOrdId[i]!;
    c.symbol = this.symbols[this.liveSymbol[i]!]!.symbol;
    c.side = this.liveSide[i]!;
    c.price = this.livePrice[i]!;
    c.qty = this.liveQty[i]!;
    this.forget(i);
    return c;
  }

  /** Moves a live order by up to two ticks, or changes its size by a lot or two. */
  private replace(): FlowCommand {
    const random = this.random;
    const i = random.nextInt(this.liveCount);
    const tick = this.symbols[this.liveSymbol[i]!]!.tickSize;
    let price = this.livePrice[i]!;
    let qty = this.liveQty[i]!;
    if (random.chance(0.5)) {
      const moved = price + random.nextIntBetween(-2, 2) * tick;
      if (moved > 0) price = moved;
    } else {
      const resized = qty + random.nextIntBetween(-2, 2) * this.lotSize;
      if (resized > 0) qty = resized;
    }
    const c = this.command;
    c.kind = FlowKind.Replace;
    c.clOrdId = this.nextClOrdId++;
    c.origClOrdId = this.liveClOrdId[i]!;
    c.symbol = this.symbols[this.liveSymbol[i]!]!.symbol;
    c.side = this.liveSide[i]!;
    c.price = price;
    c.qty = qty;
    this.liveClOrdId[i] = c.clOrdId;
    this.livePrice[i] = price;
    this.liveQty[i] = qty;
    return c;
  }

  /** A new order the engine must reject: zero quantity, zero price or an unlisted symbol. */
  private invalid(): FlowCommand {
    const c = this.newOrder(false);
    const which = this.random.nextInt(3);
    if (which === 0) c.qty = 0;
    else if (which === 1) c.price = 0;
    else c.symbol = UNLISTED_SYMBOL;
    return c;
  }

  private track(clOrdId: number, symbolIndex: number, side: number, price: number, qty: number): void {
    const i = this.liveCount++;
    this.liveClOrdId[i] = clOrdId;
    this.liveSymbol[i] = symbolIndex;
    this.liveSide[i] = side;
    this.livePrice[i] = price;
    this.liveQty[i] = qty;
  }

  /** Drops slot i by moving the last slot into it. */
  private forget(i: number): void {
    const last = --this.liveCount;
    this.liveClOrdId[i] = this.liveClOrdId[last]!;
    this.liveSymbol[i] = this.liveSymbol[last]!;
    this.liveSide[i] = this.liveSide[last]!;
    this.livePrice[i] = this.livePrice[last]!;
    this.liveQty[i] = this.liveQty[last]!;
  }
}

/** Mids stay at least this many ticks above zero, so every generated price is positive. */
const MIN_MID_TICKS = 20;

// What every node of the example exchange agrees on: the listed symbols, the
// accounts the sequencer knows, and how the engine's codes map onto the
// schema's. One place, so a replica cannot be configured differently from
// its twin by accident (a different symbol list would be a different state).

import { CancelCause as WireCancelCause, type NewOrderDecoder } from "../../generated/exchange.js";
import { CancelCause as EngineCancelCause, RejectReason } from "./exchange-codes.js";
import type { FlowSymbol } from "./order-flow.js";

/** The listed instruments: symbol, starting mid price and tick, in double(4) ticks. */
export const SYMBOLS: readonly FlowSymbol[] = [
  { symbol: "ACME", midPrice: 1_000_000, tickSize: 100 },
  { symbol: "GLOBX", midPrice: 250_000, tickSize: 50 },
  { symbol: "INIT", midPrice: 40_000, tickSize: 10 },
];
export const SYMBOL_NAMES: readonly string[] = SYMBOLS.map((s) => s.symbol);

/** Sequencer accounts (1 to 8 characters). The engine's hot-hot instances share ENGINE. */
export const ENGINE_ACCOUNT = "ENGINE";
export const MARKET_DATA_ACCOUNT = "MD";
export const gatewayAccount = (i: number): string => `GW${i}`;

/**
 * The engine reports why quantity left the book as a small number (exchange-codes.ts); the schema's
 * CancelCause is a char enum. Indexed by the engine's code.
 */
const CANCEL_CAUSE_ON_WIRE: number[] = [];
CANCEL_CAUSE_ON_WIRE[EngineCancelCause.Requested] = WireCancelCause.Requested;
CANCEL_CAUSE_ON_WIRE[EngineCancelCause.ImmediateOrCancel] = WireCancelCause.ImmediateOrCancel;
CANCEL_CAUSE_ON_WIRE[EngineCancelCause.FillOrKill] = WireCancelCause.FillOrKill;
CANCEL_CAUSE_ON_WIRE[EngineCancelCause.ReplacedToFilled] = WireCancelCause.ReplacedToFilled;

export function wireCancelCause(engineCause: number): number {
  const code = CANCEL_CAUSE_ON_WIRE[engineCause];
  if (code === undefined) throw new Error(`no CancelCause on the wire for engine cause ${engineCause}`);
  return code;
}

/** Why a NewOrder is refused before it reaches the matching engine. Constants, so refusing allocates nothing. */
export interface Unsupported {
  readonly reason: number;
  readonly text: string;
}
const NO_STOPS: Unsupported = { reason: RejectReason.InvalidPrice, text: "stop orders are not supported" };
const NO_LEGS: Unsupported = { reason: RejectReason.UnknownSymbol, text: "multi-leg orders are not supported" };
const NO_MIN_QTY: Unsupported = { reason: RejectReason.InvalidQuantity, text: "minQty is not supported" };

/**
 * The NewOrder features exchange.idl carries but this matching engine does not act on (stop price, legs,
 * minQty): the engine node rejects such orders, and the market-data node, which replays the same orders into its
 * own book, skips them, so both books stay equal.
 */
export function unsupportedFeature(order: NewOrderDecoder): Unsupported | null {
  if (order.hasStopPrice()) return NO_STOPS;
  if (order.legs().count > 0) return NO_LEGS;
  if (order.hasMinQty()) return NO_MIN_QTY;
  return null;
}

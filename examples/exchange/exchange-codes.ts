// The codes the matching core speaks. Each value equals the code exchange.idl
// puts on the wire (char enums are their character code), so a node can pass
// what a generated decoder returns — `decoder.side()`, `decoder.timeInForce()`,
// `decoder.flags()`, `decoder.priceRaw()` — straight into the engine, and write
// what the engine reports straight into a generated encoder.

/** ENUM Side: char. */
export const Side = {
  Buy: 0x42, // 'B'
  Sell: 0x53, // 'S'
} as const;
export type Side = (typeof Side)[keyof typeof Side];

/** ENUM TimeInForce: char. */
export const TimeInForce = {
  Day: 0x30, // '0'
  GoodTillCancel: 0x31, // '1'
  ImmediateOrCancel: 0x33, // '3'
  FillOrKill: 0x34, // '4'
} as const;
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];

/** SET ExecFlags: uint8, as bit masks. Only PostOnly changes matching; Iso and Hidden are carried, not acted on. */
export const ExecFlags = {
  PostOnly: 1 << 0,
  Iso: 1 << 1,
  Hidden: 1 << 2,
} as const;

/** ENUM RejectReason: short. Throttled belongs to gateways; the engine never sends it. */
export const RejectReason = {
  UnknownSymbol: 1,
  InvalidPrice: 2,
  InvalidQuantity: 3,
  UnknownOrder: 4,
  DuplicateOrder: 5,
  Throttled: 6,
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/** ENUM BookAction: char. */
export const BookAction = {
  New: 0x30, // '0' a price level appeared
  Change: 0x31, // '1' its quantity or order count changed
  Delete: 0x32, // '2' it is gone
} as const;
export type BookAction = (typeof BookAction)[keyof typeof BookAction];

/**
 * Why quantity left the book without trading. Not in exchange.idl (its OrderAck
 * reports a cancel as leavesQty 0); the node decides how to publish it.
 */
export const CancelCause = {
  /** A CancelOrder for this order. */
  Requested: 1,
  /** The unfilled rest of an ImmediateOrCancel order. */
  ImmediateOrCancel: 2,
  /** A FillOrKill order the book could not fill completely. */
  FillOrKill: 3,
  /** A ReplaceOrder whose quantity is not above what already filled (see MatchingEngine.replaceOrder). */
  ReplacedToFilled: 4,
} as const;
export type CancelCause = (typeof CancelCause)[keyof typeof CancelCause];

/** Prices are double(4) mantissas: 1 tick = 0.0001. 1_234_500 ticks is 123.4500. */
export const PRICE_DECIMALS = 4;

/** The largest quantity a `qty: uint` field can carry. */
export const MAX_QTY = 0xffff_ffff;

/** "123.4500" for 1_234_500 ticks. For logs and snapshots; allocates. */
export function formatPrice(ticks: number): string {
  const sign = ticks < 0 ? "-" : "";
  const abs = Math.abs(ticks);
  const whole = Math.floor(abs / 10_000);
  const frac = abs - whole * 10_000;
  return `${sign}${whole}.${String(frac).padStart(PRICE_DECIMALS, "0")}`;
}

/** "B" or "S" (or the code in hex when it is neither). For logs; allocates. */
export function sideLetter(side: number): string {
  return side === Side.Buy ? "B" : side === Side.Sell ? "S" : `0x${side.toString(16)}`;
}

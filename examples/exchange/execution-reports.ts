// The engine node's voice: turns what the matching engine reports into the
// private execution reports of exchange.idl — OrderAck, OrderReject,
// OrderCancelled, Fill — encoded with the coralc-generated encoders and sent
// as commands.
//
// Every engine replica runs this same code on the same sequenced orders, so
// every replica sends the same reports with the same command numbers; the
// sequencer sequences the first copy of each and drops the others (hot-hot).
// The public side of a match (Trade, BookUpdate) is the market-data node's job,
// so onTrade and onBookLevel are ignored here.
//
// Nothing here allocates per event: one encoder per message type, one buffer.

import type { EncoderLike } from "coralseq";
import {
  type CancelCause,
  FillEncoder,
  OrderAckEncoder,
  OrderCancelledEncoder,
  OrderRejectEncoder,
  type RejectReason,
  type Side,
} from "../../generated/exchange.js";
import { wireCancelCause } from "./exchange-setup.js";
import type { MatchingListener } from "./matching-listener.js";

/** Where encoded commands go: a Node's sendCommand. */
export interface CommandSink {
  sendCommand(command: EncoderLike): number;
}

export interface ExecutionReportCounts {
  acks: number;
  rejects: number;
  cancels: number;
  /** Fill messages: two per match, one for each side. */
  fills: number;
  trades: number;
}

export class ExecutionReports implements MatchingListener {
  readonly counts: ExecutionReportCounts = { acks: 0, rejects: 0, cancels: 0, fills: 0, trades: 0 };
  private readonly buffer = new Uint8Array(512);
  private readonly ack = new OrderAckEncoder();
  private readonly reject = new OrderRejectEncoder();
  private readonly cancelled = new OrderCancelledEncoder();
  private readonly fill = new FillEncoder();

  constructor(private readonly sink: CommandSink) {}

  onAccepted(orderId: number, clOrdId: number, account: string, symbol: string, side: number, price: number, qty: number, leavesQty: number): void {
    this.counts.acks++;
    this.sink.sendCommand(
      this.ack.wrap(this.buffer).orderId(orderId).clOrdId(clOrdId).account(account).symbol(symbol).side(side as Side).priceRaw(price).qty(qty).leavesQty(leavesQty),
    );
  }

  /** A replaced order is acknowledged under its new clOrdId with its new terms (FIX's "Replaced" report). */
  onReplaced(orderId: number, clOrdId: number, _origClOrdId: number, account: string, symbol: string, side: number, price: number, qty: number, leavesQty: number): void {
    this.onAccepted(orderId, clOrdId, account, symbol, side, price, qty, leavesQty);
  }

  onCancelled(orderId: number, clOrdId: number, origClOrdId: number, account: string, symbol: string, side: number, price: number, cancelledQty: number, cause: number): void {
    this.counts.cancels++;
    this.sink.sendCommand(
      this.cancelled
        .wrap(this.buffer)
        .orderId(orderId)
        .clOrdId(clOrdId)
        .origClOrdId(origClOrdId)
        .account(account)
        .symbol(symbol)
        .side(side as Side)
        .priceRaw(price)
        .cancelledQty(cancelledQty)
        .cause(wireCancelCause(cause) as CancelCause),
    );
  }

  onRejected(clOrdId: number, account: string, _symbol: string, reason: number, text: string): void {
    this.counts.rejects++;
    this.sink.sendCommand(this.reject.wrap(this.buffer).clOrdId(clOrdId).account(account).reason(reason as RejectReason).text(text));
  }

  onFill(tradeId: number, orderId: number, clOrdId: number, account: string, symbol: string, side: number, price: number, qty: number, leavesQty: number, done: boolean): void {
    this.counts.fills++;
    this.sink.sendCommand(
      this.fill
        .wrap(this.buffer)
        .tradeId(tradeId)
        .orderId(orderId)
        .clOrdId(clOrdId)
        .account(account)
        .symbol(symbol)
        .side(side as Side)
        .priceRaw(price)
        .qty(qty)
        .leavesQty(leavesQty)
        .done(done),
    );
  }

  onTrade(): void {
    this.counts.trades++;
  }

  onBookLevel(): void {}
}

// A simulated trading firm: a seeded OrderFlow sending orders through a
// gateway session, and keeping its own book of what happened to them from the
// execution reports it gets back (as the generated decoders).
//
// It is a client, not a node: it never sees the event stream, only its own
// session, as a firm connected to an exchange would. Its state — counts,
// positions, cash — is summed up in hash(): two runs of the deterministic test
// cluster with the same seeds give the same hash.

import type { Message } from "coralseq";
import {
  ExchangeHandlerBase,
  type FillDecoder,
  type OrderAckDecoder,
  type OrderCancelledDecoder,
  type OrderRejectDecoder,
  RejectReason,
  Side,
} from "../../generated/exchange.js";
import { SYMBOL_NAMES, SYMBOLS } from "./exchange-setup.js";
import type { ClientSession } from "./gateway-node.js";
import { applyFlowCommand, OrderFlow } from "./order-flow.js";
import { Fnv1a64 } from "./state-hash.js";

export interface TraderOptions {
  /** The firm's trading account (up to 12 characters). */
  account: string;
  seed: number;
  /** Share of orders priced to trade at once. Default 0.3. */
  aggressiveRate?: number;
}

export interface TraderCounts {
  sent: number;
  acks: number;
  rejects: number;
  /** Rejects by the gateway itself (rate limit, back-pressure). */
  refused: number;
  cancels: number;
  fills: number;
  filledQty: number;
}

export class Trader extends ExchangeHandlerBase<Message | null> {
  readonly account: string;
  readonly counts: TraderCounts = { sent: 0, acks: 0, rejects: 0, refused: 0, cancels: 0, fills: 0, filledQty: 0 };
  /** Net position per listed symbol (bought minus sold), in shares. */
  readonly positions = new Float64Array(SYMBOLS.length);
  /** Money paid (negative) and received (positive), in price ticks × shares. */
  cash = 0;
  private readonly flow: OrderFlow;
  private session: ClientSession | null = null;

  constructor(options: TraderOptions) {
    super();
    this.account = options.account;
    this.flow = new OrderFlow({ seed: options.seed, account: options.account, symbols: SYMBOLS, aggressiveRate: options.aggressiveRate ?? 0.3 });
  }

  /** Connects to a gateway: `gateway.connect(account, trader)` made the session. */
  attach(session: ClientSession): void {
    this.session = session;
  }

  /** Sends the flow's next order (new, cancel or replace) through the session. */
  sendNext(): void {
    if (this.session === null) throw new Error(`trader ${this.account} is not connected`);
    this.counts.sent++;
    applyFlowCommand(this.session, this.flow.next());
  }

  override onOrderAck(_ack: OrderAckDecoder): void {
    this.counts.acks++;
  }

  override onOrderReject(reject: OrderRejectDecoder): void {
    this.counts.rejects++;
    if (reject.reason() === RejectReason.Throttled) this.counts.refused++;
    this.flow.orderDone(reject.clOrdId()); // never live (or no longer: a refused replace of a filled order)
  }

  override onOrderCancelled(cancelled: OrderCancelledDecoder): void {
    this.counts.cancels++;
    this.flow.orderDone(cancelled.origClOrdId());
  }

  override onFill(fill: FillDecoder): void {
    const qty = fill.qty();
    const signed = fill.side() === Side.Buy ? qty : -qty;
    this.counts.fills++;
    this.counts.filledQty += qty;
    const i = SYMBOL_NAMES.indexOf(fill.symbolInterned());
    if (i >= 0) this.positions[i]! += signed;
    this.cash -= signed * fill.priceRaw();
    if (fill.done()) this.flow.orderDone(fill.clOrdId());
  }

  /** FNV-1a 64 of the trader's counts, positions and cash. Allocates. */
  hash(): string {
    const h = new Fnv1a64().addString(this.account);
    const c = this.counts;
    for (const n of [c.sent, c.acks, c.rejects, c.refused, c.cancels, c.fills, c.filledQty, this.cash]) h.addInteger(n);
    for (const p of this.positions) h.addInteger(p);
    return h.digest();
  }
}

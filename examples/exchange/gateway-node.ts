// A gateway: where clients' orders enter the exchange.
//
// Clients connect to a gateway through sessions (ClientSession; in this example
// in the same process — a FIX or binary TCP acceptor would create them the same
// way). The gateway checks what only it can check — the session's own account
// is stamped on every order, so a client cannot trade for another; a per-session
// rate limit; back-pressure when too many commands wait for the sequencer —
// and turns each accepted order into a command with the coralc-generated
// encoders. It never matches anything: the order takes effect when the engine
// reads it from the stream.
//
// Coming back, the gateway reads the engine's execution reports from the stream
// and hands each one, as the generated decoder, to the session whose account
// it names. The time from a client's order to its first report (ack, reject or
// cancel) is the exchange's round trip: gateway → sequencer → engine →
// sequencer → gateway. The gateway records it in a LatencyHistogram.
//
// Gateways are not replicated hot-hot: their commands come from clients, not
// from the stream, so two instances would not issue the same ones.

import { type Message, Node, type NodeOptions } from "coralseq";
import { CodecError } from "coralseq/codec";
import {
  CancelOrderEncoder,
  ExchangeDispatcher,
  type ExchangeHandler,
  ExchangeHandlerBase,
  type FillDecoder,
  NewOrderEncoder,
  type OrderAckDecoder,
  type OrderCancelledDecoder,
  OrderRejectDecoder,
  OrderRejectEncoder,
  RejectReason,
  ReplaceOrderEncoder,
  type Side,
  type TimeInForce,
} from "../../generated/exchange.js";
import { LatencyHistogram } from "./latency-histogram.js";
import type { OrderEntry } from "./order-flow.js";

export interface GatewayOptions {
  /** Orders a session may send per second (a token bucket with a burst of a tenth of a second). Default 10 000. */
  maxOrdersPerSecond?: number;
  /** Refuse new orders while this many commands wait for their echo. Default 768 (of the node's 1024). */
  maxInFlight?: number;
}

export interface GatewayCounters {
  /** Orders turned into commands. */
  sent: number;
  /** Of those, seen sequenced on the stream. */
  sequenced: number;
  /** Refused by the gateway itself (rate limit, back-pressure, not active): never sequenced. */
  refused: number;
  /** Execution reports handed to sessions. */
  reports: number;
  malformed: number;
}

/** Round trips are matched by clOrdId in a ring of this size per session (orders older than that are not timed). */
const TIMING_SLOTS = 4096;

/** One client's connection: send orders through it, receive the execution reports in `client`. */
export class ClientSession implements OrderEntry {
  /** Token bucket of the rate limit. */
  tokens: number;
  tokensAtNs = 0;
  readonly sentAtNs = new Float64Array(TIMING_SLOTS);
  readonly sentClOrdId = new Float64Array(TIMING_SLOTS).fill(-1);

  constructor(
    private readonly gateway: GatewayNode,
    /** The client's trading account (up to 12 characters): stamped on every order of the session. */
    readonly account: string,
    /** Receives the session's execution reports as generated decoders (ctx: the sequenced Message). */
    readonly client: ExchangeHandler<Message | null>,
    readonly maxOrdersPerSecond: number,
  ) {
    this.tokens = maxOrdersPerSecond / 10;
  }

  /** Returns false when the gateway refused the order (the client also got an OrderReject). */
  newOrder(clOrdId: number, _account: string, symbol: string, side: number, price: number, qty: number, timeInForce: number, flags: number): boolean {
    return this.gateway.submitNewOrder(this, clOrdId, symbol, side, price, qty, timeInForce, flags);
  }

  cancelOrder(clOrdId: number, origClOrdId: number, _account: string, symbol: string, side: number): boolean {
    return this.gateway.submitCancel(this, clOrdId, origClOrdId, symbol, side);
  }

  replaceOrder(clOrdId: number, origClOrdId: number, _account: string, symbol: string, side: number, price: number, qty: number): boolean {
    return this.gateway.submitReplace(this, clOrdId, origClOrdId, symbol, side, price, qty);
  }
}

export class GatewayNode extends Node {
  readonly counters: GatewayCounters = { sent: 0, sequenced: 0, refused: 0, reports: 0, malformed: 0 };
  readonly roundTrips = new LatencyHistogram();
  private readonly sessions = new Map<string, ClientSession>();
  private readonly maxOrdersPerSecond: number;
  private readonly maxInFlight: number;
  private readonly exchange: ExchangeDispatcher<Message>;
  private readonly buffer = new Uint8Array(512);
  private readonly newOrder = new NewOrderEncoder();
  private readonly cancel = new CancelOrderEncoder();
  private readonly replace = new ReplaceOrderEncoder();
  // A refusal is told to the client as an OrderReject, built with the generated encoder and read back with the
  // generated decoder, so clients handle refusals by the gateway and by the engine alike.
  private readonly refusal = new OrderRejectEncoder();
  private readonly refusalDecoder = new OrderRejectDecoder();
  private readonly refusalBuffer = new Uint8Array(256);

  constructor(options: NodeOptions, gateway: GatewayOptions = {}) {
    super(options);
    this.maxOrdersPerSecond = gateway.maxOrdersPerSecond ?? 10_000;
    this.maxInFlight = gateway.maxInFlight ?? 768;
    this.exchange = new ExchangeDispatcher<Message>(new ReportRouter(this));
  }

  /** Opens a session for `account`. One session per account per gateway. */
  connect(account: string, client: ExchangeHandler<Message | null>): ClientSession {
    if (account.length === 0 || account.length > 12) throw new Error(`client account must be 1 to 12 characters, got ${JSON.stringify(account)}`);
    if (this.sessions.has(account)) throw new Error(`account ${account} already has a session on gateway ${this.account}`);
    const session = new ClientSession(this, account, client, this.maxOrdersPerSecond);
    this.sessions.set(account, session);
    return session;
  }

  override handleMessage(isMine: boolean, msg: Message): void {
    if (isMine && msg.commandNumber > 0) this.counters.sequenced++;
    if (this.isRewinding()) return; // reports from before this gateway started belong to no session of it
    try {
      this.exchange.dispatch(msg.buffer, msg.offset, msg.length, msg); // the generated dispatcher
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      this.counters.malformed++;
    }
  }

  submitNewOrder(s: ClientSession, clOrdId: number, symbol: string, side: number, price: number, qty: number, tif: number, flags: number): boolean {
    if (!this.admit(s, clOrdId)) return false;
    // Encoder checks (e.g. a symbol longer than 8 characters) throw before anything is sent.
    const order = this.newOrder.wrap(this.buffer).clOrdId(clOrdId).account(s.account).symbol(symbol).side(side as Side);
    order.priceRaw(price).qty(qty).timeInForce(tif as TimeInForce).flags(flags);
    return this.send(s, clOrdId, order);
  }

  submitCancel(s: ClientSession, clOrdId: number, origClOrdId: number, symbol: string, side: number): boolean {
    if (!this.admit(s, clOrdId)) return false;
    return this.send(s, clOrdId, this.cancel.wrap(this.buffer).clOrdId(clOrdId).origClOrdId(origClOrdId).account(s.account).symbol(symbol).side(side as Side));
  }

  submitReplace(s: ClientSession, clOrdId: number, origClOrdId: number, symbol: string, side: number, price: number, qty: number): boolean {
    if (!this.admit(s, clOrdId)) return false;
    const replace = this.replace.wrap(this.buffer).clOrdId(clOrdId).origClOrdId(origClOrdId).account(s.account).symbol(symbol).side(side as Side);
    return this.send(s, clOrdId, replace.priceRaw(price).qty(qty));
  }

  private send(s: ClientSession, clOrdId: number, command: NewOrderEncoder | CancelOrderEncoder | ReplaceOrderEncoder): boolean {
    this.sendCommand(command);
    this.counters.sent++;
    const slot = clOrdId % TIMING_SLOTS;
    s.sentClOrdId[slot] = clOrdId;
    s.sentAtNs[slot] = this.clock.nanoTime();
    return true;
  }

  /** The gateway's own checks; a refused order gets an OrderReject at once and is never sequenced. */
  private admit(s: ClientSession, clOrdId: number): boolean {
    if (!this.isActive()) return this.refuse(s, clOrdId, NOT_ACTIVE);
    if (this.pendingCommands() >= this.maxInFlight) return this.refuse(s, clOrdId, BUSY);
    const now = this.clock.nanoTime();
    const burst = s.maxOrdersPerSecond / 10;
    s.tokens = Math.min(burst, s.tokens + ((now - s.tokensAtNs) * s.maxOrdersPerSecond) / 1e9);
    s.tokensAtNs = now;
    if (s.tokens < 1) return this.refuse(s, clOrdId, RATE_LIMITED);
    s.tokens -= 1;
    return true;
  }

  private refuse(s: ClientSession, clOrdId: number, text: string): boolean {
    this.counters.refused++;
    const length = this.refusal.wrap(this.refusalBuffer).clOrdId(clOrdId).account(s.account).reason(RejectReason.Throttled).text(text).encodedLength();
    s.client.onOrderReject(this.refusalDecoder.wrap(this.refusalBuffer, 0, length), null);
    return false;
  }

  /** @internal The session named by an execution report (null when it is not one of this gateway's). */
  sessionFor(account: string): ClientSession | null {
    return this.sessions.get(account) ?? null;
  }

  /** @internal A report answering `clOrdId` reached its session: the round trip of that order ends here. */
  answered(s: ClientSession, clOrdId: number): void {
    this.counters.reports++;
    const slot = clOrdId % TIMING_SLOTS;
    if (s.sentClOrdId[slot] !== clOrdId) return;
    s.sentClOrdId[slot] = -1;
    this.roundTrips.recordNs(this.clock.nanoTime() - s.sentAtNs[slot]!);
  }

  /** Printed in the `coral` CLI's status line. Allocates. */
  report(): Record<string, unknown> {
    return { role: "gateway", ...this.counters, pending: this.pendingCommands(), sessions: this.sessions.size, rtt: this.roundTrips.toSparse() };
  }
}

const NOT_ACTIVE = "gateway not active";
const BUSY = "gateway busy: too many orders waiting for the sequencer";
const RATE_LIMITED = "order rate limit of the session exceeded";

/** The generated handler stub, filled in for the execution reports: each goes to the session it names. */
class ReportRouter extends ExchangeHandlerBase<Message> {
  constructor(private readonly gateway: GatewayNode) {
    super();
  }
  override onOrderAck(ack: OrderAckDecoder, msg: Message): void {
    const s = this.gateway.sessionFor(ack.accountInterned());
    if (s === null) return;
    this.gateway.answered(s, ack.clOrdId());
    s.client.onOrderAck(ack, msg);
  }
  override onOrderReject(reject: OrderRejectDecoder, msg: Message): void {
    const s = this.gateway.sessionFor(reject.accountInterned());
    if (s === null) return;
    this.gateway.answered(s, reject.clOrdId());
    s.client.onOrderReject(reject, msg);
  }
  override onOrderCancelled(cancelled: OrderCancelledDecoder, msg: Message): void {
    const s = this.gateway.sessionFor(cancelled.accountInterned());
    if (s === null) return;
    this.gateway.answered(s, cancelled.clOrdId());
    s.client.onOrderCancelled(cancelled, msg);
  }
  override onFill(fill: FillDecoder, msg: Message): void {
    const s = this.gateway.sessionFor(fill.accountInterned());
    if (s === null) return;
    this.gateway.counters.reports++;
    s.client.onFill(fill, msg);
  }
}

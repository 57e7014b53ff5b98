// The matching engine as a node of the sequencer architecture.
//
// Its state — the order books — changes only when it *reads* a sequenced
// NewOrder, CancelOrder or ReplaceOrder from the event stream: never when a
// gateway sends one, never on a local timer. Whatever the engine decides
// (acks, rejects, cancels, fills) it sends back as commands, which the
// sequencer puts on the stream for the gateways to see.
//
// That makes the node a deterministic state machine of the stream, so it can
// run hot-hot: two (or more) instances of the account ENGINE, both active,
// each reading the same stream, each computing the same reports with the same
// command numbers. The sequencer sequences the first copy of each command and
// drops the twin's, so the reports appear once, and either instance may die
// without a gap. A replica that starts late rewinds the session from sequence 1
// and rebuilds the same books; the reports it re-issues while rewinding are
// already on the stream, so the runtime does not send them again.
//
// Written against the typed handler coralc generated from schemas/exchange.idl:
// ExchangeDispatcher decodes each message and calls onNewOrder & co. with a
// reused decoder and the message's metadata (a Message) as ctx.
//
//   coral node examples/exchange/engine-node.ts --config engine.json   (createNode below)

import { type Message, Node, type NodeOptions } from "coralseq";
import { CodecError } from "coralseq/codec";
import {
  type CancelOrderDecoder,
  ExchangeDispatcher,
  ExchangeHandlerBase,
  type NewOrderDecoder,
  type ReplaceOrderDecoder,
} from "../../generated/exchange.js";
import { SYMBOL_NAMES, unsupportedFeature } from "./exchange-setup.js";
import { ExecutionReports } from "./execution-reports.js";
import { MatchingEngine } from "./matching-engine.js";

export interface EngineReport {
  role: "engine";
  /** MatchingEngine.stateHash(): equal on replicas that read the same orders. */
  hash: string;
  /** NewOrder, CancelOrder and ReplaceOrder messages read from the stream. */
  orders: number;
  fills: number;
  trades: number;
  rejects: number;
  restingOrders: number;
  /** Sequence number of the last order-entry message read. */
  lastOrderSequence: number;
  malformed: number;
}

export class MatchingEngineNode extends Node {
  readonly engine: MatchingEngine;
  readonly reports: ExecutionReports;
  private orders = 0;
  private lastOrderSequence = 0;
  private malformed = 0;
  private readonly exchange: ExchangeDispatcher<Message>;

  constructor(options: NodeOptions) {
    super(options);
    this.reports = new ExecutionReports(this);
    this.engine = new MatchingEngine(SYMBOL_NAMES, this.reports);
    this.exchange = new ExchangeDispatcher<Message>(new OrderEntryHandler(this));
  }

  /**
   * Every application message. A message the generated decoder refuses (truncated, inconsistent) is skipped and
   * counted: every replica skips the same one, so they stay equal, and the process never dies on input.
   */
  override handleMessage(_isMine: boolean, msg: Message): void {
    try {
      // The generated dispatcher decodes the message and calls OrderEntryHandler.
      this.exchange.dispatch(msg.buffer, msg.offset, msg.length, msg);
    } catch (e) {
      if (!(e instanceof CodecError)) throw e; // a bug, or a full command ring: never hide it
      this.malformed++;
    }
  }

  /** @internal From the handler: one sequenced order-entry message, counted before it is applied. */
  counted(msg: Message): void {
    this.orders++;
    this.lastOrderSequence = msg.sequence;
  }

  applyNewOrder(order: NewOrderDecoder): void {
    const clOrdId = order.clOrdId();
    const account = order.accountInterned();
    const symbol = order.symbolInterned();
    const unsupported = unsupportedFeature(order);
    if (unsupported !== null) this.reports.onRejected(clOrdId, account, symbol, unsupported.reason, unsupported.text);
    else this.engine.newOrder(clOrdId, account, symbol, order.side(), order.priceRaw(), order.qty(), order.timeInForce(), order.flags());
  }

  applyCancelOrder(cancel: CancelOrderDecoder): void {
    this.engine.cancelOrder(cancel.clOrdId(), cancel.origClOrdId(), cancel.accountInterned(), cancel.symbolInterned(), cancel.side());
  }

  applyReplaceOrder(replace: ReplaceOrderDecoder): void {
    this.engine.replaceOrder(
      replace.clOrdId(),
      replace.origClOrdId(),
      replace.accountInterned(),
      replace.symbolInterned(),
      replace.side(),
      replace.priceRaw(),
      replace.qty(),
    );
  }

  /** Printed in the `coral` CLI's status line (and read by the demo). Allocates: call it at checkpoints. */
  report(): EngineReport {
    const c = this.reports.counts;
    return {
      role: "engine",
      hash: this.engine.stateHash(),
      orders: this.orders,
      fills: c.fills,
      trades: c.trades,
      rejects: c.rejects,
      restingOrders: this.engine.restingOrderCount,
      lastOrderSequence: this.lastOrderSequence,
      malformed: this.malformed,
    };
  }
}

/**
 * The generated handler stub, filled in for the three order-entry messages; every other message of the schema
 * (the engine's own reports, market data) falls through to ExchangeHandlerBase's no-ops.
 */
class OrderEntryHandler extends ExchangeHandlerBase<Message> {
  constructor(private readonly node: MatchingEngineNode) {
    super();
  }
  override onNewOrder(order: NewOrderDecoder, msg: Message): void {
    this.node.counted(msg);
    this.node.applyNewOrder(order);
  }
  override onCancelOrder(cancel: CancelOrderDecoder, msg: Message): void {
    this.node.counted(msg);
    this.node.applyCancelOrder(cancel);
  }
  override onReplaceOrder(replace: ReplaceOrderDecoder, msg: Message): void {
    this.node.counted(msg);
    this.node.applyReplaceOrder(replace);
  }
}

/** Engine replicas keep up to this many reports waiting for their echo (a burst of fills after one big order). */
export const ENGINE_PENDING_COMMANDS = 8192;

/** The `coral node` entry point. */
export function createNode(options: NodeOptions): MatchingEngineNode {
  return new MatchingEngineNode({ ...options, sender: { ...options.sender, capacity: Math.max(options.sender?.capacity ?? 0, ENGINE_PENDING_COMMANDS) } });
}

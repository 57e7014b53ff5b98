// The market-data node: publishes the exchange's public feed — BookUpdate
// (levels, each with its resting orders: nested repeating groups) and Trade.
//
// Where does it get the book? From the stream, like everything in the
// sequencer architecture: it applies the same sequenced NewOrder, CancelOrder
// and ReplaceOrder messages to its own MatchingEngine, which is therefore in
// exactly the engines' state at every point of the stream (its stateHash()
// equals theirs). It ignores the private events (acks, fills) and turns the
// public ones into commands through MarketDataPublisher. No link to the engine
// nodes, no snapshot protocol; a restarted market-data node rewinds and is
// back in step.
//
//   coral node examples/exchange/market-data-node.ts --config md.json   (createNode below)

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
import { MarketDataPublisher } from "./market-data-publisher.js";
import { ENGINE_PENDING_COMMANDS } from "./engine-node.js";
import { MatchingEngine } from "./matching-engine.js";

export interface MarketDataReport {
  role: "marketdata";
  /** The state hash of its book replica: equal to the engines' when all read the same orders. */
  hash: string;
  orders: number;
  bookUpdates: number;
  trades: number;
  malformed: number;
}

export class MarketDataNode extends Node {
  readonly publisher: MarketDataPublisher;
  readonly book: MatchingEngine;
  private orders = 0;
  private malformed = 0;
  private readonly exchange: ExchangeDispatcher<Message>;

  constructor(options: NodeOptions) {
    super(options);
    this.publisher = new MarketDataPublisher(this);
    this.book = new MatchingEngine(SYMBOL_NAMES, this.publisher);
    this.publisher.attach(this.book);
    this.exchange = new ExchangeDispatcher<Message>(new BookReplicaHandler(this));
  }

  override handleMessage(_isMine: boolean, msg: Message): void {
    try {
      this.exchange.dispatch(msg.buffer, msg.offset, msg.length, msg); // the generated dispatcher
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      this.malformed++;
    }
  }

  applyNewOrder(order: NewOrderDecoder): void {
    this.orders++;
    if (unsupportedFeature(order) !== null) return; // the engine rejects it: no change to any book
    this.book.newOrder(
      order.clOrdId(),
      order.accountInterned(),
      order.symbolInterned(),
      order.side(),
      order.priceRaw(),
      order.qty(),
      order.timeInForce(),
      order.flags(),
    );
    this.publisher.flush();
  }

  applyCancelOrder(cancel: CancelOrderDecoder): void {
    this.orders++;
    this.book.cancelOrder(cancel.clOrdId(), cancel.origClOrdId(), cancel.accountInterned(), cancel.symbolInterned(), cancel.side());
    this.publisher.flush();
  }

  applyReplaceOrder(replace: ReplaceOrderDecoder): void {
    this.orders++;
    this.book.replaceOrder(
      replace.clOrdId(),
      replace.origClOrdId(),
      replace.accountInterned(),
      replace.symbolInterned(),
      replace.side(),
      replace.priceRaw(),
      replace.qty(),
    );
    this.publisher.flush();
  }

  report(): MarketDataReport {
    const c = this.publisher.counts;
    return { role: "marketdata", hash: this.book.stateHash(), orders: this.orders, bookUpdates: c.bookUpdates, trades: c.trades, malformed: this.malformed };
  }
}

/** The generated handler stub, filled in for the order-entry messages only. */
class BookReplicaHandler extends ExchangeHandlerBase<Message> {
  constructor(private readonly node: MarketDataNode) {
    super();
  }
  override onNewOrder(order: NewOrderDecoder): void {
    this.node.applyNewOrder(order);
  }
  override onCancelOrder(cancel: CancelOrderDecoder): void {
    this.node.applyCancelOrder(cancel);
  }
  override onReplaceOrder(replace: ReplaceOrderDecoder): void {
    this.node.applyReplaceOrder(replace);
  }
}

/** The `coral node` entry point. Like the engine, it may owe many updates at once (ENGINE_PENDING_COMMANDS). */
export function createNode(options: NodeOptions): MarketDataNode {
  return new MarketDataNode({ ...options, sender: { ...options.sender, capacity: Math.max(options.sender?.capacity ?? 0, ENGINE_PENDING_COMMANDS) } });
}

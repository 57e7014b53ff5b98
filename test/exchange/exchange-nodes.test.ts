// The exchange's nodes one behaviour at a time, on a small deterministic cluster: gateways (sessions, their own
// checks, routing of reports, round trips), the engine node's refusals and its handling of bad input, and the
// trader's bookkeeping.

import { describe, expect, it } from "vitest";
import { type Message, Node, SimCluster } from "../../runtime/index.js";
import {
  ExchangeHandlerBase,
  type FillDecoder,
  NewOrderDecoder,
  NewOrderEncoder,
  type OrderAckDecoder,
  type OrderRejectDecoder,
  RejectReason,
  Side,
  TimeInForce,
} from "../../generated/exchange.js";
import { createNode as createEngine, type MatchingEngineNode } from "../../examples/exchange/engine-node.js";
import { ENGINE_ACCOUNT, MARKET_DATA_ACCOUNT } from "../../examples/exchange/exchange-setup.js";
import { GatewayNode, type GatewayOptions } from "../../examples/exchange/gateway-node.js";
import { createNode as createMarketData } from "../../examples/exchange/market-data-node.js";
import { Trader } from "../../examples/exchange/trader.js";

/** A client of a gateway session that writes down every report it gets. */
class Client extends ExchangeHandlerBase<Message | null> {
  readonly log: string[] = [];
  override onOrderAck(a: OrderAckDecoder): void {
    this.log.push(`ack ${a.clOrdId()} ${a.account()} leaves ${a.leavesQty()}`);
  }
  override onOrderReject(r: OrderRejectDecoder, msg: Message | null): void {
    this.log.push(`reject ${r.clOrdId()} ${r.reason()} ${r.text()}${msg === null ? " (by the gateway)" : ""}`);
  }
  override onFill(f: FillDecoder): void {
    this.log.push(`fill ${f.clOrdId()} ${f.account()} ${f.qty()}@${f.priceRaw()}`);
  }
}

/** Sends raw commands (anything a misbehaving or newer client could send) and records NewOrders seen. */
class Raw extends Node {
  readonly newOrders: string[] = [];
  private readonly decoder = new NewOrderDecoder();
  override handleMessage(_isMine: boolean, msg: Message): void {
    if (msg.templateId() === NewOrderDecoder.TEMPLATE_ID && msg.schemaId() === NewOrderDecoder.SCHEMA_ID) {
      try {
        this.newOrders.push(`${msg.account} ${this.decoder.wrap(msg.buffer, msg.offset, msg.length).account()}`);
      } catch {
        this.newOrders.push(`${msg.account} (malformed)`);
      }
    }
  }
}

function cluster(gateway: GatewayOptions = {}) {
  const c = new SimCluster({ seed: 3, sequencer: { accounts: [ENGINE_ACCOUNT, MARKET_DATA_ACCOUNT, "GW1", "GW2", "RAW"] } });
  const engines = [1, 2].map((i) => c.add(createEngine(c.nodeOptions(ENGINE_ACCOUNT, i))).open().activate());
  const md = c.add(createMarketData(c.nodeOptions(MARKET_DATA_ACCOUNT))).open().activate();
  const gw1 = c.add(new GatewayNode(c.nodeOptions("GW1"), gateway)).open().activate();
  const gw2 = c.add(new GatewayNode(c.nodeOptions("GW2"), gateway)).open().activate();
  const raw = c.add(new Raw(c.nodeOptions("RAW"))).open().activate();
  c.start();
  c.runUntil(() => c.allNodes().every((n) => n.isActive()), 1e9);
  return { c, engines, md, gw1, gw2, raw };
}

function agreeing(engines: MatchingEngineNode[], mdHash: string): void {
  expect(new Set([...engines.map((e) => e.report().hash), mdHash]).size).toBe(1);
}

describe("gateway", () => {
  it("stamps the session's account on every order, whatever the client puts in it", () => {
    const { c, gw1, raw } = cluster();
    const alice = new Client();
    const session = gw1.connect("ALICE", alice);
    session.newOrder(1, "MALLORY", "ACME", Side.Buy, 1_000_000, 100, TimeInForce.Day, 0);
    c.settle();
    expect(raw.newOrders).toEqual(["GW1 ALICE"]);
    expect(alice.log).toEqual(["ack 1 ALICE leaves 100"]);
  });

  it("hands each execution report to the session it names, on whichever gateway that is", () => {
    const { c, gw1, gw2 } = cluster();
    const alice = new Client();
    const bob = new Client();
    const a = gw1.connect("ALICE", alice);
    const b = gw2.connect("BOB", bob);
    a.newOrder(1, "", "ACME", Side.Sell, 1_000_000, 100, TimeInForce.Day, 0);
    c.settle();
    b.newOrder(1, "", "ACME", Side.Buy, 1_000_000, 60, TimeInForce.Day, 0);
    c.settle();
    expect(alice.log).toEqual(["ack 1 ALICE leaves 100", "fill 1 ALICE 60@1000000"]);
    expect(bob.log).toEqual(["ack 1 BOB leaves 60", "fill 1 BOB 60@1000000"]);
    expect(() => gw1.connect("ALICE", new Client())).toThrow(/already has a session/);
  });

  it("times each order from the client to its first report", () => {
    const { c, gw1 } = cluster();
    const s = gw1.connect("ALICE", new Client());
    for (let i = 1; i <= 20; i++) s.newOrder(i, "", "ACME", Side.Buy, 1_000_000 - i * 100, 100, TimeInForce.Day, 0);
    c.settle();
    expect(gw1.roundTrips.count).toBe(20);
    // The cluster's datagrams take 10 µs each way and the nodes turn every 10 µs: four hops at least.
    expect(gw1.roundTrips.percentileUs(0.5)).toBeGreaterThanOrEqual(40);
  });

  it("refuses orders over the session's rate, at once and without sequencing them", () => {
    const { c, gw1, engines } = cluster({ maxOrdersPerSecond: 100 }); // bursts of 10
    const alice = new Client();
    const s = gw1.connect("ALICE", alice);
    const accepted = Array.from({ length: 15 }, (_, i) => s.newOrder(i + 1, "", "ACME", Side.Buy, 1_000_000, 100, TimeInForce.Day, 0));
    expect(accepted.filter((x) => !x)).toHaveLength(5);
    expect(alice.log.filter((l) => l.endsWith("(by the gateway)"))).toEqual(
      [11, 12, 13, 14, 15].map((id) => `reject ${id} ${RejectReason.Throttled} order rate limit of the session exceeded (by the gateway)`),
    );
    c.settle();
    expect(engines[0]!.report().orders).toBe(10);
    expect(gw1.counters).toMatchObject({ sent: 10, sequenced: 10, refused: 5 });
    c.run(200_000_000); // 0.2 s later the bucket has refilled
    expect(s.newOrder(99, "", "ACME", Side.Buy, 1_000_000, 100, TimeInForce.Day, 0)).toBe(true);
  });

  it("refuses orders while too many wait for the sequencer, and while not active", () => {
    const { gw1 } = cluster({ maxInFlight: 3 });
    const s = gw1.connect("ALICE", new Client());
    const accepted = Array.from({ length: 5 }, (_, i) => s.newOrder(i + 1, "", "ACME", Side.Buy, 1_000_000, 100, TimeInForce.Day, 0));
    expect(accepted).toEqual([true, true, true, false, false]);
    gw1.deactivate();
    const bob = new Client();
    expect(gw1.connect("BOB", bob).newOrder(1, "", "ACME", Side.Buy, 1_000_000, 100, TimeInForce.Day, 0)).toBe(false);
    expect(bob.log).toEqual([`reject 1 ${RejectReason.Throttled} gateway not active (by the gateway)`]);
  });
});

describe("engine node", () => {
  it("rejects the NewOrder features it does not implement, and the market-data book skips them too", () => {
    const { c, engines, md, raw, gw1 } = cluster();
    const alice = new Client();
    gw1.connect("ALICE", alice).newOrder(1, "", "ACME", Side.Buy, 1_000_000, 100, TimeInForce.Day, 0);
    const buf = new Uint8Array(512);
    const order = (clOrdId: number) =>
      new NewOrderEncoder().wrap(buf).clOrdId(clOrdId).account("ALICE").symbol("ACME").side(Side.Sell).priceRaw(1_000_000).qty(100).timeInForce(TimeInForce.Day);
    raw.sendCommand(order(2).stopPrice(99));
    const legs = order(3);
    legs.legsCount(1).next().symbol("GLOBX").ratio(1).side(Side.Buy);
    raw.sendCommand(legs);
    raw.sendCommand(order(4).minQty(10));
    c.settle();
    expect(alice.log).toEqual([
      "ack 1 ALICE leaves 100",
      `reject 2 ${RejectReason.InvalidPrice} stop orders are not supported`,
      `reject 3 ${RejectReason.UnknownSymbol} multi-leg orders are not supported`,
      `reject 4 ${RejectReason.InvalidQuantity} minQty is not supported`,
    ]);
    expect(engines[0]!.engine.restingOrderCount).toBe(1);
    agreeing(engines, md.report().hash);
  });

  it("skips a message its decoder refuses, on every replica alike, and carries on", () => {
    const { c, engines, md, raw, gw1 } = cluster();
    const good = new NewOrderEncoder().wrap(new Uint8Array(512)).clOrdId(1).account("ALICE").symbol("ACME").side(Side.Buy).priceRaw(1_000_000).qty(5).timeInForce(TimeInForce.Day);
    const bytes = good._buf.slice(0, good.encodedLength());
    // A NewOrder cut short after its root block: the sequencer takes it (a whole SBE header and block), the
    // generated decoder refuses it (no room for the legs group and the var data).
    raw.sendCommand(bytes, 0, 8 + NewOrderEncoder.BLOCK_LENGTH + 1);
    c.settle();
    const alice = new Client();
    gw1.connect("ALICE", alice).newOrder(7, "", "ACME", Side.Buy, 1_000_000, 100, TimeInForce.Day, 0);
    c.settle();
    for (const e of engines) expect(e.report().malformed).toBe(1);
    expect(md.report().malformed).toBe(1);
    expect(alice.log).toEqual(["ack 7 ALICE leaves 100"]);
    agreeing(engines, md.report().hash);
  });
});

describe("trader", () => {
  it("keeps positions and cash from its fills, and stops acting on orders that are done", () => {
    const { c, gw1, gw2 } = cluster();
    const buyer = new Trader({ account: "BUYER", seed: 1, aggressiveRate: 1 });
    const seller = new Trader({ account: "SELLER", seed: 2, aggressiveRate: 0 });
    buyer.attach(gw1.connect("BUYER", buyer));
    seller.attach(gw2.connect("SELLER", seller));
    for (let i = 0; i < 200; i++) {
      seller.sendNext();
      buyer.sendNext();
      c.step();
    }
    c.settle();
    expect(buyer.counts.fills).toBeGreaterThan(10);
    // Every share one bought, the other sold, at the same prices.
    const traded = buyer.positions.reduce((n, p) => n + p, 0) + seller.positions.reduce((n, p) => n + p, 0);
    expect(traded).toBe(0);
    expect(buyer.cash + seller.cash).toBe(0);
    expect(buyer.counts.sent).toBe(200);
    expect(buyer.hash()).not.toBe(seller.hash());
  });
});

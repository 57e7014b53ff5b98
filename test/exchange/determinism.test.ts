// Replicas compare stateHash(); these tests pin down that it is a function of
// the command stream and nothing else.

import { describe, expect, it } from "vitest";
import { Side, TimeInForce } from "../../examples/exchange/exchange-codes.js";
import { MatchingEngine } from "../../examples/exchange/matching-engine.js";
import { NoopMatchingListener } from "../../examples/exchange/matching-listener.js";
import { applyFlowCommand, type FlowCommand, OrderFlow } from "../../examples/exchange/order-flow.js";
import { Fnv1a64 } from "../../examples/exchange/state-hash.js";

const SYMBOLS = [
  { symbol: "ACME", midPrice: 1_000_000, tickSize: 100 },
  { symbol: "GLOBX", midPrice: 250_000, tickSize: 50 },
  { symbol: "INIT", midPrice: 40_000, tickSize: 10 },
];
const NAMES = SYMBOLS.map((s) => s.symbol);

/** Three traders interleaved the way a sequencer would: a fixed, seeded stream of commands. */
function* stream(seed: number, count: number): Generator<FlowCommand> {
  const traders = [1, 2, 3].map((i) => new OrderFlow({ seed: seed * 10 + i, account: `TRADER${i}`, symbols: SYMBOLS }));
  for (let i = 0; i < count; i++) yield traders[i % traders.length]!.next();
}

function run(
  seed: number,
  count: number,
  engine = new MatchingEngine(NAMES, new NoopMatchingListener()),
): MatchingEngine {
  for (const c of stream(seed, count)) applyFlowCommand(engine, c);
  return engine;
}

describe("state hash", () => {
  it("is FNV-1a 64 (published test vectors)", () => {
    const h = new Fnv1a64();
    expect(h.digest()).toBe("cbf29ce484222325");
    expect(h.reset().addByte(0x61).digest()).toBe("af63dc4c8601ec8c");
    h.reset();
    for (const ch of "foobar") h.addByte(ch.charCodeAt(0));
    expect(h.digest()).toBe("85944171f73967e8");
  });

  it("feeds numbers and strings unambiguously", () => {
    const hash = (f: (h: Fnv1a64) => void) => {
      const h = new Fnv1a64();
      f(h);
      return h.digest();
    };
    expect(hash((h) => h.addString("ab").addString("c"))).not.toBe(hash((h) => h.addString("a").addString("bc")));
    expect(hash((h) => h.addInteger(1))).not.toBe(hash((h) => h.addInteger(2 ** 32)));
    expect(hash((h) => h.addInteger(-1))).not.toBe(hash((h) => h.addInteger(1)));
    expect(() => new Fnv1a64().addInteger(2 ** 53)).toThrow(RangeError);
  });

  it("is the same for the same stream, on every run and every replica", () => {
    const a = run(1, 20_000);
    const b = run(1, 20_000, new MatchingEngine(NAMES, new NoopMatchingListener(), { initialOrderCapacity: 1 }));
    expect(a.lastTradeId).toBeGreaterThan(1000);
    expect(b.stateHash()).toBe(a.stateHash());
    expect(b.snapshot()).toEqual(a.snapshot());
    // Pinned: a change to matching, id assignment or the hash walk shows up here. Update it on purpose only.
    expect(run(7, 3000).stateHash()).toBe(PINNED_HASH_SEED_7_3000);
  });

  it("agrees for a replica that joins late and replays the stream from the start", () => {
    const live = new MatchingEngine(NAMES, new NoopMatchingListener());
    const commands = stream(2, 10_000);
    const seen: FlowCommand[] = [];
    for (const c of commands) {
      applyFlowCommand(live, c);
      seen.push({ ...c });
    }
    const lateJoiner = new MatchingEngine(NAMES, new NoopMatchingListener());
    for (const c of seen) applyFlowCommand(lateJoiner, c);
    expect(lateJoiner.stateHash()).toBe(live.stateHash());
  });

  it("differs for a different stream, or the same stream one command longer", () => {
    expect(run(1, 5000).stateHash()).not.toBe(run(2, 5000).stateHash());
    expect(run(1, 5000).stateHash()).not.toBe(run(1, 5001).stateHash());
  });

  it("sees time priority, not just the set of orders", () => {
    const engine = () => new MatchingEngine(["X"], new NoopMatchingListener());
    // Same orders, same ids, same terms; only the queue order at price 100 differs.
    const a = engine();
    a.newOrder(1, "p", "X", Side.Buy, 100, 10, TimeInForce.Day, 0);
    a.newOrder(2, "q", "X", Side.Buy, 100, 10, TimeInForce.Day, 0);
    a.replaceOrder(3, 1, "p", "X", Side.Buy, 100, 11); // p to the back
    a.replaceOrder(4, 2, "q", "X", Side.Buy, 100, 11); // q to the back
    const b = engine();
    b.newOrder(1, "p", "X", Side.Buy, 100, 10, TimeInForce.Day, 0);
    b.newOrder(2, "q", "X", Side.Buy, 100, 10, TimeInForce.Day, 0);
    b.replaceOrder(4, 2, "q", "X", Side.Buy, 100, 11);
    b.replaceOrder(3, 1, "p", "X", Side.Buy, 100, 11);
    const orders = (e: MatchingEngine) => e.snapshot().books[0]!.bids[0]!.orders.map((o) => o.orderId);
    expect(orders(a)).toEqual([1, 2]);
    expect(orders(b)).toEqual([2, 1]);
    expect(a.stateHash()).not.toBe(b.stateHash());
  });
});

const PINNED_HASH_SEED_7_3000 = "d979d7bed3aeb96a";

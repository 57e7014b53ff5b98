import { describe, expect, it } from "vitest";
import { RejectReason, Side, TimeInForce } from "../../examples/exchange/exchange-codes.js";
import { MatchingEngine } from "../../examples/exchange/matching-engine.js";
import {
  applyFlowCommand,
  FlowKind,
  OrderFlow,
  type FlowSymbol,
  UNLISTED_SYMBOL,
} from "../../examples/exchange/order-flow.js";
import { SeededRandom } from "../../examples/exchange/seeded-random.js";
import { RecordingListener } from "./recording-listener.js";

const SYMBOLS: FlowSymbol[] = [
  { symbol: "ACME", midPrice: 1_000_000, tickSize: 100 },
  { symbol: "GLOBX", midPrice: 250_000, tickSize: 50 },
];

function flow(seed: number, extra: Partial<ConstructorParameters<typeof OrderFlow>[0]> = {}): OrderFlow {
  return new OrderFlow({ seed, account: `T${seed}`, symbols: SYMBOLS, ...extra });
}

/** The first n commands as plain objects. */
function take(f: OrderFlow, n: number): object[] {
  const out: object[] = [];
  for (let i = 0; i < n; i++) out.push({ ...f.next() });
  return out;
}

describe("SeededRandom", () => {
  it("repeats for a seed, differs across seeds, and stays in range", () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const seqA = Array.from({ length: 1000 }, () => a.nextUint32());
    expect(Array.from({ length: 1000 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 1000 }, () => c.nextUint32())).not.toEqual(seqA);
    expect(new Set(seqA).size).toBe(1000);
    const r = new SeededRandom(1);
    let sum = 0;
    let outOfRange = 0;
    const buckets = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) {
      const x = r.nextFloat();
      if (!(x >= 0 && x < 1)) outOfRange++;
      sum += x;
      buckets[r.nextInt(6)]!++;
    }
    expect(outOfRange).toBe(0);
    expect(sum / 60_000).toBeCloseTo(0.5, 1);
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it("rejects a non-integer seed", () => {
    expect(() => new SeededRandom(1.5)).toThrow(RangeError);
  });
});

describe("OrderFlow", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(take(flow(42), 500)).toEqual(take(flow(42), 500));
    expect(take(flow(43), 500)).not.toEqual(take(flow(42), 500));
  });

  it("reuses one command object", () => {
    const f = flow(1);
    expect(f.next()).toBe(f.next());
  });

  it("makes a realistic mix that trades, with increasing clOrdIds and prices near the mid", () => {
    const f = flow(5);
    const listener = new RecordingListener();
    const engine = new MatchingEngine(
      SYMBOLS.map((s) => s.symbol),
      listener,
    );
    const kinds = new Map<number, number>();
    const tifs = new Map<number, number>();
    let lastClOrdId = 0;
    const oddities: string[] = []; // collected rather than asserted per command: expect() is slow in a loop
    for (let i = 0; i < 5000; i++) {
      const c = f.next();
      if (c.clOrdId <= lastClOrdId) oddities.push(`clOrdId ${c.clOrdId} after ${lastClOrdId}`);
      lastClOrdId = c.clOrdId;
      kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
      if (c.kind === FlowKind.New) {
        tifs.set(c.timeInForce, (tifs.get(c.timeInForce) ?? 0) + 1);
        const spec = SYMBOLS.find((s) => s.symbol === c.symbol)!;
        const mid = f.midPrice(SYMBOLS.indexOf(spec));
        if (Math.abs(c.price - mid) > 10 * spec.tickSize) oddities.push(`price ${c.price} far from mid ${mid}`);
        if (c.price % spec.tickSize !== 0) oddities.push(`price ${c.price} off the tick grid`);
        if (c.qty <= 0 || c.qty % 100 !== 0) oddities.push(`qty ${c.qty} not whole lots`);
        if (c.side !== Side.Buy && c.side !== Side.Sell) oddities.push(`side ${c.side}`);
      }
      applyFlowCommand(engine, c);
    }
    expect(oddities).toEqual([]);
    expect(kinds.get(FlowKind.New)!).toBeGreaterThan(2000);
    expect(kinds.get(FlowKind.Cancel)!).toBeGreaterThan(500);
    expect(kinds.get(FlowKind.Replace)!).toBeGreaterThan(500);
    for (const tif of Object.values(TimeInForce)) expect(tifs.get(tif) ?? 0).toBeGreaterThan(50);
    expect(listener.ofKind("trade").length).toBeGreaterThan(300);
    // With no invalid orders asked for, the only rejects are stale cancels/replaces and post-only crossings.
    const reasons = new Set(listener.ofKind("rejected").map((r) => r.reason));
    for (const reason of reasons) expect([RejectReason.UnknownOrder, RejectReason.InvalidPrice]).toContain(reason);
    const postOnly = listener.ofKind("rejected").filter((r) => r.reason === RejectReason.InvalidPrice);
    for (const r of postOnly) expect(r.text).toMatch(/post-only/);
    for (const book of engine.bookList) {
      expect(book.bids.levelCount).toBeGreaterThan(0);
      expect(book.asks.levelCount).toBeGreaterThan(0);
    }
  });

  it("drifts the mid but keeps every price positive", () => {
    const f = new OrderFlow({ seed: 9, account: "T", symbols: [{ symbol: "X", midPrice: 25, tickSize: 1 }] });
    const mids = new Set<number>();
    let lowest = Infinity;
    for (let i = 0; i < 20_000; i++) {
      lowest = Math.min(lowest, f.next().price);
      mids.add(f.midPrice(0));
    }
    expect(lowest).toBeGreaterThan(0);
    expect(mids.size).toBeGreaterThan(5);
  });

  it("asks for invalid orders at the configured rate, and the engine rejects each", () => {
    const f = flow(3, { invalidRate: 0.1 });
    const listener = new RecordingListener();
    const engine = new MatchingEngine(["ACME", "GLOBX"], listener);
    let invalid = 0;
    for (let i = 0; i < 2000; i++) {
      const c = f.next();
      const bad = c.kind === FlowKind.New && (c.qty === 0 || c.price === 0 || c.symbol === UNLISTED_SYMBOL);
      if (bad) invalid++;
      listener.take();
      applyFlowCommand(engine, c);
      if (bad) expect(listener.events).toMatchObject([{ kind: "rejected" }]);
    }
    expect(invalid).toBeGreaterThan(140);
    expect(invalid).toBeLessThan(260);
  });

  it("tracks the orders it may still act on, and forgets those it is told are done", () => {
    const f = flow(11, { maxLiveOrders: 4 });
    const believedLive = new Set<number>(); // what the flow should be tracking, from its own commands
    for (let i = 0; i < 300; i++) {
      const c = f.next();
      if (c.kind === FlowKind.New) {
        if (c.timeInForce === TimeInForce.Day || c.timeInForce === TimeInForce.GoodTillCancel)
          believedLive.add(c.clOrdId);
      } else {
        expect(believedLive.has(c.origClOrdId)).toBe(true);
        believedLive.delete(c.origClOrdId);
        if (c.kind === FlowKind.Replace) believedLive.add(c.clOrdId);
      }
      expect(f.trackedOrders).toBe(believedLive.size);
      expect(f.trackedOrders).toBeLessThanOrEqual(4);
    }
    expect(believedLive.size).toBeGreaterThan(0);
    for (const id of believedLive) f.orderDone(id);
    expect(f.trackedOrders).toBe(0);
    f.orderDone(123_456_789); // unknown: ignored
    expect(f.next().kind).toBe(FlowKind.New);
  });

  it("refuses bad configuration", () => {
    expect(() => new OrderFlow({ seed: 1, account: "T", symbols: [] })).toThrow(/at least one symbol/);
    expect(
      () => new OrderFlow({ seed: 1, account: "T", symbols: [{ symbol: "X", midPrice: 5, tickSize: 1 }] }),
    ).toThrow(/midPrice/);
    expect(
      () => new OrderFlow({ seed: 1, account: "T", symbols: [{ symbol: "X", midPrice: 500, tickSize: 0 }] }),
    ).toThrow(/tickSize/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LiveOrderIndex } from "../../examples/exchange/live-order-index.js";
import { RestingOrder } from "../../examples/exchange/resting-order.js";

function order(index: LiveOrderIndex, account: string, clOrdId: number, orderId: number): RestingOrder {
  const o = new RestingOrder();
  o.account = account;
  o.accountId = index.accountNumber(account);
  o.clOrdId = clOrdId;
  o.orderId = orderId;
  return o;
}

describe("LiveOrderIndex", () => {
  it("finds by (account, clOrdId), keeps accounts apart, and forgets removed orders", () => {
    const index = new LiveOrderIndex(1);
    const a = order(index, "a", 7, 1);
    const b = order(index, "b", 7, 2);
    index.add(a);
    index.add(b);
    expect(index.find("a", 7)).toBe(a);
    expect(index.find("b", 7)).toBe(b);
    expect(index.find("c", 7)).toBeNull();
    expect(index.find("a", 8)).toBeNull();
    index.remove(a);
    expect(index.find("a", 7)).toBeNull();
    expect(index.find("b", 7)).toBe(b);
    expect(index.count).toBe(1);
    expect(() => index.remove(a)).toThrow(/not in the live order index/);
  });

  it("agrees with a Map through random adds and removes, across growth and probe-run wrap-around", () => {
    const op = fc.record({
      add: fc.boolean(),
      account: fc.integer({ min: 0, max: 3 }),
      clOrdId: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(2 ** 53 - 1), fc.constant(2 ** 32)),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const index = new LiveOrderIndex(2); // 16 slots to start: collisions and growth are certain
        const model = new Map<string, RestingOrder>();
        let nextId = 1;
        for (const { add, account, clOrdId } of ops) {
          const key = `${account}|${clOrdId}`;
          const existing = model.get(key);
          if (add && existing === undefined) {
            const o = order(index, `acct${account}`, clOrdId, nextId++);
            index.add(o);
            model.set(key, o);
          } else if (!add && existing !== undefined) {
            index.remove(existing);
            model.delete(key);
          }
        }
        expect(index.count).toBe(model.size);
        const wrong: string[] = [];
        for (let account = 0; account <= 3; account++) {
          for (const clOrdId of [...Array(41).keys(), 2 ** 53 - 1, 2 ** 32]) {
            const found = index.find(`acct${account}`, clOrdId);
            if (found !== (model.get(`${account}|${clOrdId}`) ?? null)) wrong.push(`${account}|${clOrdId}`);
          }
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

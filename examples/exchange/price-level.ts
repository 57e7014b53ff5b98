// One price on one side of a book: a FIFO queue of resting orders.
//
// The queue is an intrusive doubly linked list through RestingOrder.prev/next,
// so appending, taking the front and removing any order (cancel) are O(1) and
// allocate nothing. Levels are pooled like orders.

import type { RestingOrder } from "./resting-order.js";

export class PriceLevel {
  side = 0;
  price = 0;
  /** Sum of leavesQty of the orders here. */
  totalQty = 0;
  orderCount = 0;
  /** Oldest order: the next to trade. */
  head: RestingOrder | null = null;
  /** Newest order. */
  tail: RestingOrder | null = null;

  /** Queues `order` behind every order already here (it gets the worst time priority). */
  append(order: RestingOrder): void {
    order.level = this;
    order.prev = this.tail;
    order.next = null;
    if (this.tail === null) this.head = order;
    else this.tail.next = order;
    this.tail = order;
    this.totalQty += order.leavesQty;
    this.orderCount++;
  }

  /** Takes `order` out of the queue, wherever it is. */
  remove(order: RestingOrder): void {
    if (order.prev === null) this.head = order.next;
    else order.prev.next = order.next;
    if (order.next === null) this.tail = order.prev;
    else order.next.prev = order.prev;
    this.totalQty -= order.leavesQty;
    this.orderCount--;
    order.level = null;
    order.prev = null;
    order.next = null;
  }
}

/** A free list of PriceLevel objects. */
export class LevelPool {
  private readonly free: PriceLevel[] = [];
  private freeCount = 0;

  constructor(initialCapacity: number) {
    for (let i = 0; i < initialCapacity; i++) this.free.push(new PriceLevel());
    this.freeCount = initialCapacity;
  }

  acquire(side: number, price: number): PriceLevel {
    const level = this.freeCount === 0 ? new PriceLevel() : this.free[--this.freeCount]!;
    level.side = side;
    level.price = price;
    level.totalQty = 0;
    level.orderCount = 0;
    level.head = null;
    level.tail = null;
    return level;
  }

  release(level: PriceLevel): void {
    level.head = null;
    level.tail = null;
    if (this.freeCount < this.free.length) this.free[this.freeCount] = level;
    else this.free.push(level);
    this.freeCount++;
  }
}

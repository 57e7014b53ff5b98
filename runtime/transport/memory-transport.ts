/**
 * The in-memory transport: every endpoint lives in one MemoryNetwork, datagrams wait in a time-ordered queue
 * and are delivered when the test steps the network. With a seeded Prng the network drops, duplicates, reorders
 * and delays datagrams; the same seed gives the same faults, so a failing run can be replayed exactly.
 *
 * Multicast is modelled per receiver: each stream subscription draws its own faults for each packet, as on a
 * real network where one receiver misses a packet the others got.
 */
import type { Clock } from "../clock.js";
import { copyBytes } from "../protocol/bytes.js";
import { MAX_DATAGRAM_LENGTH } from "../protocol/frames.js";
import { Prng } from "../util/prng.js";
import type { DatagramHandler, Endpoint, Transport } from "./transport.js";

/** Faults applied to one kind of traffic. Probabilities are per datagram and per receiver. */
export interface FaultPolicy {
  /** Probability a datagram is lost. */
  drop?: number;
  /** Probability a datagram is delivered twice. */
  duplicate?: number;
  /** Probability a datagram is held back by a random extra delay of up to `reorderWindowNs`, so later ones overtake it. */
  reorder?: number;
  /** Extra delay for reordered datagrams: uniform in (0, reorderWindowNs]. Default 200 µs. */
  reorderWindowNs?: number;
  /** Probability a datagram is delayed by `delayNs` (a slow path, a queue in a switch). */
  delay?: number;
  /** Default 2 ms. */
  delayNs?: number;
}

export interface MemoryNetworkOptions {
  clock: Clock;
  /** Seed of the fault generator. */
  seed?: number;
  /** Base one-way latency of every datagram, at least 1 ns. Default 10 µs. */
  latencyNs?: number;
  /** Node → sequencer command packets. */
  commands?: FaultPolicy;
  /** Sequencer → node packets, live and repairs. */
  stream?: FaultPolicy;
  /** Node → replayer retransmit requests. */
  requests?: FaultPolicy;
}

export interface NetworkCounters {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  reordered: number;
  delayed: number;
}

type Role = "command-publication" | "command-subscription" | "stream-publication" | "stream-subscription" | "replay-service";
type Traffic = "commands" | "stream" | "requests";

class MemoryEndpoint implements Endpoint {
  readonly maxDatagramLength = MAX_DATAGRAM_LENGTH;
  open = true;

  constructor(
    readonly network: MemoryNetwork,
    readonly id: number,
    readonly role: Role,
    readonly handler: DatagramHandler | null,
  ) {}

  send(buf: Uint8Array, offset: number, length: number): boolean {
    return this.open && this.network.route(this, buf, offset, length);
  }

  sendTo(source: number, buf: Uint8Array, offset: number, length: number): boolean {
    return this.open && this.network.routeTo(this, source, buf, offset, length);
  }

  close(): void {
    this.open = false;
  }
}

/**
 * Datagrams in flight: parallel arrays indexed by slot, a binary heap of slots ordered by (due time, send order),
 * and a pool of buffers, so a running network allocates nothing per datagram once warmed up.
 */
export class MemoryNetwork {
  readonly counters: NetworkCounters = { sent: 0, delivered: 0, dropped: 0, duplicated: 0, reordered: 0, delayed: 0 };
  private readonly clock: Clock;
  private readonly prng: Prng;
  private readonly latencyNs: number;
  private readonly policies: Record<Traffic, Required<FaultPolicy>>;
  private readonly endpoints: MemoryEndpoint[] = [];

  private capacity = 0;
  private dueNs = new Float64Array(0);
  private order = new Float64Array(0);
  private target = new Int32Array(0);
  private source = new Int32Array(0);
  private length = new Int32Array(0);
  private buffers: Uint8Array[] = [];
  private freeSlots: number[] = [];
  private heap: number[] = [];
  private sendOrder = 0;

  constructor(options: MemoryNetworkOptions) {
    this.clock = options.clock;
    this.prng = new Prng(options.seed ?? 1);
    this.latencyNs = Math.max(1, options.latencyNs ?? 10_000);
    this.policies = {
      commands: withDefaults(options.commands),
      stream: withDefaults(options.stream),
      requests: withDefaults(options.requests),
    };
    this.grow(256);
  }

  /** A Transport whose endpoints live on this network. */
  transport(): Transport {
    return new MemoryTransport(this);
  }

  /** Changes the faults of one kind of traffic from now on (e.g. heal the network at the end of a test). */
  setFaults(traffic: Traffic, policy: FaultPolicy): void {
    this.policies[traffic] = withDefaults(policy);
  }

  /** Datagrams waiting for delivery. */
  inFlight(): number {
    return this.heap.length;
  }

  /** Due time of the next datagram, or Infinity. */
  nextDueNs(): number {
    return this.heap.length === 0 ? Infinity : this.dueNs[this.heap[0]!]!;
  }

  /** Delivers every datagram due at or before the clock's now, in due order; returns how many. */
  deliverDue(): number {
    const now = this.clock.nanoTime();
    let count = 0;
    while (this.heap.length > 0 && this.dueNs[this.heap[0]!]! <= now) {
      const slot = this.popHeap();
      const endpoint = this.endpoints[this.target[slot]!]!;
      if (endpoint.open && endpoint.handler !== null) {
        this.counters.delivered++;
        count++;
        endpoint.handler.onDatagram(this.buffers[slot]!, 0, this.length[slot]!, this.source[slot]!);
      }
      this.freeSlots.push(slot);
    }
    return count;
  }

  /** @internal */
  open(role: Role, handler: DatagramHandler | null): MemoryEndpoint {
    const endpoint = new MemoryEndpoint(this, this.endpoints.length, role, handler);
    this.endpoints.push(endpoint);
    return endpoint;
  }

  /** @internal Sends to the role's destination(s). */
  route(from: MemoryEndpoint, buf: Uint8Array, offset: number, length: number): boolean {
    if (length > MAX_DATAGRAM_LENGTH || length < 0) return false;
    switch (from.role) {
      case "command-publication":
        return this.sendToRole("command-subscription", "commands", from, buf, offset, length, true);
      case "stream-publication":
        return this.sendToRole("stream-subscription", "stream", from, buf, offset, length, false);
      case "stream-subscription":
        return this.sendToRole("replay-service", "requests", from, buf, offset, length, true);
      default:
        return false;
    }
  }

  /** @internal */
  routeTo(from: MemoryEndpoint, target: number, buf: Uint8Array, offset: number, length: number): boolean {
    const to = this.endpoints[target];
    if (to === undefined || !to.open || length > MAX_DATAGRAM_LENGTH) return false;
    const traffic: Traffic = to.role === "stream-subscription" ? "stream" : to.role === "replay-service" ? "requests" : "commands";
    this.transmit(from.id, to.id, traffic, buf, offset, length);
    return true;
  }

  private sendToRole(role: Role, traffic: Traffic, from: MemoryEndpoint, buf: Uint8Array, offset: number, length: number, firstOnly: boolean): boolean {
    let sent = false;
    for (let i = 0; i < this.endpoints.length; i++) {
      const to = this.endpoints[i]!;
      if (to.role !== role || !to.open) continue;
      this.transmit(from.id, to.id, traffic, buf, offset, length);
      sent = true;
      if (firstOnly) break;
    }
    // Like UDP, sending to nobody is not an error for the sender.
    return sent || role === "stream-subscription";
  }

  private transmit(from: number, to: number, traffic: Traffic, buf: Uint8Array, offset: number, length: number): void {
    const policy = this.policies[traffic];
    this.counters.sent++;
    if (this.prng.chance(policy.drop)) {
      this.counters.dropped++;
      return;
    }
    const copies = this.prng.chance(policy.duplicate) ? 2 : 1;
    if (copies === 2) this.counters.duplicated++;
    for (let c = 0; c < copies; c++) {
      let due = this.clock.nanoTime() + this.latencyNs;
      if (this.prng.chance(policy.reorder)) {
        this.counters.reordered++;
        due += 1 + this.prng.nextInt(policy.reorderWindowNs);
      }
      if (this.prng.chance(policy.delay)) {
        this.counters.delayed++;
        due += policy.delayNs;
      }
      this.enqueue(due, from, to, buf, offset, length);
    }
  }

  private enqueue(due: number, from: number, to: number, buf: Uint8Array, offset: number, length: number): void {
    if (this.freeSlots.length === 0) this.grow(this.capacity * 2);
    const slot = this.freeSlots.pop()!;
    this.dueNs[slot] = due;
    this.order[slot] = this.sendOrder++;
    this.target[slot] = to;
    this.source[slot] = from;
    this.length[slot] = length;
    copyBytes(buf, offset, this.buffers[slot]!, 0, length);
    this.pushHeap(slot);
  }

  private grow(capacity: number): void {
    const old = this.capacity;
    const copy = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.dueNs = copy(this.dueNs, (n) => new Float64Array(n));
    this.order = copy(this.order, (n) => new Float64Array(n));
    this.target = copy(this.target, (n) => new Int32Array(n));
    this.source = copy(this.source, (n) => new Int32Array(n));
    this.length = copy(this.length, (n) => new Int32Array(n));
    for (let i = old; i < capacity; i++) {
      this.buffers.push(new Uint8Array(MAX_DATAGRAM_LENGTH));
      this.freeSlots.push(capacity - 1 - (i - old));
    }
    this.capacity = capacity;
  }

  private before(a: number, b: number): boolean {
    const da = this.dueNs[a]!;
    const db = this.dueNs[b]!;
    return da < db || (da === db && this.order[a]! < this.order[b]!);
  }

  private pushHeap(slot: number): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(slot, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = slot;
  }

  private popHeap(): number {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && this.before(heap[r]!, heap[l]!) ? r : l;
        if (!this.before(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

/** The Transport view of a MemoryNetwork. Several transports (one per component) may share one network. */
export class MemoryTransport implements Transport {
  readonly kind = "memory";

  constructor(private readonly network: MemoryNetwork) {}

  openCommandPublication(): Endpoint {
    return this.network.open("command-publication", null);
  }
  openCommandSubscription(handler: DatagramHandler): Endpoint {
    return this.network.open("command-subscription", handler);
  }
  openStreamPublication(): Endpoint {
    return this.network.open("stream-publication", null);
  }
  openStreamSubscription(handler: DatagramHandler): Endpoint {
    return this.network.open("stream-subscription", handler);
  }
  openReplayService(handler: DatagramHandler): Endpoint {
    return this.network.open("replay-service", handler);
  }
}

function withDefaults(p: FaultPolicy | undefined): Required<FaultPolicy> {
  const policy = {
    drop: p?.drop ?? 0,
    duplicate: p?.duplicate ?? 0,
    reorder: p?.reorder ?? 0,
    reorderWindowNs: p?.reorderWindowNs ?? 200_000,
    delay: p?.delay ?? 0,
    delayNs: p?.delayNs ?? 2_000_000,
  };
  for (const key of ["drop", "duplicate", "reorder", "delay"] as const) {
    const v = policy[key];
    if (!(v >= 0 && v <= 1)) throw new Error(`fault probability ${key} must be within [0, 1], got ${v}`);
  }
  return policy;
}

/**
 * A whole cluster in one thread: a sequencer and any number of nodes on one MemoryNetwork, a VirtualClock, and
 * a step that moves time by a fixed amount, delivers the datagrams due, and gives every component one turn of
 * its duty cycle, always in the same order. Nothing depends on the machine's clock or scheduling, so the same
 * seed gives the same run, message for message; with faults on, every loss, duplicate and reorder replays too.
 *
 *   const cluster = new SimCluster({ seed: 7, faults: { stream: { drop: 0.2 } } });
 *   const a = cluster.add(new MyNode(cluster.nodeOptions("A"))).open().activate();
 *   cluster.start();
 *   cluster.runUntil(() => a.count === 10, 1e9);
 *   cluster.assertAgreement();   // every open node saw the same stream
 */
import { VirtualClock } from "../clock.js";
import type { Node, NodeOptions } from "../node/node.js";
import { Sequencer, type SequencerOptions } from "../sequencer/sequencer.js";
import { type FaultPolicy, MemoryNetwork } from "../transport/memory-transport.js";
import type { Transport } from "../transport/transport.js";
import { Prng } from "../util/prng.js";

export interface SimClusterOptions {
  seed?: number;
  /** One-way latency of every datagram. Default 10 µs. */
  latencyNs?: number;
  /** Virtual time per step. Default 10 µs. */
  stepNs?: number;
  faults?: { commands?: FaultPolicy; stream?: FaultPolicy; requests?: FaultPolicy };
  /** Sequencer options (transport and clock are the cluster's). Heartbeat defaults to 1 ms here. */
  sequencer?: Omit<SequencerOptions, "transport" | "clock">;
  /** Epoch ms at virtual time 0. */
  startEpochMs?: number;
}

export class SimCluster {
  readonly clock: VirtualClock;
  readonly network: MemoryNetwork;
  readonly transport: Transport;
  readonly sequencer: Sequencer;
  readonly stepNs: number;
  private readonly nodes: Node[] = [];
  private readonly seeds: Prng;
  private steps = 0;

  constructor(options: SimClusterOptions = {}) {
    const seed = options.seed ?? 1;
    this.clock = new VirtualClock(options.startEpochMs);
    this.network = new MemoryNetwork({
      clock: this.clock,
      seed,
      latencyNs: options.latencyNs ?? 10_000,
      commands: options.faults?.commands,
      stream: options.faults?.stream,
      requests: options.faults?.requests,
    });
    this.transport = this.network.transport();
    this.stepNs = options.stepNs ?? 10_000;
    this.seeds = new Prng(seed ^ 0x5eed);
    this.sequencer = new Sequencer({ heartbeatIntervalNs: 1_000_000, ...options.sequencer, transport: this.transport, clock: this.clock });
  }

  /**
   * Options for a node on this cluster: its transport, the virtual clock, a seed drawn from the cluster's seed,
   * and timings scaled to the simulated network (resend after 1 ms, ask for gaps after ≤ 100 µs, retry every 1 ms).
   */
  nodeOptions(account: string, instance = 1, extra: Partial<NodeOptions> = {}): NodeOptions {
    return {
      account,
      instance,
      transport: this.transport,
      clock: this.clock,
      seed: this.seeds.nextUint32(),
      heartbeatIntervalNs: 0,
      activationResendNs: 1_000_000,
      ...extra,
      receiver: { requestBackoffMaxNs: 100_000, requestRetryNs: 1_000_000, ...extra.receiver },
      sender: { resendNs: 1_000_000, ...extra.sender },
    };
  }

  /** Adds a node to the cluster's step (open and activate it yourself, whenever the scenario wants). */
  add<T extends Node>(node: T): T {
    this.nodes.push(node);
    return node;
  }

  /** Removes a node from the step (a crash: it stops at once, sending nothing more). */
  remove(node: Node): void {
    const i = this.nodes.indexOf(node);
    if (i >= 0) this.nodes.splice(i, 1);
    node.close();
  }

  allNodes(): readonly Node[] {
    return this.nodes;
  }

  /** Opens and activates the sequencer (its first session starts). */
  start(): this {
    this.sequencer.open().activate();
    return this;
  }

  /** One step: time moves by stepNs, due datagrams are delivered, every component does one turn. */
  step(): void {
    this.clock.advance(this.stepNs);
    this.network.deliverDue();
    this.sequencer.doWork();
    for (let i = 0; i < this.nodes.length; i++) this.nodes[i]!.doWork();
    this.steps++;
  }

  /** Steps for `durationNs` of virtual time. */
  run(durationNs: number): void {
    const end = this.clock.nanoTime() + durationNs;
    while (this.clock.nanoTime() < end) this.step();
  }

  /** Steps until `done()` is true (checked after every step) or `maxNs` of virtual time pass. Returns done(). */
  runUntil(done: () => boolean, maxNs: number): boolean {
    const end = this.clock.nanoTime() + maxNs;
    while (!done()) {
      if (this.clock.nanoTime() >= end) return false;
      this.step();
    }
    return true;
  }

  /**
   * True when every open node has delivered the whole current session, is not waiting for an activation, and
   * (when active) has no command waiting for its echo. A passive node may hold commands it will never send.
   */
  isSettled(): boolean {
    const last = this.sequencer.lastSequence();
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i]!;
      if (!node.isOpen()) continue;
      if (node.lastSequence() !== last || (node.isActive() && node.pendingCommands() > 0) || node.isRewinding() || node.isTransitioning()) return false;
    }
    return true;
  }

  /** Steps until settled; throws if it does not happen within `maxNs`. */
  settle(maxNs = 10_000_000_000): void {
    if (!this.runUntil(() => this.isSettled(), maxNs)) {
      const detail = this.nodes.map((n) => `${n.account}/${n.instance}: ${JSON.stringify({ ...n.stats(), receiver: undefined, sender: undefined })}`);
      throw new Error(`cluster did not settle within ${maxNs / 1e6} ms (sequence ${this.sequencer.lastSequence()}):\n${detail.join("\n")}`);
    }
  }

  /** Throws unless every open node has the same running hash and delivered count. */
  assertAgreement(): void {
    const open = this.nodes.filter((n) => n.isOpen());
    if (open.length === 0) return;
    const first = open[0]!.stats();
    for (const node of open) {
      const s = node.stats();
      if (s.hash !== first.hash || s.delivered !== first.delivered) {
        throw new Error(`node ${node.account}/${node.instance} disagrees: ${s.delivered} messages, hash ${s.hash}; ${open[0]!.account} has ${first.delivered}, ${first.hash}`);
      }
    }
  }

  stepCount(): number {
    return this.steps;
  }
}

/**
 * The simulation behind `npm run sim`: a sequencer and k nodes on a faulty in-memory network; every node sends
 * its share of m commands at random moments; the run ends when every command is sequenced and every node has
 * delivered the whole stream. Everything is derived from the seed, so the same options give the same result.
 *
 * Each command is a small SBE message (schema 1000, template 1, block of 16 bytes: node index u32, the node's
 * own count u32, a random u64), so nothing here depends on a generated schema.
 */
import { Message } from "../node/message.js";
import { Node, type NodeOptions } from "../node/node.js";
import { viewOf } from "../protocol/bytes.js";
import { Prng } from "../util/prng.js";
import { SimCluster } from "./sim-cluster.js";

export interface SimulationOptions {
  seed: number;
  nodes: number;
  commands: number;
  /** Probability each datagram (commands, stream, requests, repairs) is lost. */
  drop: number;
  /** Probability each datagram is delivered twice. */
  dup: number;
  /** Probability each datagram is held back so that later ones overtake it. */
  reorder: number;
  /** Probability each datagram is delayed by 2 ms. Default 0. */
  delay?: number;
  /** Give up after this much virtual time. Default 600 s. */
  maxVirtualNs?: number;
}

export interface SimulationNodeResult {
  account: string;
  delivered: number;
  hash: string;
}

export interface SimulationResult {
  seed: number;
  commands: number;
  sequenced: number;
  nodes: SimulationNodeResult[];
}

export interface SimulationReport {
  result: SimulationResult;
  settled: boolean;
  virtualNs: number;
  steps: number;
  lastSequence: number;
  network: SimCluster["network"]["counters"];
  sequencer: SimCluster["sequencer"]["counters"];
  /** Problems the nodes' own checks found (a duplicate, a gap, a command seen twice); empty when all is well. */
  violations: string[];
}

export const SIM_SCHEMA_ID = 1000;
export const SIM_TEMPLATE_ID = 1;
const SIM_BLOCK_LENGTH = 16;

/** A node that sends `quota` commands at random intervals and checks what it sees. */
export class TrafficNode extends Node {
  readonly index: number;
  readonly quota: number;
  private sentCount = 0;
  private readonly prng: Prng;
  private readonly payload = new Uint8Array(8 + SIM_BLOCK_LENGTH);
  private readonly view = new DataView(this.payload.buffer);
  /** How many times each of this node's commands came back (must end all 1). */
  readonly echoes: Uint8Array;
  private previousSequence = 0;
  readonly violations: string[] = [];

  constructor(options: NodeOptions, index: number, quota: number, seed: number) {
    super(options);
    this.index = index;
    this.quota = quota;
    this.prng = new Prng(seed);
    this.echoes = new Uint8Array(quota);
    this.view.setUint16(0, SIM_BLOCK_LENGTH, true);
    this.view.setUint16(2, SIM_TEMPLATE_ID, true);
    this.view.setUint16(4, SIM_SCHEMA_ID, true);
    this.view.setUint16(6, 0, true);
  }

  override handleActivated(): void {
    this.armNext();
  }

  override handleEventTimeout(): void {
    if (!this.isActive() || this.sentCount >= this.quota) return;
    this.view.setUint32(8, this.index, true);
    this.view.setUint32(12, this.sentCount, true);
    this.view.setUint32(16, this.prng.nextUint32(), true);
    this.view.setUint32(20, this.prng.nextUint32(), true);
    this.sendCommand(this.payload);
    this.sentCount++;
    this.armNext();
  }

  override handleMessage(isMine: boolean, msg: Message): void {
    if (msg.sequence <= this.previousSequence) this.violations.push(`${this.account}: sequence ${msg.sequence} after ${this.previousSequence}`);
    this.previousSequence = msg.sequence;
    if (!isMine || msg.schemaId() !== SIM_SCHEMA_ID) return;
    const view = viewOf(msg.buffer);
    const base = msg.buffer.byteOffset + msg.offset;
    const count = view.getUint32(base + 12, true);
    if (view.getUint32(base + 8, true) !== this.index || count >= this.quota) {
      this.violations.push(`${this.account}: foreign or out-of-range command ${count}`);
      return;
    }
    if (++this.echoes[count]! > 1) this.violations.push(`${this.account}: command ${count} sequenced twice`);
  }

  sent(): number {
    return this.sentCount;
  }

  private armNext(): void {
    if (this.sentCount < this.quota) this.setEventTimeout(1_000 + this.prng.nextInt(100_000));
  }
}

export function runSimulation(options: SimulationOptions): SimulationReport {
  checkOptions(options);
  const faults = { drop: options.drop, duplicate: options.dup, reorder: options.reorder, delay: options.delay ?? 0 };
  const accounts: string[] = [];
  for (let i = 1; i <= options.nodes; i++) accounts.push(`N${i}`);
  const cluster = new SimCluster({
    seed: options.seed,
    faults: { commands: faults, stream: faults, requests: faults },
    sequencer: { accounts },
  });
  const seeds = new Prng(options.seed ^ 0x7a11);
  const nodes: TrafficNode[] = [];
  for (let i = 0; i < options.nodes; i++) {
    const quota = Math.floor(options.commands / options.nodes) + (i < options.commands % options.nodes ? 1 : 0);
    nodes.push(cluster.add(new TrafficNode(cluster.nodeOptions(accounts[i]!), i, quota, seeds.nextUint32())));
  }
  cluster.start();
  for (const node of nodes) node.open().activate();
  const settled = cluster.runUntil(() => nodes.every((n) => n.sent() === n.quota) && cluster.isSettled(), options.maxVirtualNs ?? 600e9);

  const violations: string[] = [];
  for (const node of nodes) {
    violations.push(...node.violations);
    const missing = node.echoes.reduce((n, e) => n + (e === 0 ? 1 : 0), 0);
    if (settled && missing > 0) violations.push(`${node.account}: ${missing} commands never sequenced`);
  }
  try {
    if (settled) cluster.assertAgreement();
  } catch (e) {
    violations.push((e as Error).message);
  }
  return {
    result: {
      seed: options.seed,
      commands: options.commands,
      sequenced: cluster.sequencer.counters.sequenced,
      nodes: nodes.map((n) => ({ account: n.account, delivered: n.deliveredCount(), hash: n.hash.toHex() })),
    },
    settled,
    virtualNs: cluster.clock.nanoTime(),
    steps: cluster.stepCount(),
    lastSequence: cluster.sequencer.lastSequence(),
    network: { ...cluster.network.counters },
    sequencer: { ...cluster.sequencer.counters },
    violations,
  };
}

function checkOptions(o: SimulationOptions): void {
  const int = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name} must be an integer from ${min} to ${max}, got ${v}`);
  };
  int("seed", o.seed, 0, 0xffffffff);
  int("nodes", o.nodes, 1, 999);
  int("commands", o.commands, 0, 10_000_000);
  for (const [name, v] of [["drop", o.drop], ["dup", o.dup], ["reorder", o.reorder], ["delay", o.delay ?? 0]] as const) {
    if (!(v >= 0 && v < 1)) throw new Error(`--${name} must be a probability in [0, 1), got ${v}`);
  }
}

/**
 * A small replicated counter: three replicas of one state machine (counters by name) build their state from
 * the event stream only, so they agree without talking to each other. A client sends Increment and
 * ResetCounter commands through a network that loses, duplicates and reorders 20% of datagrams; a fourth
 * replica joins late and rewinds the whole session. At the end every replica has the same counters and the
 * same running hash of the stream.
 *
 *   npx tsx examples/counter-cluster.ts
 */
import { pathToFileURL } from "node:url";
import { type Message, Node, type NodeOptions, Prng, SimCluster } from "coralseq";
import {
  ExamplesDispatcher,
  type ExamplesHandler,
  type IncrementDecoder,
  IncrementEncoder,
  type ResetCounterDecoder,
  ResetCounterEncoder,
  type TimeRequestDecoder,
} from "./generated/examples.js";

/** The replicated state machine: it changes only on sequenced messages. */
export class CounterReplica extends Node implements ExamplesHandler<Message> {
  readonly counters = new Map<string, number>();
  applied = 0;

  constructor(options: NodeOptions) {
    super(options);
    this.setDispatcher(new ExamplesDispatcher<Message>(this));
  }

  onIncrement(inc: IncrementDecoder): void {
    const name = inc.counterInterned();
    this.counters.set(name, (this.counters.get(name) ?? 0) + inc.amount());
    this.applied++;
  }

  onResetCounter(reset: ResetCounterDecoder): void {
    this.counters.set(reset.counterInterned(), 0);
    this.applied++;
  }

  onTimeRequest(_t: TimeRequestDecoder): void {}

  snapshot(): string {
    return JSON.stringify([...this.counters].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** Sends random commands, one per event timeout, until it has sent `total`. */
class Client extends Node {
  private readonly increment = new IncrementEncoder();
  private readonly reset = new ResetCounterEncoder();
  private readonly buffer = new Uint8Array(64);
  private readonly prng = new Prng(42);
  sent = 0;

  constructor(options: NodeOptions, private readonly total: number) {
    super(options);
  }
  override handleActivated(): void {
    this.setEventTimeout(10_000);
  }
  override handleEventTimeout(): void {
    const name = ["apples", "pears", "plums"][this.prng.nextInt(3)]!;
    if (this.prng.chance(0.05)) this.sendCommand(this.reset.wrap(this.buffer).counter(name));
    else this.sendCommand(this.increment.wrap(this.buffer).counter(name).amount(1 + this.prng.nextInt(10)));
    if (++this.sent < this.total) this.setEventTimeout(10_000 + this.prng.nextInt(50_000));
  }
}

export function main(commands = 2000): { replicas: CounterReplica[]; client: Client } {
  const faults = { drop: 0.2, duplicate: 0.05, reorder: 0.2 };
  const cluster = new SimCluster({ seed: 2026, faults: { commands: faults, stream: faults, requests: faults }, sequencer: { accounts: ["CLIENT", "CTR"] } });
  const replicas = [1, 2, 3].map((i) => cluster.add(new CounterReplica(cluster.nodeOptions("CTR", i))).open());
  const client = cluster.add(new Client(cluster.nodeOptions("CLIENT"), commands)).open().activate();
  cluster.start();
  cluster.runUntil(() => client.sent === commands, 60_000_000_000);
  const late = cluster.add(new CounterReplica(cluster.nodeOptions("CTR", 4))).open();
  replicas.push(late);
  cluster.settle();
  cluster.assertAgreement();
  const n = cluster.network.counters;
  console.log(`${commands} commands through a network that dropped ${n.dropped}, duplicated ${n.duplicated} and reordered ${n.reordered} of ${n.sent} datagrams`);
  for (const r of replicas) console.log(`  replica ${r.instance}: ${r.applied} updates applied, counters ${r.snapshot()}, stream hash ${r.hash.toHex()}`);
  const agree = replicas.every((r) => r.snapshot() === replicas[0]!.snapshot());
  console.log(agree ? "all replicas agree (replica 4 joined late and rewound)" : "REPLICAS DISAGREE");
  return { replicas, client };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

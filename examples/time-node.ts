/**
 * The node from the CoralSequencer article, in TypeScript: when it becomes active it sends a TIME command, and
 * when its own message comes back on the event stream (isMine) it prints it with the sequencer's time.
 *
 *   npx tsx examples/time-node.ts
 *
 * Runs a sequencer and the node in one thread on the in-memory transport with a virtual clock (SimCluster).
 * The node's code would not change on another transport.
 */
import { pathToFileURL } from "node:url";
import { type Message, Node, type NodeOptions, SimCluster } from "coralseq";
import { ExamplesDispatcher, ExamplesHandlerBase, type TimeRequestDecoder, TimeRequestEncoder } from "./generated/examples.js";

export class TimeNode extends Node {
  private readonly request = new TimeRequestEncoder();
  private readonly buffer = new Uint8Array(64);
  readonly lines: string[] = [];

  constructor(options: NodeOptions) {
    super(options);
    const node = this;
    // Typed handlers from the generated schema; the message's metadata arrives as ctx.
    this.setDispatcher(
      new ExamplesDispatcher<Message>(
        new (class extends ExamplesHandlerBase<Message> {
          override onTimeRequest(time: TimeRequestDecoder, msg: Message): void {
            node.onTimeRequest(time, msg);
          }
        })(),
      ),
    );
  }

  override handleActivated(): void {
    this.print(`${this.account}: active, sending TIME`);
    this.sendCommand(this.request.wrap(this.buffer).text("TIME"));
  }

  private onTimeRequest(time: TimeRequestDecoder, msg: Message): void {
    if (!msg.isMine || this.isRewinding()) return;
    this.print(
      `${this.account}: saw my ${time.text()} command (#${msg.commandNumber}) as message ${msg.sequence} of session ${msg.session}, ` +
        `sequencer time ${msg.timestamp.toString()}`,
    );
  }

  private print(line: string): void {
    this.lines.push(line);
    console.log(line);
  }
}

export function main(): TimeNode {
  const cluster = new SimCluster({ seed: 1, sequencer: { accounts: ["NODE1"] } });
  const node = cluster.add(new TimeNode(cluster.nodeOptions("NODE1"))).open().activate();
  cluster.start();
  cluster.runUntil(() => node.lines.length === 2, 1_000_000_000);
  return node;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

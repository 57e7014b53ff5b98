/**
 * The late joiner of the rewind measurements: run by `coral node` over TCP (rewind-tcp.ts) and in process
 * (rewind.ts). Passive; reads every application message it delivers (its payload bytes summed, so nothing is
 * skipped) and times the rewind from its first delivered message until its last sequence reaches
 * `lastSequence`. report() gives the rate in sequenced messages per second (runtime messages of the session
 * included, as the node delivers them).
 */
import { type Message, Node, type NodeOptions } from "../../runtime/index.js";

export default class RewindNode extends Node {
  private readonly target: number;
  /** Application messages handled so far. */
  handled = 0;
  private checksum = 0;
  private firstSequence = 0;
  private firstAt = 0;
  private lastAt = 0;

  constructor(options: NodeOptions, params: { lastSequence?: number } = {}) {
    super(options);
    this.target = params.lastSequence ?? 0;
  }

  override handleMessage(_isMine: boolean, msg: Message): void {
    if (this.handled === 0) {
      this.firstAt = performance.now();
      this.firstSequence = msg.sequence;
    }
    this.handled++;
    for (let i = msg.offset; i < msg.offset + msg.length; i++) this.checksum = (this.checksum + msg.buffer[i]!) | 0;
  }

  override doWork(): number {
    const work = super.doWork();
    if (this.lastAt === 0 && this.target > 0 && this.lastSequence() >= this.target) this.lastAt = performance.now();
    return work;
  }

  report(): Record<string, unknown> {
    const seconds = (this.lastAt - this.firstAt) / 1000;
    const done = this.lastAt > 0;
    return {
      handled: this.handled,
      done,
      seconds: done ? seconds : null,
      msgsPerSec: done && seconds > 0 ? Math.round((this.target - this.firstSequence) / seconds) : null,
      checksum: this.checksum,
    };
  }
}

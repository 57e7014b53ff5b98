/**
 * A node module for bench:archive (run by `coral node`): round trips node → sequencer → node, one 64-byte
 * command in flight until its own echo, `warmup` then `samples` of them; report() gives the percentiles in µs.
 */
import { type Message, Node, type NodeOptions } from "../../runtime/index.js";

export default class RttNode extends Node {
  private readonly payload = new Uint8Array(64);
  private readonly samples: Float64Array;
  private readonly warmup: number;
  private count = -1;
  private sentAt = 0;

  constructor(options: NodeOptions, params: { warmup?: number; samples?: number } = {}) {
    super(options);
    this.warmup = params.warmup ?? 2000;
    this.samples = new Float64Array(params.samples ?? 20000);
    const view = new DataView(this.payload.buffer);
    view.setUint16(0, 56, true);
    view.setUint16(2, 1, true);
    view.setUint16(4, 1, true);
  }

  override handleActivated(): void {
    if (this.count >= 0) return;
    this.count = 0;
    this.ping();
  }

  private ping(): void {
    this.sentAt = performance.now();
    this.sendCommand(this.payload);
  }

  override handleMessage(isMine: boolean, _msg: Message): void {
    if (!isMine || this.count < 0 || this.count >= this.warmup + this.samples.length || this.isRewinding()) return;
    const i = this.count - this.warmup;
    if (i >= 0) this.samples[i] = (performance.now() - this.sentAt) * 1000;
    this.count++;
    if (this.count < this.warmup + this.samples.length) this.ping();
  }

  report(): Record<string, unknown> {
    const done = this.count >= this.warmup + this.samples.length;
    if (!done) return { done, count: this.count };
    const sorted = Float64Array.from(this.samples).sort();
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
    return { done, samples: sorted.length, p50Us: at(0.5), p99Us: at(0.99), p999Us: at(0.999) };
  }
}

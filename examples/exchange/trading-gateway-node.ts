// The demo's gateway process: a GatewayNode with simulated trading firms
// (Trader) connected to it in-process, sending orders at a steady rate for a
// while after the gateway becomes active.
//
// The pacing runs on the node's local event timeout: fine here, because what
// clients send is outside input by nature — it is the gateway's commands, once
// sequenced, that every node agrees on. In the deterministic test cluster the
// local clock is virtual, so the same seeds give the same orders at the same
// moments.
//
//   coral node examples/exchange/trading-gateway-node.ts --config gw.json   (createNode below)

import type { NodeOptions } from "coralseq";
import { GatewayNode, type GatewayOptions } from "./gateway-node.js";
import { Trader, type TraderOptions } from "./trader.js";

export interface TradingParams extends GatewayOptions {
  traders: TraderOptions[];
  /** Orders (new, cancel, replace) each trader sends per second. Default 500. */
  ordersPerSecond?: number;
  /** How long the traders trade after the gateway becomes active. Default 5000 ms. */
  durationMs?: number;
}

/** Pacing granularity: each tick sends what the rate allows since the start. */
const TICK_NS = 1_000_000;
/** Per trader and tick at most, so a stalled process does not burst on waking. */
const MAX_PER_TICK = 100;

export class TradingGatewayNode extends GatewayNode {
  readonly traders: Trader[];
  private readonly ordersPerSecond: number;
  private readonly durationNs: number;
  private startNs = -1;
  private paced = 0;
  private finished = false;

  constructor(options: NodeOptions, params: TradingParams) {
    super(options, params);
    this.ordersPerSecond = params.ordersPerSecond ?? 500;
    this.durationNs = (params.durationMs ?? 5000) * 1e6;
    this.traders = params.traders.map((t) => {
      const trader = new Trader(t);
      trader.attach(this.connect(t.account, trader));
      return trader;
    });
  }

  /** True once the traders have stopped sending. */
  get doneTrading(): boolean {
    return this.finished;
  }

  override handleActivated(): void {
    if (this.startNs >= 0) return; // re-activated: the session already traded
    this.startNs = this.clock.nanoTime();
    this.setEventTimeout(TICK_NS);
  }

  override handleEventTimeout(nowNs: number): void {
    const elapsed = Math.min(nowNs - this.startNs, this.durationNs);
    const due = Math.floor((elapsed * this.ordersPerSecond) / 1e9);
    const n = Math.min(due - this.paced, MAX_PER_TICK);
    for (let k = 0; k < n; k++) for (const trader of this.traders) trader.sendNext();
    this.paced += n;
    if (elapsed < this.durationNs || this.paced < due) this.setEventTimeout(TICK_NS);
    else this.finished = true;
  }

  override report(): Record<string, unknown> {
    return {
      ...super.report(),
      trading: !this.finished,
      traders: this.traders.map((t) => ({ name: t.account, ...t.counts, hash: t.hash() })),
    };
  }
}

/** The `coral node` entry point: `node.params` of the configuration is TradingParams. */
export function createNode(options: NodeOptions, params: TradingParams): TradingGatewayNode {
  if (params === undefined || !Array.isArray(params.traders)) throw new Error(`trading gateway: node.params.traders (a list of { account, seed }) is required`);
  return new TradingGatewayNode(options, params);
}

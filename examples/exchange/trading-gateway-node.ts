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
  /** How long the traders trade. Default 5000 ms. */
  durationMs?: number;
  /**
   * Gateway accounts (this one included or not) that must all be active before trading starts: the market opens
   * when everyone is in. Every gateway sees the activations at the same points of the stream, so they open
   * together, however long each took to start. Default: none (trade as soon as this gateway is active).
   */
  openWhenActive?: string[];
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
  /** When the market opened and closed here, by the sequencer's clock (epoch ms; 0 until then). */
  private openedAtMs = 0;
  private closedAtMs = 0;
  private readonly waitingFor: Set<string>;

  constructor(options: NodeOptions, params: TradingParams) {
    super(options, params);
    this.ordersPerSecond = params.ordersPerSecond ?? 500;
    this.durationNs = (params.durationMs ?? 5000) * 1e6;
    this.waitingFor = new Set(params.openWhenActive ?? []);
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

  override handleInstanceChange(account: string, _instance: number, active: boolean): void {
    if (active && this.waitingFor.delete(account)) this.openMarket();
  }

  override handleActivated(): void {
    this.openMarket();
  }

  /** Starts the traders once this gateway is active and every gateway it waits for is too. */
  private openMarket(): void {
    if (this.startNs >= 0 || !this.isActive() || this.waitingFor.size > 0) return; // or re-activated: it already traded
    this.startNs = this.clock.nanoTime();
    this.openedAtMs = this.currentSequencerTime().ms; // the time of the message that opened it
    this.setEventTimeout(TICK_NS);
  }

  /** True once the traders have started. */
  get marketOpen(): boolean {
    return this.startNs >= 0;
  }

  override handleEventTimeout(nowNs: number): void {
    const elapsed = Math.min(nowNs - this.startNs, this.durationNs);
    const due = Math.floor((elapsed * this.ordersPerSecond) / 1e9);
    const n = Math.min(due - this.paced, MAX_PER_TICK);
    const traders = this.traders;
    for (let k = 0; k < n; k++) for (let t = 0; t < traders.length; t++) traders[t]!.sendNext(); // indexed: no iterator
    this.paced += n;
    if (elapsed < this.durationNs || this.paced < due) this.setEventTimeout(TICK_NS);
    else {
      this.finished = true;
      this.closedAtMs = this.openedAtMs + Math.round((nowNs - this.startNs) / 1e6);
    }
  }

  override report(): Record<string, unknown> {
    return {
      ...super.report(),
      open: this.marketOpen,
      openedAtMs: this.openedAtMs,
      closedAtMs: this.closedAtMs,
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

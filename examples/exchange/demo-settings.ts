// The demo's knobs and its cast, shared by both ways of running it.

import type { TraderOptions } from "./trader.js";

export interface DemoSettings {
  /** How long the traders trade. */
  durationMs: number;
  /** Orders per second per trader (4 traders). */
  ordersPerSecond: number;
  /** When the late engine replica starts, after trading starts. */
  lateJoinMs: number;
  seed: number;
}

/** Two traders per gateway: TRADER1, TRADER2 on gateway 1; TRADER3, TRADER4 on gateway 2. */
export function demoTraders(gateway: number, seed: number): TraderOptions[] {
  return [1, 2].map((t) => ({ account: `TRADER${2 * (gateway - 1) + t}`, seed: seed * 100 + 10 * gateway + t }));
}

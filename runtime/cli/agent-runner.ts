/**
 * Drives components (sequencer, replayer, nodes) on Node's event loop: the duty cycle of Aeron's AgentRunner,
 * with its two idle strategies.
 *
 *  - `park` (default): the process sleeps in the event loop until a datagram arrives. Each arrival schedules one
 *    turn (setImmediate) at the end of the current loop iteration, so every datagram read in one poll is handled
 *    first and the turn then flushes one batch: low load adds no latency, high load fills packets. A timer turns
 *    the components every `periodMs` for heartbeats, resends and gap requests.
 *  - `busy-poll`: the process never sleeps: each turn schedules the next with setImmediate, so libuv polls the
 *    sockets with a zero timeout. It keeps its vCPU awake and avoids the 25–30 µs wake-up per hop this VM charges,
 *    at the price of one core. Only for deployments with a dedicated core per busy process.
 *
 * Measured on the 2-vCPU VM (docs/PERFORMANCE.md, Network): turning right after a lone datagram's callback instead
 * of after the poll phase saves 3–4 µs of round trip per two hops, and under load batching is unchanged (turns then
 * come back to back and wait for the end of the iteration).
 */
export type IdleStrategy = "park" | "busy-poll";
export type WakeMode = "adaptive" | "end-of-turn";

/** A turn more than this long ago counts as a quiet spell for the adaptive wake. */
const ADAPTIVE_QUIET_MS = 0.05;

export interface Agent {
  doWork(): number;
}

export interface ActivitySource {
  onActivity: (() => void) | null;
}

export class AgentRunner {
  private readonly agents: Agent[];
  private running = false;
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private turns = 0;
  private readonly adaptiveWake: boolean;
  /** performance.now() of the last turn, for the adaptive wake. */
  private lastTurnMs = 0;
  private readonly turnNow = (): void => {
    this.scheduled = false;
    this.turn();
  };
  private readonly spin = (): void => {
    if (!this.running) return;
    this.turn();
    setImmediate(this.spin);
  };

  constructor(
    agents: Agent[],
    readonly idle: IdleStrategy = "park",
    private readonly sources: ActivitySource[] = [],
    private readonly periodMs = 1,
    /**
     * `adaptive` (default): after a quiet spell turn right after the datagram's callback, otherwise at the end of
     * the event-loop iteration (see wake()). `end-of-turn`: always at the end of the iteration.
     */
    wakeMode: WakeMode = "adaptive",
  ) {
    if (idle !== "park" && idle !== "busy-poll") throw new Error(`idle strategy must be "park" or "busy-poll", got ${JSON.stringify(idle)}`);
    if (wakeMode !== "adaptive" && wakeMode !== "end-of-turn") throw new Error(`wake must be "adaptive" or "end-of-turn", got ${JSON.stringify(wakeMode)}`);
    this.adaptiveWake = wakeMode === "adaptive";
    this.agents = agents;
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    if (this.idle === "busy-poll") {
      setImmediate(this.spin);
    } else {
      for (const s of this.sources) s.onActivity = () => this.wake();
      this.timer = setInterval(() => this.turn(), this.periodMs);
    }
    return this;
  }

  /** Asks for a turn at the end of this event-loop iteration (e.g. after sending a command from a timer). */
  wake(): void {
    if (!this.running || this.scheduled || this.idle === "busy-poll") return;
    this.scheduled = true;
    // After a quiet spell the first datagram is most likely alone: turn right after its callback (nextTick)
    // rather than after the whole poll phase, which saves a few µs per hop. Under load, turns follow each other
    // closely and the turn waits for the end of the iteration, so one datagram carries everything read meanwhile.
    if (this.adaptiveWake && performance.now() - this.lastTurnMs > ADAPTIVE_QUIET_MS) process.nextTick(this.turnNow);
    else setImmediate(this.turnNow);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    for (const s of this.sources) s.onActivity = null;
  }

  turnCount(): number {
    return this.turns;
  }

  /** One turn of every component; repeated while they report work, a bounded number of times. */
  turn(): void {
    this.turns++;
    this.lastTurnMs = performance.now();
    for (let round = 0; round < 4; round++) {
      let work = 0;
      for (let i = 0; i < this.agents.length; i++) work += this.agents[i]!.doWork();
      if (work === 0) return;
    }
  }
}

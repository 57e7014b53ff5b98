/**
 * Late joiners while the stream is live: a rewinding node catches up from sequence 1 over TCP from the
 * (discovered) replayer and switches to the live stream with no gap and no duplicate (its running hash over
 * every message equals the hash of a node that was there from the start); a non-rewinding node starts at the
 * live tail and sees only what follows.
 */
import { afterAll, expect, it } from "vitest";
import { ConfigDir, CoralProcess, LOAD_NODE, loopbackTransport } from "./harness.js";

const dir = new ConfigDir();
afterAll(() => dir.remove());
const BASE = 44700;
const COMMANDS = 3000;

it("rewinds a late joiner over TCP, then follows the live stream; a non-rewinding node starts at the tail", async () => {
  // Node heartbeats off and the joiners passive: the stream stops growing once RA is done, so all can be compared.
  const common = { statusIntervalMs: 100, statusFormat: "json", transport: loopbackTransport(BASE) };
  const node = (account: string, extra: Record<string, unknown>) =>
    new CoralProcess(account, ["node", LOAD_NODE, "--config", dir.write(`${account}.json`, { ...common, node: { account, heartbeatIntervalMs: 0, ...extra } })]);
  const sequencer = new CoralProcess("sequencer", ["sequencer", "--config", dir.write("s.json", { ...common, sequencer: { accounts: ["RA", "RL", "RT"] } })]);
  const replayer = new CoralProcess("replayer", ["replayer", "--config", dir.write("r.json", common)]);
  const all = [sequencer, replayer];
  try {
    await replayer.waitFor(() => true, 10_000, "replayer up");
    const source = node("RA", { params: { commands: COMMANDS, window: 16, maxPerSecond: 1000 } });
    all.push(source);
    await source.waitFor((s) => s.app.delivered >= 600, 15_000, "first 600 commands");
    const late = node("RL", { activate: false, params: { commands: 0 } });
    const tail = node("RT", { rewind: false, activate: false, params: { commands: 0 } });
    all.push(late, tail);
    const a = await source.waitFor((s) => s.app.done && s.app.delivered === COMMANDS, 20_000, "all commands");
    const last = a.lastSequence as number;
    const l = await late.waitFor((s) => s.lastSequence === last, 10_000, "late joiner caught up");
    const t = await tail.waitFor((s) => s.lastSequence === last, 10_000, "tail joiner caught up");

    // The late joiner has everything, once, in the same order: same hash over every message of the session.
    expect(l.rewind).toBe("complete");
    expect(l.udp.rewindPackets).toBeGreaterThan(0);
    expect(l.app.delivered).toBe(COMMANDS);
    expect(l.app.duplicates).toBe(0);
    expect(l.app.outOfOrder).toBe(0);
    expect(l.app.orderHash).toBe(a.app.orderHash);
    expect(l.hash).toBe(a.hash);
    expect(l.delivered).toBe(a.delivered);

    // The tail joiner did not rewind: it saw only the end of the stream, gap-free from where it joined.
    expect(t.rewind).toBe("off");
    expect(t.delivered).toBeLessThan(a.delivered);
    expect(t.delivered).toBeGreaterThan(0);
    expect(t.app.duplicates).toBe(0);
    expect(t.app.delivered).toBeLessThan(COMMANDS);
    expect(t.receiver.requestsSent).toBe(0); // it never asked for history
  } finally {
    const codes = await Promise.all(all.map((p) => p.stop()));
    expect(codes).toEqual(all.map(() => 0));
  }
});

/**
 * Real sockets on loopback multicast, a sequencer, a replayer and three node processes (the coral CLI), with
 * seeded loss injected at the socket layer of every process: each process drops that share of the datagrams it
 * receives, so commands (node → sequencer), the stream (sequencer → node), retransmit requests and repairs all
 * lose it. Every node must deliver every command exactly once, in one order (same order hash everywhere), and
 * every command must be sequenced (none lost).
 */
import { afterAll, describe, expect, it } from "vitest";
import { ConfigDir, CoralProcess, LOAD_NODE, sameStream, loopbackTransport } from "./harness.js";

const dir = new ConfigDir();
afterAll(() => dir.remove());

const NODES = ["LA", "LB", "LC"];
const COMMANDS = 300;
const TOTAL = NODES.length * COMMANDS;

describe.each([
  { loss: 0.01, base: 44100 },
  { loss: 0.05, base: 44200 },
  { loss: 0.2, base: 44300 },
])("UDP multicast with $loss loss in every direction", ({ loss, base }) => {
  it("delivers every command exactly once, in one order, on every node", async () => {
    const common = { statusIntervalMs: 100, statusFormat: "json" };
    const transport = (seed: number) => loopbackTransport(base, { loss: { receive: loss, seed } });
    const sequencer = new CoralProcess("sequencer", ["sequencer", "--config", dir.write(`s${base}.json`, { ...common, transport: transport(1), sequencer: { accounts: NODES } })]);
    const replayer = new CoralProcess("replayer", ["replayer", "--config", dir.write(`r${base}.json`, { ...common, transport: transport(2) })]);
    const nodes = NODES.map(
      (account, i) =>
        new CoralProcess(account, ["node", LOAD_NODE, "--config", dir.write(`${account}${base}.json`, { ...common, transport: transport(10 + i), node: { account, params: { commands: COMMANDS, window: 64 } } })]),
    );
    const all = [...nodes, replayer, sequencer];
    try {
      for (const node of nodes) await node.waitFor((s) => s.app?.delivered === TOTAL && s.app?.done === true, 25_000, `${TOTAL} messages delivered`);
      const seq = await sequencer.waitFor((s) => s.counters.sequenced === TOTAL, 2_000, "sequenced count");
      expect(seq.counters.sequenced).toBe(TOTAL);
      const reports = nodes.map((n) => n.latest!.status);
      // Every message, runtime ones included (node heartbeats keep coming), is the same on every node.
      await sameStream(nodes);
      for (const r of reports) {
        expect(r.app.duplicates).toBe(0);
        expect(r.app.outOfOrder).toBe(0);
        expect(r.app.perAccount).toEqual(Object.fromEntries(NODES.map((a) => [a, COMMANDS])));
        expect(r.app.orderHash).toBe(reports[0]!.app.orderHash);
        expect(r.udp.handlerErrors).toBe(0);
      }
      // The loss really happened, and was repaired by retransmit requests and command resends.
      const dropped = [...reports.map((r) => r.udp.lossDroppedReceive), seq.udp.lossDroppedReceive].reduce((a, b) => a + b, 0);
      expect(dropped).toBeGreaterThan(0);
      if (loss >= 0.05) {
        expect(reports.reduce((a, r) => a + r.receiver.requestsSent, 0)).toBeGreaterThan(0);
        expect(reports.reduce((a, r) => a + r.sender.resends, 0)).toBeGreaterThan(0);
      }
    } finally {
      const codes = await Promise.all(all.map((p) => p.stop()));
      expect(codes).toEqual(all.map(() => 0));
    }
  });
});

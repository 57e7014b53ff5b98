/**
 * Malformed, truncated, unknown and foreign packets sent at every socket of a running system (command port,
 * stream group, replay service, discovery group) are counted and dropped: no process crashes, and the system
 * still sequences and delivers afterwards.
 */
import dgram from "node:dgram";
import { afterAll, expect, it } from "vitest";
import { ConfigDir, CoralProcess, LOAD_NODE, loopbackTransport, sleep } from "./harness.js";

const dir = new ConfigDir();
afterAll(() => dir.remove());
const BASE = 44600;

function moldHeader(session: string, sequence: number, count: number, extra = 0): Buffer {
  const b = Buffer.alloc(20 + extra);
  b.write(session.padEnd(10, " "), 0, "latin1");
  b.writeUInt32BE(0, 10);
  b.writeUInt32BE(sequence, 14);
  b.writeUInt16BE(count, 18);
  return b;
}

it("counts and drops garbage on every socket, and keeps working", async () => {
  const transport = loopbackTransport(BASE);
  const common = { statusIntervalMs: 100, statusFormat: "json", transport };
  const sequencer = new CoralProcess("sequencer", ["sequencer", "--config", dir.write("s.json", { ...common, sequencer: { accounts: ["GA"] } })]);
  const node = new CoralProcess("GA", ["node", LOAD_NODE, "--config", dir.write("n.json", { ...common, node: { account: "GA", params: { commands: 200, startAfterMs: 1500 } } })]);
  const sender = dgram.createSocket({ type: "udp4" });
  try {
    const seq = await sequencer.waitFor((s) => s.replayPorts.length === 1 && s.replayPorts[0] > 0, 10_000, "replay port");
    await node.waitFor((s) => s.active === true, 10_000, "node active");
    await new Promise<void>((r) => sender.bind(0, "127.0.0.1", () => r()));
    sender.setMulticastInterface("127.0.0.1");
    sender.setMulticastTTL(0);
    const send = (b: Buffer, port: number, address = "127.0.0.1") => new Promise<void>((r) => sender.send(b, port, address, () => r()));
    const random = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff));

    // Commands: garbage, empty, truncated header, a well-formed packet from an unknown account, a block overrun.
    const commandPort = BASE + 1;
    for (const n of [1, 7, 15, 64, 1400]) await send(random(n), commandPort);
    await send(Buffer.alloc(0), commandPort);
    const unknown = Buffer.alloc(16 + 2 + 8 + 16);
    unknown.writeUInt16LE(0x4343, 0);
    unknown[2] = 1;
    unknown.write("NOBODY", 4, "latin1");
    unknown.writeUInt16LE(1, 12);
    unknown.writeUInt16LE(1, 14);
    unknown.writeUInt16LE(8 + 16, 16);
    await send(unknown, commandPort);
    const overrun = Buffer.from(unknown);
    overrun.write("GA\0\0\0\0", 4, "latin1");
    overrun.writeUInt16LE(900, 16);
    await send(overrun, commandPort);

    // Stream: garbage, a truncated header, a block longer than the packet, a foreign (older) session, trailing bytes.
    const group = transport.streamGroup as string;
    for (const n of [3, 19, 200]) await send(random(n), BASE, group);
    const bad = moldHeader("2601010000", 1, 1, 4);
    bad.writeUInt16BE(500, 20);
    await send(bad, BASE, group);
    await send(moldHeader("0000000000", 1, 0), BASE, group);
    await send(moldHeader("0000000000", 1, 0, 3), BASE, group);

    // Replay service: garbage, and a well-formed request for a session it does not have.
    const replayPort = seq.replayPorts[0] as number;
    await send(random(33), replayPort);
    const request = Buffer.alloc(20);
    request.write("1111111111", 0, "latin1");
    request.writeUInt32BE(1, 14);
    request.writeUInt16BE(5, 18);
    await send(request, replayPort);

    // Discovery: garbage of every length around the real one.
    for (const n of [0, 15, 16, 17]) await send(random(n), BASE + 2, transport.discoveryGroup as string);

    await sleep(300);
    const s = await sequencer.waitFor((st) => st.counters.malformedPackets >= 7 && st.counters.unknownAccount >= 1, 5_000, "sequencer counted garbage");
    expect(s.replay.badRequests).toBeGreaterThanOrEqual(2);
    expect(s.udp.foreignDiscovery).toBeGreaterThanOrEqual(4);
    const n = await node.waitFor((st) => st.receiver.malformed >= 5 && st.receiver.foreignSession >= 1, 5_000, "node counted garbage");
    expect(n.udp.handlerErrors).toBe(0);
    // After all that, commands still go through, exactly once.
    const after = await node.waitFor((st) => st.app.delivered === 200 && st.app.done, 10_000, "commands after the garbage");
    expect(after.app.duplicates).toBe(0);
    expect(s.udp.handlerErrors).toBe(0);
  } finally {
    sender.close();
    const codes = [await node.stop(3000, "SIGINT"), await sequencer.stop()];
    expect(codes).toEqual([0, 0]); // SIGINT and SIGTERM both stop cleanly
    expect(node.stderr).toContain("SIGINT, stopping");
  }
  expect(sequencer.final?.status.counters.sequenced).toBe(200);
  expect(node.final?.status.app.delivered).toBe(200); // the final status printed at the stop
  expect(node.final?.status.delivered).toBe(sequencer.final?.status.sequence);
});

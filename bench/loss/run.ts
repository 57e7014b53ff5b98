/**
 * npm run bench:loss -- --json <file> [--commands 200000] [--rates 0,0.01,0.05,0.2] [--nodes 4]
 *
 * A sequencer, a replayer and 4 node processes (the coral CLI) on loopback multicast. At each loss rate every
 * process drops that share of the datagrams it receives (seeded, at the socket layer), so commands, the stream,
 * retransmit requests and repairs all lose it. The nodes send `commands` commands in all (64 bytes each) and
 * every node checks what it delivers. Writes
 *   { "runs": [ { "loss", "messages", "nodes": [ { "delivered", "missing", "duplicates", "orderHash" } ],
 *                 "retransmitRequests", "seconds", "messagesPerSecond" } ] }
 */
import { writeFileSync } from "node:fs";
import { ConfigDir, CoralProcess, LOAD_NODE, loopbackTransport, sleep } from "../../test/udp/harness.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const jsonFile = arg("json", "");
const totalCommands = Number(arg("commands", "200000"));
const rates = arg("rates", "0,0.01,0.05,0.2").split(",").map(Number);
const nodeCount = Number(arg("nodes", "4"));
const timeoutMs = Number(arg("timeout-ms", "240000"));

interface NodeResult {
  delivered: number;
  missing: number;
  duplicates: number;
  orderHash: string;
}

async function runOnce(loss: number, base: number): Promise<Record<string, unknown>> {
  const dir = new ConfigDir();
  const accounts = Array.from({ length: nodeCount }, (_, i) => `BN${i + 1}`);
  const perNode = Math.floor(totalCommands / nodeCount);
  const messages = perNode * nodeCount;
  const common = { statusIntervalMs: 200, statusFormat: "json" };
  const transport = (seed: number) => loopbackTransport(base, loss > 0 ? { loss: { receive: loss, seed } } : {});
  const sequencer = new CoralProcess("sequencer", ["sequencer", "--config", dir.write("s.json", { ...common, transport: transport(1), sequencer: { accounts } })]);
  const replayer = new CoralProcess("replayer", ["replayer", "--config", dir.write("r.json", { ...common, transport: transport(2) })]);
  await sequencer.waitFor(() => true, 20_000, "sequencer up");
  await replayer.waitFor(() => true, 20_000, "replayer up");
  const nodes = accounts.map(
    (account, i) =>
      new CoralProcess(account, ["node", LOAD_NODE, "--config", dir.write(`${account}.json`, { ...common, transport: transport(10 + i), node: { account, maxPendingCommands: 1024, params: { commands: perNode, window: 512 } } })]),
  );
  const started = Date.now();
  const done = () => nodes.every((n) => n.latest?.status.app?.delivered === messages && n.latest.status.app.done);
  while (!done() && Date.now() - started < timeoutMs) {
    if (nodes.some((n) => n.exitCode !== null)) break;
    await sleep(100);
  }
  const seconds = (Date.now() - started) / 1000;
  await sleep(300); // one more status line from everyone
  const results: NodeResult[] = nodes.map((n) => {
    const app = n.latest?.status.app ?? { delivered: 0, duplicates: 0, orderHash: "", perAccount: {} };
    const received = accounts.reduce((sum, a) => sum + Math.min(perNode, (app.perAccount?.[a] as number | undefined) ?? 0), 0);
    return { delivered: app.delivered, missing: messages - received, duplicates: app.duplicates, orderHash: app.orderHash };
  });
  const retransmitRequests =
    nodes.reduce((sum, n) => sum + (n.latest?.status.receiver?.requestsSent ?? 0), 0) + (replayer.latest?.status.receiver?.requestsSent ?? 0);
  const seq = sequencer.latest?.status;
  const detail = {
    commandResends: nodes.reduce((sum, n) => sum + (n.latest?.status.sender?.resends ?? 0), 0),
    droppedByLossInjection:
      [...nodes, replayer, sequencer].reduce((sum, p) => sum + (p.latest?.status.udp?.lossDroppedReceive ?? 0), 0),
    replayerServed: replayer.latest?.status.replay?.messagesSent ?? 0,
    sequencerServed: seq?.replay?.messagesSent ?? 0,
    rateLimited: replayer.latest?.status.counters?.rateLimited ?? 0,
  };
  await Promise.all([...nodes, replayer, sequencer].map((p) => p.stop()));
  dir.remove();
  return { loss, messages, nodes: results, retransmitRequests, seconds, messagesPerSecond: Math.round(messages / seconds), detail };
}

const runs: Record<string, unknown>[] = [];
for (let i = 0; i < rates.length; i++) {
  const run = await runOnce(rates[i]!, 45100 + i * 10);
  runs.push(run);
  const nodes = run.nodes as NodeResult[];
  console.log(
    `loss ${run.loss}: ${run.messages} messages in ${run.seconds} s (${run.messagesPerSecond}/s); ` +
      nodes.map((n) => `delivered ${n.delivered} missing ${n.missing} dup ${n.duplicates} hash ${n.orderHash}`).join(" | ") +
      `; retransmit requests ${run.retransmitRequests}; ${JSON.stringify(run.detail)}`,
  );
}
const report = { date: new Date().toISOString(), machine: `${(await import("node:os")).cpus()[0]?.model} x${(await import("node:os")).cpus().length}`, runs };
if (jsonFile !== "") writeFileSync(jsonFile, JSON.stringify(report, null, 2) + "\n");

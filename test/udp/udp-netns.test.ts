/**
 * End to end across network namespaces: the sequencer and a replayer in one namespace, two node processes in
 * another, joined by a veth pair; multicast crosses the link (TTL 1). Loss comes from nftables `numgen random`
 * drop rules on both sides (this kernel has no netem): 10% of the multicast stream leaving the sequencer's
 * namespace and 10% of the commands leaving the nodes'. Every node must still deliver every command exactly
 * once, in one order.
 *
 * Needs root, iproute2 and nftables; skipped with the reason printed otherwise. Removes what it creates.
 */
import { execFileSync } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { ConfigDir, CoralProcess, LOAD_NODE, sameStream } from "./harness.js";

const K = (process.pid % 200) + 20;
const NS_SEQ = `coral-s${process.pid}`;
const NS_NODE = `coral-n${process.pid}`;
const VETH_SEQ = `cs${process.pid}a`.slice(0, 15);
const VETH_NODE = `cs${process.pid}b`.slice(0, 15);
const SEQ_ADDRESS = `10.77.${K}.1`;
const NODE_ADDRESS = `10.77.${K}.2`;
const BASE = 44800;

function run(args: string[]): string {
  return execFileSync(args[0]!, args.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function unavailable(): string | null {
  if (process.getuid?.() !== 0) return "not root";
  for (const tool of [["ip", "-V"], ["nft", "--version"]]) {
    try {
      run(tool);
    } catch {
      return `${tool[0]} is not installed`;
    }
  }
  try {
    run(["ip", "netns", "add", NS_SEQ]);
    run(["ip", "netns", "add", NS_NODE]);
  } catch (e) {
    removeNamespaces();
    return `cannot create network namespaces: ${(e as Error).message.split("\n")[0]}`;
  }
  return null;
}

function removeNamespaces(): void {
  for (const ns of [NS_SEQ, NS_NODE]) {
    try {
      run(["ip", "netns", "del", ns]); // deleting a namespace removes its end of the veth, and so the pair
    } catch {
      // not there
    }
  }
}

const reason = unavailable();
if (reason !== null) console.log(`udp-netns: skipped: ${reason}`);
const dir = new ConfigDir();
afterAll(() => {
  removeNamespaces();
  dir.remove();
});

it.skipIf(reason !== null)("delivers exactly once across namespaces with nftables loss on both sides", async () => {
  run(["ip", "link", "add", VETH_SEQ, "type", "veth", "peer", "name", VETH_NODE]);
  run(["ip", "link", "set", VETH_SEQ, "netns", NS_SEQ]);
  run(["ip", "link", "set", VETH_NODE, "netns", NS_NODE]);
  for (const [ns, link, address] of [[NS_SEQ, VETH_SEQ, SEQ_ADDRESS], [NS_NODE, VETH_NODE, NODE_ADDRESS]] as const) {
    run(["ip", "-n", ns, "link", "set", "lo", "up"]);
    run(["ip", "-n", ns, "addr", "add", `${address}/24`, "dev", link]);
    run(["ip", "-n", ns, "link", "set", link, "up"]);
  }
  const group = `239.78.${K}.1`;
  const nft = (ns: string, rule: string) =>
    run(["ip", "netns", "exec", ns, "nft", `add table inet coral; add chain inet coral out { type filter hook output priority 0; }; add rule inet coral out ${rule} numgen random mod 100 < 10 counter drop`]);
  nft(NS_SEQ, `ip daddr ${group} udp dport ${BASE}`);
  nft(NS_NODE, `ip daddr ${SEQ_ADDRESS} udp dport ${BASE + 1}`);

  const transport = (address: string) => ({
    kind: "udp",
    interface: address,
    ttl: 1,
    streamGroup: group,
    streamPort: BASE,
    commandHost: SEQ_ADDRESS,
    commandPort: BASE + 1,
    discoveryGroup: `239.78.${K}.2`,
    discoveryPort: BASE + 2,
  });
  const common = { statusIntervalMs: 100, statusFormat: "json" };
  const inSeq = ["ip", "netns", "exec", NS_SEQ];
  const inNode = ["ip", "netns", "exec", NS_NODE];
  const accounts = ["NA", "NB"];
  const sequencer = new CoralProcess("sequencer", ["sequencer", "--config", dir.write("s.json", { ...common, transport: transport(SEQ_ADDRESS), sequencer: { accounts } })], inSeq);
  const replayer = new CoralProcess("replayer", ["replayer", "--config", dir.write("r.json", { ...common, transport: transport(SEQ_ADDRESS) })], inSeq);
  const nodes = accounts.map(
    (account) => new CoralProcess(account, ["node", LOAD_NODE, "--config", dir.write(`${account}.json`, { ...common, transport: transport(NODE_ADDRESS), node: { account, params: { commands: 500, window: 64 } } })], inNode),
  );
  const all = [...nodes, replayer, sequencer];
  try {
    for (const n of nodes) await n.waitFor((s) => s.app?.delivered === 1000 && s.app.done, 25_000, "1000 messages");
    const reports = nodes.map((n) => n.latest!.status);
    await sameStream(nodes);
    for (const r of reports) {
      expect(r.app.duplicates).toBe(0);
      expect(r.app.outOfOrder).toBe(0);
      expect(r.app.orderHash).toBe(reports[0]!.app.orderHash);
    }
    // nftables really dropped datagrams on both sides.
    for (const ns of [NS_SEQ, NS_NODE]) {
      const listing = run(["ip", "netns", "exec", ns, "nft", "list", "table", "inet", "coral"]);
      const packets = Number(/counter packets (\d+)/.exec(listing)?.[1] ?? 0);
      expect(packets, `${ns} drops`).toBeGreaterThan(0);
    }
  } finally {
    const codes = await Promise.all(all.map((p) => p.stop()));
    removeNamespaces();
    expect(codes).toEqual(all.map(() => 0));
  }
  expect(run(["ip", "netns", "list"])).not.toContain(NS_SEQ);
  expect(run(["ip", "link", "show"])).not.toContain(VETH_SEQ);
});

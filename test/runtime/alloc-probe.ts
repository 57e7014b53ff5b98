/**
 * Allocation probe for the runtime's hot paths (run by alloc.test.ts in its own process):
 *   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 --import tsx test/runtime/alloc-probe.ts <messages>
 * A sequencer and two nodes on the memory transport, one node sending a command every step and both handling
 * every message (metadata read, timestamp, account). After a warm-up, the growth of the young generation (new
 * space) over a measured run, with no GC inside it, is what the hot paths allocated: every object or boxed
 * number a message creates lands there. The smallest of three runs is reported (see window()). The other spaces are reported apart: they grow when the JIT compiles
 * again (the first time the store starts a new chunk, say), once, whatever the number of messages.
 * Prints one JSON line.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { Message, Node, type NodeOptions, SimCluster } from "../../runtime/index.js";
import { gcEntriesSettled, youngGenerationUsed } from "../young-generation.js";

class LeanNode extends Node {
  handled = 0;
  checksum = 0;
  constructor(options: NodeOptions) {
    super(options);
  }
  override handleMessage(isMine: boolean, msg: Message): void {
    this.handled++;
    this.checksum += msg.sequence + msg.timestamp.nanos + msg.instance + msg.commandNumber + (isMine ? 1 : 0) + msg.account.length + msg.length;
  }
}

const messages = Number(process.argv[2] ?? 100_000);
const cluster = new SimCluster({ seed: 1, sequencer: { accounts: ["A", "B"] } });
// Start where a real process's clock is: well beyond small integers, so the JIT sees doubles from the start
// (crossing 2^30 ns in the middle of the measurement would measure recompilation, not the hot paths).
cluster.clock.advance(10_000_000_000);
const a = cluster.add(new LeanNode(cluster.nodeOptions("A", 1, { sender: { capacity: 4096 } }))).open().activate();
const b = cluster.add(new LeanNode(cluster.nodeOptions("B"))).open().activate();
cluster.start();
while (!(a.isActive() && b.isActive())) cluster.step();

const payload = new Uint8Array(64);
new DataView(payload.buffer).setUint16(0, 56, true);
new DataView(payload.buffer).setUint16(4, 500, true);

function run(n: number): void {
  for (let i = 0; i < n; i++) {
    a.sendCommand(payload);
    cluster.step();
  }
  for (let i = 0; i < 100; i++) cluster.step();
}

run(20_000); // warm-up: JIT, every pooled slot and lazily made buffer exists now
const gc = (globalThis as { gc?: () => void }).gc!;

/**
 * One measured window of `messages` messages after a full GC. Three windows are measured and the smallest
 * growth is reported: allocation per message shows in every window, while a one-off (V8 recompiling a function
 * and its feedback, which put up to 830 KB of new space into one window in ten, with the code of the day
 * before as well as today's) shows in one.
 */
async function window(): Promise<{ handled: number; newGrowth: number; otherGrowth: number; gcs: number }> {
  gc();
  gc();
  // Observe only after the entries of those two collections were delivered.
  await gcEntriesSettled();
  let gcs = 0;
  const observer = new PerformanceObserver((list) => (gcs += list.getEntries().length));
  observer.observe({ entryTypes: ["gc"] });
  const handledBefore = b.handled;
  const before = process.memoryUsage().heapUsed;
  const newBefore = youngGenerationUsed();
  run(messages);
  const newAfter = youngGenerationUsed();
  const after = process.memoryUsage().heapUsed;
  // GC entries reach the observer asynchronously: let them arrive before counting, or a scavenge inside the run
  // (which empties the young generation, hiding what was allocated) would go unseen.
  await gcEntriesSettled();
  observer.disconnect();
  return { handled: b.handled - handledBefore, newGrowth: newAfter - newBefore, otherGrowth: after - before - (newAfter - newBefore), gcs };
}

const windows = [await window(), await window(), await window()];
const smallest = windows.reduce((x, y) => (y.newGrowth < x.newGrowth ? y : x));
process.stdout.write(
  JSON.stringify({
    messages: smallest.handled,
    newSpaceGrowthBytes: smallest.newGrowth,
    otherHeapGrowthBytes: smallest.otherGrowth,
    bytesPerMessage: smallest.newGrowth / smallest.handled,
    gcsDuringRun: windows.reduce((n, w) => n + w.gcs, 0),
    newSpaceGrowthPerWindow: windows.map((w) => w.newGrowth),
  }) + "\n",
);

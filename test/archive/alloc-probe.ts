/**
 * Allocation probe of the archive's hot paths (run by alloc.test.ts in its own process):
 *   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 --import tsx test/archive/alloc-probe.ts <messages>
 * 1. append: ArchiveWriter.append of 96-byte blocks (a 64-byte payload), a commit (write to the OS) every 200;
 * 2. read: an ArchiveCursor reading every record back from sequence 1, checksums verified.
 * After a warm-up, the smallest young-generation growth of 3 measured windows (GC before each, none inside) is
 * what the path allocated.
 * Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { ArchiveReader } from "../../runtime/archive/archive-reader.js";
import { ArchiveWriter } from "../../runtime/archive/archive-writer.js";
import { gcEntriesSettled, youngGenerationUsed } from "../young-generation.js";

const messages = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), "coral-alloc-"));
const gc = (globalThis as { gc?: () => void }).gc!;
let gcs = 0;
const observer = new PerformanceObserver((list) => (gcs += list.getEntries().length));

const block = new Uint8Array(96);
const view = new DataView(block.buffer);
view.setUint16(32, 56, true);
const writer = ArchiveWriter.create(join(dir, "s.coral"), "2611260000", { policy: "os" });
let sequence = 0;
function append(n: number): void {
  for (let i = 0; i < n; i++) {
    view.setUint32(40, ++sequence, true);
    writer.append(sequence, block, 0, 96);
    if (sequence % 200 === 0) writer.commit();
  }
  writer.commit();
}

for (let w = 0; w < 3; w++) append(50_000); // warm-up: the JIT's tiers settle before the measured runs

/**
 * Runs `fn` in `windows` measured windows (GC before each) and keeps the smallest growth of the young generation,
 * where every object a message creates lands (the young generation is 64 MB, so a window's garbage stays there
 * unless a GC runs, which is counted): a late JIT tier-up lands in one window, a per-message allocation in all.
 */
async function measure(fn: () => void, windows: number): Promise<{ growth: number; gcs: number }> {
  let best = Infinity;
  let bestGcs = 0;
  for (let w = 0; w < windows; w++) {
    gc();
    gc();
    await gcEntriesSettled();
    gcs = 0;
    observer.observe({ entryTypes: ["gc"] });
    const before = youngGenerationUsed();
    fn();
    const growth = youngGenerationUsed() - before;
    await gcEntriesSettled();
    observer.disconnect();
    if (growth < best) {
      best = growth;
      bestGcs = gcs;
    }
  }
  return { growth: best, gcs: bestGcs };
}

const appended = await measure(() => append(messages), 3);
const appendGrowth = appended.growth;
const appendGcs = appended.gcs;
writer.close();

const reader = ArchiveReader.open(join(dir, "s.coral"));
const cursor = reader.cursor();
let checksum = 0;
function read(): number {
  cursor.seek(1);
  let n = 0;
  while (cursor.next()) {
    checksum = (checksum + cursor.buffer[cursor.blockOffset + 40]! + cursor.blockLength) | 0;
    n++;
  }
  return n;
}
for (let w = 0; w < 3; w++) read(); // warm-up
let readCount = 0;
const readMeasured = await measure(() => {
  readCount = read();
}, 3);
const readGrowth = readMeasured.growth;
gcs = readMeasured.gcs;
reader.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({
    appended: messages,
    appendHeapGrowthBytes: appendGrowth,
    appendBytesPerMessage: appendGrowth / messages,
    appendGcs,
    read: readCount,
    readHeapGrowthBytes: readGrowth,
    readBytesPerMessage: readGrowth / readCount,
    readGcs: gcs,
    checksum,
  }) + "\n",
);

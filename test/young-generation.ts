/**
 * Allocation is read in V8's young generation (new space): every object, string or boxed number a hot loop
 * creates lands there first, while compiled code and old-space bookkeeping, which grow once whatever the number
 * of operations, land elsewhere. Used by the allocation probes of the tests and by bench/codec/worker.ts.
 */
import { getHeapSpaceStatistics } from "node:v8";

/** Bytes in use in the young generation now. */
export function youngGenerationUsed(): number {
  for (const space of getHeapSpaceStatistics()) if (space.space_name === "new_space") return space.space_used_size;
  throw new Error("V8 reports no new_space");
}

/** GC entries reach a PerformanceObserver asynchronously: wait for them before counting. */
export function gcEntriesSettled(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

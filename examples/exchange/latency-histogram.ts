// Round-trip times, in a histogram of fixed buckets: recording allocates
// nothing and costs a few arithmetic operations, and histograms from several
// processes add up (the demo merges its gateways'), which percentiles do not.
//
// Buckets: 1 µs wide below 1 ms, 10 µs below 10 ms, 100 µs below 100 ms,
// 1 ms below 1 s, 10 ms below 10 s, and one overflow bucket. A percentile is reported as the
// upper edge of its bucket, so it is never flattering by more than a bucket.

const FINE = 1000; // 0..999 µs, 1 µs each
const STEPS: readonly [limitUs: number, widthUs: number][] = [
  [10_000, 10],
  [100_000, 100],
  [1_000_000, 1000],
  [10_000_000, 10_000],
];
const BUCKETS = FINE + 900 + 900 + 900 + 900 + 1;

function bucketOf(us: number): number {
  if (us < FINE) return us < 0 ? 0 : Math.floor(us);
  let base = FINE;
  let lower = FINE;
  for (const [limit, width] of STEPS) {
    if (us < limit) return base + Math.floor((us - lower) / width);
    base += (limit - lower) / width;
    lower = limit;
  }
  return BUCKETS - 1;
}

/** The upper edge of bucket `b`, in µs (the overflow bucket reports 10 s). */
function upperEdgeUs(b: number): number {
  if (b < FINE) return b + 1;
  let base = FINE;
  let lower = FINE;
  for (const [limit, width] of STEPS) {
    const n = (limit - lower) / width;
    if (b < base + n) return lower + (b - base + 1) * width;
    base += n;
    lower = limit;
  }
  return 10_000_000;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;

  get count(): number {
    return this.total;
  }

  recordNs(ns: number): void {
    this.counts[bucketOf(ns / 1000)]!++;
    this.total++;
  }

  /** Adds another histogram's counts, as `toSparse()` wrote them. */
  addSparse(sparse: readonly (readonly [number, number])[]): void {
    for (const [bucket, count] of sparse) {
      if (bucket < 0 || bucket >= BUCKETS || !Number.isInteger(bucket)) continue;
      this.counts[bucket]! += count;
      this.total += count;
    }
  }

  /** The non-empty buckets as [bucket, count] pairs: compact for a JSON status line. Allocates. */
  toSparse(): [number, number][] {
    const out: [number, number][] = [];
    for (let b = 0; b < BUCKETS; b++) if (this.counts[b]! > 0) out.push([b, this.counts[b]!]);
    return out;
  }

  /** The smallest bucket edge at or below which `p` (0..1) of the samples lie, in µs; 0 when empty. */
  percentileUs(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(p * this.total));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return upperEdgeUs(b);
    }
    return upperEdgeUs(BUCKETS - 1);
  }
}

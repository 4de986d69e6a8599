/**
 * Call durations in a fixed number of log-spaced buckets (4 per power of two, from 1/16 ms to about 17 minutes):
 * percentiles within ~19 %, fixed memory whatever the traffic.
 */
const BUCKETS_PER_OCTAVE = 4;
const MIN_MS = 1 / 16;
export const HISTOGRAM_BUCKETS = 96;

/** The bucket of a duration: 0 for up to MIN_MS, then one per quarter octave. */
export function bucketOf(durationMs: number): number {
  if (!(durationMs > MIN_MS)) return 0;
  const i = Math.ceil(Math.log2(durationMs / MIN_MS) * BUCKETS_PER_OCTAVE);
  return i >= HISTOGRAM_BUCKETS ? HISTOGRAM_BUCKETS - 1 : i;
}

/** The largest duration a bucket holds, in ms. */
export function bucketUpperBound(i: number): number {
  return MIN_MS * 2 ** (i / BUCKETS_PER_OCTAVE);
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  count = 0;

  record(durationMs: number): void {
    (this.counts[bucketOf(durationMs)] as number)++;
    this.count++;
  }

  /** The upper bound of the bucket holding the q-quantile (0 < q <= 1), in ms; 0 when nothing was recorded. */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return i === 0 ? 0 : bucketUpperBound(i);
    }
    return bucketUpperBound(HISTOGRAM_BUCKETS - 1);
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
  }
}

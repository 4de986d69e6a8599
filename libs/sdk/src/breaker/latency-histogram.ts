/**
 * Call durations in a fixed number of log-spaced buckets (4 per power of two, from 1/16 ms to about 17 minutes):
 * percentiles within ~19 %, fixed memory whatever the traffic.
 */
const BUCKETS_PER_OCTAVE = 4;
const MIN_MS = 1 / 16;
const BUCKET_COUNT = 96;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  count = 0;

  record(durationMs: number): void {
    let i = 0;
    if (durationMs > MIN_MS) {
      i = Math.ceil(Math.log2(durationMs / MIN_MS) * BUCKETS_PER_OCTAVE);
      if (i >= BUCKET_COUNT) i = BUCKET_COUNT - 1;
    }
    (this.counts[i] as number)++;
    this.count++;
  }

  /** The upper bound of the bucket holding the q-quantile (0 < q <= 1), in ms; 0 when nothing was recorded. */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return i === 0 ? 0 : MIN_MS * 2 ** (i / BUCKETS_PER_OCTAVE);
    }
    return MIN_MS * 2 ** ((BUCKET_COUNT - 1) / BUCKETS_PER_OCTAVE);
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
  }
}

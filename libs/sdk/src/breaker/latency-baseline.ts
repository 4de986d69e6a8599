import { bucketOf, bucketUpperBound, HISTOGRAM_BUCKETS } from './latency-histogram.js';

export interface LatencyBaselineState {
  buckets: number[];
  weightEpoch: number | null;
  observations: number;
}

/**
 * The ADAPTIVE breaker's learned latency: the median of a time-decayed latency histogram, where an observation
 * `halfLifeMs` old weighs half as much as a new one. A median ignores a slow tail and only moves once slow calls
 * outweigh the decayed past, so a sudden slowdown is judged against the recent past (and trips the breaker)
 * long before it becomes the new normal; a lasting shift is learned within a few half-lives.
 *
 * Decay without touching every bucket: new observations weigh 2^((t - epoch) / halfLife) and the histogram is
 * rescaled when weights grow large. The median is recomputed every 16 observations (a 96-bucket scan).
 */
export class LatencyBaseline {
  private readonly buckets = new Float64Array(HISTOGRAM_BUCKETS);
  private total = 0;
  private epoch = Number.NaN;
  private cached = 0;
  private sinceRecompute = 0;
  /** Observations since the last reset (not decayed): the baseline is trusted from `minimumCalls` on. */
  observations = 0;

  constructor(
    public halfLifeMs: number,
    public minimumCalls: number,
  ) {}

  get trusted(): boolean {
    return this.observations >= this.minimumCalls;
  }

  /** The baseline in ms (0 before the first observation). */
  get valueMs(): number {
    return this.cached;
  }

  observe(nowMs: number, durationMs: number): void {
    if (Number.isNaN(this.epoch)) this.epoch = nowMs;
    let weight = 2 ** ((nowMs - this.epoch) / this.halfLifeMs);
    if (weight > 1e100) {
      this.rescale(1 / weight);
      this.epoch = nowMs;
      weight = 1;
    }
    (this.buckets[bucketOf(durationMs)] as number) += weight;
    this.total += weight;
    this.observations++;
    if (++this.sinceRecompute >= 16 || this.observations <= this.minimumCalls) this.recompute();
  }

  reset(): void {
    this.buckets.fill(0);
    this.total = this.observations = this.cached = this.sinceRecompute = 0;
    this.epoch = Number.NaN;
  }

  toJSON(): LatencyBaselineState {
    return {
      buckets: Array.from(this.buckets),
      weightEpoch: Number.isNaN(this.epoch) ? null : this.epoch,
      observations: this.observations,
    };
  }

  restore(state: LatencyBaselineState): void {
    this.buckets.set(state.buckets.slice(0, HISTOGRAM_BUCKETS));
    this.total = state.buckets.reduce((a, b) => a + b, 0);
    this.epoch = state.weightEpoch ?? Number.NaN;
    this.observations = state.observations;
    this.recompute();
  }

  private rescale(factor: number): void {
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) (this.buckets[i] as number) *= factor;
    this.total *= factor;
  }

  private recompute(): void {
    this.sinceRecompute = 0;
    const half = this.total / 2;
    let seen = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      seen += this.buckets[i] as number;
      if (seen >= half && seen > 0) {
        this.cached = bucketUpperBound(i);
        return;
      }
    }
    this.cached = 0;
  }
}

/**
 * Client-side adaptive throttling (Google SRE book, "Handling Overload"): with `requests` calls attempted and
 * `accepts` calls that went well in the window, reject locally with this probability.
 */
export function throttleProbability(requests: number, accepts: number, k: number): number {
  const p = (requests - k * accepts) / (requests + 1);
  return p > 0 ? p : 0;
}

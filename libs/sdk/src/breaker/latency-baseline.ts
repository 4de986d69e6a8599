/**
 * The ADAPTIVE breaker's learned latency: a time-decayed mean of successful call durations, where an observation
 * `halfLifeMs` old weighs half as much as a new one. Calls arriving in the same millisecond weigh the same, so
 * the baseline moves with time, not with traffic: a sudden slowdown is judged against the recent past before it
 * becomes the new normal.
 */
export class LatencyBaseline {
  private weightedSum = 0;
  private weight = 0;
  private lastAt = Number.NaN;
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
    return this.weight === 0 ? 0 : this.weightedSum / this.weight;
  }

  observe(nowMs: number, durationMs: number): void {
    const elapsed = nowMs - this.lastAt;
    if (elapsed > 0) {
      const decay = 2 ** (-elapsed / this.halfLifeMs);
      this.weightedSum *= decay;
      this.weight *= decay;
    }
    if (!(elapsed < 0)) this.lastAt = nowMs;
    this.weightedSum += durationMs;
    this.weight += 1;
    this.observations++;
  }

  reset(): void {
    this.weightedSum = this.weight = this.observations = 0;
    this.lastAt = Number.NaN;
  }

  toJSON(): { weightedSum: number; weight: number; lastAt: number | null; observations: number } {
    return {
      weightedSum: this.weightedSum,
      weight: this.weight,
      lastAt: Number.isNaN(this.lastAt) ? null : this.lastAt,
      observations: this.observations,
    };
  }

  restore(state: { weightedSum: number; weight: number; lastAt: number | null; observations: number }): void {
    this.weightedSum = state.weightedSum;
    this.weight = state.weight;
    this.lastAt = state.lastAt ?? Number.NaN;
    this.observations = state.observations;
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

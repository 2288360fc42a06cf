/** Collects latencies (ms) and answers percentiles; nearest-rank on the sorted samples. */
export interface LatencyRecorder {
  add(ms: number): void;
  readonly count: number;
  percentile(p: number): number;
  /** Adds every sample of `other`, e.g. to pool several windows. */
  absorb(other: LatencyRecorder): void;
  values(): readonly number[];
}

export function createLatencyRecorder(): LatencyRecorder {
  const samples: number[] = [];
  let sorted: Float64Array | null = null;
  return {
    add(ms) {
      samples.push(ms);
      sorted = null;
    },
    get count() {
      return samples.length;
    },
    absorb(other) {
      for (const ms of other.values()) samples.push(ms);
      sorted = null;
    },
    values: () => samples,
    percentile(p) {
      if (samples.length === 0) return Number.NaN;
      sorted ??= Float64Array.from(samples).sort();
      const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
      return sorted[rank] ?? Number.NaN;
    },
  };
}

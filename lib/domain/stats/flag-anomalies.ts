/**
 * |z| > threshold for each score. A NaN score (no spread to measure against) is not flagged.
 * The threshold must be a finite number >= 0 (RangeError otherwise).
 */
export function flagAnomalies(z: readonly number[], threshold = 3): boolean[] {
  if (!(Number.isFinite(threshold) && threshold >= 0)) {
    throw new RangeError(`flagAnomalies: threshold must be a finite number >= 0, got ${threshold}`);
  }
  return z.map((score) => Math.abs(score) > threshold);
}

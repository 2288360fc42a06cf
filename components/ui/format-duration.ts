/**
 * What is left: "3d 04h 05m 09s", "2h 05m 09s", "4m 09s", and with tenths in
 * the last minute, "59.3s". Rounds up, so "0.0s" only shows at zero. Negative counts as zero.
 */
export function formatDuration(ms: number): string {
  const left = Math.max(0, ms);
  const tenths = Math.ceil(left / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  const total = Math.ceil(left / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d}d ${pad(h)}h ${pad(m)}m ${pad(s)}s`;
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  return `${m}m ${pad(s)}s`;
}

/** The step at which formatDuration's text changes: a tenth in the last minute, a second before. */
export function displayStep(ms: number): number {
  return ms <= 60_000 ? 100 : 1000;
}

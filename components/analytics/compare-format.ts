/** How the compare view writes its statistics. */

function finite(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** A p-value as people read them: "p < 0.001", else three decimals ("p = 0.042"). */
export function formatP(p: number | null | undefined): string {
  if (!finite(p)) return "p not available";
  if (p < 0.001) return "p < 0.001";
  return `p = ${p.toFixed(3)}`;
}

/** A difference of two rates in percentage points, always signed: "+4.2 pp", "−0.8 pp". */
export function formatPoints(diff: number | null | undefined, digits = 1): string {
  if (!finite(diff)) return "–";
  const points = diff * 100;
  const text = Math.abs(points).toFixed(digits);
  // A difference that rounds to zero is not shown as "+0.0" or "−0.0".
  if (Number(text) === 0) return `0.${"0".repeat(digits)} pp`;
  return `${points > 0 ? "+" : "\u2212"}${text} pp`;
}

/** "95% CI 28.1% to 35.9%" for a rate, "95% CI −1.0 to +7.4 pp" for a difference. */
export function formatInterval(ci: [number, number] | null | undefined, kind: "rate" | "diff"): string {
  if (!ci || !finite(ci[0]) || !finite(ci[1])) return "95% CI not available";
  if (kind === "rate") return `95% CI ${(ci[0] * 100).toFixed(1)}% to ${(ci[1] * 100).toFixed(1)}%`;
  return `95% CI ${formatPoints(ci[0]).replace(" pp", "")} to ${formatPoints(ci[1])}`;
}

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

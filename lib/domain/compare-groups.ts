import { twoProportionZTest, wilsonInterval } from "./stats/index.ts";

export interface GroupCounts {
  label: string;
  applications: number;
  admitted: number;
  /** ADMITTED + REJECTED. */
  decided: number;
}

export interface ComparedGroup extends GroupCounts {
  rate: number | null;
  /** 95% Wilson interval of the rate; null with no decisions. */
  ci95: [number, number] | null;
}

export interface Comparison {
  a: ComparedGroup;
  b: ComparedGroup;
  /** rate a − rate b; null when either group has no decisions. */
  diff: number | null;
  ci95: [number, number] | null;
  z: number | null;
  p: number | null;
  alpha: number;
  significant: boolean;
  verdict: string;
  /** Set when the samples are too small for the normal approximation to be trusted. */
  warning: string | null;
}

export const ALPHA = 0.05;
/** The usual rule for the normal approximation: at least this many admitted and not admitted in each group. */
export const MIN_EACH_OUTCOME = 10;

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${(Math.abs(x) * 100).toFixed(1)} percentage points`;

function describe(group: GroupCounts): ComparedGroup {
  if (group.decided === 0) return { ...group, rate: null, ci95: null };
  const { lo, hi } = wilsonInterval(group.admitted, group.decided, 0.95);
  return { ...group, rate: group.admitted / group.decided, ci95: [lo, hi] };
}

/**
 * Compares two groups' admission rates with a two-sided two-proportion z-test
 * at α = 0.05 and says what it means in plain words.
 */
export function compareGroups(groupA: GroupCounts, groupB: GroupCounts): Comparison {
  const a = describe(groupA);
  const b = describe(groupB);
  const empty = [a, b].filter((g) => g.decided === 0).map((g) => g.label);
  if (empty.length > 0) {
    return {
      a,
      b,
      diff: null,
      ci95: null,
      z: null,
      p: null,
      alpha: ALPHA,
      significant: false,
      verdict: `No comparison: ${empty.join(" and ")} ${empty.length > 1 ? "have" : "has"} no decided applications in this selection.`,
      warning: null,
    };
  }
  const test = twoProportionZTest(a.admitted, a.decided, b.admitted, b.decided, "two-sided");
  const small = [a, b].filter((g) => Math.min(g.admitted, g.decided - g.admitted) < MIN_EACH_OUTCOME);
  const warning =
    small.length > 0
      ? `Small sample: ${small.map((g) => g.label).join(" and ")} ${small.length > 1 ? "have" : "has"} fewer than ${MIN_EACH_OUTCOME} admitted or not admitted, so the p-value and interval are rough. Widen the selection before deciding anything.`
      : null;
  const significant = Number.isFinite(test.p) && test.p < ALPHA;
  const direction = test.diff > 0 ? "higher" : "lower";
  const verdict = !Number.isFinite(test.p)
    ? "No test possible: both groups admitted everyone, or no one."
    : significant
      ? `${a.label} admits ${points(test.diff)} ${direction} than ${b.label} (${percent(a.rate ?? 0)} vs ${percent(b.rate ?? 0)}). A difference this large is unlikely to be chance (p ${formatP(test.p)} < ${ALPHA}).`
      : `No clear difference: ${a.label} ${percent(a.rate ?? 0)} vs ${b.label} ${percent(b.rate ?? 0)}. A gap of ${points(test.diff)} could well be chance (p ${formatP(test.p)} ≥ ${ALPHA}).`;
  return { a, b, diff: test.diff, ci95: test.ci95, z: test.z, p: test.p, alpha: ALPHA, significant, verdict, warning };
}

/** "= 0.0123", or "< 0.0001" for the tiny ones: read after a "p". */
function formatP(p: number): string {
  return p < 0.0001 ? "< 0.0001" : `= ${p.toFixed(4)}`;
}

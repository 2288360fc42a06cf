/**
 * Invalid arguments are caller bugs (the API validates its input first), so the
 * stats functions throw a RangeError naming the function and the argument,
 * rather than returning NaN that would surface far from the cause.
 */

import type { Alternative } from "./p-value.ts";

export function assertFiniteValues(fn: string, name: string, values: readonly number[], minLength = 0): void {
  if (values.length < minLength) {
    throw new RangeError(`${fn}: ${name} needs at least ${minLength} values, got ${values.length}`);
  }
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${fn}: ${name}[${bad}] is ${values[bad]}, not a finite number`);
}

/** x successes out of n trials: integers with 0 <= x <= n and n >= 1. */
export function assertCounts(fn: string, x: number, n: number, xName = "x", nName = "n"): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: ${nName} must be an integer >= 1, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) {
    throw new RangeError(`${fn}: ${xName} must be an integer in [0, ${nName}=${n}], got ${x}`);
  }
}

const ALTERNATIVES: readonly string[] = ["two-sided", "less", "greater"] satisfies Alternative[];

export function assertAlternative(fn: string, alternative: Alternative): void {
  if (!ALTERNATIVES.includes(alternative)) {
    throw new RangeError(`${fn}: alternative must be "two-sided", "less" or "greater", got ${String(alternative)}`);
  }
}

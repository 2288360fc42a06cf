/**
 * The duration report both test runners print (server/testing/duration-reporter.ts for
 * Vitest, e2e/fixtures/duration-reporter.ts for Playwright): every timed test or hook,
 * slowest first, then the ones over half their timeout. It lists; it never fails a
 * run, because a test should fail only at its timeout, and half is the margin a
 * noisy, shared 2-core CI machine needs before it gets there.
 */

/** A test, or a hook that runs under a timeout of its own. */
export interface TimedEntry {
  name: string;
  /** Undefined when the runner recorded none (skipped, or never finished). */
  durationMs: number | undefined;
  /** 0 or undefined when nothing limits it. */
  timeoutMs: number | undefined;
  /** Why it has no duration, shown in its place ("skipped"). */
  note?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function isOverHalf(entry: TimedEntry): boolean {
  return entry.durationMs !== undefined && Boolean(entry.timeoutMs) && entry.durationMs > (entry.timeoutMs ?? 0) / 2;
}

/** The report as lines: "<what> durations (slowest first)", one line per entry, then the over-half section. */
export function durationReport(what: string, entries: readonly TimedEntry[]): string[] {
  const timed = entries
    .filter((e) => e.durationMs !== undefined)
    .sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0));
  const untimed = entries.filter((e) => e.durationMs === undefined);
  const limit = (e: TimedEntry) => (e.timeoutMs ? seconds(e.timeoutMs) : "none");
  const lines = [`${what} durations (slowest first; duration / timeout):`];
  for (const e of timed) lines.push(`  ${seconds(e.durationMs ?? 0).padStart(8)} / ${limit(e).padEnd(7)} ${e.name}`);
  for (const e of untimed) lines.push(`  ${(e.note ?? "no time").padStart(8)}             ${e.name}`);

  const over = timed.filter(isOverHalf);
  if (over.length === 0) {
    lines.push(`${what} tests over half their timeout: none`);
  } else {
    lines.push(`${what} tests over half their timeout (${over.length}):`);
    for (const e of over) lines.push(`  ${e.name}: ${seconds(e.durationMs ?? 0)} of ${limit(e)}`);
  }
  return lines;
}

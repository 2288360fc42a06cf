import { bucketLabel, nextBucketStart, startOfBucket } from "./time-buckets.ts";

/**
 * The instant local date `date` (YYYY-MM-DD) starts in `tz`: its local
 * midnight, or the first instant of the day where DST skips midnight. Noon UTC
 * of the date lies on the date itself or a neighbour in every zone (offsets
 * run from −12 to +14 hours), so at most one step corrects it.
 */
export function localDateStart(date: string, tz: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const start = startOfBucket(Date.UTC(y, m - 1, d, 12), "day", tz, "monday");
  const label = bucketLabel(start, "day", tz, "monday");
  if (label === date) return start;
  return label < date ? nextBucketStart(start, "day", tz, "monday") : startOfBucket(start - 1, "day", tz, "monday");
}

/** The local date (YYYY-MM-DD) in `tz` at instant `ms`. */
export function localDateOf(ms: number, tz: string): string {
  return bucketLabel(ms, "day", tz, "monday");
}

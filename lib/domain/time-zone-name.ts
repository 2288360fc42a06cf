/**
 * Time-zone names as Intl resolves them. Zone names are user input, so one
 * zone has many spellings ("Asia/Calcutta", "asia/kolkata"): the canonical
 * name is what to compare or key a cache by.
 */

const canonicalNames = new Map<string, string | null>();
/** Spellings remembered at most; the cache is emptied past it, as it holds user input. */
const MAX_SPELLINGS = 1000;

/** The name Intl resolves `tz` to ("asia/calcutta" -> "Asia/Kolkata"), or null for a zone it does not know. */
export function canonicalTimeZone(tz: string): string | null {
  let canonical = canonicalNames.get(tz);
  if (canonical === undefined) {
    try {
      canonical = new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      canonical = null;
    }
    if (canonicalNames.size > MAX_SPELLINGS) canonicalNames.clear();
    canonicalNames.set(tz, canonical);
  }
  return canonical;
}

/** Two spellings of one IANA zone ("Asia/Calcutta", "asia/kolkata") have the same local days. */
export function sameTimeZone(a: string, b: string): boolean {
  if (a === b) return true;
  const canonical = canonicalTimeZone(a);
  return canonical !== null && canonical === canonicalTimeZone(b);
}

/** True when `tz` is a time zone this runtime's Intl knows (IANA names, any letter case). */
export function isValidTimeZone(tz: string): boolean {
  return tz !== "" && canonicalTimeZone(tz) !== null;
}

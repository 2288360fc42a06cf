/**
 * `<input type="datetime-local">` values ("2026-11-22T14:05") read and written
 * as the wall clock of a named time zone rather than the browser's, so an
 * admin sets a round's times in the round's own zone wherever they sit.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      return null;
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** True when this browser knows `timeZone` (an IANA name). */
export function knowsTimeZone(timeZone: string): boolean {
  return timeZone.trim() !== "" && wallFormat(timeZone) !== null;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallOf(ms: number, format: Intl.DateTimeFormat): Wall {
  const parts = format.formatToParts(ms);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: field("year"),
    month: field("month"),
    day: field("day"),
    // Some engines print midnight as 24.
    hour: field("hour") % 24,
    minute: field("minute"),
    second: field("second"),
  };
}

/** The zone's offset from UTC at `ms`, in milliseconds (whole seconds). */
function offsetAt(ms: number, format: Intl.DateTimeFormat): number {
  const w = wallOf(ms, format);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2026-11-22T14:05": the instant as the wall clock in `timeZone` shows it (UTC for a zone the browser does not know). */
export function toZonedInput(ms: number, timeZone: string): string {
  const format = wallFormat(timeZone) ?? (wallFormat("UTC") as Intl.DateTimeFormat);
  const w = wallOf(ms, format);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant at which the wall clock in `timeZone` reads `value`, or null when
 * `value` is not a date and time. A wall time the zone repeats (clocks going
 * back) is its first instant; one the zone skips (clocks going forward) is
 * read with the offset from before the change, landing just after the gap.
 * A zone the browser does not know is read as UTC (the server names the zone).
 */
export function fromZonedInput(value: string, timeZone: string): number | null {
  const m = INPUT.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // Date.UTC rolls 31 February over into March: that is not a date.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  const format = wallFormat(timeZone);
  if (!format) return wall;
  // No zone is more than a day off UTC, so the offsets a day either side bracket any change near `wall`.
  const before = offsetAt(wall - 86_400_000, format);
  const after = offsetAt(wall + 86_400_000, format);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => t + offsetAt(t, format) === wall)
    .sort((a, b) => a - b);
  return candidates[0] ?? wall - before;
}

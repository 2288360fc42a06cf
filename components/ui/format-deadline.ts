const formats = new Map<string, Intl.DateTimeFormat>();

const DEADLINE: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};

const INSTANT: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
};

/** One cached formatter per style and zone; a zone this runtime does not know shows UTC rather than failing the page. */
function formatIn(style: "deadline" | "instant", ms: number, timeZone: string): string {
  const key = `${style} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    const options = style === "deadline" ? DEADLINE : INSTANT;
    try {
      format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
    }
    formats.set(key, format);
  }
  return format.format(ms);
}

/** A moment as the round's own time zone shows it, e.g. "Sat 22 Nov 2026, 14:05 CET". */
export function formatDeadline(ms: number, timeZone: string): string {
  return formatIn("deadline", ms, timeZone);
}

/** A moment to the second in `timeZone`, e.g. "22 Nov 2026, 14:05:09 CET" (audit entries, holds). */
export function formatInstant(ms: number, timeZone: string): string {
  return formatIn("instant", ms, timeZone);
}

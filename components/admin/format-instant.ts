const formats = new Map<string, Intl.DateTimeFormat>();

/** A moment to the second in `timeZone`, e.g. "22 Nov 2026, 14:05:09 CET" (UTC for a zone this runtime lacks). */
export function formatInstant(ms: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    };
    try {
      format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
    }
    formats.set(timeZone, format);
  }
  return format.format(ms);
}

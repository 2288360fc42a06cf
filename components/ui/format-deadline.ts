const formats = new Map<string, Intl.DateTimeFormat>();

/** A moment as the round's own time zone shows it, e.g. "Sat 22 Nov 2026, 14:05 CET". */
export function formatDeadline(ms: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    };
    try {
      format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
    } catch {
      // A zone this runtime does not know: show UTC rather than fail the page.
      format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
    }
    formats.set(timeZone, format);
  }
  return format.format(ms);
}

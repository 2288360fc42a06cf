import { describe, expect, it } from "vitest";
import { fromZonedInput, knowsTimeZone, toZonedInput } from "./zoned-time";

describe("zoned datetime inputs", () => {
  it("reads and writes the wall clock of the named zone, not the browser's", () => {
    const ms = Date.UTC(2026, 10, 22, 13, 5);
    expect(toZonedInput(ms, "Europe/Berlin")).toBe("2026-11-22T14:05");
    expect(toZonedInput(ms, "America/New_York")).toBe("2026-11-22T08:05");
    expect(fromZonedInput("2026-11-22T14:05", "Europe/Berlin")).toBe(ms);
    expect(fromZonedInput("2026-11-22T08:05", "America/New_York")).toBe(ms);
    expect(fromZonedInput("2026-11-22T18:35", "Asia/Kolkata")).toBe(ms);
  });

  it("round-trips every half hour across a year in a zone with DST", () => {
    const start = Date.UTC(2026, 0, 1);
    for (let t = start; t < start + 366 * 86_400_000; t += 30 * 60_000) {
      const text = toZonedInput(t, "Europe/Berlin");
      const back = fromZonedInput(text, "Europe/Berlin");
      // A repeated wall time reads as its first instant.
      expect(back === t || back === t - 3_600_000).toBe(true);
    }
  });

  it("lands just after a skipped wall time and on the first of a repeated one", () => {
    // Berlin skips 02:00–03:00 on 29 March 2026 and repeats 02:00–03:00 on 25 October 2026.
    expect(fromZonedInput("2026-03-29T02:30", "Europe/Berlin")).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(fromZonedInput("2026-10-25T02:30", "Europe/Berlin")).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it("refuses what is not a date and time, and reads an unknown zone as UTC", () => {
    expect(fromZonedInput("", "UTC")).toBeNull();
    expect(fromZonedInput("2026-02-31T10:00", "UTC")).toBeNull();
    expect(fromZonedInput("tomorrow", "UTC")).toBeNull();
    expect(fromZonedInput("2026-11-22T14:05", "Mars/Olympus_Mons")).toBe(Date.UTC(2026, 10, 22, 14, 5));
    expect(knowsTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(knowsTimeZone("Europe/Berlin")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { localDateOf, localDateStart } from "./local-date.ts";

describe("localDateStart", () => {
  it("is local midnight in zones east and west of UTC, and far east of it", () => {
    expect(localDateStart("2026-03-01", "Europe/Berlin")).toBe(Date.UTC(2026, 1, 28, 23));
    expect(localDateStart("2026-03-01", "America/Los_Angeles")).toBe(Date.UTC(2026, 2, 1, 8));
    expect(localDateStart("2026-03-01", "Pacific/Kiritimati")).toBe(Date.UTC(2026, 1, 28, 10));
    expect(localDateStart("2026-03-01", "Pacific/Pago_Pago")).toBe(Date.UTC(2026, 2, 1, 11));
    expect(localDateStart("2026-12-31", "UTC")).toBe(Date.UTC(2026, 11, 31));
  });

  it("starts a day whose midnight DST skips at its first instant (Santiago, 2026-09-06 starts at 01:00)", () => {
    const start = localDateStart("2026-09-06", "America/Santiago");
    expect(localDateOf(start, "America/Santiago")).toBe("2026-09-06");
    expect(localDateOf(start - 1, "America/Santiago")).toBe("2026-09-05");
  });

  it("round-trips with localDateOf across a year in Berlin", () => {
    for (let day = 0; day < 366; day++) {
      const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
      const start = localDateStart(date, "Europe/Berlin");
      expect(localDateOf(start, "Europe/Berlin")).toBe(date);
      expect(localDateOf(start - 1, "Europe/Berlin")).not.toBe(date);
    }
  });
});

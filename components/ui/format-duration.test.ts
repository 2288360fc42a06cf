import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it("shows days, hours, minutes and seconds", () => {
    expect(formatDuration(((3 * 24 + 4) * 3600 + 5 * 60 + 9) * 1000)).toBe("3d 04h 05m 09s");
    expect(formatDuration((2 * 3600 + 5 * 60 + 9) * 1000)).toBe("2h 05m 09s");
    expect(formatDuration((4 * 60 + 9) * 1000)).toBe("4m 09s");
  });

  it("shows tenths in the last minute and rounds up", () => {
    expect(formatDuration(60_000)).toBe("1m 00s");
    expect(formatDuration(59_950)).toBe("1m 00s");
    expect(formatDuration(59_900)).toBe("59.9s");
    expect(formatDuration(12_301)).toBe("12.4s");
    expect(formatDuration(1)).toBe("0.1s");
  });

  it("counts negative time as zero", () => {
    expect(formatDuration(0)).toBe("0.0s");
    expect(formatDuration(-5_000)).toBe("0.0s");
  });
});

import { describe, expect, it } from "vitest";
import { zoneOffsets } from "./zone-offsets.ts";

const HOUR = 3_600_000;

describe("zoneOffsets", () => {
  it("gives Berlin's offset on both sides of its spring-forward change", () => {
    const berlin = zoneOffsets("Europe/Berlin");
    expect(berlin.offsetAt(Date.parse("2026-03-29T00:59:59Z"))).toBe(HOUR);
    expect(berlin.offsetAt(Date.parse("2026-03-29T01:00:00Z"))).toBe(2 * HOUR);
    expect(berlin.segmentAt(Date.parse("2026-03-29T01:00:00Z")).start).toBe(Date.parse("2026-03-29T01:00:00Z"));
  });

  it("shares one table between the spellings of a zone and refuses an unknown one", () => {
    expect(zoneOffsets("europe/berlin")).toBe(zoneOffsets("Europe/Berlin"));
    expect(() => zoneOffsets("Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { canonicalTimeZone, isValidTimeZone, sameTimeZone } from "./time-zone-name.ts";

describe("isValidTimeZone", () => {
  it("accepts IANA zones and rejects unknown or empty names", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Asia/Kathmandu")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("Europe/Berlin ")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("canonicalTimeZone", () => {
  it("resolves any spelling of a zone to one name, and an unknown zone to null", () => {
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("Asia/Calcutta")).toBe(canonicalTimeZone("asia/kolkata"));
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
  });

  it("takes two spellings of one zone for the same zone, and two unknown names for different ones", () => {
    expect(sameTimeZone("Asia/Calcutta", "asia/kolkata")).toBe(true);
    expect(sameTimeZone("Europe/Berlin", "Europe/Paris")).toBe(false);
    expect(sameTimeZone("Mars/A", "Mars/B")).toBe(false);
  });
});

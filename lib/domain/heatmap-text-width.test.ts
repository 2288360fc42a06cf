import { describe, expect, it } from "vitest";
import { labelStep } from "./heatmap-text-width.ts";

describe("labelStep", () => {
  it("picks nice label steps per granularity", () => {
    expect(labelStep("day", 10, 60)).toBe(7);
    expect(labelStep("month", 20, 50)).toBe(3);
    expect(labelStep("week", 1, 70)).toBe(104);
  });
});

import { describe, expect, it } from "vitest";
import { gridLayout, seatLabel } from "./seat-layout.ts";

describe("seatLabel", () => {
  it.each([
    [0, 0, "A1"],
    [1, 2, "B3"],
    [25, 0, "Z1"],
    [26, 0, "AA1"],
    [27, 1, "AB2"],
    [51, 9, "AZ10"],
    [52, 0, "BA1"],
    [701, 0, "ZZ1"],
    [702, 0, "AAA1"],
  ])("labels row %i, column %i as %s", (row, col, label) => {
    expect(seatLabel(row, col)).toBe(label);
  });
});

describe("gridLayout", () => {
  it("lays out rows x cols seats in row-major order", () => {
    expect(gridLayout(2, 3)).toEqual([
      { row: 0, col: 0, label: "A1" },
      { row: 0, col: 1, label: "A2" },
      { row: 0, col: 2, label: "A3" },
      { row: 1, col: 0, label: "B1" },
      { row: 1, col: 1, label: "B2" },
      { row: 1, col: 2, label: "B3" },
    ]);
  });

  it("gives every seat of a large grid a unique label", () => {
    const seats = gridLayout(60, 40);
    expect(seats).toHaveLength(2400);
    expect(new Set(seats.map((s) => s.label)).size).toBe(2400);
    expect(seats.at(-1)).toEqual({ row: 59, col: 39, label: "BH40" });
  });

  it("gives no seats when a dimension is zero", () => {
    expect(gridLayout(0, 5)).toEqual([]);
    expect(gridLayout(5, 0)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { clusterWarning } from "./cluster-warning.ts";

describe("clusterWarning", () => {
  it("warns on PostgreSQL without REDIS_URL, saying what watchers miss and what to set", () => {
    const warning = clusterWarning("postgresql://db.example/intake", undefined);
    expect(warning).toMatch(/without REDIS_URL/);
    expect(warning).toMatch(/watchers see only the changes that instance committed/);
    expect(clusterWarning("postgres://db.example/intake", undefined)).toBe(warning);
  });

  it("says nothing with REDIS_URL, or on SQLite, where one process serves", () => {
    expect(clusterWarning("postgresql://db.example/intake", "redis://127.0.0.1:6379")).toBeNull();
    expect(clusterWarning("file:./data/intake.db", undefined)).toBeNull();
  });
});

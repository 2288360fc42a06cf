import { describe, expect, it } from "vitest";
import { durationReport } from "./duration-report.ts";

describe("durationReport", () => {
  it("lists every entry slowest first and says none is over half when none is", () => {
    const lines = durationReport("Vitest", [
      { name: "fast", durationMs: 200, timeoutMs: 60_000 },
      { name: "slow", durationMs: 29_000, timeoutMs: 60_000 },
    ]);
    expect(lines[0]).toMatch(/^Vitest durations/);
    expect(lines[1]).toMatch(/29\.0 s \/ 60\.0 s\s+slow$/);
    expect(lines[2]).toMatch(/0\.2 s \/ 60\.0 s\s+fast$/);
    expect(lines.at(-1)).toBe("Vitest tests over half their timeout: none");
  });

  it("names each test over half its timeout with its duration and timeout", () => {
    const lines = durationReport("Playwright", [
      { name: "axe", durationMs: 30_500, timeoutMs: 30_000 },
      { name: "half exactly", durationMs: 15_000, timeoutMs: 30_000 },
      { name: "own timeout", durationMs: 40_000, timeoutMs: 90_000 },
    ]);
    const section = lines.slice(lines.indexOf("Playwright tests over half their timeout (1):"));
    expect(section).toEqual(["Playwright tests over half their timeout (1):", "  axe: 30.5 s of 30.0 s"]);
  });

  it("shows skipped and unfinished tests without a time, and never counts them or untimed ones as over", () => {
    const lines = durationReport("Vitest", [
      { name: "skipped", durationMs: undefined, timeoutMs: 60_000, note: "skipped" },
      { name: "unfinished", durationMs: undefined, timeoutMs: 60_000 },
      { name: "no limit", durationMs: 90_000, timeoutMs: 0 },
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/skipped\s+skipped$/));
    expect(lines).toContainEqual(expect.stringMatching(/no time\s+unfinished$/));
    expect(lines).toContainEqual(expect.stringMatching(/90\.0 s \/ none\s+no limit$/));
    expect(lines.at(-1)).toBe("Vitest tests over half their timeout: none");
  });
});

import type { ReportedHookContext, Reporter, TestCase, TestModule, TestSuite, Vitest } from "vitest/node";
import { durationReport, type TimedEntry } from "./duration-report.ts";

/**
 * Prints every test's duration and the tests over half their timeout at the end of a
 * Vitest run (beside the default reporter; it never fails the run).
 *
 * A test's duration includes its beforeEach and afterEach hooks (the runner times
 * them together), so it is measured against testTimeout conservatively.
 * beforeAll/afterAll run under hookTimeout of their own: the runner records no
 * time for them, so they are timed here between their start and end events, which
 * workers send at most every 100 ms; exact enough to spot a hook near its limit.
 */
export default class DurationReporter implements Reporter {
  private hookTimeoutMs = 0;
  private readonly hookStarts = new Map<string, number>();
  private readonly hooks: TimedEntry[] = [];
  private log: (line: string) => void = (line) => process.stdout.write(`${line}\n`);

  onInit(vitest: Vitest): void {
    this.hookTimeoutMs = vitest.config.hookTimeout;
    this.log = (line) => vitest.logger.log(line);
  }

  onHookStart(hook: ReportedHookContext): void {
    if (hook.name === "beforeAll" || hook.name === "afterAll") this.hookStarts.set(hookKey(hook), performance.now());
  }

  onHookEnd(hook: ReportedHookContext): void {
    if (hook.name !== "beforeAll" && hook.name !== "afterAll") return;
    const started = this.hookStarts.get(hookKey(hook));
    this.hookStarts.delete(hookKey(hook));
    this.hooks.push({
      name: `${placeOf(hook.entity)} > ${hook.name}`,
      durationMs: started === undefined ? undefined : performance.now() - started,
      timeoutMs: this.hookTimeoutMs,
    });
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const tests = testModules.flatMap((m) => [...m.children.allTests()].map(testEntry));
    this.log("");
    for (const line of durationReport("Vitest", [...tests, ...this.hooks])) this.log(line);
    this.hooks.length = 0;
  }
}

function testEntry(test: TestCase): TimedEntry {
  const state = test.result().state;
  return {
    name: `${test.module.relativeModuleId} > ${test.fullName}`,
    // No diagnostic for a test that never ran (skipped, or the run was interrupted).
    durationMs: state === "skipped" ? undefined : test.diagnostic()?.duration,
    timeoutMs: test.options.timeout,
    note: state === "skipped" ? "skipped" : undefined,
  };
}

const placeOf = (entity: TestSuite | TestModule) =>
  entity.type === "module" ? entity.relativeModuleId : `${entity.module.relativeModuleId} > ${entity.fullName}`;

const hookKey = (hook: ReportedHookContext) => `${hook.name}:${hook.entity.id}`;

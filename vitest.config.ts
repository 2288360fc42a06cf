import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "lib/**/*.test.ts",
      "scripts/**/*.test.ts",
      "server/**/*.test.ts",
      "components/**/*.test.ts",
      "biome/**/*.test.ts",
    ],
    globalSetup: ["server/testing/global-setup.ts"],
    pool: "forks",
    // Beside the usual output: every test's duration and those over half their timeout.
    reporters: ["default", "./server/testing/duration-reporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: "silent", SEED_HISTORY_SIZE: "2000" },
  },
});

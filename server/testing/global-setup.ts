import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../migrate.ts";

/**
 * Migrates one template database per run; each test copies it (a real SQLite
 * file, no mocks) into a folder under this run's temp folder, removed at the end.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-test-"));
  const template = path.join(dir, "template.db");
  await migrateDatabase(`file:${template}`);
  project.provide("templateDb", template);
  project.provide("testTmpDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    testTmpDir: string;
  }
}

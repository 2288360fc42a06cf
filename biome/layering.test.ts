import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const LAYERING_RULES = ["lint/style/noRestrictedImports", "lint/correctness/noNodejsModules", "plugin"];

/** One file per import, so each verdict is that import's alone. */
const probes: Record<string, { source: string; allowed: boolean }> = {};
function probe(file: string, line: string, allowed: boolean) {
  probes[file] = { source: `${line}\n\nexport const used = [probe];\n`, allowed };
}

const domainForbidden = [
  'import * as probe from "node:fs";',
  'import * as probe from "fs";',
  'import * as probe from "@prisma/client";',
  'import * as probe from "../db/create-db.ts";',
  'import * as probe from "@/lib/db/create-db";',
  'import * as probe from "react";',
  'import * as probe from "next/server";',
  'import * as probe from "socket.io";',
  'import * as probe from "socket.io-client";',
  'import * as probe from "../../server/create-app.ts";',
  'import * as probe from "../server-only/session.ts";',
  'import * as probe from "@/lib/server-only/admin-auth";',
];
const domainAllowed = [
  'import * as probe from "d3-scale";',
  'import * as probe from "../errors.ts";',
  'import * as probe from "./heatmap-data.ts";',
];
for (const [i, line] of domainForbidden.entries()) probe(`lib/domain/forbidden-${i}.ts`, line, false);
for (const [i, line] of domainAllowed.entries()) probe(`lib/domain/allowed-${i}.ts`, line, true);
probe("lib/db/forbidden-server.test.ts", 'import * as probe from "../../server/testing/test-app.ts";', false);
probe("lib/db/allowed-testing.test.ts", 'import * as probe from "./testing/test-db.ts";', true);
probe("lib/db/allowed-prisma.ts", 'import * as probe from "@prisma/client";', true);
probe("lib/db/forbidden-server-root.ts", 'import * as probe from "@/server/create-app";', false);
probe("lib/forbidden-server.ts", 'import * as probe from "../server/create-app.ts";', false);
probe("lib/allowed-next-server.ts", 'import * as probe from "next/server";', true);
probe("lib/db/allowed-sibling-folder.ts", 'import * as probe from "../server-only/session.ts";', true);
probe(
  "components/board/forbidden-value.tsx",
  'import { getRoundView as probe } from "@/lib/db/get-round-view";',
  false,
);
probe(
  "components/board/forbidden-inline-type.ts",
  'import { type RoundSummary as probe } from "@/lib/db/list-rounds";',
  false,
);
probe("components/board/forbidden-relative.ts", 'import * as probe from "../../lib/db/create-db.ts";', false);
probe("components/board/forbidden-dynamic.ts", 'const probe = await import("@/lib/db/create-db");', false);
probe("components/board/forbidden-server-only.ts", 'import * as probe from "@/lib/server-only/session";', false);
probe(
  "components/board/forbidden-server-only-relative.ts",
  'import * as probe from "../../lib/server-only/http.ts";',
  false,
);
probe("components/board/forbidden-server.ts", 'import * as probe from "@/server/create-app";', false);
probe("components/board/allowed-type.ts", 'import type { RoundSummary as probe } from "@/lib/db/list-rounds";', true);
probe("components/board/allowed-domain.ts", 'import * as probe from "@/lib/domain/seat-rules";', true);

let dir: string;
let flagged: Map<string, string[]>;

beforeAll(() => {
  // The repository's own biome.json and plugins, linting probe files laid out like the tree.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-layering-"));
  fs.copyFileSync(path.join(root, "biome.json"), path.join(dir, "biome.json"));
  fs.cpSync(path.join(root, "biome"), path.join(dir, "biome"), { recursive: true });
  for (const [file, { source }] of Object.entries(probes)) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  const biome = path.join(root, "node_modules", ".bin", "biome");
  const run = spawnSync(biome, ["lint", "--vcs-enabled=false", "--reporter=json", ...Object.keys(probes)], {
    cwd: dir,
    encoding: "utf8",
  });
  const report = JSON.parse(run.stdout) as { diagnostics: { category: string; location: { path: string } }[] };
  flagged = new Map();
  for (const d of report.diagnostics) {
    if (!LAYERING_RULES.includes(d.category)) continue;
    flagged.set(d.location.path, [...(flagged.get(d.location.path) ?? []), d.category]);
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("biome.json enforces the layers", () => {
  it.each(Object.entries(probes).filter(([, p]) => !p.allowed))("refuses %s", (file) => {
    expect(flagged.get(file) ?? []).not.toEqual([]);
  });

  it.each(Object.entries(probes).filter(([, p]) => p.allowed))("lets %s through", (file) => {
    expect(flagged.get(file) ?? []).toEqual([]);
  });
});

/**
 * The JavaScript a browser downloads for /rounds/[id], gzipped, from the
 * production build in .next (run `npx next build` first):
 *
 *   npx tsx scripts/measure-round-bundle.ts [--budget-kb 200]
 *
 * It counts the root chunks every App Router page loads (Next's runtime and
 * React, from build-manifest.json) plus the route's own entry chunks (its
 * layout and page, from the route's client reference manifest), each file
 * once. Legacy polyfills (served only to browsers without ES modules) are left
 * out. Exits 1 when the total is over the budget.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const ROUTE = "/rounds/[id]/page";
const budgetArg = process.argv.indexOf("--budget-kb");
const budgetKb = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 200;
const dist = path.resolve(".next");

const buildManifest = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
};
// The client reference manifest is a script that assigns to globalThis.__RSC_MANIFEST.
const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } =
  {};
sandbox.globalThis = sandbox;
vm.runInNewContext(
  fs.readFileSync(path.join(dist, "server/app", `${ROUTE}_client-reference-manifest.js`), "utf8"),
  sandbox,
);
const entries = sandbox.__RSC_MANIFEST?.[ROUTE]?.entryJSFiles;
if (!entries) throw new Error(`No client entry files for ${ROUTE} in ${dist}`);

const files = new Set([...buildManifest.rootMainFiles, ...Object.values(entries).flat()]);
let raw = 0;
let gzipped = 0;
const rows: string[] = [];
for (const file of [...files].sort()) {
  const bytes = fs.readFileSync(path.join(dist, file));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += zipped;
  rows.push(`${(zipped / 1024).toFixed(1).padStart(8)} KB  ${file}`);
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(`${rows.join("\n")}\n`);
process.stdout.write(`${files.size} files: ${kb(raw)} raw, ${kb(gzipped)} gzipped (budget ${budgetKb} KB gzipped)\n`);
if (gzipped > budgetKb * 1024) {
  console.error(`Over budget by ${kb(gzipped - budgetKb * 1024)}`);
  process.exitCode = 1;
}

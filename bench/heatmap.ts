/**
 * bench/heatmap: time from HeatmapData in hand to the painted frame of an
 * N-cell admission heatmap in headless Chromium, for the SVG renderer, the
 * canvas renderer and a naive canvas baseline (one fillStyle + fillRect per
 * cell) measured in the same run, plus an empty div of the chart's size (the
 * frame's fixed cost). It recommends HEATMAP_SVG_MAX_CELLS: the largest N at
 * which SVG stays within 1.5× of the canvas.
 *
 *   npx tsx bench/heatmap.ts [--reps 5] [--sizes 500,2000,...] [--dpr 1] [--json out.json]
 *
 * The harness (bench/heatmap/harness.tsx) renders the real components
 * (HeatmapSvg, HeatmapCanvas) with React, bundled by esbuild and injected
 * into a blank page: no server. How a run is timed is described there. Kinds
 * rotate within each repetition so that drift in a shared machine's load
 * falls on all of them; figures are medians.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/fixtures/chromium.ts";
import { HEATMAP_SVG_MAX_CELLS } from "../lib/domain/heatmap-layout.ts";
import type { Kind, RunResult } from "./heatmap/harness.tsx";
import { gridShape } from "./heatmap/synthetic-data.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const REQUIRED_SIZES = [500, 2000, 20_000, 100_000];
const SVG_WITHIN = 1.5;
const TARGETS: { n: number; maxCanvasOverNaive: number }[] = [
  { n: 100_000, maxCanvasOverNaive: 0.5 },
  { n: 20_000, maxCanvasOverNaive: 1.0 },
];

const { values: flags } = parseArgs({
  options: {
    reps: { type: "string", default: "5" },
    sizes: { type: "string", default: "500,1000,2000,3000,5000,10000,20000,100000" },
    dpr: { type: "string", default: "1" },
    json: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (flags.help) {
  process.stdout.write(`Usage: npx tsx bench/heatmap.ts [options]
  --reps N        measured repetitions per size and kind (1..50, default 5); the median is reported
  --sizes LIST    cell counts, comma-separated (default 500,1000,2000,3000,5000,10000,20000,100000)
  --dpr R         deviceScaleFactor of the page (default 1)
  --json FILE     also write every sample as JSON
`);
  process.exit(0);
}

const reps = Math.min(50, Math.max(1, Number(flags.reps)));
const sizes = [...new Set([...flags.sizes.split(",").map(Number), ...REQUIRED_SIZES])]
  .filter((n) => Number.isInteger(n) && n > 0 && n <= 1_000_000)
  .sort((a, b) => a - b);
const dpr = Number(flags.dpr);
const KINDS: Kind[] = ["empty", "naive", "canvas", "svg"];

const out = (line = "") => process.stdout.write(`${line}\n`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function bundleHarness(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, "bench/heatmap/harness.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    jsx: "automatic",
    minify: true,
    define: { "process.env.NODE_ENV": '"production"' },
    tsconfig: path.join(ROOT, "tsconfig.json"),
    logLevel: "error",
  });
  return result.outputFiles[0]?.text ?? "";
}

async function main() {
  const started = Date.now();
  const script = await bundleHarness();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      // window.gc() between runs, so one run's garbage is not collected inside the next one's timing.
      "--js-flags=--expose-gc",
    ],
  });
  const samples: Record<string, Record<Kind, RunResult[]>> = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
    await page.setContent(
      '<!doctype html><html><body style="margin:0"><div id="host" style="width:1200px"></div></body></html>',
    );
    await page.addScriptTag({ content: script });
    const run = (kind: Kind, n: number, seed: number) =>
      page.evaluate(
        ([k, size, s]) =>
          (
            window as unknown as { heatmapBench: { run: (k: Kind, n: number, s: number) => Promise<RunResult> } }
          ).heatmapBench.run(k, size, s),
        [kind, n, seed] as const,
      );

    // Warm the JIT on every code path before anything is measured.
    for (let i = 0; i < 3; i++) for (const kind of KINDS) await run(kind, 2000, 100 + i);

    for (const n of sizes) {
      samples[n] = { empty: [], naive: [], canvas: [], svg: [] };
      const { rows, cols } = gridShape(n);
      process.stdout.write(`N=${n} (${rows}×${cols}) `);
      for (let rep = 0; rep < reps; rep++) {
        // Rotate the order each repetition so that no kind always runs first.
        const order = KINDS.map((_, i) => KINDS[(i + rep) % KINDS.length] as Kind);
        for (const kind of order) {
          const result = await run(kind, n, rep + 1);
          if (!result.drawn) throw new Error(`${kind} at N=${n} did not draw`);
          samples[n]?.[kind].push(result);
        }
        process.stdout.write(".");
      }
      process.stdout.write("\n");
    }
  } finally {
    await browser.close();
  }

  type Row = { n: number; shape: string } & Record<Kind, number> & { canvasSync: number; svgSync: number };
  const rows: Row[] = sizes.map((n) => {
    const s = samples[n] as Record<Kind, RunResult[]>;
    const m = (k: Kind) => median(s[k].map((r) => r.ms));
    const { rows: r, cols: c } = gridShape(n);
    return {
      n,
      shape: `${r}×${c}`,
      empty: m("empty"),
      naive: m("naive"),
      canvas: m("canvas"),
      svg: m("svg"),
      canvasSync: median(s.canvas.map((x) => x.syncMs)),
      svgSync: median(s.svg.map((x) => x.syncMs)),
    };
  });

  const ms = (x: number) => x.toFixed(1).padStart(8);
  const ratio = (x: number) => `${x.toFixed(2)}×`.padStart(13);
  out(
    `\nChromium headless, --disable-gpu, dpr ${dpr}, chart width 1200 px; median of ${reps} (ms from data in hand to the painted frame)\n`,
  );
  const header = `${"N".padStart(8)} ${"shape".padStart(9)} ${"empty".padStart(8)} ${"naive".padStart(8)} ${"canvas".padStart(8)} ${"svg".padStart(8)} ${"canvas/naive".padStart(13)} ${"svg/canvas".padStart(13)}`;
  out(header);
  out("-".repeat(header.length));
  for (const r of rows) {
    const mark = REQUIRED_SIZES.includes(r.n) ? "" : "  (sweep)";
    out(
      `${String(r.n).padStart(8)} ${r.shape.padStart(9)} ${ms(r.empty)} ${ms(r.naive)} ${ms(r.canvas)} ${ms(r.svg)} ${ratio(r.canvas / r.naive)} ${ratio(r.svg / r.canvas)}${mark}`,
    );
  }
  out("\nSynchronous part (layout + React commit, before the frame), median ms:");
  for (const r of rows) out(`${String(r.n).padStart(8)}   canvas ${ms(r.canvasSync)}   svg ${ms(r.svgSync)}`);

  out("\nTargets:");
  let failed = false;
  for (const t of TARGETS) {
    const r = rows.find((x) => x.n === t.n);
    if (!r) continue;
    const ok = r.canvas / r.naive <= t.maxCanvasOverNaive;
    failed ||= !ok;
    out(
      `  canvas/naive at ${t.n.toLocaleString("en")} cells ≤ ${t.maxCanvasOverNaive.toFixed(1)}×: ${(r.canvas / r.naive).toFixed(2)}× ${ok ? "PASS" : "FAIL"}`,
    );
  }

  // The threshold: largest N such that SVG is within 1.5× of canvas there and at every smaller N measured.
  let threshold = 0;
  for (const r of rows) {
    if (r.svg / r.canvas > SVG_WITHIN) break;
    threshold = r.n;
  }
  out(
    `\nRecommended HEATMAP_SVG_MAX_CELLS = ${threshold} (largest N with svg/canvas ≤ ${SVG_WITHIN}× at it and below); in the code now: ${HEATMAP_SVG_MAX_CELLS}.`,
  );
  out(`Took ${((Date.now() - started) / 1000).toFixed(0)} s.`);

  if (flags.json) {
    fs.writeFileSync(flags.json, JSON.stringify({ dpr, reps, rows, samples, threshold }, null, 2));
  }
  if (failed) process.exitCode = 1;
}

await main();

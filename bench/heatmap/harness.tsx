/**
 * Browser side of bench/heatmap, bundled by esbuild and injected into a blank
 * page. `window.heatmapBench.run(kind, n, seed)` draws one N-cell heatmap and
 * returns the milliseconds from data in hand to the frame that shows it:
 *
 *   t0 → layout + draw/commit (synchronous) → requestAnimationFrame →
 *   a MessageChannel message posted from that rAF callback → t1
 *
 * rAF callbacks run at the start of a frame's rendering step, before style,
 * layout and paint; a message posted there is a task that runs after that
 * rendering step, i.e. after the frame with the heatmap was painted (main-thread
 * paint and commit to the compositor; rasterisation continues off the main
 * thread). The canvas component draws in its own rAF callback, registered
 * during the commit and so run before ours in the same frame.
 */
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { HeatmapCanvas } from "../../components/charts/heatmap/heatmap-canvas.tsx";
import { HeatmapSvg } from "../../components/charts/heatmap/heatmap-svg.tsx";
import { layoutHeatmap } from "../../lib/domain/heatmap-grid.ts";
import { drawNaiveHeatmap } from "./naive-canvas.ts";
import { syntheticHeatmap } from "./synthetic-data.ts";

export type Kind = "empty" | "naive" | "canvas" | "svg";

export interface RunResult {
  /** Data in hand to after the painted frame. */
  ms: number;
  /** Data in hand to the end of the synchronous part (layout and draw, or React's commit). */
  syncMs: number;
  cells: number;
  width: number;
  height: number;
  /** The drawing is really there after the frame (canvas sized by its draw, or the SVG's rects in the DOM). */
  drawn: boolean;
}

const WIDTH = 1200;
const host = document.getElementById("host") as HTMLElement;
let root: Root | null = null;

function afterNextPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

async function clear(): Promise<void> {
  root?.unmount();
  root = null;
  host.replaceChildren();
  (window as unknown as { gc?: () => void }).gc?.();
  await afterNextPaint();
  await afterNextPaint();
}

async function run(kind: Kind, n: number, seed: number): Promise<RunResult> {
  await clear();
  const data = syntheticHeatmap(n, seed);
  const cells = data.rows.length * data.buckets.length;
  const dpr = window.devicePixelRatio || 1;
  // The empty baseline is a div the size of the chart: the cost of a frame with nothing to draw.
  const emptySize = kind === "empty" ? layoutHeatmap(data, { width: WIDTH }) : null;
  const reactRoot = kind === "canvas" || kind === "svg" ? createRoot(host) : null;
  root = reactRoot;

  const t0 = performance.now();
  if (kind === "empty" && emptySize) {
    const div = document.createElement("div");
    div.style.width = `${emptySize.width}px`;
    div.style.height = `${emptySize.height}px`;
    host.append(div);
  } else if (kind === "naive") {
    const canvas = document.createElement("canvas");
    host.append(canvas);
    drawNaiveHeatmap(canvas, data, WIDTH, dpr);
  } else if (reactRoot) {
    const layout = layoutHeatmap(data, { width: WIDTH });
    flushSync(() =>
      reactRoot.render(
        kind === "canvas" ? (
          <HeatmapCanvas layout={layout} label="bench" dpr={dpr} />
        ) : (
          <HeatmapSvg layout={layout} data={data} label="bench" cursor={0} />
        ),
      ),
    );
  }
  const t1 = performance.now();
  const t2 = await afterNextPaint();

  const box = host.firstElementChild?.getBoundingClientRect();
  let drawn = true;
  if (kind === "canvas" || kind === "naive") drawn = (host.querySelector("canvas")?.width ?? 0) > 300;
  if (kind === "svg") drawn = host.querySelectorAll("rect").length >= cells;
  return { ms: t2 - t0, syncMs: t1 - t0, cells, width: box?.width ?? 0, height: box?.height ?? 0, drawn };
}

(window as unknown as { heatmapBench: unknown }).heatmapBench = { run, clear };

import { describe, expect, it } from "vitest";
import type { HeatmapCell, HeatmapData } from "@/lib/domain/heatmap-data";
import { layoutHeatmap } from "../../../lib/domain/heatmap-grid";
import {
  backingSize,
  type CellImageTarget,
  drawExportLegend,
  drawHeatmap,
  type GradientContext2D,
  type PixelBuffer,
  pixelOf,
} from "./draw-heatmap";

type Call = { name: string; args: unknown[]; state?: Record<string, unknown> };

/** A 2D context that records calls (and the style in force at each draw call) instead of drawing. */
function recordingContext() {
  const calls: Call[] = [];
  const images: PixelBuffer[] = [];
  const state = {
    fillStyle: "#000000" as unknown,
    strokeStyle: "#000000" as unknown,
    lineWidth: 1,
    font: "10px sans-serif",
    textAlign: "start",
    textBaseline: "alphabetic",
    imageSmoothingEnabled: true,
  };
  const record =
    (name: string, withState = false) =>
    (...args: unknown[]) => {
      calls.push(withState ? { name, args, state: { ...state } } : { name, args });
    };
  const cellImageSource = { kind: "cell image" } as unknown as CanvasImageSource;
  const ctx = {
    setTransform: record("setTransform"),
    clearRect: record("clearRect"),
    fillRect: record("fillRect", true),
    strokeRect: record("strokeRect", true),
    fillText: record("fillText", true),
    drawImage: record("drawImage", true),
    createLinearGradient(...args: number[]) {
      const stops: [number, string][] = [];
      calls.push({ name: "createLinearGradient", args });
      return { stops, addColorStop: (o: number, c: string) => stops.push([o, c]) } as unknown as CanvasGradient;
    },
  };
  // Style properties are read back at each call, so route writes through `state`.
  for (const key of Object.keys(state) as (keyof typeof state)[]) {
    Object.defineProperty(ctx, key, {
      get: () => state[key],
      set: (v) => {
        (state as Record<string, unknown>)[key] = v;
      },
    });
  }
  const createCellImage = (width: number, height: number): CellImageTarget => {
    calls.push({ name: "createCellImage", args: [width, height] });
    return {
      source: cellImageSource,
      ctx: {
        createImageData(w: number, h: number) {
          const image = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) };
          images.push(image);
          return image;
        },
        putImageData: record("cellImage.putImageData"),
      },
    };
  };
  const named = (name: string) => calls.filter((c) => c.name === name);
  return { ctx: ctx as unknown as GradientContext2D, calls, images, named, createCellImage, cellImageSource };
}

function data(cells: HeatmapCell[], buckets = 6, rows = 3): HeatmapData {
  return {
    granularity: "week",
    tz: "UTC",
    weekStart: "monday",
    groupBy: "program",
    from: "2026-01-05T00:00:00Z",
    to: "2026-02-16T00:00:00Z",
    rows: Array.from({ length: rows }, (_, r) => ({ key: `p${r}`, label: `P${r}` })),
    buckets: Array.from({ length: buckets }, (_, b) => new Date(Date.UTC(2026, 0, 5 + 7 * b)).toISOString()),
    bucketLabels: Array.from({ length: buckets }, (_, b) => `W${b + 1}`),
    cells,
    anomaly: { method: "robust", threshold: 2.5 },
  };
}

const base = { applications: 4, admitted: 1, decided: 4, z: 0, anomaly: false };
const sample = data([
  { row: 0, bucket: 0, rate: 0, ...base },
  { row: 1, bucket: 2, rate: 1, ...base, anomaly: true, z: 3 },
  { row: 2, bucket: 5, rate: 0.5, ...base, anomaly: true, z: -3 },
]);

describe("drawHeatmap", () => {
  const layout = layoutHeatmap(sample, { width: 400 });
  const { grid } = layout;

  it("writes one pixel per cell into an ImageData and scales it onto the grid once, with no fillRect per cell", () => {
    const { ctx, named, createCellImage, cellImageSource } = recordingContext();
    drawHeatmap(ctx, layout, { dpr: 2, createCellImage });
    expect(named("createCellImage").map((c) => c.args)).toEqual([[grid.cols, grid.rows]]);
    expect(named("cellImage.putImageData")).toHaveLength(1);
    const [draw] = named("drawImage");
    expect(draw?.args).toEqual([
      cellImageSource,
      0,
      0,
      grid.cols,
      grid.rows,
      grid.x,
      grid.y,
      grid.cols * grid.pitchX,
      grid.rows * grid.pitchY,
    ]);
    expect(draw?.state?.imageSmoothingEnabled).toBe(false);
    expect(named("fillRect")).toHaveLength(0);
  });

  it("gives each grid slot its cell's packed colour", () => {
    const { ctx, images, createCellImage } = recordingContext();
    drawHeatmap(ctx, layout, { dpr: 1, createCellImage });
    const px = new Uint32Array(images[0]?.data.buffer as ArrayBuffer);
    for (const index of [0, 1 * grid.cols + 2, 2 * grid.cols + 5, 4]) {
      expect(px[index]).toBe(pixelOf(layout.cells[index]?.rgb ?? -1));
    }
  });

  it("cuts the gaps between cells back out: one clear per column gap and per row gap", () => {
    const { ctx, named, createCellImage } = recordingContext();
    drawHeatmap(ctx, layout, { dpr: 1, createCellImage });
    const gaps = named("clearRect").slice(1);
    expect(gaps).toHaveLength(grid.cols + grid.rows);
    expect(gaps[0]?.args).toEqual([grid.x + grid.cellW, grid.y, 1, grid.rows * grid.pitchY]);
  });

  it("paints gaps with an opaque background when one is given (the PNG export's white)", () => {
    const { ctx, named, createCellImage } = recordingContext();
    drawHeatmap(ctx, layout, { dpr: 1, background: 0xffffff, createCellImage });
    const fills = named("fillRect");
    expect(fills).toHaveLength(1 + grid.cols + grid.rows);
    expect(fills.every((c) => c.state?.fillStyle === "#ffffff")).toBe(true);
  });

  it("clears the whole backing store first, then draws in CSS px under a dpr scale", () => {
    const { ctx, calls, createCellImage } = recordingContext();
    drawHeatmap(ctx, layout, { dpr: 2, createCellImage });
    const size = backingSize(layout.width, layout.height, 2);
    expect(calls[0]).toEqual({ name: "setTransform", args: [1, 0, 0, 1, 0, 0] });
    expect(calls[1]).toEqual({ name: "clearRect", args: [0, 0, size.width, size.height] });
    const scale = calls.findIndex((c) => c.name === "setTransform" && c.args[0] === 2);
    const image = calls.findIndex((c) => c.name === "drawImage");
    const firstStroke = calls.findIndex((c) => c.name === "strokeRect");
    expect(scale).toBeLessThan(image);
    expect(image).toBeLessThan(firstStroke);
  });

  it("outlines each anomalous cell with a dark ring and a white ring inside it, after the cells", () => {
    const { ctx, named, createCellImage } = recordingContext();
    drawHeatmap(ctx, layout, { dpr: 1, createCellImage });
    const strokes = named("strokeRect");
    expect(strokes).toHaveLength(4);
    expect(strokes.map((c) => c.state?.strokeStyle)).toEqual(["#111827", "#ffffff", "#111827", "#ffffff"]);
    const cell = layout.cells[1 * grid.cols + 2];
    expect(strokes[0]?.args).toEqual([(cell?.x ?? 0) + 1, (cell?.y ?? 0) + 1, (cell?.w ?? 0) - 2, (cell?.h ?? 0) - 2]);
  });

  it("draws every visible row and column label, row labels right-aligned", () => {
    const { ctx, named, createCellImage } = recordingContext();
    drawHeatmap(ctx, layout, { dpr: 1, createCellImage });
    const texts = named("fillText");
    expect(texts.map((c) => c.args[0])).toEqual([
      ...layout.rowLabels.map((l) => l.text),
      ...layout.columnLabels.map((l) => l.text),
    ]);
    expect(texts[0]?.state?.textAlign).toBe("right");
    expect(texts.at(-1)?.state?.textAlign).toBe("left");
  });

  it("reuses its cell image on a redraw of the same grid", () => {
    const { ctx, named, createCellImage } = recordingContext();
    const scratch = {};
    drawHeatmap(ctx, layout, { dpr: 1, scratch, createCellImage });
    drawHeatmap(ctx, layout, { dpr: 1, scratch, createCellImage });
    expect(named("createCellImage")).toHaveLength(1);
    expect(named("drawImage")).toHaveLength(2);
  });

  it("draws 100,000 cells with a number of calls that grows with rows and labels, not cells", () => {
    const big = layoutHeatmap(data([], 1000, 100), { width: 1200 });
    const { ctx, calls, createCellImage } = recordingContext();
    drawHeatmap(ctx, big, { dpr: 1, createCellImage });
    expect(big.cells).toHaveLength(100_000);
    expect(calls.length).toBeLessThan(400);
  });
});

describe("drawExportLegend", () => {
  it("draws the gradient from the layout's stops, its ticks and both swatches", () => {
    const layout = layoutHeatmap(sample, { width: 400 });
    const { ctx, named } = recordingContext();
    drawExportLegend(ctx, layout);
    expect(named("createLinearGradient")).toHaveLength(1);
    expect(named("fillText").map((c) => c.args[0])).toEqual([
      "0%",
      "25%",
      "50%",
      "75%",
      "100%",
      "no decisions",
      "unusual for its row",
    ]);
    expect(named("fillRect")).toHaveLength(3);
    expect(named("strokeRect")).toHaveLength(2);
  });
});

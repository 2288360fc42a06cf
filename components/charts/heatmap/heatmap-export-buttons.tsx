"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { HeatmapData } from "@/lib/domain/heatmap-data";
import { heatmapToCsv, heatmapToSvg } from "@/lib/domain/heatmap-export";
import { exportLegendPlacement } from "@/lib/domain/heatmap-export-legend";
import type { HeatmapLayout } from "@/lib/domain/heatmap-layout";
import { backingSize, drawExportLegend, drawHeatmap } from "./draw-heatmap";

export interface HeatmapExportButtonsProps {
  data: HeatmapData;
  layout: HeatmapLayout;
  title: string;
  /** File name without extension. */
  fileName: string;
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A PNG drawn by the canvas renderer at 2× (whichever renderer is on screen), with the legend, on white. */
async function toPng(layout: HeatmapLayout): Promise<Blob> {
  const dpr = 2;
  const place = exportLegendPlacement(layout);
  const canvas = document.createElement("canvas");
  const size = backingSize(place.width, place.height, dpr);
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d context");
  drawHeatmap(ctx, layout, { dpr, background: 0xffffff });
  // drawHeatmap cleared only the chart's area to transparent: paint white behind everything else.
  ctx.globalCompositeOperation = "destination-over";
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, place.width, place.height);
  ctx.globalCompositeOperation = "source-over";
  drawExportLegend(ctx, layout);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("toBlob gave nothing"))), "image/png"),
  );
}

const buttonClass =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

/** Download the chart as PNG or SVG, or its data as CSV. */
export function HeatmapExportButtons({ data, layout, title, fileName }: HeatmapExportButtonsProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (make: () => Promise<Blob> | Blob, ext: string) => {
    setBusy(true);
    setFailure(null);
    try {
      download(await make(), `${fileName}.${ext}`);
    } catch (error) {
      console.error("heatmap export failed", error);
      setFailure(`Could not export the ${ext.toUpperCase()} file. Try again, or try another format.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col items-end gap-1">
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons; a fieldset would add a form border and legend. */}
      <div role="group" aria-label="Export" className="flex items-center gap-2">
        <button type="button" className={buttonClass} disabled={busy} onClick={() => run(() => toPng(layout), "png")}>
          PNG
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={busy}
          onClick={() => run(() => new Blob([heatmapToSvg(layout, data, title)], { type: "image/svg+xml" }), "svg")}
        >
          SVG
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={busy}
          // The byte-order mark makes Excel read the file as UTF-8.
          onClick={() => run(() => new Blob(["\uFEFF", heatmapToCsv(data)], { type: "text/csv;charset=utf-8" }), "csv")}
        >
          CSV
        </button>
      </div>
      <ErrorAlert message={failure} testId="heatmap-export-error" />
    </div>
  );
}

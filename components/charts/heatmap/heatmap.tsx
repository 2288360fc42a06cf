"use client";

import {
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { canLayoutCalendar, layoutCalendar } from "@/lib/domain/heatmap-calendar";
import type { HeatmapData } from "@/lib/domain/heatmap-data";
import { layoutHeatmap } from "@/lib/domain/heatmap-grid";
import { hitTest, hitTestColumn, isCellKey, moveCell } from "@/lib/domain/heatmap-hit-test";
import { chooseHeatmapRenderer, type HeatmapRenderer } from "@/lib/domain/heatmap-layout";
import { HeatmapCanvas } from "./heatmap-canvas";
import { HeatmapExportButtons } from "./heatmap-export-buttons";
import { HeatmapLegend } from "./heatmap-legend";
import { HeatmapSvg } from "./heatmap-svg";
import { HeatmapTable } from "./heatmap-table";
import { cellLabel, cellSummary } from "./heatmap-text";
import { HeatmapTooltip } from "./heatmap-tooltip";
import { useElementWidth } from "./use-element-width";

export interface HeatmapProps {
  data: HeatmapData;
  /** Accessible name of the chart; also the table caption and the SVG export's title. */
  title: string;
  /** "calendar" draws one row's day buckets as weeks × weekdays; it falls back to "grid" for other data. */
  variant?: "grid" | "calendar";
  /** The row the calendar draws (default 0). */
  calendarRow?: number;
  /** "auto" (default): SVG up to HEATMAP_SVG_MAX_CELLS cells, canvas above. */
  renderer?: "auto" | HeatmapRenderer;
  /**
   * Week and month buckets: a click on a cell or a column label, or Enter on
   * the keyboard cursor, calls this with the bucket's index.
   */
  onDrillDown?: (bucketIndex: number) => void;
  /** A fixed width in CSS px instead of following the container. */
  width?: number;
  /** Export file name without extension (default "admission-heatmap"). */
  fileName?: string;
}

const INITIAL_WIDTH = 720;

/** Puts the tooltip beside the cell, flipped to stay inside the viewport. */
function placeTooltip(tip: HTMLElement, plot: HTMLElement, cell: { x: number; y: number; w: number; h: number }) {
  const box = plot.getBoundingClientRect();
  const size = tip.getBoundingClientRect();
  let left = box.left + cell.x + cell.w + 8;
  if (left + size.width > window.innerWidth - 4) left = box.left + cell.x - 8 - size.width;
  let top = box.top + cell.y;
  if (top + size.height > window.innerHeight - 4) top = box.top + cell.y + cell.h - size.height;
  tip.style.transform = `translate(${Math.max(4, left)}px, ${Math.max(4, top)}px)`;
}

/**
 * An admission-rate heatmap: one layout (lib/domain/heatmap-layout) drawn as
 * SVG or canvas by grid size, with a legend, a tooltip on hover and on the
 * keyboard cursor, drill-down on week and month columns, exports, and the
 * same data as a table. `data-renderer` on the root says which renderer drew.
 */
export function Heatmap({
  data,
  title,
  variant = "grid",
  calendarRow = 0,
  renderer = "auto",
  onDrillDown,
  width: fixedWidth,
  fileName = "admission-heatmap",
}: HeatmapProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef, INITIAL_WIDTH, fixedWidth);
  const calendar = variant === "calendar" && canLayoutCalendar(data);
  const layout = useMemo(
    () => (calendar ? layoutCalendar(data, { width, row: calendarRow }) : layoutHeatmap(data, { width })),
    [data, width, calendar, calendarRow],
  );
  const drawnBy = renderer === "auto" ? chooseHeatmapRenderer(layout.cells.length) : renderer;
  const drillable = onDrillDown !== undefined && layout.kind === "grid" && data.granularity !== "day";

  const [hover, setHover] = useState<number | null>(null);
  const [cursor, setCursor] = useState(0);
  const [focused, setFocused] = useState(false);
  const focusCursor = useRef(false);
  const ids = useId();
  const tipId = `${ids}-tip`;
  const helpId = `${ids}-help`;

  const safeCursor = cursor < layout.cells.length ? cursor : 0;
  const shown = hover ?? (focused ? safeCursor : null);
  const shownCell = shown === null ? undefined : layout.cells[shown];

  useLayoutEffect(() => {
    if (shownCell && tipRef.current && plotRef.current) placeTooltip(tipRef.current, plotRef.current, shownCell);
  }, [shownCell]);

  // A scroll moves the cells under a fixed tooltip: drop the hover one (the keyboard one is re-placed on the next key).
  useEffect(() => {
    if (hover === null) return;
    const clear = () => setHover(null);
    window.addEventListener("scroll", clear, { capture: true, passive: true });
    return () => window.removeEventListener("scroll", clear, { capture: true });
  }, [hover]);

  // After an arrow key on the SVG, focus follows the roving tab stop.
  useEffect(() => {
    if (!focusCursor.current) return;
    focusCursor.current = false;
    plotRef.current?.querySelector<SVGElement>(`[data-cell-index="${safeCursor}"]`)?.focus();
  }, [safeCursor]);

  const pointAt = (event: { clientX: number; clientY: number }) => {
    const box = plotRef.current?.getBoundingClientRect();
    return box ? { x: event.clientX - box.left, y: event.clientY - box.top } : null;
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const p = pointAt(event);
    const index = p ? hitTest(layout, p.x, p.y) : null;
    if (index !== hover) setHover(index);
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const p = pointAt(event);
    if (!p) return;
    const index = hitTest(layout, p.x, p.y);
    if (index !== null) setCursor(index);
    if (!drillable) return;
    const bucket = index !== null ? layout.cells[index]?.bucket : hitTestColumn(layout, p.x, p.y);
    if (bucket !== undefined && bucket !== null) onDrillDown(bucket);
  };

  const onKeyDown = (event: KeyboardEvent<Element>) => {
    if (isCellKey(event.key)) {
      event.preventDefault();
      setHover(null);
      setFocused(true);
      const next = moveCell(layout, safeCursor, event.key);
      if (next === safeCursor) return;
      focusCursor.current = drawnBy === "svg";
      setCursor(next);
    } else if ((event.key === "Enter" || event.key === " ") && drillable) {
      event.preventDefault();
      const bucket = layout.cells[safeCursor]?.bucket;
      if (bucket !== undefined) onDrillDown(bucket);
    } else if (event.key === "Escape") {
      setHover(null);
      setFocused(false);
    }
  };

  // The renderers are memoised: hand them stable callbacks that call the latest handler,
  // so a hover (which re-renders this component) does not re-render the grid.
  const keyHandler = useRef(onKeyDown);
  useLayoutEffect(() => {
    keyHandler.current = onKeyDown;
  });
  const onRendererKeyDown = useCallback((event: KeyboardEvent<Element>) => keyHandler.current(event), []);
  const onBlur = useCallback((event: FocusEvent<Element>) => {
    if (!plotRef.current?.contains(event.relatedTarget as Node | null)) setFocused(false);
  }, []);
  const onCanvasFocus = useCallback(() => setFocused(true), []);
  const onCellFocus = useCallback((index: number) => {
    setCursor(index);
    setFocused(true);
  }, []);

  const { grid } = layout;
  return (
    <section
      data-testid="heatmap"
      data-renderer={drawnBy}
      data-layout={layout.kind}
      aria-label={title}
      className="space-y-3"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <HeatmapLegend legend={layout.legend} anomalyThreshold={data.anomaly.threshold} />
        <HeatmapExportButtons data={data} layout={layout} title={title} fileName={fileName} />
      </div>
      <p id={helpId} className="sr-only">
        Arrow keys move between cells, Home and End to the ends of a row
        {drillable ? ", Enter opens the cell's period" : ""}. The same figures are in the table below the chart.
      </p>
      <div ref={scrollRef} className="w-full overflow-x-auto">
        {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer only; the renderer inside takes keyboard focus. */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on the focused cell does what a click does. */}
        <div
          ref={plotRef}
          data-testid="heatmap-plot"
          data-grid-x={grid.x}
          data-grid-y={grid.y}
          data-pitch-x={grid.pitchX}
          data-pitch-y={grid.pitchY}
          data-cols={grid.cols}
          data-rows={grid.rows}
          className={`relative ${drillable ? "cursor-pointer" : ""}`}
          style={{ width: layout.width, height: layout.height }}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
          onClick={onClick}
        >
          {drawnBy === "svg" ? (
            <HeatmapSvg
              layout={layout}
              data={data}
              label={title}
              describedBy={helpId}
              cursor={safeCursor}
              onCellFocus={onCellFocus}
              onBlur={onBlur}
              onKeyDown={onRendererKeyDown}
            />
          ) : (
            <HeatmapCanvas
              layout={layout}
              label={title}
              describedBy={helpId}
              onKeyDown={onRendererKeyDown}
              onFocus={onCanvasFocus}
              onBlur={onBlur}
            />
          )}
          {focused && layout.cells[safeCursor] ? (
            <div
              aria-hidden="true"
              data-testid="heatmap-cursor"
              className="pointer-events-none absolute rounded-[2px] outline-2 outline-offset-1 outline-sky-500"
              style={{
                left: layout.cells[safeCursor].x,
                top: layout.cells[safeCursor].y,
                width: layout.cells[safeCursor].w,
                height: layout.cells[safeCursor].h,
              }}
            />
          ) : null}
          {shownCell ? (
            <HeatmapTooltip
              ref={tipRef}
              id={tipId}
              summary={cellSummary(data, shownCell)}
              row={shownCell.row}
              bucket={shownCell.bucket}
            />
          ) : null}
        </div>
      </div>
      {drawnBy === "canvas" ? (
        <p aria-live="polite" className="sr-only" data-testid="heatmap-announcer">
          {focused && layout.cells[safeCursor] ? cellLabel(data, layout.cells[safeCursor]) : ""}
        </p>
      ) : null}
      <details className="group">
        <summary className="cursor-pointer text-sm font-medium text-slate-700 hover:underline dark:text-slate-300">
          Show as a table
        </summary>
        <LazyTable data={data} caption={title} />
      </details>
    </section>
  );
}

/** The table mounts when its <details> first opens: at 100,000 cells it is the heaviest thing on the page. */
function LazyTable({ data, caption }: { data: HeatmapData; caption: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const details = ref.current?.closest("details");
    if (!details) return;
    const onToggle = () => {
      if (details.open) setOpen(true);
    };
    details.addEventListener("toggle", onToggle);
    return () => details.removeEventListener("toggle", onToggle);
  }, []);
  return (
    <div ref={ref} className="mt-2">
      {open ? <HeatmapTable data={data} caption={caption} /> : null}
    </div>
  );
}

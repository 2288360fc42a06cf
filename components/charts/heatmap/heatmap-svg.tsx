"use client";

import { type FocusEvent, type KeyboardEvent, memo, useMemo } from "react";
import type { HeatmapData } from "@/lib/domain/heatmap-data";
import type { HeatmapLayout } from "@/lib/domain/heatmap-layout";
import { anomalyRings, FONT_FAMILY, LABEL_FILL } from "@/lib/domain/heatmap-palette";
import { cellLabel } from "./heatmap-text";

export interface HeatmapSvgProps {
  layout: HeatmapLayout;
  data: HeatmapData;
  /** Accessible name of the grid. */
  label: string;
  /** Id of the element that says how to use the keys and where the table is. */
  describedBy?: string;
  /** Index into layout.cells of the one cell in the tab order (roving tabindex). */
  cursor: number;
  /** A cell took focus (click, Tab or the arrow keys moving it). */
  onCellFocus?: (index: number) => void;
  onBlur?: (event: FocusEvent<SVGSVGElement>) => void;
  onKeyDown?: (event: KeyboardEvent<SVGSVGElement>) => void;
}

/** Cell indices by grid row, in column order, so a cursor move re-renders only the rows it leaves and enters. */
function rowsOf(layout: HeatmapLayout): number[][] {
  const { cols, rows } = layout.grid;
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) {
      const index = layout.slots[r * cols + c] ?? -1;
      if (index >= 0) row.push(index);
    }
    out.push(row);
  }
  return out;
}

/**
 * The SVG renderer, for grids up to HEATMAP_SVG_MAX_CELLS: an ARIA grid of
 * rects, one tab stop, each cell named with the tooltip's words. Drawn from
 * the same layout as the canvas and the SVG export, with the same attributes.
 */
export const HeatmapSvg = memo(function HeatmapSvg({
  layout,
  data,
  label,
  describedBy,
  cursor,
  onCellFocus,
  onBlur,
  onKeyDown,
}: HeatmapSvgProps) {
  const rows = useMemo(() => rowsOf(layout), [layout]);
  const cursorRow = layout.cells[cursor]?.gridRow ?? -1;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an ARIA grid drawn in SVG, where a <table> cannot be.
    <svg
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the grid is interactive (roving tabindex, arrow keys).
      role="grid"
      aria-label={label}
      aria-describedby={describedBy}
      aria-rowcount={layout.grid.rows}
      aria-colcount={layout.grid.cols}
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      fontFamily={FONT_FAMILY}
      fontSize={layout.fontSize}
      className="block [&_rect]:outline-none"
      onKeyDown={onKeyDown}
      onBlur={onBlur}
      onFocus={(event) => {
        const index = (event.target as Element).getAttribute("data-cell-index");
        if (index !== null) onCellFocus?.(Number(index));
      }}
    >
      <SvgLabels layout={layout} />
      {rows.map((indices, r) => (
        <SvgRow
          // biome-ignore lint/suspicious/noArrayIndexKey: grid rows are positions; the layout fixes their order.
          key={r}
          layout={layout}
          data={data}
          rowIndex={r}
          indices={indices}
          cursor={r === cursorRow ? cursor : -1}
        />
      ))}
      <SvgAnomalies layout={layout} />
    </svg>
  );
});

const SvgRow = memo(function SvgRow({
  layout,
  data,
  rowIndex,
  indices,
  cursor,
}: {
  layout: HeatmapLayout;
  data: HeatmapData;
  rowIndex: number;
  indices: number[];
  /** The cursor's cell index when it is in this row, else -1. */
  cursor: number;
}) {
  // A calendar row has blank slots, so its cells say their column.
  const sparse = layout.kind === "calendar";
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG row of the ARIA grid; <tr> does not exist in SVG.
    <g role="row" aria-rowindex={rowIndex + 1} shapeRendering="crispEdges">
      {indices.map((i) => {
        const cell = layout.cells[i];
        if (!cell) return null;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG cell of the ARIA grid; <td> does not exist in SVG.
          <rect
            key={i}
            role="gridcell"
            aria-colindex={sparse ? cell.gridCol + 1 : undefined}
            aria-label={cellLabel(data, cell)}
            // Roving tab stop: only the cursor's cell carries a tabindex (fewer attributes on big grids).
            tabIndex={i === cursor ? 0 : undefined}
            data-cell-index={i}
            data-row={cell.row}
            data-bucket={cell.bucket}
            x={cell.x}
            y={cell.y}
            width={cell.w}
            height={cell.h}
            fill={cell.fill}
          />
        );
      })}
    </g>
  );
});

/** Axis text: aria-hidden, since each cell's name already says its row and bucket. */
const SvgLabels = memo(function SvgLabels({ layout }: { layout: HeatmapLayout }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a <g> of text is not focusable; each cell's name already says its row and bucket.
    <g aria-hidden="true" fill={LABEL_FILL} dominantBaseline="central">
      {layout.rowLabels.map((l) => (
        <text key={`r${l.index}`} x={l.x} y={l.y} textAnchor={l.anchor}>
          {l.full === l.text ? null : <title>{l.full}</title>}
          {l.text}
        </text>
      ))}
      {layout.columnLabels.map((l) => (
        <text key={`c${l.index}`} x={l.x} y={l.y} textAnchor={l.anchor}>
          {l.text}
        </text>
      ))}
    </g>
  );
});

/** The anomaly rings, drawn over the cells as the canvas draws them. */
const SvgAnomalies = memo(function SvgAnomalies({ layout }: { layout: HeatmapLayout }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: decoration only; the cell's name says "unusual".
    <g aria-hidden="true" fill="none" pointerEvents="none">
      {layout.cells.map((cell, i) =>
        cell.anomaly
          ? anomalyRings(cell).map((ring, k) => (
              <rect
                // biome-ignore lint/suspicious/noArrayIndexKey: a cell's rings are fixed, outer then inner.
                key={`${i}-${k}`}
                x={ring.x}
                y={ring.y}
                width={ring.w}
                height={ring.h}
                stroke={ring.stroke}
                strokeWidth={ring.lineWidth}
              />
            ))
          : null,
      )}
    </g>
  );
});

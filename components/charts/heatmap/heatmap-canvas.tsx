"use client";

import { type FocusEventHandler, type KeyboardEventHandler, memo, useLayoutEffect, useRef } from "react";
import type { HeatmapLayout } from "@/lib/domain/heatmap-layout";
import { backingSize, type DrawOptions, drawHeatmap } from "./draw-heatmap";
import { useDevicePixelRatio } from "./use-device-pixel-ratio";

export interface HeatmapCanvasProps {
  layout: HeatmapLayout;
  /** Accessible name of the focus stop around the canvas, whose arrow keys move a cursor over the cells. */
  label: string;
  /** Id of the element that says how to use the keys and where the table is. */
  describedBy?: string;
  /** devicePixelRatio to draw at; defaults to the window's, followed as it changes. */
  dpr?: number;
  onKeyDown?: KeyboardEventHandler<HTMLDivElement>;
  onFocus?: FocusEventHandler<HTMLDivElement>;
  onBlur?: FocusEventHandler<HTMLDivElement>;
}

/**
 * The canvas renderer, for grids above HEATMAP_SVG_MAX_CELLS: a backing store
 * of devicePixelRatio device pixels per CSS pixel, redrawn in the next
 * animation frame after the layout changes (several changes in one frame draw
 * once). Hover and the cursor ring are HTML over it, so moving them never
 * redraws the cells.
 */
export const HeatmapCanvas = memo(function HeatmapCanvas({
  layout,
  label,
  describedBy,
  dpr: fixedDpr,
  onKeyDown,
  onFocus,
  onBlur,
}: HeatmapCanvasProps) {
  const windowDpr = useDevicePixelRatio();
  const dpr = fixedDpr ?? windowDpr;
  const ref = useRef<HTMLCanvasElement>(null);
  const scratch = useRef<NonNullable<DrawOptions["scratch"]>>({});

  useLayoutEffect(() => {
    const frame = requestAnimationFrame(() => {
      const canvas = ref.current;
      const ctx = canvas?.getContext("2d");
      if (!canvas || !ctx) return;
      const size = backingSize(layout.width, layout.height, dpr);
      // Assigning width or height clears and reallocates the backing store: only when the size changes.
      if (canvas.width !== size.width) canvas.width = size.width;
      if (canvas.height !== size.height) canvas.height = size.height;
      drawHeatmap(ctx, layout, { dpr, scratch: scratch.current });
    });
    return () => cancelAnimationFrame(frame);
  }, [layout, dpr]);

  return (
    <div
      role="application"
      aria-label={label}
      aria-describedby={describedBy}
      aria-roledescription="heatmap"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application" is the keyboard widget here (arrows move a cursor).
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      className="outline-none"
    >
      <canvas
        ref={ref}
        data-testid="heatmap-canvas"
        style={{ width: layout.width, height: layout.height }}
        className="block"
      />
    </div>
  );
});

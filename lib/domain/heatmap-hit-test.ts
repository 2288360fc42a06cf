/** Which cell or column is under the pointer, and where the keyboard cursor moves, by arithmetic on the layout. */
import type { HeatmapLayout } from "./heatmap-layout.ts";

function gridSlotAt(layout: HeatmapLayout, x: number, y: number): { col: number; row: number } | null {
  const { grid } = layout;
  const col = Math.floor((x - grid.x) / grid.pitchX);
  const row = Math.floor((y - grid.y) / grid.pitchY);
  if (col < 0 || row < 0 || col >= grid.cols || row >= grid.rows) return null;
  return { col, row };
}

/**
 * The index into `layout.cells` under (x, y) in layout px, or null. A cell
 * owns the gap after it, so the pointer never falls between two cells.
 */
export function hitTest(layout: HeatmapLayout, x: number, y: number): number | null {
  const slot = gridSlotAt(layout, x, y);
  if (!slot) return null;
  const index = layout.slots[slot.row * layout.grid.cols + slot.col] ?? -1;
  return index < 0 ? null : index;
}

/** The bucket whose column label band (above the grid) holds (x, y), for drilling down; null elsewhere. */
export function hitTestColumn(layout: HeatmapLayout, x: number, y: number): number | null {
  if (layout.kind !== "grid" || layout.granularity === "day") return null;
  if (y < 0 || y >= layout.grid.y) return null;
  const col = Math.floor((x - layout.grid.x) / layout.grid.pitchX);
  return col < 0 || col >= layout.grid.cols ? null : col;
}

/** Each key's step (rows, columns) and whether it runs on to the last cell that way. */
const MOVES = {
  ArrowRight: [0, 1, false],
  ArrowLeft: [0, -1, false],
  ArrowDown: [1, 0, false],
  ArrowUp: [-1, 0, false],
  End: [0, 1, true],
  Home: [0, -1, true],
  PageDown: [1, 0, true],
  PageUp: [-1, 0, true],
} as const satisfies Record<string, readonly [number, number, boolean]>;
export type CellKey = keyof typeof MOVES;

/**
 * The cell a key moves the keyboard cursor to from `index`, skipping blank
 * calendar slots; `index` itself at an edge. Home/End go to the row's ends,
 * PageUp/PageDown to the column's.
 */
export function moveCell(layout: HeatmapLayout, index: number, key: CellKey): number {
  const cell = layout.cells[index];
  if (!cell) return layout.cells.length > 0 ? 0 : index;
  const { cols, rows } = layout.grid;
  const at = (r: number, c: number) => layout.slots[r * cols + c] ?? -1;
  const [dr, dc, toEnd] = MOVES[key];
  let found = index;
  for (let r = cell.gridRow + dr, c = cell.gridCol + dc; r >= 0 && r < rows && c >= 0 && c < cols; r += dr, c += dc) {
    const i = at(r, c);
    if (i >= 0) {
      found = i;
      if (!toEnd) break;
    }
  }
  return found;
}

export function isCellKey(key: string): key is CellKey {
  return Object.hasOwn(MOVES, key);
}

/**
 * Exports of a heatmap: CSV of the data and a standalone SVG of the layout.
 * Pure strings; the download buttons wrap them in Blobs.
 */
import type { HeatmapCell, HeatmapData } from "./heatmap-data.ts";
import { exportLegendPlacement } from "./heatmap-export-legend.ts";
import type { HeatmapLayout, LayoutCell } from "./heatmap-layout.ts";
import { anomalyRings, FONT_FAMILY, LABEL_FILL } from "./heatmap-palette.ts";

export const CSV_HEADER = [
  "row_key",
  "row_label",
  "bucket_start",
  "bucket_label",
  "applications",
  "admitted",
  "decided",
  "rate",
  "z",
  "anomaly",
] as const;

/** RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Labels come from people (channel names): a leading = + - @ would run as a
 * spreadsheet formula when the file is opened, so such text gets a leading '.
 */
export function csvText(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/**
 * One line per row × bucket (empty cells included, with zero counts and blank
 * rate and z), after a header; CRLF line ends as RFC 4180 asks.
 */
export function heatmapToCsv(data: HeatmapData): string {
  const cols = data.buckets.length;
  const byPosition = new Map<number, HeatmapCell>();
  for (const c of data.cells) byPosition.set(c.row * cols + c.bucket, c);
  const lines: string[] = [CSV_HEADER.join(",")];
  data.rows.forEach((row, r) => {
    const key = csvText(row.key);
    const label = csvText(row.label);
    for (let b = 0; b < cols; b++) {
      const c = byPosition.get(r * cols + b);
      lines.push(
        [
          key,
          label,
          csvField(data.buckets[b] ?? ""),
          csvText(data.bucketLabels[b] ?? ""),
          String(c?.applications ?? 0),
          String(c?.admitted ?? 0),
          String(c?.decided ?? 0),
          c?.rate == null ? "" : String(c.rate),
          c?.z == null ? "" : String(c.z),
          c?.anomaly ? "true" : "false",
        ].join(","),
      );
    }
  });
  return `${lines.join("\r\n")}\r\n`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The cell rectangles, as the on-screen SVG renderer draws them (crisp edges, one rect each). */
export function svgCellMarkup(cell: LayoutCell): string {
  return `<rect x="${cell.x}" y="${cell.y}" width="${cell.w}" height="${cell.h}" fill="${cell.fill}"/>`;
}

export function svgAnomalyMarkup(cell: LayoutCell): string {
  return anomalyRings(cell)
    .map(
      (r) =>
        `<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" fill="none" stroke="${r.stroke}" stroke-width="${r.lineWidth}"/>`,
    )
    .join("");
}

function describe(data: HeatmapData): string {
  const by = data.groupBy === "program" ? "program" : "channel";
  const span = `${data.bucketLabels[0] ?? ""} to ${data.bucketLabels.at(-1) ?? ""}`;
  return `Admission rate by ${by} and ${data.granularity}, ${span} (${data.tz}). Outlined cells: |z| > ${data.anomaly.threshold} within their row (${data.anomaly.method}).`;
}

/**
 * A standalone SVG document of the layout: the on-screen SVG renderer's
 * labels, cells and anomaly rings on a white page, with the legend under it.
 */
export function heatmapToSvg(layout: HeatmapLayout, data: HeatmapData, title = "Admission rate heatmap"): string {
  const legend = exportLegendPlacement(layout);
  const fs = layout.fontSize;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${legend.width}" height="${legend.height}" viewBox="0 0 ${legend.width} ${legend.height}" font-family="${FONT_FAMILY}" font-size="${fs}">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(describe(data))}</desc>`,
    '<defs><linearGradient id="heatmap-rate" x1="0" x2="1" y1="0" y2="0">',
    ...layout.legend.stops.map((s) => `<stop offset="${s.offset}" stop-color="${s.fill}"/>`),
    "</linearGradient></defs>",
    `<rect width="${legend.width}" height="${legend.height}" fill="#ffffff"/>`,
    `<g fill="${LABEL_FILL}" dominant-baseline="central">`,
  ];
  for (const l of [...layout.rowLabels, ...layout.columnLabels]) {
    out.push(`<text x="${l.x}" y="${l.y}" text-anchor="${l.anchor}">${escapeXml(l.text)}</text>`);
  }
  out.push("</g>", '<g shape-rendering="crispEdges">');
  for (const cell of layout.cells) out.push(svgCellMarkup(cell));
  out.push("</g>", "<g>");
  for (const cell of layout.cells) if (cell.anomaly) out.push(svgAnomalyMarkup(cell));
  out.push("</g>");

  const { bar, empty, anomaly } = legend;
  out.push(
    `<g fill="${LABEL_FILL}" dominant-baseline="central">`,
    `<rect x="${bar.x}" y="${bar.y}" width="${bar.w}" height="${bar.h}" fill="url(#heatmap-rate)"/>`,
  );
  layout.legend.ticks.forEach((t, i, all) => {
    const anchor = i === 0 ? "start" : i === all.length - 1 ? "end" : "middle";
    out.push(`<text x="${bar.x + t.rate * bar.w}" y="${legend.tickY}" text-anchor="${anchor}">${t.label}</text>`);
  });
  const anomalyCell = { x: anomaly.x, y: anomaly.y, w: anomaly.size, h: anomaly.size } as LayoutCell;
  out.push(
    `<rect x="${empty.x}" y="${empty.y}" width="${empty.size}" height="${empty.size}" fill="${layout.legend.emptyFill}"/>`,
    `<text x="${empty.labelX}" y="${legend.labelY}">no decisions</text>`,
    `<rect x="${anomaly.x}" y="${anomaly.y}" width="${anomaly.size}" height="${anomaly.size}" fill="${layout.legend.stops[5]?.fill}"/>`,
    svgAnomalyMarkup(anomalyCell),
    `<text x="${anomaly.labelX}" y="${legend.labelY}">unusual for its row</text>`,
    "</g>",
    "</svg>",
  );
  return out.join("\n");
}

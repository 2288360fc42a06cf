import { describe, expect, it } from "vitest";
import type { HeatmapData } from "./heatmap-data.ts";
import { CSV_HEADER, csvField, escapeXml, heatmapToCsv, heatmapToSvg } from "./heatmap-export.ts";
import { layoutHeatmap } from "./heatmap-grid.ts";

const data: HeatmapData = {
  granularity: "month",
  tz: "Europe/Paris",
  weekStart: "monday",
  groupBy: "channel",
  from: "2025-12-31T23:00:00Z",
  to: "2026-03-31T22:00:00Z",
  rows: [
    { key: "web", label: 'Web, "organic"' },
    { key: "fair", label: "Fair\nBooth <A&B>" },
    { key: "=cmd", label: "=HYPERLINK(1)" },
  ],
  buckets: ["2025-12-31T23:00:00Z", "2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z"],
  bucketLabels: ["2026-01", "2026-02", "2026-03"],
  cells: [
    { row: 0, bucket: 0, applications: 12, admitted: 3, decided: 10, rate: 0.3, z: -1.25, anomaly: false },
    { row: 1, bucket: 2, applications: 4, admitted: 0, decided: 0, rate: null, z: null, anomaly: false },
    { row: 2, bucket: 1, applications: 9, admitted: 9, decided: 9, rate: 1, z: 3.2, anomaly: true },
  ],
  anomaly: { method: "standard", threshold: 2 },
};

/** Parses RFC 4180 text: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("heatmapToCsv", () => {
  const csv = heatmapToCsv(data);
  const rows = parseCsv(csv);

  it("writes a header and one CRLF-ended line per row × bucket, empty cells included", () => {
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(1 + 3 * 3);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(rows[2]).toEqual([
      "web",
      'Web, "organic"',
      "2026-01-31T23:00:00Z",
      "2026-02",
      "0",
      "0",
      "0",
      "",
      "",
      "false",
    ]);
  });

  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csv).toContain('"Web, ""organic"""');
    expect(csv).toContain('"Fair\nBooth <A&B>"');
    expect(rows[1]?.slice(0, 10)).toEqual([
      "web",
      'Web, "organic"',
      "2025-12-31T23:00:00Z",
      "2026-01",
      "12",
      "3",
      "10",
      "0.3",
      "-1.25",
      "false",
    ]);
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a\rb")).toBe('"a\rb"');
  });

  it("keeps a label that looks like a formula from running in a spreadsheet, but not a negative number", () => {
    expect(rows[8]?.slice(0, 2)).toEqual(["'=cmd", "'=HYPERLINK(1)"]);
    expect(rows[8]?.slice(7)).toEqual(["1", "3.2", "true"]);
    expect(rows[1]?.[8]).toBe("-1.25");
  });

  it("leaves the rate blank when nothing was decided", () => {
    expect(rows[6]?.slice(4, 8)).toEqual(["4", "0", "0", ""]);
  });
});

/** A tiny well-formedness check: every tag closes in order, attributes are quoted, text has no raw & or <. */
function checkXml(svg: string): { tags: Map<string, number> } {
  const body = svg.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const tags = new Map<string, number>();
  const token = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (let m = token.exec(body); m !== null; m = token.exec(body)) {
    consumed = token.lastIndex;
    const [, close, name, , selfClose, text] = m;
    if (text !== undefined) {
      expect(text).not.toMatch(/&(?!#\d+;|amp;|lt;|gt;|quot;)/);
      continue;
    }
    if (close) expect(stack.pop()).toBe(name);
    else {
      tags.set(name as string, (tags.get(name as string) ?? 0) + 1);
      if (!selfClose) stack.push(name as string);
    }
  }
  expect(consumed).toBe(body.length);
  expect(stack).toEqual([]);
  return { tags };
}

describe("heatmapToSvg", () => {
  const layout = layoutHeatmap(data, { width: 500 });
  const svg = heatmapToSvg(layout, data, "Admissions & rates");

  it("is a well-formed standalone SVG document", () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    checkXml(svg);
  });

  it("draws one rect per cell, two rings per anomaly, the background and the legend's three", () => {
    const { tags } = checkXml(svg);
    expect(tags.get("rect")).toBe(9 + 2 * 1 + 1 + 3 + 2);
    expect(tags.get("stop")).toBe(11);
  });

  it("escapes labels and the title", () => {
    expect(svg).toContain("<title>Admissions &#38; rates</title>");
    expect(svg).not.toContain("<A&B>");
    expect(escapeXml(`<a href="x">&'`)).toBe("&#60;a href=&#34;x&#34;&#62;&#38;&#39;");
  });

  it("uses the layout's colours and positions, like the on-screen SVG", () => {
    const c = layout.cells[0];
    expect(svg).toContain(`<rect x="${c?.x}" y="${c?.y}" width="${c?.w}" height="${c?.h}" fill="${c?.fill}"/>`);
  });
});

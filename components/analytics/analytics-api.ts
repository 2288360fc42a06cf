import type { HeatmapData } from "@/lib/domain/heatmap-data";

/** GET /api/analytics/programs. */
export interface ProgramOption {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

export interface ProgramsResponse {
  ok: true;
  programs: ProgramOption[];
  channels: string[];
  /** First and last submission dates (UTC), null when there is no history. */
  range: { first: string | null; last: string | null };
}

/** GET /api/analytics/heatmap. */
export interface HeatmapResponse {
  ok: true;
  heatmap: HeatmapData;
  source: "daily" | "hourly" | "raw";
}

/** One side of GET /api/analytics/compare, and the whole answer: the server's own types. */
import type { ComparedGroup, Comparison } from "@/lib/domain/compare-groups";

export type CompareGroup = ComparedGroup;
export type CompareResult = Comparison;

export interface CompareResponse {
  ok: true;
  compare: CompareResult;
}

/** What to tell the admin when the API answered without its error envelope. */
export function analyticsFallbackMessage(status: number): string {
  if (status === 401) return "Your admin session has ended. Sign in again to see analytics.";
  if (status === 403) return "This account cannot see analytics. Sign in as admin.";
  return `The analytics service could not answer (HTTP ${status}). Try again in a moment.`;
}

import type { HeatmapData } from "@/lib/domain/heatmap-data";
import type { ErrorBody } from "@/lib/errors";

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

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

/** What to tell the admin when the API answered without its error envelope. */
function fallbackMessage(status: number): string {
  if (status === 401) return "Your admin session has ended. Sign in again to see analytics.";
  if (status === 403) return "This account cannot see analytics. Sign in as admin.";
  return `The analytics service could not answer (HTTP ${status}). Try again in a moment.`;
}

/**
 * Fetches a JSON API and returns its body, or the API's own error message
 * (which names the parameter at fault) so the page can show it as is.
 * An abort is re-thrown: the caller has moved on and shows nothing.
 */
export async function fetchApi<T extends { ok: true }>(url: string, signal?: AbortSignal): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, status: 0, message: "Could not reach the server. Check the connection and try again." };
  }
  let body: T | ErrorBody | null = null;
  try {
    body = (await response.json()) as T | ErrorBody;
  } catch (error) {
    if (signal?.aborted) throw error;
  }
  if (response.ok && body?.ok) return { ok: true, value: body };
  const message = body && !body.ok && typeof body.error?.message === "string" ? body.error.message : null;
  return { ok: false, status: response.status, message: message ?? fallbackMessage(response.status) };
}

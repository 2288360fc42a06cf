"use client";

import { useEffect, useState } from "react";
import { type ApiRefusal, callApi, unexpectedFailure } from "../api/call-api";
import { analyticsFallbackMessage } from "./analytics-api";

export interface ApiQuery<T> {
  /** The last answer that arrived, kept while the next one loads so the page does not jump. */
  value: T | null;
  /** The URL `value` answered. */
  valueUrl: string | null;
  loading: boolean;
  /** The API's code and message for the latest request, when it failed. */
  error: Pick<ApiRefusal, "status" | "code" | "message"> | null;
}

/**
 * GETs `url` whenever it changes (nothing while null). A newer URL aborts the
 * request in flight, so a slow answer to an old filter never replaces a newer one.
 */
export function useApiQuery<T extends { ok: true }>(url: string | null): ApiQuery<T> {
  const [state, setState] = useState<ApiQuery<T>>({ value: null, valueUrl: null, loading: url !== null, error: null });

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    callApi<T>(url, { signal: controller.signal, fallbackMessage: analyticsFallbackMessage }).then(
      (result) => {
        if (controller.signal.aborted) return;
        setState((s) =>
          result.ok
            ? { value: result.value, valueUrl: url, loading: false, error: null }
            : { ...s, loading: false, error: { status: result.status, code: result.code, message: result.message } },
        );
      },
      (error: unknown) => {
        // callApi rejects only when aborted; anything else is a bug worth seeing, and the page says so.
        if (controller.signal.aborted) return;
        const { status, code, message } = unexpectedFailure("analytics request", error);
        setState((s) => ({ ...s, loading: false, error: { status, code, message } }));
      },
    );
    return () => controller.abort();
  }, [url]);

  return state;
}

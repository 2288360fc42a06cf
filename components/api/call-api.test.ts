import { afterEach, describe, expect, it, vi } from "vitest";
import { callApi, unexpectedFailure } from "./call-api";

function answerWith(status: number, body: string) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(body, { status, headers: { "content-type": "application/json" } })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("callApi", () => {
  it("gives the body of an ok answer", async () => {
    answerWith(200, JSON.stringify({ ok: true, n: 3 }));
    expect(await callApi<{ ok: true; n: number }>("/api/x")).toEqual({ ok: true, value: { ok: true, n: 3 } });
  });

  it("keeps the envelope's code and message, and the field an INVALID_INPUT message names", async () => {
    answerWith(400, JSON.stringify({ ok: false, error: { code: "INVALID_INPUT", message: "layout.rows: too big" } }));
    expect(await callApi("/api/x", { method: "POST", body: {} })).toEqual({
      ok: false,
      status: 400,
      code: "INVALID_INPUT",
      message: "layout.rows: too big",
      field: "layout.rows",
    });
    answerWith(409, JSON.stringify({ ok: false, error: { code: "SEAT_TAKEN", message: "seatId: taken" } }));
    expect(await callApi("/api/x")).toMatchObject({ code: "SEAT_TAKEN", message: "seatId: taken", field: null });
  });

  it("words an answer without an envelope with the screen's own fallback", async () => {
    answerWith(502, "<html>bad gateway</html>");
    expect(await callApi("/api/x")).toMatchObject({
      status: 502,
      code: "INTERNAL",
      message: expect.stringContaining("HTTP 502"),
    });
    expect(await callApi("/api/x", { fallbackMessage: (s) => `screen words ${s}` })).toMatchObject({
      message: "screen words 502",
    });
  });

  it("says NETWORK when the server is not reached, and re-throws an abort", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    expect(await callApi("/api/x")).toMatchObject({ ok: false, status: 0, code: "NETWORK" });
    const controller = new AbortController();
    controller.abort();
    await expect(callApi("/api/x", { signal: controller.signal })).rejects.toThrow("fetch failed");
  });

  it("turns a failure in the page itself into a refusal the user can read, and logs it", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const refusal = unexpectedFailure("comparison", new TypeError("x is undefined"));
    expect(refusal).toMatchObject({ ok: false, code: "INTERNAL", message: expect.stringContaining("x is undefined") });
    expect(log).toHaveBeenCalledWith("comparison failed", expect.any(TypeError));
    log.mockRestore();
  });
});

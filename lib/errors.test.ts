import { describe, expect, it } from "vitest";
import { AppError, type ErrorCode, errorCodes, toAck, toHttp } from "./errors.ts";

const GENERIC = { ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side." } };

describe("toAck", () => {
  it("keeps an AppError's code and message", () => {
    expect(toAck(new AppError("SEAT_TAKEN", "Seat A1 is already taken."))).toEqual({
      ok: false,
      error: { code: "SEAT_TAKEN", message: "Seat A1 is already taken." },
    });
  });

  it("hides the detail of any other error behind INTERNAL", () => {
    const leaky = new Error("SQLITE_BUSY: database /var/lib/intake/intake.db is locked");
    const ack = toAck(leaky);
    expect(ack).toEqual(GENERIC);
    expect(JSON.stringify(ack)).not.toContain("SQLITE_BUSY");
  });

  it("does not trust an error that merely carries a known code", () => {
    const impostor = Object.assign(new Error("secret detail"), { code: "SEAT_TAKEN" });
    expect(toAck(impostor)).toEqual(GENERIC);
  });

  it.each([
    ["a string", "boom"],
    ["undefined", undefined],
    ["a plain object", { code: "NOT_FOUND", message: "x" }],
  ])("gives INTERNAL for %s thrown", (_, thrown) => {
    expect(toAck(thrown)).toEqual(GENERIC);
  });
});

describe("toHttp", () => {
  it.each<[ErrorCode, number]>([
    ["INVALID_INPUT", 400],
    ["UNAUTHENTICATED", 401],
    ["NOT_FOUND", 404],
    ["SEAT_TAKEN", 409],
  ])("answers %s with status %i and the envelope", (code, status) => {
    expect(errorCodes[code]).toBe(status);
    expect(toHttp(new AppError(code, "because"))).toEqual({
      status,
      body: { ok: false, error: { code, message: "because" } },
    });
  });

  it("answers an unexpected error with 500 and the generic envelope", () => {
    expect(toHttp(new TypeError("cannot read properties of undefined"))).toEqual({ status: 500, body: GENERIC });
  });
});

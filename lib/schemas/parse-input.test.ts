import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { ZCreateSession, ZRoundParams } from "./http.ts";
import { parseInput, parseOrThrow } from "./parse-input.ts";
import { ZRoundJoin, ZSeatConfirm, ZSeatHold, ZSeatRelease } from "./socket.ts";

function messageOf(result: ReturnType<typeof parseInput>): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  expect(result.code).toBe("INVALID_INPUT");
  return result.message;
}

describe("parseInput: valid payloads", () => {
  it("parses a seat:hold payload with every field", () => {
    expect(parseInput(ZSeatHold, { roundId: "r1", seatId: "seat_A-1", requestId: "req:1.a" })).toEqual({
      ok: true,
      value: { roundId: "r1", seatId: "seat_A-1", requestId: "req:1.a" },
    });
  });

  it("parses a best-available seat:hold payload without seatId", () => {
    expect(parseInput(ZSeatHold, { roundId: "r1" })).toEqual({ ok: true, value: { roundId: "r1" } });
  });

  it("parses seat:confirm, seat:release and route params", () => {
    expect(parseInput(ZSeatConfirm, { roundId: "r1", seatId: "s1" })).toEqual({
      ok: true,
      value: { roundId: "r1", seatId: "s1" },
    });
    expect(parseInput(ZSeatRelease, { roundId: "r1", seatId: "s1" })).toEqual({
      ok: true,
      value: { roundId: "r1", seatId: "s1" },
    });
    expect(parseInput(ZRoundParams, { id: "clx1abc" })).toEqual({ ok: true, value: { id: "clx1abc" } });
  });

  it("trims the applicant's name", () => {
    expect(parseInput(ZCreateSession, { name: "  Ada Lovelace \t" })).toEqual({
      ok: true,
      value: { name: "Ada Lovelace" },
    });
  });
});

describe("parseInput: refusals", () => {
  it("names an unknown field", () => {
    expect(parseInput(ZSeatHold, { roundId: "r1", admin: true })).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      message: 'payload: unknown field "admin"',
    });
    expect(messageOf(parseInput(ZSeatRelease, { roundId: "r1", seatId: "s1", a: 1, b: 2 }))).toBe(
      'payload: unknown field "a", "b"',
    );
  });

  it("names the field path of a value of the wrong type", () => {
    expect(messageOf(parseInput(ZSeatHold, { roundId: 42 }))).toMatch(/^roundId: .*expected string, received number$/);
    expect(messageOf(parseInput(ZSeatConfirm, { roundId: "r1", seatId: ["s1"] }))).toMatch(
      /^seatId: .*expected string, received array$/,
    );
  });

  it("names a missing required field", () => {
    expect(messageOf(parseInput(ZSeatConfirm, { roundId: "r1" }))).toMatch(/^seatId: .*expected string/);
    expect(messageOf(parseInput(ZCreateSession, {}))).toMatch(/^name: .*expected string/);
  });

  it("refuses oversized strings", () => {
    expect(messageOf(parseInput(ZRoundJoin, { roundId: "a".repeat(10_000) }))).toMatch(/^roundId: /);
    expect(messageOf(parseInput(ZRoundJoin, { roundId: "a".repeat(65) }))).toMatch(/^roundId: /);
    expect(messageOf(parseInput(ZCreateSession, { name: "x".repeat(61) }))).toBe("name: must be at most 60 characters");
  });

  it("accepts ids and names right at their length limits", () => {
    expect(parseInput(ZRoundJoin, { roundId: "a".repeat(64) }).ok).toBe(true);
    expect(parseInput(ZCreateSession, { name: "x".repeat(60) }).ok).toBe(true);
  });

  it.each(["r 1", "r/1", "../r1", "r1?x=1", ""])("refuses %j as an id", (roundId) => {
    expect(messageOf(parseInput(ZRoundJoin, { roundId }))).toMatch(/^roundId: /);
  });

  it("says an id with spaces or slashes must be an id", () => {
    expect(messageOf(parseInput(ZRoundJoin, { roundId: "r 1" }))).toBe("roundId: must be an id");
    expect(messageOf(parseInput(ZRoundParams, { id: "a/b" }))).toBe("id: must be an id");
  });

  it("refuses a blank name or one with control characters", () => {
    expect(messageOf(parseInput(ZCreateSession, { name: "   " }))).toBe("name: must not be empty");
    expect(messageOf(parseInput(ZCreateSession, { name: "Ada\u0007" }))).toBe(
      "name: must not contain control characters",
    );
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["an array", ["r1"]],
    ["a number", 42],
    ["a string", "r1"],
  ])("refuses %s as a payload, naming the payload", (_, payload) => {
    expect(messageOf(parseInput(ZRoundJoin, payload))).toMatch(/^payload: .*expected object/);
  });
});

describe("parseOrThrow", () => {
  it("returns the parsed value", () => {
    expect(parseOrThrow(ZCreateSession, { name: " Ada " })).toEqual({ name: "Ada" });
  });

  it("throws parseInput's refusal as an AppError with the same code and message", () => {
    const refusal = parseInput(ZSeatHold, { roundId: "r1", admin: true });
    expect(() => parseOrThrow(ZSeatHold, { roundId: "r1", admin: true })).toThrow(
      expect.objectContaining({ name: "AppError", code: "INVALID_INPUT", message: 'payload: unknown field "admin"' }),
    );
    expect(refusal).toEqual({ ok: false, code: "INVALID_INPUT", message: 'payload: unknown field "admin"' });
    expect(() => parseOrThrow(ZSeatHold, null)).toThrow(AppError);
  });
});

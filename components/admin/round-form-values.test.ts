import { describe, expect, it } from "vitest";
import type { RoundView } from "@/lib/realtime/events";
import {
  controlOf,
  followLiveRound,
  keepMilestoneKeys,
  nextMilestoneKey,
  roundFormBody,
  roundFormValues,
} from "./round-form-values";

const HOUR = 3_600_000;
const OPENS = Date.UTC(2026, 10, 2, 9, 0);

/** A stored round as the admin page gets it: Berlin time, two milestones, the second with no due time. */
function round(over: Partial<RoundView> = {}): RoundView {
  const identity = { id: "r1", programId: "p1", programName: "Program", status: "OPEN", pausedAt: null } as const;
  const milestones = [
    { position: 0, title: "Interviews", dueAt: OPENS + 24 * HOUR },
    { position: 1, title: "Offers", dueAt: null },
  ];
  const settings = { title: "Autumn intake", seatCount: 6, timeZone: "Europe/Berlin", holdSeconds: 120, milestones };
  return { ...identity, ...settings, opensAt: OPENS, deadline: OPENS + 48 * HOUR, ...over };
}
const layout = { rows: 2, cols: 3 };

describe("milestone row keys", () => {
  it("keeps the keys of the rows on the form when a live edit changes the milestones", () => {
    const shown = roundFormValues(round(), layout);
    // Rows added on the form before: keys need not be 1..n.
    const form = { ...shown, milestones: shown.milestones.map((m, i) => ({ ...m, key: 40 + i })) };
    const edited = round({
      milestones: [
        { position: 0, title: "Interviews", dueAt: OPENS + 24 * HOUR },
        { position: 1, title: "Offers out", dueAt: null },
        { position: 2, title: "Enrolment", dueAt: null },
      ],
    });
    const next = followLiveRound(form, form, roundFormValues(edited, layout));
    expect(next.milestones.map((m) => m.title)).toEqual(["Interviews", "Offers out", "Enrolment"]);
    expect(next.milestones.map((m) => m.key)).toEqual([40, 41, 42]);
  });

  it("gives incoming rows beyond the shown ones keys no shown row has", () => {
    const row = (key: number) => ({ key, title: "", dueAt: "" });
    expect(keepMilestoneKeys([row(3), row(7)], [row(1), row(1), row(1)]).map((m) => m.key)).toEqual([3, 7, 8]);
    expect(nextMilestoneKey([row(3), row(7)])).toBe(8);
    expect(nextMilestoneKey([])).toBe(1);
  });

  it("leaves a form whose milestones the admin has edited as it is", () => {
    const shown = roundFormValues(round(), layout);
    const typed = {
      ...shown,
      milestones: [{ ...(shown.milestones[0] as (typeof shown.milestones)[number]), title: "Talks" }],
    };
    const after = roundFormValues(round({ milestones: [] }), layout);
    expect(followLiveRound(typed, shown, after).milestones).toBe(typed.milestones);
  });
});

describe("followLiveRound", () => {
  it("moves untouched fields to the round's new values and keeps what the admin typed", () => {
    const shown = roundFormValues(round(), layout);
    const typed = { ...shown, title: "My new title" };
    const after = roundFormValues(round({ title: "Their title", deadline: OPENS + 72 * HOUR }), layout);
    const next = followLiveRound(typed, shown, after);
    expect(next.title).toBe("My new title");
    expect(next.deadline).toBe(after.deadline);
  });

  it("returns the same values when nothing moved", () => {
    const shown = roundFormValues(round(), layout);
    expect(followLiveRound(shown, shown, roundFormValues(round(), layout))).toBe(shown);
  });
});

describe("roundFormBody", () => {
  it("sends only what changed in an edit, and stored times exactly as loaded", () => {
    const values = { ...roundFormValues(round(), layout), holdSeconds: "90" };
    expect(roundFormBody(values, "Europe/Berlin", { round: round(), layout })).toEqual({
      ok: true,
      body: { holdSeconds: 90 },
    });
  });

  it("sends every field to create, reading times in the form's zone", () => {
    const values = { ...roundFormValues(round(), layout), milestones: [] };
    const built = roundFormBody(values, "Europe/Berlin", null);
    expect(built).toEqual({
      ok: true,
      body: {
        programId: "p1",
        title: "Autumn intake",
        seatCount: 6,
        layout: { rows: 2, cols: 3 },
        opensAt: OPENS,
        deadline: OPENS + 48 * HOUR,
        timeZone: "Europe/Berlin",
        holdSeconds: 120,
        milestones: [],
      },
    });
  });

  it("refuses a milestone time that is not a date and time, naming its field", () => {
    const values = roundFormValues(round(), layout);
    values.milestones[1] = { ...(values.milestones[1] as (typeof values.milestones)[number]), dueAt: "soon" };
    const built = roundFormBody(values, "Europe/Berlin", { round: round(), layout });
    expect(built.ok ? null : built.refusal).toMatchObject({ code: "INVALID_INPUT", field: "milestones.1.dueAt" });
  });
});

describe("controlOf", () => {
  const refusal = (code: "INVALID_INPUT" | "SEATS_IN_USE", field: string | null) =>
    ({ ok: false, status: 400, code, message: "", field }) as const;

  it("maps the API's field paths to the form's controls", () => {
    expect(controlOf(refusal("INVALID_INPUT", "layout.cols"))).toBe("cols");
    expect(controlOf(refusal("INVALID_INPUT", "seatCount"))).toBe("rows");
    expect(controlOf(refusal("INVALID_INPUT", "milestones.1.dueAt"))).toBe("milestone-1-dueAt");
    expect(controlOf(refusal("INVALID_INPUT", "milestones.2"))).toBe("milestone-2-title");
    expect(controlOf(refusal("INVALID_INPUT", "milestones"))).toBe("milestones");
    expect(controlOf(refusal("INVALID_INPUT", "deadline"))).toBe("deadline");
    expect(controlOf(refusal("SEATS_IN_USE", null))).toBe("rows");
    expect(controlOf(refusal("INVALID_INPUT", null))).toBeNull();
  });
});

/** The compare view's form, and the query it sends to GET /api/analytics/compare. */

export type CompareMode = "programs" | "periods" | "channels";

export interface CompareForm {
  mode: CompareMode;
  /** "programs": the two programs compared. */
  programA: string;
  programB: string;
  /** "periods" and "channels": one program, or "" for all. */
  program: string;
  /** "channels": the two channels compared. */
  channelA: string;
  channelB: string;
  /** "programs" and "channels": the one period both groups share. */
  from: string;
  to: string;
  /** "periods": period 1 (group A) and period 2 (group B). */
  fromA: string;
  toA: string;
  fromB: string;
  toB: string;
}

interface Group {
  programs?: string;
  channel?: string;
  from: string;
  to: string;
}

function groupsOf(form: CompareForm): [Group, Group] {
  switch (form.mode) {
    case "programs":
      return [
        { programs: form.programA, from: form.from, to: form.to },
        { programs: form.programB, from: form.from, to: form.to },
      ];
    case "periods":
      return [
        { programs: form.program, from: form.fromA, to: form.toA },
        { programs: form.program, from: form.fromB, to: form.toB },
      ];
    case "channels":
      return [
        { programs: form.program, channel: form.channelA, from: form.from, to: form.to },
        { programs: form.program, channel: form.channelB, from: form.from, to: form.to },
      ];
  }
}

/** Optional parts are left out when empty ("all"); the dates always go, so the API names a missing one. */
export function compareQuery(form: CompareForm, tz: string): URLSearchParams {
  const query = new URLSearchParams();
  const [a, b] = groupsOf(form);
  for (const [prefix, g] of [
    ["a", a],
    ["b", b],
  ] as const) {
    if (g.programs) query.set(`${prefix}Programs`, g.programs);
    if (g.channel) query.set(`${prefix}Channel`, g.channel);
    query.set(`${prefix}From`, g.from);
    query.set(`${prefix}To`, g.to);
  }
  if (tz) query.set("tz", tz);
  return query;
}

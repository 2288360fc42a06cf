import type { Outcome } from "./heatmap-data.ts";
import {
  ANOMALIES,
  type AnomalySpec,
  CHANNEL_EFFECT,
  CLASSIC,
  FAST_TRACK,
  FAST_TRACK_LAUNCH_SHARE,
  FAST_TRACK_MAX_SHARE,
  FAST_TRACK_RAMP_DAYS,
  HOUR_VOLUME,
  PROGRAMS,
  type ProgramSpec,
  REFERRAL,
  REFERRAL_SHARE,
  WAITLISTED_SHARE,
  WEEKDAY_VOLUME,
  WITHDRAWN_SHARE,
} from "./history-tables.ts";
import { mulberry32 } from "./seeded-random.ts";
import { bucketLabel, nextBucketStart, startOfBucket } from "./time-buckets.ts";

/**
 * A deterministic, realistic application history for the analytics: programs
 * in several time zones, weekly and yearly seasonality in each program's own
 * zone, per-program admission rates, a "fast-track" channel launched partway
 * with a genuinely higher admission rate, and a few injected anomalies whose
 * descriptions are returned so tests can check the analytics find them.
 * Pure: the same options give the same rows, and time comes in as `now`.
 */

export const HISTORY_DEFAULT_SIZE = 300_000;
export const HISTORY_MAX_SIZE = 1_000_000;

export interface HistoryProgram {
  slug: string;
  name: string;
  description: string;
  timeZone: string;
  /** Share of decided applications (admitted + rejected) admitted, before channel and season effects. */
  baseRate: number;
}

export interface InjectedAnomaly {
  programSlug: string;
  /** First and last local date of the window (inclusive) in the program's zone, e.g. "2025-03-10". */
  firstDate: string;
  lastDate: string;
  /** UTC instants: local midnight starting the window, and local midnight ending it (exclusive). */
  from: number;
  to: number;
  /** Whether the admission rate in the window is far above or far below the program's usual one. */
  direction: "up" | "down";
  /** Admission rate (admitted / (admitted + rejected)) every channel gets inside the window. */
  rate: number;
  description: string;
}

export interface GeneratedApplication {
  programSlug: string;
  channel: string;
  submittedAt: number;
  /** After submittedAt and before `now`; null while undecided. */
  decidedAt: number | null;
  outcome: Outcome | null;
  /** Local midnight (program zone) of the submission day, as a UTC instant: the ApplicationDaily key. */
  dayStart: number;
}

export interface History {
  programs: HistoryProgram[];
  channels: string[];
  anomalies: InjectedAnomaly[];
  /** Number of applications `batches()` yields, exactly. */
  size: number;
  /** When the channel "fast-track" starts taking applications (UTC instant). */
  fastTrackLaunch: number;
  /**
   * The applications, day by day in submission order, in arrays of at most
   * `batchSize`. Each call starts over and yields the same rows.
   */
  batches(batchSize?: number): Generator<GeneratedApplication[], void, undefined>;
}

export interface HistoryOptions {
  now: number;
  seed?: number;
  size?: number;
  years?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface ProgramDays {
  spec: ProgramSpec;
  /** Local midnights (UTC instants) of each day, plus the end of the last (partial) day. */
  starts: number[];
  /** Civil day number (days since 1970-01-01) of each local date. */
  civil: number[];
  counts: number[];
  /** Index of the anomaly covering each day, or -1. */
  anomaly: number[];
}

/** Builds the history plan (programs, days, volumes, anomalies); rows come from `batches()`. */
export function generateHistory(options: HistoryOptions): History {
  const { now, seed = 1, size = HISTORY_DEFAULT_SIZE, years = 3 } = options;
  if (!Number.isInteger(size) || size < 0 || size > HISTORY_MAX_SIZE) {
    throw new RangeError(`size must be an integer in 0..${HISTORY_MAX_SIZE}, got ${size}`);
  }
  if (!(years > 0 && years <= 10)) throw new RangeError(`years must be in (0, 10], got ${years}`);
  const start = now - Math.round(years * 365.25) * DAY;
  const fastTrackLaunch = start + Math.round((now - start) * FAST_TRACK_LAUNCH_SHARE);

  const plans: ProgramDays[] = PROGRAMS.map((spec) => planDays(spec, start, now));
  const anomalies = ANOMALIES.map((a, index) => placeAnomaly(a, index, plans));
  allocateCounts(plans, size, seed);

  const programs = PROGRAMS.map(({ slug, name, description, timeZone, baseRate }) => ({
    slug,
    name,
    description,
    timeZone,
    baseRate,
  }));
  return {
    programs,
    channels: [CLASSIC, FAST_TRACK, REFERRAL],
    anomalies,
    size,
    fastTrackLaunch,
    batches: (batchSize = 10_000) => generateRows(plans, anomalies, { seed, now, fastTrackLaunch, batchSize }),
  };
}

function planDays(spec: ProgramSpec, start: number, now: number): ProgramDays {
  const starts: number[] = [];
  for (let day = startOfBucket(start, "day", spec.timeZone, "monday"); day < now; ) {
    starts.push(day);
    day = nextBucketStart(day, "day", spec.timeZone, "monday");
  }
  starts.push(now);
  const civil = starts.slice(0, -1).map((day) => Date.parse(bucketLabel(day, "day", spec.timeZone, "monday")) / DAY);
  return { spec, starts, civil, counts: [], anomaly: civil.map(() => -1) };
}

const isoDate = (civil: number) => new Date(civil * DAY).toISOString().slice(0, 10);
const weekdayOf = (civil: number) => (civil + 4) % 7; // 1970-01-01 was a Thursday

function placeAnomaly(spec: AnomalySpec, index: number, plans: ProgramDays[]): InjectedAnomaly {
  const plan = plans.find((p) => p.spec.slug === spec.programSlug);
  if (!plan) throw new Error(`anomaly for unknown program ${spec.programSlug}`);
  let first = Math.floor(plan.civil.length * spec.at);
  for (let k = 0; k < 6 && weekdayOf(plan.civil[first] as number) !== spec.weekday; k++) first++;
  const last = first + spec.days - 1;
  if (last >= plan.civil.length) throw new RangeError("the history is too short for its anomalies");
  for (let i = first; i <= last; i++) plan.anomaly[i] = index;
  return {
    programSlug: spec.programSlug,
    firstDate: isoDate(plan.civil[first] as number),
    lastDate: isoDate(plan.civil[last] as number),
    from: plan.starts[first] as number,
    to: plan.starts[last + 1] as number,
    direction: spec.rate > plan.spec.baseRate ? "up" : "down",
    rate: spec.rate,
    description: spec.description,
  };
}

/** Relative volume of one local day: trend, weekday, term peaks, the new-year lull and noise. */
function dayWeight(plan: ProgramDays, i: number, progress: number, noise: number): number {
  const civil = plan.civil[i] as number;
  const date = new Date(civil * DAY);
  const month = date.getUTCMonth() + 1;
  const dayOfMonth = date.getUTCDate();
  const year = date.getUTCFullYear();
  let peak = 0;
  let lull = 1;
  for (const [m, d] of plan.spec.terms) {
    for (const y of [year - 1, year, year + 1]) {
      const daysBefore = Date.UTC(y, m - 1, d) / DAY - civil;
      if (daysBefore >= 0 && daysBefore < 90) peak = Math.max(peak, Math.exp(-(((daysBefore - 24) / 13) ** 2)));
      if (daysBefore < 0 && daysBefore > -21) lull = 0.7;
    }
  }
  const newYear = (month === 12 && dayOfMonth >= 22) || (month === 1 && dayOfMonth <= 3) ? 0.55 : 1;
  const anomaly = plan.anomaly[i] as number;
  const burst = anomaly >= 0 ? (ANOMALIES[anomaly] as AnomalySpec).volume : 1;
  const length = (plan.starts[i + 1] as number) - (plan.starts[i] as number);
  return (
    plan.spec.volume *
    (0.75 + 0.5 * progress) *
    (WEEKDAY_VOLUME[weekdayOf(civil)] as number) *
    (1 + 1.6 * peak) *
    lull *
    newYear *
    burst *
    noise *
    Math.min(1, length / DAY)
  );
}

/** Turns day weights into whole counts summing to exactly `size` (largest remainder). */
function allocateCounts(plans: ProgramDays[], size: number, seed: number): void {
  const random = mulberry32(seed ^ 0x5eed5eed);
  const weights = plans.map((plan) => {
    const span = (plan.starts.at(-1) as number) - (plan.starts[0] as number);
    return plan.civil.map((_, i) => {
      const progress = ((plan.starts[i] as number) - (plan.starts[0] as number)) / span;
      return dayWeight(plan, i, progress, Math.exp(0.18 * normal(random)));
    });
  });
  const total = weights.flat().reduce((sum, w) => sum + w, 0);
  const remainders: { plan: number; day: number; rest: number }[] = [];
  let assigned = 0;
  plans.forEach((plan, p) => {
    plan.counts = (weights[p] as number[]).map((w, day) => {
      const exact = (size * w) / total;
      const count = Math.floor(exact);
      assigned += count;
      remainders.push({ plan: p, day, rest: exact - count });
      return count;
    });
  });
  remainders.sort((a, b) => b.rest - a.rest || a.plan - b.plan || a.day - b.day);
  for (let k = 0; k < size - assigned; k++) {
    const r = remainders[k % remainders.length] as (typeof remainders)[number];
    const counts = (plans[r.plan] as ProgramDays).counts;
    counts[r.day] = (counts[r.day] as number) + 1;
  }
}

const HOUR_CDF = (() => {
  const total = HOUR_VOLUME.reduce((a, b) => a + b, 0);
  let sum = 0;
  return HOUR_VOLUME.map((v) => {
    sum += v / total;
    return sum;
  });
})();

function* generateRows(
  plans: ProgramDays[],
  anomalies: InjectedAnomaly[],
  context: { seed: number; now: number; fastTrackLaunch: number; batchSize: number },
): Generator<GeneratedApplication[], void, undefined> {
  const { now, fastTrackLaunch, batchSize } = context;
  const random = mulberry32(context.seed);
  const logits = plans.map((p) => Math.log(p.spec.baseRate / (1 - p.spec.baseRate)));
  const maxDays = Math.max(...plans.map((p) => p.civil.length));
  let batch: GeneratedApplication[] = [];
  for (let i = 0; i < maxDays; i++) {
    for (const [p, plan] of plans.entries()) {
      const count = plan.counts[i];
      if (count === undefined || count === 0) continue;
      const dayStart = plan.starts[i] as number;
      const length = Math.min((plan.starts[i + 1] as number) - dayStart, DAY);
      const times: number[] = [];
      for (let k = 0; k < count; k++) times.push(dayStart + Math.floor(drawDayFraction(random) * length));
      times.sort((a, b) => a - b);
      const anomaly = plan.anomaly[i] as number;
      const fastTrackShare =
        dayStart < fastTrackLaunch
          ? 0
          : FAST_TRACK_MAX_SHARE * Math.min(1, (dayStart - fastTrackLaunch) / (FAST_TRACK_RAMP_DAYS * DAY));
      const seasonal = seasonalRateEffect(plan, i);
      for (const submittedAt of times) {
        const c = random();
        const channel = c < REFERRAL_SHARE ? REFERRAL : c < REFERRAL_SHARE + fastTrackShare ? FAST_TRACK : CLASSIC;
        const rate =
          anomaly >= 0
            ? (anomalies[anomaly] as InjectedAnomaly).rate
            : logistic((logits[p] as number) + (CHANNEL_EFFECT[channel] as number) + seasonal);
        const o = random();
        const outcome: Outcome =
          o < WITHDRAWN_SHARE
            ? "WITHDRAWN"
            : o < WITHDRAWN_SHARE + WAITLISTED_SHARE
              ? "WAITLISTED"
              : random() < rate
                ? "ADMITTED"
                : "REJECTED";
        const decidedAt = submittedAt + decisionDelay(channel, outcome, random());
        const decided = decidedAt < now;
        batch.push({
          programSlug: plan.spec.slug,
          channel,
          submittedAt,
          decidedAt: decided ? decidedAt : null,
          outcome: decided ? outcome : null,
          dayStart,
        });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** A little harder to get in at the height of the season, when more people apply. */
function seasonalRateEffect(plan: ProgramDays, i: number): number {
  const civil = plan.civil[i] as number;
  const year = new Date(civil * DAY).getUTCFullYear();
  let peak = 0;
  for (const [m, d] of plan.spec.terms) {
    for (const y of [year, year + 1]) {
      const daysBefore = Date.UTC(y, m - 1, d) / DAY - civil;
      if (daysBefore >= 0 && daysBefore < 90) peak = Math.max(peak, Math.exp(-(((daysBefore - 24) / 13) ** 2)));
    }
  }
  return -0.3 * peak;
}

/** Fast-track decides within days, the classic process within weeks; withdrawals come early. */
function decisionDelay(channel: string, outcome: Outcome, u: number): number {
  if (outcome === "WITHDRAWN") return Math.round((0.5 + 20 * u) * DAY);
  if (channel === FAST_TRACK) return Math.round((1 + 6 * u) * DAY);
  if (channel === REFERRAL) return Math.round((5 + 25 * u) * DAY);
  return Math.round((7 + 40 * u) * DAY);
}

function drawDayFraction(random: () => number): number {
  const u = random();
  let hour = 0;
  while (hour < 23 && u > (HOUR_CDF[hour] as number)) hour++;
  return (hour + random()) / 24;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

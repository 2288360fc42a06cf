/**
 * The data behind the generated history: its programs (zones, rates, term
 * starts), the anomalies it injects, and the shapes of its volume (weekday,
 * hour of day) and of its channels and outcomes. history-generator.ts turns
 * them into applications.
 */
import type { HistoryProgram } from "./history-generator.ts";

export const CLASSIC = "classic";
export const FAST_TRACK = "fast-track";
export const REFERRAL = "referral";

export interface ProgramSpec extends HistoryProgram {
  /** Relative volume. */
  volume: number;
  /** Term starts as [month (1-12), day]: applications peak in the weeks before each. */
  terms: [number, number][];
}

export const PROGRAMS: ProgramSpec[] = [
  {
    slug: "berlin-data-science",
    name: "Data Science Fellowship Berlin",
    description: "A six-month fellowship pairing analysts with research groups.",
    timeZone: "Europe/Berlin",
    baseRate: 0.32,
    volume: 1.4,
    terms: [
      [10, 1],
      [4, 1],
    ],
  },
  {
    slug: "shanghai-robotics",
    name: "Robotics Residency Shanghai",
    description: "Hands-on residency in a robotics lab.",
    timeZone: "Asia/Shanghai",
    baseRate: 0.45,
    volume: 1.2,
    terms: [
      [9, 1],
      [3, 1],
    ],
  },
  {
    slug: "nyc-product-design",
    name: "Product Design Studio New York",
    description: "A studio cohort shipping real product work.",
    timeZone: "America/New_York",
    baseRate: 0.5,
    volume: 1.1,
    terms: [
      [9, 5],
      [1, 20],
    ],
  },
  {
    slug: "bengaluru-ml-systems",
    name: "ML Systems Apprenticeship Bengaluru",
    description: "Apprentices build and run production ML systems.",
    timeZone: "Asia/Kolkata",
    baseRate: 0.26,
    volume: 1.3,
    terms: [
      [7, 15],
      [1, 10],
    ],
  },
  {
    slug: "remote-open-source",
    name: "Remote Open Source Fellowship",
    description: "Maintainers mentor contributors, fully remote.",
    timeZone: "UTC",
    baseRate: 0.38,
    volume: 0.9,
    terms: [
      [3, 1],
      [6, 1],
      [9, 1],
      [12, 1],
    ],
  },
  {
    slug: "sao-paulo-fintech",
    name: "Fintech Bootcamp São Paulo",
    description: "An intensive bootcamp with partner banks.",
    timeZone: "America/Sao_Paulo",
    baseRate: 0.35,
    volume: 0.7,
    terms: [
      [2, 15],
      [8, 1],
    ],
  },
  {
    slug: "sydney-climate-lab",
    name: "Climate Lab Sydney",
    description: "Climate-tech projects with university partners.",
    timeZone: "Australia/Sydney",
    baseRate: 0.42,
    volume: 0.6,
    terms: [
      [2, 20],
      [7, 20],
    ],
  },
  {
    slug: "kathmandu-civic-tech",
    name: "Civic Tech Fellowship Kathmandu",
    description: "Fellows build public-interest software with local government.",
    timeZone: "Asia/Kathmandu",
    baseRate: 0.55,
    volume: 0.5,
    terms: [
      [4, 14],
      [10, 1],
    ],
  },
  {
    slug: "la-game-studio",
    name: "Game Studio Los Angeles",
    description: "A game studio residency; highly selective.",
    timeZone: "America/Los_Angeles",
    baseRate: 0.18,
    volume: 0.8,
    terms: [
      [9, 1],
      [1, 15],
    ],
  },
];

export interface AnomalySpec {
  programSlug: string;
  /** Where in the program's history the window starts, as a share of its days (moved on to `weekday`). */
  at: number;
  weekday: number;
  days: number;
  rate: number;
  /** Volume multiplier inside the window, so a one-day event has enough applications to stand out. */
  volume: number;
  description: string;
}

export const ANOMALIES: AnomalySpec[] = [
  {
    programSlug: "nyc-product-design",
    at: 0.3,
    weekday: 1,
    days: 7,
    rate: 0.04,
    volume: 1.3,
    description: "A week in which a misconfigured screening rule rejected almost every application.",
  },
  {
    programSlug: "berlin-data-science",
    at: 0.45,
    weekday: 1,
    days: 7,
    rate: 0.9,
    volume: 1.3,
    description: "A week in which a reviewer cleared the backlog by admitting nearly everyone.",
  },
  {
    programSlug: "shanghai-robotics",
    at: 0.62,
    weekday: 2,
    days: 1,
    rate: 0.02,
    volume: 5,
    description: "A day on which a broken form rejected a flood of incomplete applications.",
  },
  {
    programSlug: "bengaluru-ml-systems",
    at: 0.78,
    weekday: 3,
    days: 1,
    rate: 0.95,
    volume: 4.5,
    description: "A day on which a partner company took a whole batch of applicants at once.",
  },
];

/** Sunday first, like Date#getUTCDay: weekdays are busier than weekends. */
export const WEEKDAY_VOLUME = [0.45, 1.15, 1.2, 1.15, 1.1, 0.95, 0.4];
/** Relative submissions per local hour. */
export const HOUR_VOLUME = [
  0.2, 0.1, 0.08, 0.06, 0.06, 0.1, 0.25, 0.5, 0.9, 1.3, 1.5, 1.5, 1.3, 1.4, 1.5, 1.4, 1.3, 1.2, 1.1, 1.2, 1.3, 1.1, 0.7,
  0.4,
];
export const FAST_TRACK_LAUNCH_SHARE = 0.55; // of the history's span
export const FAST_TRACK_RAMP_DAYS = 60;
export const FAST_TRACK_MAX_SHARE = 0.45;
export const REFERRAL_SHARE = 0.08;
/** Log-odds added to the admission rate per channel: fast-track admits clearly more. */
export const CHANNEL_EFFECT: Record<string, number> = { [CLASSIC]: 0, [FAST_TRACK]: 0.9, [REFERRAL]: 0.45 };
export const WITHDRAWN_SHARE = 0.05;
export const WAITLISTED_SHARE = 0.08;

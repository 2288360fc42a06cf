/**
 * Per-zone tables of UTC offsets, built from Intl.DateTimeFormat one 16-day
 * chunk at a time and then answered by arithmetic, so bucketing thousands of
 * instants costs no Intl calls. One table per real zone, shared by its spellings.
 */
import { daysFromCivil } from "./civil-days.ts";
import { lastAtOrBefore } from "./last-at-or-before.ts";
import { canonicalTimeZone } from "./time-zone-name.ts";

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/**
 * Offsets are sampled once a day, so a change undone within a day would be missed. tzdata has none:
 * the table matched Intl at 3-hourly instants in all 418 zones from 1970 to 2040.
 */
const SAMPLE_MS = DAY;
const CHUNK_MS = 16 * DAY;

/** Offset segments of one 16-day chunk: `offsets[i]` holds from `starts[i]` to the next start. */
interface Chunk {
  starts: number[];
  offsets: number[];
}

/** One stretch of time with a single offset: [start, end). */
export interface Segment {
  start: number;
  end: number;
  offset: number;
}

export class ZoneOffsets {
  private readonly chunks = new Map<number, Chunk>();

  constructor(private readonly format: Intl.DateTimeFormat) {}

  offsetAt(ms: number): number {
    const chunk = this.chunk(Math.floor(ms / CHUNK_MS));
    return chunk.offsets[lastAtOrBefore(chunk.starts, ms)] as number;
  }

  segmentAt(ms: number): Segment {
    const index = Math.floor(ms / CHUNK_MS);
    const chunk = this.chunk(index);
    const i = lastAtOrBefore(chunk.starts, ms);
    return {
      start: chunk.starts[i] as number,
      end: chunk.starts[i + 1] ?? (index + 1) * CHUNK_MS,
      offset: chunk.offsets[i] as number,
    };
  }

  private chunk(index: number): Chunk {
    const cached = this.chunks.get(index);
    if (cached) return cached;
    const start = index * CHUNK_MS;
    const end = start + CHUNK_MS;
    const starts = [start];
    const offsets = [this.readOffset(start)];
    let prev = start;
    let prevOffset = offsets[0] as number;
    for (let t = start + SAMPLE_MS; t <= end; t += SAMPLE_MS) {
      const offset = this.readOffset(t);
      // Loops when two changes fall between samples (A -> B -> C); a change exactly at `end` belongs to the next chunk.
      while (offset !== prevOffset) {
        const change = this.findChange(prev, t, prevOffset);
        if (change >= end) break;
        prev = change;
        prevOffset = this.readOffset(change);
        starts.push(change);
        offsets.push(prevOffset);
      }
      prev = t;
      prevOffset = offset;
    }
    const chunk = { starts, offsets };
    this.chunks.set(index, chunk);
    return chunk;
  }

  /** First whole second in (lo, hi] whose offset differs from `lowOffset`; tzdata changes fall on whole seconds. */
  private findChange(lo: number, hi: number, lowOffset: number): number {
    let a = lo / SECOND;
    let b = hi / SECOND;
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (this.readOffset(mid * SECOND) === lowOffset) a = mid;
      else b = mid;
    }
    return b * SECOND;
  }

  private readOffset(ms: number): number {
    const [year, month, day, hour, minute, second] = this.readWallClock(ms);
    // Some engines print midnight as 24.
    const wall = daysFromCivil(year, month, day) * DAY + (hour % 24) * HOUR + minute * 60_000 + second * SECOND;
    return wall - Math.floor(ms / SECOND) * SECOND;
  }

  private readWallClock(ms: number): WallClock {
    // format() costs a quarter of formatToParts(); the parts are the fallback should an engine print it otherwise.
    const m = WALL_TIME.exec(this.format.format(ms));
    if (m) return [Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])];
    const parts = this.format.formatToParts(ms);
    const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
    return [field("year"), field("month"), field("day"), field("hour"), field("minute"), field("second")];
  }
}

type WallClock = [year: number, month: number, day: number, hour: number, minute: number, second: number];

/** en-US with hourCycle h23: "3/29/2026, 02:00:00". */
const WALL_TIME = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

const zonesByName = new Map<string, ZoneOffsets>();
const zonesByCanonicalName = new Map<string, ZoneOffsets>();
/** Zone names are user input; spellings ("europe/berlin") are bounded, the tables per real zone are shared. */
const MAX_ZONE_SPELLINGS = 1000;

/** The offset table of zone `tz` (any spelling Intl accepts); throws a RangeError for a zone Intl does not know. */
export function zoneOffsets(tz: string): ZoneOffsets {
  const known = zonesByName.get(tz);
  if (known) return known;
  const canonical = canonicalTimeZone(tz);
  if (canonical === null) throw new RangeError(`Invalid time zone specified: ${tz}`);
  let offsets = zonesByCanonicalName.get(canonical);
  if (!offsets) {
    offsets = new ZoneOffsets(
      new Intl.DateTimeFormat("en-US", {
        timeZone: canonical,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      }),
    );
    zonesByCanonicalName.set(canonical, offsets);
  }
  if (zonesByName.size >= MAX_ZONE_SPELLINGS) zonesByName.clear();
  zonesByName.set(tz, offsets);
  return offsets;
}

// Instants to wall-clock date and time in a time zone, fast enough for every date cell of a large sheet.

import { type LocalClock, localDateTimeIn } from '../domain/dates';

/** Zone offsets only change on quarter-hour boundaries of UTC (historic local mean times aside). */
const bucketMs = 900_000;

interface Bucket {
  /** Offset from UTC in ms, the same at both ends of the quarter hour; null when it changes inside. */
  offset: number | null;
}

const zones = new Map<string, Map<number, Bucket>>();
/** Answers already given, per zone: a column of dates repeats the same midnights. */
const answers = new Map<string, Map<number, Pick<LocalClock, 'date' | 'time'>>>();
const answersKept = 50_000;

/**
 * The wall clock in `timeZone` at an instant: what localDateTimeIn gives, with Intl asked twice per
 * quarter hour of UTC time instead of once per value (a sheet's dates share a few hundred quarter
 * hours; each Intl call costs microseconds that add up to seconds over 50,000 rows). A quarter hour
 * whose two ends disagree (a historic change at an odd minute) falls back to Intl for each value.
 */
export function wallClockAt(ms: number, timeZone: string): Pick<LocalClock, 'date' | 'time'> {
  let known = answers.get(timeZone);
  if (!known) {
    known = new Map();
    answers.set(timeZone, known);
  }
  const answer = known.get(ms);
  if (answer) return answer;
  const computed = compute(ms, timeZone);
  if (known.size < answersKept) known.set(ms, computed);
  return computed;
}

function compute(ms: number, timeZone: string): Pick<LocalClock, 'date' | 'time'> {
  let buckets = zones.get(timeZone);
  if (!buckets) {
    buckets = new Map();
    zones.set(timeZone, buckets);
  }
  const key = Math.floor(ms / bucketMs);
  let bucket = buckets.get(key);
  if (!bucket) {
    const start = key * bucketMs;
    const first = offsetAt(start, timeZone);
    const last = offsetAt(start + bucketMs - 1000, timeZone);
    bucket = { offset: first === last ? first : null };
    buckets.set(key, bucket);
  }
  if (bucket.offset !== null) {
    // Intl shows whole seconds (it truncates): so does this.
    const iso = new Date(Math.floor(ms / 1000) * 1000 + bucket.offset).toISOString();
    // Years outside 0000-9999 have a longer ISO form: leave those to Intl.
    if (iso.length === 24)
      return { date: iso.slice(0, 10) as LocalClock['date'], time: iso.slice(11, 19) };
  }
  const local = localDateTimeIn(ms, timeZone);
  return { date: local.date, time: local.time };
}

function offsetAt(ms: number, timeZone: string): number {
  const local = localDateTimeIn(ms, timeZone);
  const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss] = local.time.split(':').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hh, mm, ss) - Math.floor(ms / 1000) * 1000;
}

// Wall-clock time in IANA time zones, and Sheets serial day numbers <-> instants (Intl only).

/** Days between 1899-12-30 (serial 0 in Sheets) and 1970-01-01 (the Unix epoch). */
export const unixEpochSerial = 25569;
export const millisecondsPerDay = 86_400_000;

/** A wall-clock reading: calendar fields with no zone attached. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

// Building an Intl.DateTimeFormat costs far more than using one; a cache keeps reads of big grids fast.
// It holds no state a caller could observe, so the functions stay pure from the outside.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone (Apps Script refuses unknown zones with "Invalid argument"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    wallClockFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

// format() is about three times faster than formatToParts(); its en-US shape is checked, with a fallback.
const wallClockShape = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;

/** The wall-clock reading of an instant (milliseconds since the Unix epoch) in a time zone. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const format = wallClockFormat(timeZone);
  const millisecond = ((instant % 1000) + 1000) % 1000;
  const match = wallClockShape.exec(format.format(instant));
  const fields: Record<string, string | undefined> = {};
  if (match) {
    [fields.month, fields.day, fields.year, fields.era, fields.hour, fields.minute, fields.second] =
      match.slice(1);
  } else {
    for (const part of format.formatToParts(instant)) fields[part.type] = part.value;
  }
  const yearOfEra = Number(fields.year);
  return {
    year: fields.era === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond,
  };
}

/** Milliseconds of a wall-clock reading counted as if it were UTC (so years 0-99 stay themselves). */
export function wallTimeToMilliseconds(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** The zone's offset from UTC in milliseconds at an instant (positive east of Greenwich). */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  return wallTimeToMilliseconds(wallTimeAt(instant, timeZone)) - instant;
}

/** The instant's local wall time in `timeZone` as Sheets serial days (fraction = time of day). */
export function serialFromDate(date: Date, timeZone: string): number {
  const instant = date.getTime();
  const wallMilliseconds = instant + zoneOffsetAt(instant, timeZone);
  return wallMilliseconds / millisecondsPerDay + unixEpochSerial;
}

/**
 * The instant a wall-clock reading happens in `timeZone`. A wall time that happens twice (clocks go
 * back) gives the earlier instant; one that never happens (clocks go forward) is pushed forward by
 * the length of the gap, so 02:30 on a spring-forward night in Madrid becomes 03:30 CEST. That is
 * the "compatible" rule of Temporal and java.time.
 */
export function epochFromWallTime(
  wall: Pick<WallTime, 'year' | 'month' | 'day'> & Partial<WallTime>,
  timeZone: string,
): number {
  return instantOfWall(
    wallTimeToMilliseconds({ hour: 0, minute: 0, second: 0, millisecond: 0, ...wall }),
    timeZone,
  );
}

function instantOfWall(wallMilliseconds: number, timeZone: string): number {
  // Offsets a day either side bracket any single transition near this wall time.
  const offsetBefore = zoneOffsetAt(wallMilliseconds - millisecondsPerDay, timeZone);
  const offsetAfter = zoneOffsetAt(wallMilliseconds + millisecondsPerDay, timeZone);
  const candidates = [wallMilliseconds - offsetBefore, wallMilliseconds - offsetAfter]
    .filter((instant) => instant + zoneOffsetAt(instant, timeZone) === wallMilliseconds)
    .sort((a, b) => a - b);
  const earliestMatch = candidates[0];
  if (earliestMatch !== undefined) return earliestMatch;
  // No instant has this wall time: the gap. The offset in force before it carries the time forward.
  return wallMilliseconds - offsetBefore;
}

/** The instant whose wall time in `timeZone` is `serial` (rounded to the millisecond; see epochFromWallTime). */
export function dateFromSerial(serial: number, timeZone: string): Date {
  return new Date(
    instantOfWall(Math.round((serial - unixEpochSerial) * millisecondsPerDay), timeZone),
  );
}

/** 0 = Sunday, as Date.getDay. */
export function weekdayOf(wall: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
}

/** ISO week number (Apps Script's 'week-of-year' in time-driven events). */
export function isoWeek(wall: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** Calendar fields of a serial read as wall time (no zone: a serial already is wall time). */
export function wallTimeFromSerial(serial: number): WallTime {
  const date = new Date(Math.round((serial - unixEpochSerial) * millisecondsPerDay));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}

/** The serial of a wall-clock reading; months and days may overflow like Date.UTC's. */
export function serialFromWallTime(wall: WallTime): number {
  return wallTimeToMilliseconds(wall) / millisecondsPerDay + unixEpochSerial;
}

// Serial day numbers and instants through a time zone's wall clock, across DST, leap days and year ends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateFromSerial, serialFromDate, serialFromWallTime } from '../../scripts/runtime/values';
import { epochFromWallTime, wallTimeAt } from '../../scripts/runtime/values-time';

const serialOf = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) =>
  serialFromWallTime({ year, month, day, hour, minute, second, millisecond: 0 });

describe('serial days', () => {
  it('counts days from 1899-12-30 like Sheets', () => {
    expect(serialOf(1899, 12, 30)).toBe(0);
    expect(serialOf(1900, 1, 1)).toBe(2);
    expect(serialOf(2026, 3, 1)).toBe(46082);
  });

  it('reads an instant as the wall time of the spreadsheet zone, not of UTC', () => {
    const lateEveningInNewYork = new Date('2026-03-02T03:30:00Z');
    expect(serialFromDate(lateEveningInNewYork, 'America/New_York')).toBeCloseTo(
      serialOf(2026, 3, 1, 22, 30),
      9,
    );
    expect(serialFromDate(lateEveningInNewYork, 'Europe/Madrid')).toBeCloseTo(
      serialOf(2026, 3, 2, 4, 30),
      9,
    );
  });

  it('keeps 29 February and the last second of the year on their own day', () => {
    const leapDay = dateFromSerial(serialOf(2028, 2, 29), 'Europe/Madrid');
    expect(leapDay.toISOString()).toBe('2028-02-28T23:00:00.000Z');
    const lastSecond = dateFromSerial(serialOf(2026, 12, 31, 23, 59, 59), 'America/New_York');
    expect(lastSecond.toISOString()).toBe('2027-01-01T04:59:59.000Z');
    expect(serialFromDate(lastSecond, 'America/New_York')).toBeCloseTo(
      serialOf(2026, 12, 31, 23, 59, 59),
      9,
    );
  });

  it('uses the summer offset after the spring change and the winter one before it (Madrid)', () => {
    expect(dateFromSerial(serialOf(2026, 3, 29, 1, 30), 'Europe/Madrid').toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(dateFromSerial(serialOf(2026, 3, 29, 3, 30), 'Europe/Madrid').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('pushes a wall time that never happens (spring gap) forward by the gap', () => {
    const inTheGap = dateFromSerial(serialOf(2026, 3, 29, 2, 30), 'Europe/Madrid');
    expect(inTheGap.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(serialFromDate(inTheGap, 'Europe/Madrid')).toBeCloseTo(serialOf(2026, 3, 29, 3, 30), 9);
    const newYorkGap = dateFromSerial(serialOf(2026, 3, 8, 2, 15), 'America/New_York');
    expect(newYorkGap.toISOString()).toBe('2026-03-08T07:15:00.000Z');
  });

  it('picks the earlier instant for a wall time that happens twice (autumn overlap)', () => {
    expect(dateFromSerial(serialOf(2026, 10, 25, 2, 30), 'Europe/Madrid').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(dateFromSerial(serialOf(2026, 11, 1, 1, 30), 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('turns midnight of a calendar day into that day in every zone', () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'Etc/UTC']) {
      const midnight = dateFromSerial(46082, zone);
      expect(Math.floor(serialFromDate(midnight, zone) + 1e-9)).toBe(46082);
    }
  });

  it('round-trips any instant through its serial in any zone', () => {
    const zones = [
      'Europe/Madrid',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'America/Sao_Paulo',
      'Etc/UTC',
    ];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1950-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (date, zone) => {
          const back = dateFromSerial(serialFromDate(date, zone), zone);
          // An instant in an autumn overlap shares its wall time with one an hour apart.
          const sameWallTime =
            Math.abs(serialFromDate(back, zone) - serialFromDate(date, zone)) < 1e-8;
          expect(sameWallTime).toBe(true);
          expect([0, 1_800_000, 3_600_000]).toContain(Math.abs(back.getTime() - date.getTime()));
          expect(back.getTime() <= date.getTime()).toBe(true);
        },
      ),
    );
  });
});

describe('wall-clock times in a zone', () => {
  const at = (zone: string, year: number, month: number, day: number, hour: number, minute = 0) =>
    new Date(epochFromWallTime({ year, month, day, hour, minute }, zone)).toISOString();

  it('gives the earlier instant for a time the autumn change makes happen twice, in both zones', () => {
    // Madrid 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and 01:30Z.
    expect(at('Europe/Madrid', 2026, 10, 25, 2, 30)).toBe('2026-10-25T00:30:00.000Z');
    // New York 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30Z and 06:30Z.
    expect(at('America/New_York', 2026, 11, 1, 1, 30)).toBe('2026-11-01T05:30:00.000Z');
  });

  it('pushes a time the spring change skips forward by the gap, in both zones', () => {
    expect(at('Europe/Madrid', 2026, 3, 29, 2, 30)).toBe('2026-03-29T01:30:00.000Z');
    expect(at('America/New_York', 2026, 3, 8, 2, 30)).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reads every instant back to the wall time it came from, outside the changes', () => {
    for (const zone of ['Europe/Madrid', 'America/New_York', 'Asia/Kolkata']) {
      const instant = epochFromWallTime(
        { year: 2026, month: 7, day: 14, hour: 9, minute: 5 },
        zone,
      );
      expect(wallTimeAt(instant, zone)).toMatchObject({ year: 2026, month: 7, day: 14, hour: 9 });
    }
  });
});

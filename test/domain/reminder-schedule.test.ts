// Proves when reminders are due and when to look again, across DST changes, and when a quiet trigger is called stopped.
import { describe, expect, it } from 'vitest';
import { localDateTimeIn } from '../../src/domain/dates';
import {
  firstReminderDay,
  instantAt,
  instantOfLocal,
  nextReminderCheck,
  remindersOverdue,
} from '../../src/domain/reminder-schedule';
import { d } from './builders';

const hour = 3_600_000;

describe('instantAt: a wall-clock hour in the spreadsheet zone', () => {
  it.each([
    ['Europe/Madrid', '2026-03-28', '2026-03-28T07:00:00.000Z'],
    ['Europe/Madrid', '2026-03-29', '2026-03-29T06:00:00.000Z'],
    ['Europe/Madrid', '2026-10-25', '2026-10-25T07:00:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T12:00:00.000Z'],
    ['America/New_York', '2026-11-01', '2026-11-01T13:00:00.000Z'],
    ['Asia/Tokyo', '2026-11-24', '2026-11-23T23:00:00.000Z'],
    ['Etc/UTC', '2026-11-24', '2026-11-24T08:00:00.000Z'],
  ])('08:00 in %s on %s is %s', (zone, date, iso) => {
    expect(new Date(instantAt(d(date), 8, zone)).toISOString()).toBe(iso);
  });

  it('takes the first instant after a skipped hour, and the later of a repeated one', () => {
    // Madrid skips 02:00-03:00 on 29 March 2026 and repeats 02:00-03:00 on 25 October 2026.
    expect(new Date(instantAt(d('2026-03-29'), 2, 'Europe/Madrid')).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(new Date(instantAt(d('2026-10-25'), 2, 'Europe/Madrid')).toISOString()).toBe(
      '2026-10-25T01:00:00.000Z',
    );
    expect(instantOfLocal('2026-11-24 08:20:30', 'Europe/Madrid')).toBe(
      Date.parse('2026-11-24T07:20:30Z'),
    );
    expect(instantOfLocal('not a time', 'Europe/Madrid')).toBeNull();
  });
});

describe('when the run looks again', () => {
  const madrid = (iso: string) => localDateTimeIn(Date.parse(iso), 'Europe/Madrid');

  it('covers today when turned on before the hour, else from tomorrow', () => {
    expect(firstReminderDay(madrid('2026-11-24T06:59:00Z'), 8)).toBe('2026-11-24');
    expect(firstReminderDay(madrid('2026-11-24T07:00:00Z'), 8)).toBe('2026-11-25');
  });

  it('is the next reminder hour, whatever minute the trigger fired, across a DST change', () => {
    const before = nextReminderCheck(madrid('2026-11-24T05:17:00Z'), 8, 'Europe/Madrid');
    expect(new Date(before).toISOString()).toBe('2026-11-24T07:00:00.000Z');
    const after = nextReminderCheck(madrid('2026-03-28T07:43:00Z'), 8, 'Europe/Madrid');
    // Saturday 08:43 CET; Sunday 08:00 is CEST: 23 hours later.
    expect(after - Date.parse('2026-03-28T07:00:00Z')).toBe(23 * hour);
  });
});

describe('a quiet trigger', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');

  it('is called stopped after 26 hours without a run, counted from turning on when none ran', () => {
    expect(remindersOverdue(now - 25 * hour, null, now)).toBe(false);
    expect(remindersOverdue(now - 27 * hour, null, now)).toBe(true);
    expect(remindersOverdue(null, now - 20 * hour, now)).toBe(false);
    expect(remindersOverdue(null, now - 30 * hour, now)).toBe(true);
    expect(remindersOverdue(null, null, now)).toBe(false);
  });
});

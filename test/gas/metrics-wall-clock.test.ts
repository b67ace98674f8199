// Proves the fast wall clock behind date cells gives exactly what Intl gives, across zones and DST changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateTimeIn } from '../../src/domain/dates';
import { wallClockAt } from '../../src/gas/wall-clock';

const zones = [
  'Europe/Madrid',
  'America/New_York',
  'America/Sao_Paulo',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Etc/UTC',
];

describe('wall clock of date cells', () => {
  it('matches Intl at every instant, 1890 to 2100, in zones with odd offsets and DST', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (zone, ms) => {
          const intl = localDateTimeIn(ms, zone);
          expect(wallClockAt(ms, zone)).toEqual({ date: intl.date, time: intl.time });
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('matches Intl around the spring and autumn changes in Madrid, second by second', () => {
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)])
      for (let ms = change - 2_000_000; ms < change + 2_000_000; ms += 1_000) {
        const intl = localDateTimeIn(ms, 'Europe/Madrid');
        expect(wallClockAt(ms, 'Europe/Madrid')).toEqual({ date: intl.date, time: intl.time });
      }
  });
});

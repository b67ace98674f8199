// The one rule deciding when written text needs a leading apostrophe, and every writer that follows it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUserInput } from '../../scripts/runtime/values';
import { fields } from '../../src/domain/fields';
import { needsQuote, quoteIfRisky } from '../../src/gas/cells';
import { adopt, noChoices } from '../support/adopt';
import { runtimeWith, seller, sheetOf, storedValues, tab } from '../support/tracker';
import { convertibleText, typedText } from '../support/typed-text';

const locales = [
  { locale: 'en_US', timeZone: 'America/New_York' },
  { locale: 'es_ES', timeZone: 'Europe/Madrid' },
];
const now = Date.UTC(2026, 10, 23, 9, 30);

/** What a cell holds after the add-on writes `text` into it (Sheets parses it as if typed). */
function stored(text: string, locale: string, timeZone: string) {
  return parseUserInput(quoteIfRisky(text), locale, timeZone, now);
}

describe('quoteIfRisky', () => {
  for (const { locale, timeZone } of locales) {
    it(`keeps every typed text as exactly that text in a ${locale} file`, () => {
      fc.assert(
        fc.property(typedText, (text) => {
          expect(stored(text, locale, timeZone)).toEqual({ value: text });
        }),
        { numRuns: 5_000 },
      );
    });
  }

  it('quotes the shapes Sheets converts, whatever the locale', () => {
    const examples = [
      '1e3',
      '2E6',
      '3E',
      '007',
      '+5',
      '1.234,5',
      '1,234.5',
      '50 %',
      '12,50 €',
      '$1,000',
      '1/2',
      '1 1/2',
      '2026-03-01',
      '1/3/2026 14:05',
      'Mar 1',
      '1 de marzo de 2026',
      'Tuesday, March 3, 2026',
      '1 janvier 2026',
      '3. März 2026',
      '10am',
      '8:30',
      'TRUE',
      'Verdadero',
      'falso',
      '#N/A',
      '=SUM(A1)',
      '+34 600 123 456',
      '- call back',
      '@ana',
      "'quoted'",
      '\tx',
      '\nx',
      ' =1',
    ];
    for (const text of examples) expect(needsQuote(text), text).toBe(true);
  });

  it('leaves text with real words alone: a column formatted as plain text would show the apostrophe', () => {
    for (const text of ['Acme Corp', 'Acme 2', 'Route 66 Diner', 'Call back on Tuesday', 'May', ''])
      expect(quoteIfRisky(text), text).toBe(text);
  });

  it('needs the apostrophe for every shape the runtime converts (the property above is not vacuous)', () => {
    for (const { locale, timeZone } of locales) {
      let converted = 0;
      fc.assert(
        fc.property(convertibleText, (text) => {
          const raw = parseUserInput(text, locale, timeZone, now);
          if (raw.value !== text || raw.formula !== undefined) converted += 1;
        }),
        { numRuns: 2_000 },
      );
      // Over a third convert in each locale; the rest are shapes another locale converts, impossible
      // dates and times, and shapes quoted only in case (error words, 1 1/2, weekday names).
      expect(converted, locale).toBeGreaterThan(2_000 / 3);
    }
  });
});

describe('Every writer of the add-on follows the rule', () => {
  const headers = fields.map((f) => f.header.en);

  it.each([
    ['a new Settings tab', []],
    ['the Settings tab already there', [sheetOf('Settings', [['Setting', 'Value']], 1)]],
  ])('adoption writes unknown stages such as "1e3" and "=1+1" into %s as text', async (_, tabs) => {
    const rt = await runtimeWith([
      sheetOf('Opportunities', [
        headers,
        ['OPP-000001', 'Fleet', 'Acme', seller, '1e3'],
        // Text that reads like a formula (stored as text, as after a leading apostrophe).
        ['OPP-000002', 'Vans', 'Beta', seller, '=1+1'],
      ]),
      ...tabs,
    ]);
    adopt(rt, {
      ...noChoices,
      stages: { '1e3': { kind: 'open' }, '=1+1': { kind: 'open' } },
    });
    const settings = storedValues(rt, 'Settings').flat();
    expect(settings).toContain('1e3');
    expect(settings).toContain('=1+1');
    expect(
      tab(rt, 'Settings')
        .rows.flat()
        .some((cell) => cell?.formula),
    ).toBe(false);
  });

  it('the check report keeps a bad value such as "1/2" or "TRUE" as the text found', async () => {
    const email = fields.findIndex((f) => f.key === 'contactEmail');
    const row = (id: string, value: string) => {
      const cells: string[] = [id, 'Fleet', 'Acme', seller, 'New'];
      cells[email] = value;
      return Array.from(cells, (cell) => cell ?? '');
    };
    const rt = await runtimeWith([
      sheetOf('Opportunities', [headers, row('OPP-000001', '1/2'), row('OPP-000002', 'TRUE')]),
    ]);
    adopt(rt);
    rt.run('checkAndRepair');
    const report = storedValues(rt, 'Check report').flat();
    expect(report).toContain('1/2');
    expect(report).toContain('TRUE');
    expect(report).toContain('OPP-000001');
  });
});

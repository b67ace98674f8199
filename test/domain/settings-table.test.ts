// Settings and Team tab rules: what the add-on writes reads back the same, and a manager's edits are tolerated.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/domain/defaults';
import type { Cell } from '../../src/domain/model';
import {
  missingPauseColumn,
  pausedForever,
  settingRow,
  settingsFromRows,
  settingsToRows,
  teamFromRows,
  teamToRows,
} from '../../src/domain/settings-table';
import { aSettings, aTeamMember, d } from './builders';

function read(rows: Cell[][], language: 'en' | 'es' = 'en') {
  const result = settingsFromRows(rows, language);
  if (!result.ok) throw new Error(result.issues.join('; '));
  return result;
}

/** The written table with one row's value replaced (found by its first cell). */
function edited(rows: Cell[][], label: string, ...values: Cell[]): Cell[][] {
  return rows.map((row) => (row[0] === label ? [label, ...values] : row));
}

describe('settingsToRows / settingsFromRows', () => {
  it.each(['en', 'es'] as const)('reads back exactly the settings it wrote (%s)', (language) => {
    const settings = { ...defaultSettings(language), quarterlyQuota: 250_000, reminderHour: 7 };
    const rows = settingsToRows(settings, language);
    expect(read(rows, language)).toEqual({ ok: true, value: settings, issues: [] });
  });

  it('writes a rectangular table with labels in the chosen language', () => {
    const rows = settingsToRows(aSettings(), 'es');
    expect(new Set(rows.map((row) => row.length))).toEqual(new Set([5]));
    expect(rows[0]?.slice(0, 2)).toEqual(['Ajuste', 'Valor']);
    expect(rows.some((row) => row[0] === 'Moneda' && row[1] === 'EUR')).toBe(true);
    expect(
      rows.some(
        (row) =>
          row[0] === 'Qualified' &&
          row[4] === 'Budget range confirmed | Decision maker identified | Timeline agreed',
      ),
    ).toBe(true);
  });

  it('tolerates blank rows, keys in another order and labels in the other language', () => {
    const english = settingsToRows(aSettings({ currency: 'USD' }), 'en');
    const shuffled: Cell[][] = [
      english[0] as Cell[],
      [],
      ['CUOTA TRIMESTRAL', '50.000'],
      ['', ''],
      ...english
        .slice(1)
        .reverse()
        .filter((row) => row[0] !== 'Quarterly quota')
        .reverse(),
    ];
    const result = read(shuffled);
    expect(result.value.quarterlyQuota).toBe(50_000);
    expect(result.value.currency).toBe('USD');
    expect(result.issues).toEqual([]);
  });

  it('falls back to the default for each bad value, saying why', () => {
    let rows: Cell[][] = settingsToRows(aSettings(), 'en');
    rows = edited(rows, 'Reminder hour (0-23)', 25);
    rows = edited(rows, 'Currency', 'euros');
    rows = edited(rows, 'Daily reminders', 'perhaps');
    rows = edited(rows, 'Weight: Budget confirmed', 'lots');
    const result = read(rows);
    expect(result.value).toMatchObject({
      reminderHour: 8,
      currency: 'EUR',
      remindersEnabled: true,
    });
    expect(result.value.scoringWeights.budget).toBe(30);
    expect(result.issues).toEqual([
      'Currency "EUROS" is not a three-letter code: EUR is used.',
      '"Reminder hour (0-23)" cannot be "25": 8 is used.',
      '"Daily reminders" should be true or false: true is used.',
      '"Weight: Budget confirmed" cannot be "lots": 30 is used.',
    ]);
  });

  it('reports unknown and repeated settings, and missing ones', () => {
    const rows: Cell[][] = [
      ['Setting', 'Value'],
      ['Currency', 'EUR'],
      ['Currency', 'USD'],
      ['Favourite colour', 'blue'],
    ];
    const result = read(rows);
    expect(result.value.currency).toBe('EUR');
    expect(result.issues).toContain('"Currency" appears twice: the first is used.');
    expect(result.issues).toContain('Unknown setting "Favourite colour" ignored.');
    expect(result.issues).toContain('"Quarterly quota" is missing: 0 is used.');
  });

  it('reports problems in Spanish when asked', () => {
    const result = read(
      [
        ['Ajuste', 'Valor'],
        ['Moneda', 'EUR'],
        ['Color', 'azul'],
      ],
      'es',
    );
    expect(result.issues).toContain('Ajuste desconocido "Color" ignorado.');
  });

  it('reads the stages a manager edited: percentages, kinds in Spanish, criteria', () => {
    const rows: Cell[][] = [
      ['Etapa', 'Probabilidad', 'Días objetivo', 'Tipo', 'Criterios de salida'],
      ['Contacto', '20%', 3, 'abierta', 'Llamada hecha |  | Interés confirmado'],
      ['Oferta', 0.5, '10', 'Abierta', ''],
      ['Firmado', 1, '', 'ganada', ''],
      ['Descartado', 0, '', 'PERDIDA', ''],
    ];
    const { value, issues } = read(rows, 'es');
    expect(value.stages).toEqual([
      {
        name: 'Contacto',
        probability: 20,
        targetDays: 3,
        kind: 'open',
        exitCriteria: ['Llamada hecha', 'Interés confirmado'],
      },
      { name: 'Oferta', probability: 50, targetDays: 10, kind: 'open', exitCriteria: [] },
      { name: 'Firmado', probability: 1, targetDays: null, kind: 'won', exitCriteria: [] },
      { name: 'Descartado', probability: 0, targetDays: null, kind: 'lost', exitCriteria: [] },
    ]);
    expect(issues.filter((issue) => issue.startsWith('Etapa'))).toEqual([]);
  });

  it('repairs a bad stage row value by value and reports each', () => {
    const rows: Cell[][] = [
      ['Stage', 'Probability', 'Target days', 'Kind', 'Exit criteria'],
      ['Lead', 'high', 'soon', 'maybe'],
      ['Lead', 10, 2, 'open'],
      ['', 40, 5, 'open'],
      ['Won', 100, '', 'won'],
      ['Lost', 0, '', 'lost'],
    ];
    const { value, issues } = read(rows);
    expect(value.stages.map((s) => [s.name, s.probability, s.targetDays, s.kind])).toEqual([
      ['Lead', 50, 7, 'open'],
      ['Won', 100, null, 'won'],
      ['Lost', 0, null, 'lost'],
    ]);
    expect(issues).toEqual(
      expect.arrayContaining([
        'Stage "Lead": kind "maybe" is not open, won or lost: open is used.',
        'Stage "Lead": probability "high" is not 0-100: 50 is used.',
        'Stage "Lead": target days "soon" is not a whole number: 7 is used.',
        'Stage "Lead" appears twice: the first is used.',
        'A stage row has no name: it is ignored.',
      ]),
    );
  });

  it('falls back to the default stages when the table cannot work (no lost stage)', () => {
    const rows: Cell[][] = [
      ['Stage'],
      ['A', 10, 1, 'open'],
      ['B', 50, 1, 'open'],
      ['C', 100, '', 'won'],
    ];
    const { value, issues } = read(rows);
    expect(value.stages).toEqual(defaultSettings('en').stages);
    expect(issues).toContain(
      'The stages need at least three rows with an open, a won and a lost stage: the default stages are used.',
    );
  });

  it('reads lost reasons, falling back to the defaults when there are none', () => {
    const rows: Cell[][] = [
      ['Lost reason', 'Requires note'],
      ['Price', 'no'],
      ['price', false],
      ['Other', 'sí'],
      ['Odd', 'hmm'],
      ['', ''],
    ];
    const { value, issues } = read(rows);
    expect(value.lostReasons).toEqual([
      { name: 'Price', requiresNote: false },
      { name: 'Other', requiresNote: true },
      { name: 'Odd', requiresNote: false },
    ]);
    expect(issues).toContain('Lost reason "price" appears twice: the first is used.');
    expect(read([['Lost reason']]).value.lostReasons).toEqual(defaultSettings('en').lostReasons);
  });

  it('reads stage emails for known stages only', () => {
    const rows: Cell[][] = [
      ['Stage email', 'Delay days', 'Subject', 'Body'],
      ['proposal', 2, 'Follow up', 'Call {{customer}}'],
      ['Pilot', 1, 'x', 'y'],
      ['Won', 'later', 'Thanks', ''],
      ['Lost', '', 'Sorry', ''],
    ];
    const { value, issues } = read(rows);
    expect(value.stageEmails).toEqual([
      { stage: 'Proposal', delayDays: 2, subject: 'Follow up', body: 'Call {{customer}}' },
      { stage: 'Won', delayDays: 0, subject: 'Thanks', body: '' },
      { stage: 'Lost', delayDays: 0, subject: 'Sorry', body: '' },
    ]);
    expect(issues).toContain('Stage email for "Pilot": there is no such stage, it is ignored.');
    expect(issues).toContain(
      'Stage email for "Won": delay "later" is not a whole number of days: 0 is used.',
    );
  });

  it('keeps the spreadsheet’s language for an unknown language setting', () => {
    const { value, issues } = read([
      ['Setting', 'Value'],
      ['Language', 'fr'],
    ]);
    expect(value.language).toBe('');
    expect(issues).toContain('Language "fr" is not en or es: the spreadsheet\'s is used.');
  });

  it('refuses rows that hold no settings at all', () => {
    expect(settingsFromRows([])).toEqual({
      ok: false,
      issues: ['The Settings tab holds no settings.'],
    });
    expect(settingsFromRows([['Shopping list'], ['milk']]).ok).toBe(false);
  });

  it('refuses a number that is not finite', () => {
    const rows = edited(
      settingsToRows(aSettings(), 'en'),
      'Stale red factor',
      Number.POSITIVE_INFINITY,
    );
    const { issues } = read(rows);
    expect(issues).toContain('"Stale red factor" cannot be "Infinity": 1.5 is used.');
  });
});

describe('teamToRows / teamFromRows', () => {
  it.each(['en', 'es'] as const)('reads back the team it wrote (%s)', (language) => {
    const team = [
      aTeamMember(),
      aTeamMember({ email: 'luis@example.com', name: 'Luis', managerEmail: '' }),
    ];
    expect(teamFromRows(teamToRows(team, language), language)).toEqual({
      ok: true,
      value: team,
      issues: [],
    });
  });

  it('finds the columns by header in any order and lowercases emails', () => {
    const rows: Cell[][] = [
      [],
      ['Nombre', 'Responsable', 'Correo'],
      ['Ana', 'Marta@Example.com', 'ANA@example.com'],
    ];
    expect(teamFromRows(rows)).toEqual({ ok: true, value: [aTeamMember()], issues: [] });
  });

  it('reads a team written without a header row in the usual order', () => {
    expect(teamFromRows([['ana@example.com', 'Ana', 'marta@example.com']])).toMatchObject({
      ok: true,
      value: [aTeamMember()],
    });
  });

  it('skips rows with a bad email, blanks a bad manager email, and reports both', () => {
    const rows: Cell[][] = [
      ['Email', 'Name', 'Manager email'],
      ['ana', 'Ana', ''],
      ['luis@example.com', 'Luis', 'the boss'],
      ['luis@example.com', 'Luis again', ''],
    ];
    expect(teamFromRows(rows)).toEqual({
      ok: true,
      value: [{ email: 'luis@example.com', name: 'Luis', managerEmail: '' }],
      issues: [
        '"ana" is not an email address: that row is skipped.',
        'Manager of luis@example.com: "the boss" is not an email address, left blank.',
        'luis@example.com appears twice: the first row is used.',
      ],
    });
  });

  it.each(['en', 'es'] as const)(
    'writes and reads each seller quarterly quota (%s)',
    (language) => {
      const team = [aTeamMember({ quota: 150_000 }), aTeamMember({ email: 'luis@example.com' })];
      const rows = teamToRows(team, language);
      // Email, name, manager, reminders paused until, quota.
      expect(rows[0]).toHaveLength(5);
      expect(rows[1]?.[4]).toBe(150_000);
      expect(rows[2]?.[4]).toBe('');
      expect(teamFromRows(rows, language)).toEqual({ ok: true, value: team, issues: [] });
    },
  );

  it('reads a Team tab made before the Quota column existed, and reports a quota that is not an amount', () => {
    const old: Cell[][] = [
      ['Email', 'Name', 'Manager email'],
      ['ana@example.com', 'Ana', 'marta@example.com'],
    ];
    expect(teamFromRows(old)).toEqual({ ok: true, value: [aTeamMember()], issues: [] });
    const typed: Cell[][] = [
      ['Correo', 'Cuota', 'Nombre'],
      ['ana@example.com', '12.500 €', 'Ana'],
      ['luis@example.com', 'lots', 'Luis'],
    ];
    expect(teamFromRows(typed, 'es')).toEqual({
      ok: true,
      value: [
        { email: 'ana@example.com', name: 'Ana', managerEmail: '', quota: 12_500 },
        { email: 'luis@example.com', name: 'Luis', managerEmail: '' },
      ],
      issues: ['Cuota de luis@example.com: "lots" no es un importe, se omite.'],
    });
  });

  it('reads an empty tab as an empty team and refuses a table with no email column', () => {
    expect(teamFromRows([])).toEqual({ ok: true, value: [], issues: [] });
    expect(teamFromRows([['Nombre', 'Teléfono']], 'es')).toEqual({
      ok: false,
      issues: ['La pestaña Equipo no tiene columna Email.'],
    });
  });
});

describe('the reminders rows (issue 11)', () => {
  it('reads back the account reminders are sent from, and blank or junk as none', () => {
    const settings = { ...defaultSettings('es'), remindersSender: 'ana@example.com' };
    expect(read(settingsToRows(settings, 'es'), 'es').value.remindersSender).toBe(
      'ana@example.com',
    );
    const rows = settingsToRows(defaultSettings('en'), 'en');
    const junk = edited(rows, 'Reminders sent from (set by Turn on reminders)', 'nobody');
    expect(read(junk).value.remindersSender).toBe('');
    // A tab written before the row existed reads as none, without a complaint.
    const older = rows.filter((row) => !String(row[0]).startsWith('Reminders sent from'));
    expect(read(older)).toMatchObject({ value: { remindersSender: '' }, issues: [] });
  });

  it('finds the row of a setting to write one cell, or where a missing row goes', () => {
    const rows = settingsToRows(defaultSettings('en'), 'en');
    const at = rows.findIndex((row) => row[0] === 'Daily reminders');
    expect(settingRow(rows, 'remindersEnabled')).toEqual({ row: at, insertAfter: at });
    const older = rows.filter((row) => !String(row[0]).startsWith('Reminders sent from'));
    const lastSetting = older.findIndex((row) => row.join('') === '') - 1;
    expect(settingRow(older, 'remindersSender')).toEqual({ row: null, insertAfter: lastSetting });
  });

  it('reads the pause column of the Team tab: a date, yes for until cleared, blank for none', () => {
    const team = [
      aTeamMember({ pausedUntil: d('2026-12-24') }),
      aTeamMember({ email: 'luis@example.com', name: 'Luis', pausedUntil: pausedForever }),
      aTeamMember({ email: 'sara@example.com', name: 'Sara' }),
    ];
    for (const language of ['en', 'es'] as const)
      expect(teamFromRows(teamToRows(team, language), language)).toEqual({
        ok: true,
        value: team,
        issues: [],
      });
    const typed: Cell[][] = [
      ['Email', 'Name', 'Manager email', 'Paused until'],
      ['ana@example.com', 'Ana', '', { kind: 'date', date: d('2026-12-01'), time: '00:00:00' }],
      ['luis@example.com', 'Luis', '', 'sí'],
      ['sara@example.com', 'Sara', '', 'soon'],
    ];
    expect(teamFromRows(typed)).toEqual({
      ok: true,
      value: [
        { email: 'ana@example.com', name: 'Ana', managerEmail: '', pausedUntil: '2026-12-01' },
        { email: 'luis@example.com', name: 'Luis', managerEmail: '', pausedUntil: pausedForever },
        { email: 'sara@example.com', name: 'Sara', managerEmail: '' },
      ],
      issues: [
        'Reminders of sara@example.com: "soon" is neither a date nor yes/no, so they are not paused.',
      ],
    });
  });
});

describe('a Team tab older than the pause column', () => {
  it('gets the column header after its last one, in the file language, and only once', () => {
    const older: Cell[][] = [[], ['Email', 'Nombre', 'Email del responsable', '']];
    expect(missingPauseColumn(older, 'es')).toEqual({
      row: 1,
      column: 3,
      header: 'Recordatorios en pausa hasta',
    });
    expect(missingPauseColumn(teamToRows([aTeamMember()], 'en'), 'en')).toBeNull();
    expect(missingPauseColumn([['ana@example.com', 'Ana']], 'en')).toBeNull();
    expect(missingPauseColumn([], 'en')).toBeNull();
  });
});

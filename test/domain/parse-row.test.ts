// Row parsing rules: whatever the cells hold, a row becomes a typed deal or issues naming column and problem.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerFor, mapColumns } from '../../src/domain/columns';
import { fieldKeys } from '../../src/domain/fields';
import { type Cell, cellDate } from '../../src/domain/model';
import {
  fieldToCellValue,
  parseDateCell,
  parseNumberText,
  parseRow,
  parseRows,
  serialFromDate,
} from '../../src/domain/parse-row';
import { aSettings, d } from './builders';

const settings = aSettings();
const headers = [
  'ID',
  'Opportunity',
  'Customer',
  'Stage',
  'Amount',
  'Probability',
  'Expected close',
  'Lost reason',
  'Lost note',
  'Contact type',
  'Influence',
  'DM met',
  'Owner',
  'Units',
  'Tier',
  'Updated',
  'Score',
];
const columns = mapColumns(headers);

/** A row in the sheet's column order from field values; unnamed columns are empty. */
function aRow(values: Partial<Record<(typeof fieldKeys)[number], Cell>> = {}): Cell[] {
  const base: Partial<Record<string, Cell>> = {
    id: 'OPP-000001',
    name: 'Renewal',
    customer: 'Acme',
    stage: 'New',
  };
  const all = { ...base, ...values };
  return headers.map((_, column) => {
    const field = fieldKeys.find((key) => columns.byField[key] === column);
    return (field && all[field]) ?? '';
  });
}

function parse(values: Parameters<typeof aRow>[0], row?: number) {
  return parseRow(aRow(values), columns, settings, row);
}

function dealOf(values: Parameters<typeof aRow>[0]) {
  const result = parse(values);
  if (!result.ok) throw new Error(`expected a deal, got ${JSON.stringify(result.issues)}`);
  return result;
}

describe('parseRow', () => {
  it('reads a complete row into a typed deal with no issues', () => {
    const result = dealOf({
      amount: 1200,
      closeDate: cellDate(d('2026-12-31')),
      decisionMakerMet: true,
    });
    expect(result.issues).toEqual([]);
    expect(result.value).toMatchObject({
      id: 'OPP-000001',
      name: 'Renewal',
      customer: 'Acme',
      stage: 'New',
      amount: 1200,
      closeDate: '2026-12-31',
      decisionMakerMet: true,
      nextAction: '',
      probability: null,
    });
  });

  it('treats a row with nothing in it as blank, not as an opportunity or an issue', () => {
    expect(parseRow(['', '  ', '', ''], columns, settings)).toEqual({
      ok: false,
      blank: true,
      issues: [],
    });
    expect(parseRow([], columns, settings)).toEqual({ ok: false, blank: true, issues: [] });
  });

  it('keeps a row with neither name nor customer as a deal: anything of a deal makes one', () => {
    // A CRM export's open deal: a product, an owner, a stage and a date, no account, no amount.
    const result = parse({ name: '', customer: '', owner: 'Darcel Schlecht' }, 7);
    expect(result).toMatchObject({ ok: true, issues: [] });
    expect(result.ok && result.value).toMatchObject({
      id: 'OPP-000001',
      name: '',
      customer: '',
      owner: 'Darcel Schlecht',
      stage: 'New',
      amount: null,
    });
    for (const only of [
      { amount: 5 },
      { stage: 'Proposal' },
      { closeDate: cellDate(d('2026-12-01')) },
    ])
      expect(parse({ name: '', customer: '', stage: '', ...only }).ok, JSON.stringify(only)).toBe(
        true,
      );
  });

  it('is not a deal when the row holds only what the add-on fills itself', () => {
    const result = parse(
      {
        name: '',
        customer: '',
        stage: '',
        probability: 30,
        decisionMakerMet: false,
        score: 40,
        updated: cellDate(d('2026-11-02'), '10:15:00'),
      },
      9,
    );
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      {
        row: 9,
        id: 'OPP-000001',
        field: 'name',
        column: 'Opportunity',
        problem: 'required',
        value: '',
      },
    ]);
  });

  it('keeps a deal without a customer as it is, and reports only a missing ID', () => {
    expect(dealOf({ customer: '' }).issues).toEqual([]);
    const noId = dealOf({ id: '' });
    expect(noId.value.id).toBe('');
    expect(noId.issues.map((i) => [i.field, i.problem])).toEqual([['id', 'required']]);
  });

  it('counts a deal with an empty stage cell in the first stage and reports it', () => {
    const result = dealOf({ stage: '' });
    expect(result.value.stage).toBe('New');
    expect(result.issues.map((i) => [i.field, i.problem])).toEqual([['stage', 'required']]);
  });

  it('matches a stage ignoring case and accents and keeps the settings’ spelling', () => {
    expect(dealOf({ stage: ' proposal ' }).value.stage).toBe('Proposal');
    const spanish = aSettings({
      stages: aSettings().stages.map((s, i) => (i === 3 ? { ...s, name: 'Negociación' } : s)),
    });
    const result = parseRow(aRow({ stage: 'NEGOCIACION' }), columns, spanish);
    expect(result.ok && result.value.stage).toBe('Negociación');
  });

  it('keeps an unknown stage as written and reports it, so nothing is silently rewritten', () => {
    const result = dealOf({ stage: 'Prospecting' });
    expect(result.value.stage).toBe('Prospecting');
    expect(result.issues).toEqual([
      {
        id: 'OPP-000001',
        field: 'stage',
        column: 'Stage',
        problem: 'unknownStage',
        value: 'Prospecting',
      },
    ]);
  });

  it.each(settings.stages.map((stage) => stage.name))('accepts the stage %s', (stage) => {
    const result = dealOf({ stage, lostReason: 'Price', amount: 10 });
    expect(result.value.stage).toBe(stage);
    expect(result.issues).toEqual([]);
  });

  describe('numbers', () => {
    it.each([
      [1200, 1200],
      ['12.500,50', 12500.5],
      ['12,500.50', 12500.5],
      ['€ 1.200', 1200],
      ['1200 EUR', 1200],
      ['EUR 1,200', 1200],
      ['$1,234,567', 1234567],
      ['1,5', 1.5],
      ['0.125', 0.125],
      ['12.50', 12.5],
      ['1 200,00 €', 1200],
      ['', null],
    ])('reads the amount %j as %j', (cell, amount) => {
      expect(dealOf({ amount: cell }).value.amount).toBe(amount);
    });

    it.each(['twelve', '1.2.3,4,5', '12,50.3', '1.23.456', 'EUR', '--5'])(
      'reports %j as not a number',
      (cell) => {
        const result = dealOf({ amount: cell });
        expect(result.value.amount).toBeNull();
        expect(result.issues).toEqual([
          {
            id: 'OPP-000001',
            field: 'amount',
            column: 'Amount',
            problem: 'notANumber',
            value: cell,
          },
        ]);
      },
    );

    it('reports a negative amount and leaves it empty', () => {
      const result = dealOf({ amount: '-1.200' });
      expect(result.value.amount).toBeNull();
      expect(result.issues.map((i) => [i.problem, i.value])).toEqual([['negative', '-1.200']]);
      expect(dealOf({ units: -3 }).issues.map((i) => i.problem)).toEqual(['negative']);
    });

    it('reports a number cell that is not finite', () => {
      expect(parseNumberText(Number.NaN)).toBeUndefined();
      expect(parseNumberText(true)).toBeUndefined();
    });
  });

  describe('probability', () => {
    it.each([
      [35, 35],
      [0.35, 35],
      ['35%', 35],
      ['35 %', 35],
      ['0,35', 35],
      [1, 1],
      [0, 0],
      [100, 100],
    ])('reads %j as %j percent', (cell, percent) => {
      expect(dealOf({ probability: cell }).value.probability).toBe(percent);
    });

    it('reports a probability outside 0-100', () => {
      expect(dealOf({ probability: 140 }).issues.map((i) => i.problem)).toEqual(['outOfRange']);
      expect(dealOf({ probability: '-5%' }).issues.map((i) => i.problem)).toEqual(['outOfRange']);
      expect(dealOf({ probability: 'high' }).issues.map((i) => i.problem)).toEqual(['notANumber']);
    });
  });

  describe('dates', () => {
    it.each([
      [cellDate(d('2028-02-29')), '2028-02-29'],
      [cellDate(d('2026-12-31'), '17:30:00'), '2026-12-31'],
      ['2026-12-31', '2026-12-31'],
      ['2026-12-31 09:00', '2026-12-31'],
      ['31/12/2026', '2026-12-31'],
      ['1/2/2027', '2027-02-01'],
      ['29-02-2028', '2028-02-29'],
      ['01.01.2027', '2027-01-01'],
      [46022, '2025-12-31'],
      [46023.75, '2026-01-01'],
      [61, '1900-03-01'],
      ['', null],
    ])('reads %j as %j', (cell, date) => {
      expect(dealOf({ closeDate: cell }).value.closeDate).toBe(date);
    });

    it.each(['29/02/2027', '2026-13-01', 'next week', '12/31', 0, -5, 1e9])(
      'reports %j as not a date',
      (cell) => {
        const result = dealOf({ closeDate: cell });
        expect(result.value.closeDate).toBeNull();
        expect(result.issues.map((i) => [i.field, i.column, i.problem])).toEqual([
          ['closeDate', 'Expected close', 'notADate'],
        ]);
      },
    );

    it('turns dates into serial numbers and back across leap days and year ends', () => {
      for (const date of [
        '1900-03-01',
        '2000-02-29',
        '2026-12-31',
        '2027-01-01',
        '2028-02-29',
        '9999-12-31',
      ]) {
        expect(parseDateCell(serialFromDate(d(date)))).toBe(date);
      }
      expect(serialFromDate(d('1899-12-31'))).toBe(1);
      expect(serialFromDate(d('2025-12-31'))).toBe(46022);
    });
  });

  describe('checkboxes', () => {
    it.each([true, 'TRUE', 'sí', 'Si', 'yes', 'x', '1', 1, 'VERDADERO'])(
      'reads %j as checked',
      (cell) => {
        expect(dealOf({ decisionMakerMet: cell }).value.decisionMakerMet).toBe(true);
      },
    );

    it.each([false, 'FALSE', 'no', '0', 0, ''])('reads %j as not checked', (cell) => {
      expect(dealOf({ decisionMakerMet: cell }).value.decisionMakerMet).toBe(false);
    });

    it('reports anything else', () => {
      expect(dealOf({ decisionMakerMet: 'maybe' }).issues.map((i) => i.problem)).toEqual([
        'notABoolean',
      ]);
      expect(dealOf({ decisionMakerMet: 2 }).issues.map((i) => i.problem)).toEqual(['notABoolean']);
    });
  });

  describe('choices', () => {
    it.each([
      ['llamada', 'call'],
      ['Reunión', 'meeting'],
      ['correo', 'email'],
      ['Email', 'email'],
      ['visita', 'visit'],
      ['DEMO', 'demo'],
    ])('stores the contact type %j as %j', (cell, type) => {
      expect(dealOf({ contactType: cell }).value.contactType).toBe(type);
    });

    it('stores influence and tier in their canonical form', () => {
      expect(dealOf({ influence: 'Alta' }).value.influence).toBe('high');
      expect(dealOf({ influence: 'baja' }).value.influence).toBe('low');
      expect(dealOf({ tier: 'b' }).value.tier).toBe('B');
    });

    it('keeps an unknown choice as written and reports it', () => {
      const result = dealOf({ contactType: 'WhatsApp' });
      expect(result.value.contactType).toBe('WhatsApp');
      expect(result.issues.map((i) => [i.problem, i.value])).toEqual([
        ['unknownChoice', 'WhatsApp'],
      ]);
    });
  });

  it('lowercases an owner email and keeps an owner name as written, with no issue on the row', () => {
    expect(dealOf({ owner: ' Ana@Example.com ' }).value.owner).toBe('ana@example.com');
    const result = dealOf({ owner: 'Ana García' });
    expect(result.value.owner).toBe('Ana García');
    expect(result.issues).toEqual([]);
  });

  it('reads the update stamp and computed columns without reporting them', () => {
    const result = dealOf({ updated: cellDate(d('2026-11-02'), '10:15:00'), score: 'n/a' });
    expect(result.value.updated).toBe('2026-11-02T10:15:00');
    expect(result.value.score).toBeNull();
    expect(dealOf({ updated: '2026-11-02 10:15' }).value.updated).toBe('2026-11-02T10:15:00');
    expect(dealOf({ updated: 'yesterday' }).value.updated).toBeNull();
    expect(result.issues).toEqual([]);
  });

  describe('closed deals', () => {
    it('reports a Lost deal with no reason', () => {
      expect(dealOf({ stage: 'Lost' }).issues.map((i) => [i.field, i.problem, i.value])).toEqual([
        ['lostReason', 'lostWithoutReason', 'Lost'],
      ]);
    });

    it('reports a reason that needs a note without one', () => {
      expect(
        dealOf({ stage: 'Lost', lostReason: 'other' }).issues.map((i) => [i.field, i.problem]),
      ).toEqual([['lostNote', 'otherWithoutNote']]);
      expect(dealOf({ stage: 'Lost', lostReason: 'Other', lostNote: 'Reorg' }).issues).toEqual([]);
    });

    it('reports an unknown lost reason, keeping it as written', () => {
      const result = dealOf({ stage: 'Lost', lostReason: 'Bad luck' });
      expect(result.value.lostReason).toBe('Bad luck');
      expect(result.issues.map((i) => i.problem)).toEqual(['unknownLostReason']);
    });

    it('reports a Won deal with no amount', () => {
      expect(dealOf({ stage: 'Won' }).issues.map((i) => [i.field, i.problem])).toEqual([
        ['amount', 'wonWithoutAmount'],
      ]);
      expect(dealOf({ stage: 'Won', amount: 0 }).issues.map((i) => i.problem)).toEqual([
        'wonWithoutAmount',
      ]);
    });

    it('names a missing column by its default header in the settings’ language', () => {
      const noReason = mapColumns(['ID', 'Oportunidad', 'Cliente', 'Etapa']);
      const spanish = aSettings({ language: 'es' });
      const result = parseRow(['OPP-1', 'X', 'Y', 'Lost'], noReason, spanish);
      expect(result.issues.map((i) => i.column)).toEqual([headerFor('lostReason', 'es')]);
    });
  });

  it('reads the seed 003 Spanish sheet, which has no ID or stage column, without an issue per row', () => {
    const seed = mapColumns([
      'Nombre de la oportunidad',
      'Cliente',
      'Importe total de la venta',
      'Fecha de cierre',
    ]);
    const result = parseRow(
      ['Renovación flota', 'Transportes Gil', '12.500,50', '15/01/2027'],
      seed,
      settings,
      2,
    );
    expect(result).toMatchObject({ ok: true, issues: [] });
    expect(result.ok && result.value).toMatchObject({
      id: '',
      stage: 'New',
      amount: 12500.5,
      closeDate: '2027-01-15',
    });
  });

  it('never throws, whatever the cells', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(''),
      fc.string().map((date) => ({ kind: 'date' as const, date: date as never, time: '00:00:00' })),
      fc.date({ noInvalidDate: true }).map((date) => cellDate(d(date.toISOString().slice(0, 10)))),
      fc.constantFrom(
        '12.500,50',
        '€ 1.200',
        'sí',
        'Lost',
        'Won',
        'other',
        '31/12/2026',
        '-0',
        '%',
      ),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: headers.length + 3 }), (cells) => {
        const result = parseRow(cells, columns, settings, 2);
        if (result.ok) {
          expect(typeof result.value.stage).toBe('string');
          for (const issue of result.issues) expect(issue.column).not.toBe('');
        } else expect(Array.isArray(result.issues)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseRows', () => {
  it('returns each deal with its sheet row, skipping blank rows', () => {
    const sheet = parseRows(
      [aRow({ id: 'A' }), aRow({ id: '', name: '', customer: '', stage: '' }), aRow({ id: 'B' })],
      columns,
      settings,
      2,
    );
    expect(sheet.deals.map((deal) => deal.id)).toEqual(['A', 'B']);
    expect(sheet.rows).toEqual([2, 4]);
    expect(sheet.issues).toEqual([]);
  });

  it('keeps the first row of a repeated ID and reports the others', () => {
    const sheet = parseRows(
      [aRow({ id: 'A' }), aRow({ id: 'A', name: 'Copy' })],
      columns,
      settings,
      2,
    );
    expect(sheet.deals).toHaveLength(1);
    expect(sheet.duplicateIds).toEqual(['A']);
    expect(sheet.issues).toEqual([
      { row: 3, id: 'A', field: 'id', column: 'ID', problem: 'duplicateId', value: 'A' },
    ]);
  });

  it('reads an empty sheet as no deals', () => {
    expect(parseRows([], columns, settings, 2)).toEqual({
      deals: [],
      rows: [],
      issues: [],
      duplicateIds: [],
    });
  });

  it('reports issues with their sheet row', () => {
    const sheet = parseRows([aRow({ id: 'A', amount: 'lots' })], columns, settings, 5);
    expect(sheet.issues.map((i) => [i.row, i.id, i.problem])).toEqual([[5, 'A', 'notANumber']]);
  });
});

describe('fieldToCellValue', () => {
  it('describes what to write for each kind of value', () => {
    expect(fieldToCellValue('closeDate', d('2026-12-31'))).toEqual({ date: '2026-12-31' });
    expect(fieldToCellValue('closeDate', null)).toBe('');
    expect(fieldToCellValue('amount', 1200)).toBe(1200);
    expect(fieldToCellValue('amount', null)).toBe('');
    expect(fieldToCellValue('decisionMakerMet', true)).toBe(true);
    expect(fieldToCellValue('name', 'Renewal')).toBe('Renewal');
    expect(fieldToCellValue('updated', '2026-11-02T10:15:00' as never)).toBe('2026-11-02 10:15:00');
  });
});

// .xlsx round trips of runtime snapshots, and reading an existing Spanish tracker made in Excel.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type {
  CellSnapshot,
  SheetSnapshot,
  SpreadsheetSnapshot,
} from '../../scripts/runtime/snapshot';
import { displayValue, serialFromWallTime } from '../../scripts/runtime/values';
import { readXlsx, writeXlsx } from '../../scripts/runtime/xlsx';

const workDirectory = mkdtempSync(path.join(tmpdir(), 'xlsx-test-'));
const fileNamed = (name: string) => path.join(workDirectory, name);
const madrid = { timeZone: 'Europe/Madrid', locale: 'es_ES' };

const serialAt = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  serialFromWallTime({ year, month, day, hour, minute, second: 0, millisecond: 0 });

function aSheet(overrides: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return {
    name: 'Opportunities',
    sheetId: 0,
    rows: [],
    maxRows: 1000,
    maxColumns: 26,
    frozenRows: 0,
    frozenColumns: 0,
    columnWidths: {},
    hiddenColumns: [],
    validations: [],
    conditionalFormats: [],
    protections: [],
    charts: [],
    ...overrides,
  };
}

function aSpreadsheet(sheets: SheetSnapshot[]): SpreadsheetSnapshot {
  return {
    id: 'sheet-123',
    name: 'Pipeline 2026',
    timeZone: 'Europe/Madrid',
    locale: 'es_ES',
    sheets,
    namedRanges: { Stages: 'Lists!A2:A8' },
  };
}

async function roundTrip(
  snapshot: SpreadsheetSnapshot,
  name: string,
): Promise<SpreadsheetSnapshot> {
  const file = fileNamed(name);
  await writeXlsx(snapshot, file);
  return readXlsx(file, { timeZone: 'UTC', locale: 'en_US' });
}

const header = (value: string): CellSnapshot => ({
  value,
  fontWeight: 'bold',
  background: '#1a73e8',
  fontColor: '#ffffff',
});

const everyKindOfValue: Array<Array<CellSnapshot | null>> = [
  [
    header('Opportunity'),
    header('Amount'),
    header('Closed'),
    header('Next action'),
    header('Won?'),
    header('Total'),
  ],
  [
    { value: 'Acme — Renovación', note: 'Key account' },
    { value: 1234.5, numberFormat: '#,##0.00 [$€-1]' },
    { value: serialAt(2028, 2, 29), numberFormat: 'yyyy-mm-dd' },
    { value: serialAt(2026, 3, 29, 2, 30), numberFormat: 'yyyy-mm-dd hh:mm' },
    { value: true },
    { value: 1234.5, formula: '=B2*1' },
  ],
  [
    { value: 'Globex' },
    { value: 0.25, numberFormat: '0%' },
    { value: serialAt(2026, 12, 31), numberFormat: 'd/m/yyyy' },
    null,
    { value: false },
    { value: '#DIV/0!', formula: '=1/0' },
  ],
];

describe('writeXlsx then readXlsx', () => {
  it('keeps every kind of value, format, note and colour', async () => {
    const original = aSpreadsheet([aSheet({ rows: everyKindOfValue })]);
    const back = await roundTrip(original, 'values.xlsx');
    expect(back.sheets[0]?.rows).toEqual(everyKindOfValue);
  });

  it('keeps 29 February and a date-time on the same wall-clock day and time', async () => {
    const back = await roundTrip(aSpreadsheet([aSheet({ rows: everyKindOfValue })]), 'dates.xlsx');
    const row = back.sheets[0]?.rows[1] ?? [];
    expect(displayValue(row[2] ?? null, 'es_ES')).toBe('2028-02-29');
    expect(displayValue(row[3] ?? null, 'es_ES')).toBe('2026-03-29 02:30');
  });

  it('keeps frozen panes, widths, hidden columns and the sheet layout', async () => {
    const original = aSpreadsheet([
      aSheet({
        rows: everyKindOfValue,
        sheetId: 987,
        maxRows: 2000,
        frozenRows: 1,
        frozenColumns: 2,
        columnWidths: { 1: 180, 2: 96 },
        hiddenColumns: [6],
      }),
      aSheet({ name: 'Lists', sheetId: 55, rows: [[{ value: 'Stage' }], [{ value: 'Lead' }]] }),
    ]);
    const back = await roundTrip(original, 'layout.xlsx');
    const [first, second] = back.sheets;
    expect(back.sheets.map((sheet) => sheet.name)).toEqual(['Opportunities', 'Lists']);
    expect(first).toMatchObject({
      frozenRows: 1,
      frozenColumns: 2,
      hiddenColumns: [6],
      sheetId: 987,
      maxRows: 2000,
    });
    expect(first?.columnWidths).toEqual({ 1: 180, 2: 96 });
    expect(second?.sheetId).toBe(55);
    expect(back).toMatchObject({
      id: 'sheet-123',
      name: 'Pipeline 2026',
      timeZone: 'Europe/Madrid',
      locale: 'es_ES',
    });
  });

  it('keeps validations, conditional formats, protections and charts', async () => {
    const rules = {
      validations: [
        {
          range: 'B2:B1000',
          type: 'list' as const,
          values: ['Lead', 'Won', 'Lost'],
          showDropdown: true,
          allowInvalid: false,
        },
        {
          range: 'C2:C1000',
          type: 'date' as const,
          values: [],
          showDropdown: false,
          allowInvalid: true,
          helpText: 'A date',
        },
        {
          range: 'E2:E1000',
          type: 'checkbox' as const,
          values: [],
          showDropdown: false,
          allowInvalid: false,
        },
        {
          range: 'F2:F1000',
          type: 'numberGreaterThanOrEqualTo' as const,
          values: [0],
          showDropdown: false,
          allowInvalid: false,
        },
        {
          range: 'G2:G1000',
          type: 'email' as const,
          values: [],
          showDropdown: false,
          allowInvalid: true,
        },
        {
          range: 'H2:H1000',
          type: 'listFromRange' as const,
          values: ['Lists!$A$2:$A$8'],
          showDropdown: true,
          allowInvalid: false,
        },
      ],
      conditionalFormats: [
        {
          ranges: ['A2:Z1000'],
          formula: '=AND($H2<>"",$H2<TODAY())',
          background: '#f4c7c3',
          bold: true,
        },
      ],
      protections: [
        { range: 'A1:Z1', description: 'Headers', warningOnly: true, editors: ['ana@x.es'] },
      ],
      charts: [
        {
          chartId: 1,
          type: 'COLUMN',
          ranges: ['A1:B5'],
          position: { row: 2, column: 8, offsetX: 0, offsetY: 0 },
          options: { title: 'Pipeline' },
        },
      ],
    };
    const back = await roundTrip(
      aSpreadsheet([aSheet({ rows: everyKindOfValue, ...rules })]),
      'rules.xlsx',
    );
    expect(back.sheets[0]).toMatchObject(rules);
    // The notes added for people reading the file are not read back as the user's notes.
    expect(back.sheets[0]?.rows[0]?.[0]).toEqual(everyKindOfValue[0]?.[0]);
  });

  it('writes rules Excel understands: list validation, expression rule, explanatory notes', async () => {
    const file = fileNamed('excel-view.xlsx');
    const sheet = aSheet({
      rows: everyKindOfValue,
      validations: [
        {
          range: 'B2:B100',
          type: 'list',
          values: ['Lead', 'Won'],
          showDropdown: true,
          allowInvalid: false,
        },
      ],
      conditionalFormats: [{ ranges: ['A2:F100'], formula: '=$E2=TRUE', background: '#b7e1cd' }],
      charts: [
        {
          chartId: 1,
          type: 'PIE',
          ranges: ['A1:B3'],
          position: { row: 5, column: 1, offsetX: 0, offsetY: 0 },
          options: {},
        },
      ],
    });
    await writeXlsx(aSpreadsheet([sheet]), file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const worksheet = workbook.getWorksheet('Opportunities');
    const model = (
      worksheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    expect(model.B50).toMatchObject({
      type: 'list',
      formulae: ['"Lead,Won"'],
      showErrorMessage: true,
    });
    expect(String(worksheet?.getCell('A5').note)).toContain('Chart (PIE)');
    expect(worksheet?.getCell('B2').numFmt).toBe('#,##0.00 [$€-1]');
    expect(workbook.getWorksheet('_runtime_snapshot')?.state).toBe('veryHidden');
  });
});

/** The kind of tracker a Spanish team already keeps in Excel, built the way Excel would save it. */
async function anExistingSpanishTracker(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Oportunidades', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  });
  sheet.addRow([
    'Oportunidad',
    'Cliente',
    'Fecha de creación',
    'Importe total',
    'Fecha de venta',
    'Fecha de cierre',
    'Próxima fecha',
    'Objetivo próxima fecha',
    'Etapa',
    'Comisión',
  ]);
  sheet.getRow(1).font = { bold: true };
  const rows: Array<[string, string, Date, number, Date | null, Date, Date, string, string]> = [
    [
      'Renovación Acme',
      'Acme SL',
      new Date(Date.UTC(2026, 0, 15)),
      12500.5,
      null,
      new Date(Date.UTC(2026, 5, 30)),
      new Date(Date.UTC(2026, 2, 3, 9, 30)),
      'Enviar propuesta',
      'Propuesta',
    ],
    [
      'Ampliación Globex',
      'Globex',
      new Date(Date.UTC(2025, 11, 31)),
      8000,
      new Date(Date.UTC(2026, 1, 28)),
      new Date(Date.UTC(2026, 1, 28)),
      new Date(Date.UTC(2028, 1, 29)),
      'Cerrar',
      'Ganada',
    ],
  ];
  rows.forEach((values, index) => {
    const row = sheet.addRow(values);
    row.getCell(11 - 1).value = { formula: `D${index + 2}*0.05`, result: values[3] * 0.05 };
  });
  for (const column of ['C', 'E', 'F']) sheet.getColumn(column).numFmt = 'dd/mm/yyyy';
  sheet.getColumn('G').numFmt = 'dd/mm/yyyy hh:mm';
  sheet.getColumn('D').numFmt = '#,##0.00 "€"';
  sheet.getColumn('A').width = 30;
  sheet.getColumn('H').hidden = true;
  sheet.getCell('B2').value = {
    richText: [{ text: 'Acme ' }, { text: 'SL', font: { bold: true } }],
  };
  sheet.getCell('A3').note = 'Cliente estratégico';
  sheet.getCell('I2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  (
    sheet as unknown as {
      dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
    }
  ).dataValidations.add('I2:I200', {
    type: 'list',
    allowBlank: true,
    formulae: ['"Propuesta,Negociación,Ganada,Perdida"'],
    showErrorMessage: true,
  });
  sheet.addConditionalFormatting({
    ref: 'A2:J200',
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: ['AND($G2<>"",$G2<TODAY())'],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF4C7C3' } } },
      },
    ],
  });
  await workbook.xlsx.writeFile(file);
}

describe('readXlsx on an existing tracker', () => {
  it('reads the Spanish headers, dates on their calendar day, amounts, formulas and rules', async () => {
    const file = fileNamed('existing-tracker.xlsx');
    await anExistingSpanishTracker(file);
    const snapshot = await readXlsx(file, madrid);
    expect(snapshot).toMatchObject({
      name: 'existing-tracker',
      timeZone: 'Europe/Madrid',
      locale: 'es_ES',
    });
    const sheet = snapshot.sheets[0];
    const cells = sheet?.rows ?? [];
    const shown = (row: number, column: number) =>
      displayValue(cells[row - 1]?.[column - 1] ?? null, 'es_ES');
    expect(cells[0]?.map((cell) => cell?.value)).toEqual([
      'Oportunidad',
      'Cliente',
      'Fecha de creación',
      'Importe total',
      'Fecha de venta',
      'Fecha de cierre',
      'Próxima fecha',
      'Objetivo próxima fecha',
      'Etapa',
      'Comisión',
    ]);
    expect(cells[0]?.[0]?.fontWeight).toBe('bold');
    expect(cells[1]?.[2]).toEqual({ value: serialAt(2026, 1, 15), numberFormat: 'dd/mm/yyyy' });
    expect(shown(3, 3)).toBe('31/12/2025');
    expect(shown(3, 7)).toBe('29/02/2028 00:00');
    expect(shown(2, 7)).toBe('03/03/2026 09:30');
    expect(shown(2, 4)).toBe('12.500,50 €');
    expect(cells[1]?.[4]).toBeNull();
    expect(shown(2, 2)).toBe('Acme SL');
    expect(cells[2]?.[0]?.note).toBe('Cliente estratégico');
    expect(cells[1]?.[8]?.background).toBe('#fff2cc');
    expect(cells[1]?.[9]?.formula).toBe('=D2*0.05');
    expect(cells[1]?.[9]?.value).toBeCloseTo(625.025, 9);
    expect(sheet).toMatchObject({ frozenRows: 1, frozenColumns: 1, hiddenColumns: [8] });
    expect(sheet?.columnWidths[1]).toBe(215);
    expect(sheet?.validations).toEqual([
      {
        range: 'I2:I200',
        type: 'list',
        values: ['Propuesta', 'Negociación', 'Ganada', 'Perdida'],
        showDropdown: true,
        allowInvalid: false,
      },
    ]);
    expect(sheet?.conditionalFormats).toEqual([
      { ranges: ['A2:J200'], formula: '=AND($G2<>"",$G2<TODAY())', background: '#f4c7c3' },
    ]);
  });
});

describe('saving for people to look at', () => {
  it('writes a sample tracker to test-artifacts/ for a visual check', async () => {
    const directory = path.resolve('test-artifacts');
    mkdirSync(directory, { recursive: true });
    const sheet = aSheet({
      rows: everyKindOfValue,
      frozenRows: 1,
      columnWidths: { 1: 200, 2: 120, 3: 110, 4: 150 },
      conditionalFormats: [{ ranges: ['A2:F3'], formula: '=$E2=TRUE', background: '#b7e1cd' }],
    });
    const file = path.join(directory, 'runtime-sample.xlsx');
    await writeXlsx(aSpreadsheet([sheet]), file);
    const back = await readXlsx(file, madrid);
    expect(back.sheets[0]?.rows[1]?.[1]?.value).toBe(1234.5);
  });
});

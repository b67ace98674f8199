// `npm start -- deals.csv`: a CSV opened as a new spreadsheet, typed in its locale, saved to an .xlsx beside it.

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeXlsxPath, guessDelimiter, openCsv, parseCsv } from '../../scripts/playground/csv';
import { startPlayground } from '../../scripts/playground/server';
import { parseArguments } from '../../scripts/playground/start';
import { readXlsx } from '../../scripts/runtime/xlsx';
import { adopt } from '../support/adopt';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'ot-csv-'));
});
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

const now = new Date('2026-11-23T08:30:00Z');
const zone = 'Europe/Madrid';

async function csvFile(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, content);
  return file;
}

/** The cells of the first tab: stored value and number format, as a test can write them out. */
const cells = (snapshot: Awaited<ReturnType<typeof openCsv>>['snapshot']) =>
  (snapshot.sheets[0]?.rows ?? []).map((row) =>
    row.map((cell) =>
      cell === null ? '' : cell.numberFormat ? [cell.value, cell.numberFormat] : cell.value,
    ),
  );

describe('reading a CSV', () => {
  it('splits comma, semicolon or tab separated fields, quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\n1,2,3\n', ',')).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['1', '2', '3'],
    ]);
    expect(guessDelimiter('ID;Name;Amount\n1;"A; B";1.234,50\n')).toBe(';');
    expect(guessDelimiter('ID,Name,Amount\n1,"A, B",1234.50\n')).toBe(',');
    expect(guessDelimiter('ID\tName\n1\tA\n')).toBe('\t');
  });

  it('opens a US export (BOM, commas, month-first dates, decimal points) typed as Sheets imports it', async () => {
    const file = await csvFile(
      'pipeline.csv',
      '\uFEFFopportunity_id,sales_agent,deal_stage,engage_date,close_value,note\n' +
        'AB12,Moses Frase,Won,10/20/2016,"1,054.00","first line\nsecond, line"\n' +
        'CD34,Darcel Schlecht,Engaging,3/1/2017,,=HYPERLINK("x")\n',
    );
    const csv = await openCsv(file, { timeZone: zone, now });
    expect([csv.delimiter, csv.encoding, csv.locale, csv.rows]).toEqual([',', 'utf-8', 'en_US', 2]);
    expect(csv.localeReason).toBe('guessed from month-first dates and decimal points');
    expect(cells(csv.snapshot)).toEqual([
      ['opportunity_id', 'sales_agent', 'deal_stage', 'engage_date', 'close_value', 'note'],
      // 10/20/2016 is serial day 42663; a formula in a CSV stays text.
      [
        'AB12',
        'Moses Frase',
        'Won',
        [42663, 'm/d/yyyy'],
        [1054, '#,##0.00'],
        'first line\nsecond, line',
      ],
      ['CD34', 'Darcel Schlecht', 'Engaging', [42795, 'm/d/yyyy'], '', '=HYPERLINK("x")'],
    ]);
    expect(csv.snapshot.sheets[0]?.name).toBe('pipeline');
    expect(csv.xlsx).toBe(path.join(folder, 'pipeline.xlsx'));
  });

  it('opens a Spanish export (semicolons, day-first dates, decimal commas), guessed or given', async () => {
    const text =
      'Negocio;Importe;Fecha de cierre\n' +
      'Renovación;1.234,50;25/11/2026\n' +
      'Soporte;980;03/12/2026\n';
    const file = await csvFile('negocios.csv', text);
    const guessed = await openCsv(file, { timeZone: zone, now });
    expect([guessed.delimiter, guessed.locale]).toEqual([';', 'es_ES']);
    expect(guessed.localeReason).toBe('guessed from day-first dates and decimal commas');
    expect(cells(guessed.snapshot).slice(1)).toEqual([
      ['Renovación', [1234.5, '#,##0.00'], [46351, 'd/m/yyyy']],
      ['Soporte', 980, [46359, 'd/m/yyyy']],
    ]);
    // Said with --locale, the file is read in that locale even when the data says nothing.
    const plain = await csvFile('plain.csv', 'Negocio;Importe\nA;980\n');
    expect((await openCsv(plain, { timeZone: zone, now, locale: 'es_ES' })).localeReason).toBe(
      'given with --locale',
    );
    // A file that is not UTF-8 (Excel's Windows-1252) keeps its accents.
    const latin = await csvFile(
      'latin.csv',
      Uint8Array.from([
        ...Buffer.from('Negocio;Etapa\nRenovaci'),
        0xf3,
        ...Buffer.from('n;Ganada\n'),
      ]),
    );
    const read = await openCsv(latin, { timeZone: zone, now });
    expect([read.encoding, cells(read.snapshot)[1]?.[0]]).toEqual(['windows-1252', 'Renovación']);
  });

  it('saves beside the CSV, never over it nor over an existing workbook', async () => {
    const file = await csvFile('deals.csv', 'a,b\n1,2\n');
    expect(freeXlsxPath(file)).toBe(path.join(folder, 'deals.xlsx'));
    await writeFile(path.join(folder, 'deals.xlsx'), 'mine');
    expect(freeXlsxPath(file)).toBe(path.join(folder, 'deals (2).xlsx'));
  });

  it('takes a .csv and --locale on the command line', () => {
    expect(parseArguments(['deals.csv', '--locale', 'es_ES'])).toEqual({
      port: 8080,
      csv: 'deals.csv',
      locale: 'es_ES',
    });
    expect(parseArguments(['--locale=en_GB', 'x.xlsx'])).toEqual({
      port: 8080,
      xlsx: 'x.xlsx',
      locale: 'en_GB',
    });
    expect(() => parseArguments(['deals.txt'])).toThrow(
      'deals.txt is neither an .xlsx nor a .csv file.',
    );
    expect(() => parseArguments(['--locale', 'spanish'])).toThrow(/--locale needs a locale/);
  });
});

describe('the playground on a CSV', () => {
  it('opens it as a new spreadsheet that set up adopts, and saves every change to the .xlsx beside it', async () => {
    const text =
      'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n' +
      '1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,10/20/2016,3/1/2017,1054\n' +
      'Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Engaging,10/25/2016,,\n' +
      'EC4QE1BX,Darcel Schlecht,MG Special,,Engaging,10/25/2016,,\n';
    const file = await csvFile('sales_pipeline.csv', text);
    const csv = await openCsv(file, { timeZone: zone, now });
    const playground = await startPlayground({
      now,
      timeZone: zone,
      locale: csv.locale,
      xlsx: csv.xlsx,
      spreadsheet: csv.snapshot,
    });
    try {
      const rt = playground.runtime;
      expect(rt.snapshot().sheets.map((s) => s.name)).toEqual(['sales_pipeline']);
      expect(existsSync(csv.xlsx)).toBe(true);
      adopt(rt);
      await playground.close();
      const saved = await readXlsx(csv.xlsx, { timeZone: zone, locale: 'en_US' });
      expect(saved.sheets.map((s) => s.name)).toContain('Settings');
      expect(await readFile(file, 'utf8')).toBe(text);
    } finally {
      await playground.close();
    }
  });
});

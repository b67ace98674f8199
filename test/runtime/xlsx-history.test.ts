// A set-up tracker saves to .xlsx and comes back whole, although Excel reserves the name "History".
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createRuntime } from '../../scripts/runtime/index';
import { readXlsx } from '../../scripts/runtime/xlsx';

it('saves and reopens a tracker whose History tab Excel would refuse', async () => {
  const rt = await createRuntime({
    now: new Date('2026-11-23T09:00:00Z'),
    timeZone: 'Europe/Madrid',
  });
  rt.run('setUpTracker');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ot-xlsx-')), 'tracker.xlsx');
  await rt.saveXlsx(file);
  const back = await readXlsx(file, { timeZone: 'Europe/Madrid', locale: 'en_US' });
  expect(back.sheets.map((sheet) => sheet.name)).toEqual(
    rt.snapshot().sheets.map((sheet) => sheet.name),
  );
});

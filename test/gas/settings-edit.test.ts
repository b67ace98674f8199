// A value typed in the Settings tab applies at the sidebar's next call: onEdit refreshes the
// settings cache, found by the Settings tab's recorded ID (or by name in a file set up before).
import { describe, expect, it } from 'vitest';
import { fields } from '../../src/domain/fields';
import { propertyKeys } from '../../src/gas/properties';
import { adopt } from '../support/adopt';
import { rpc } from '../support/rpc';
import { runtimeWith, seller, sheetOf } from '../support/tracker';

async function adoptedTracker() {
  const rt = await runtimeWith([
    sheetOf('Opportunities', [
      fields.map((f) => f.header.en),
      ['OPP-000001', 'Fleet', 'Acme', seller, 'New', 1000],
    ]),
  ]);
  adopt(rt);
  return rt;
}

function languageRow(rt: Awaited<ReturnType<typeof adoptedTracker>>): number {
  return rt.read('Settings').findIndex((row) => String(row[0]).startsWith('Language')) + 1;
}

function stamp(rt: Awaited<ReturnType<typeof adoptedTracker>>): string {
  rt.select('Opportunities', 'B2');
  const answer = rpc(rt, 'selection', {});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data.settingsStamp;
}

describe('a value typed in Settings', () => {
  it('is known by the Settings tab ID that set up recorded', async () => {
    const rt = await adoptedTracker();
    const settingsId = rt.spreadsheet.sheetByName('Settings')?.sheetId;
    expect(rt.properties.document().get(propertyKeys.settingsSheetId)).toBe(String(settingsId));
  });

  for (const recorded of [true, false])
    it(`applies at the next call (${recorded ? 'ID recorded' : 'older file: found by name'})`, async () => {
      const rt = await adoptedTracker();
      if (!recorded) rt.properties.document().delete(propertyKeys.settingsSheetId);
      const before = stamp(rt);
      rt.edit('Settings', `B${languageRow(rt)}`, 'es');
      expect(stamp(rt)).not.toBe(before);
      expect(rpc(rt, 'bootstrap', {})).toMatchObject({ ok: true, data: { language: 'es' } });
    });
});

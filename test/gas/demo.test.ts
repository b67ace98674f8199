// "Load demo data": an empty file only, said plainly otherwise, and gone from the menu once a tracker exists.
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../support/tracker';
import { runtimeWith, seller, sheetOf } from '../support/tracker';

const menuCaptions = (rt: Runtime) =>
  (rt.ui.menus.find((menu) => menu.addon)?.items ?? []).map((item) =>
    item === 'separator' ? '---' : 'caption' in item ? item.caption : '',
  );

const lastAlert = (rt: Runtime) => {
  const alert = rt.ui.alerts.at(-1) as { prompt?: string; message?: string } | undefined;
  return String(alert?.prompt ?? alert?.message ?? '');
};

describe('Load demo data', () => {
  it('fills an empty file, and the menu stops offering it at once', async () => {
    const rt = await runtimeWith();
    rt.open({ authMode: 'LIMITED' });
    expect(menuCaptions(rt)).toContain('Load demo data');
    rt.clickMenu('Load demo data');
    expect(lastAlert(rt)).toMatch(/^Loaded 60 demo opportunities/);
    expect(menuCaptions(rt)).not.toContain('Load demo data');
    expect(menuCaptions(rt).at(-1)).not.toBe('---');
    rt.open({ authMode: 'LIMITED' });
    expect(menuCaptions(rt)).not.toContain('Load demo data');
    // Offered again in a file where the add-on is not enabled yet (NONE): it cannot know.
    rt.open({ authMode: 'NONE' });
    expect(menuCaptions(rt)).toContain('Load demo data');
  });

  it('says plainly that the file holds data, and changes nothing, whatever tab holds it', async () => {
    const leads = sheetOf('Leads', [
      ['Name', 'Stage', 'Notes'],
      ['Bodegas Sierra', 'New', 'a long note'],
    ]);
    const rt = await runtimeWith([sheetOf('Sheet1', []), leads]);
    const before = JSON.stringify(rt.snapshot());
    const files = rt.files.size;
    rt.open({ authMode: 'LIMITED' });
    rt.clickMenu('Load demo data');
    expect(lastAlert(rt)).toBe(
      'Demo data goes into an empty spreadsheet only, and this one holds data (the "Leads" tab): nothing was changed. Make a new spreadsheet (File > New > Spreadsheet) and load the demo there.',
    );
    expect(JSON.stringify(rt.snapshot())).toBe(before);
    expect(rt.files.size).toBe(files);
    expect(rt.executionSummary().failures).toEqual([]);
  });

  it('leaves a tracker with deals alone when called from an old menu', async () => {
    const rt = await runtimeWith();
    rt.run('setUpTracker');
    rt.run('loadDemoData');
    const before = JSON.stringify(rt.snapshot());
    rt.run('loadDemoData');
    expect(lastAlert(rt)).toMatch(/holds data \(the "Opportunities" tab\): nothing was changed/);
    expect(JSON.stringify(rt.snapshot())).toBe(before);
  });

  it('still fills a tracker that was set up but holds no deal yet', async () => {
    const rt = await runtimeWith([sheetOf('Sheet1', [])], { user: seller });
    rt.run('setUpTracker');
    rt.run('loadDemoData');
    expect(lastAlert(rt)).toMatch(/^Loaded 60 demo opportunities/);
  });
});

// The runtime loads the built dist/Code.js: onOpen builds the add-on menu, showSidebar shows the sidebar.
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../scripts/runtime/index';

describe('the built add-on in the local runtime', () => {
  it('builds the add-on menu when the file opens before the add-on is used (AuthMode.NONE)', async () => {
    const rt = await createRuntime({ addOnEnabled: false });
    const [run] = rt.open();
    expect(run?.status, run?.error).toBe('completed');
    expect(run?.authMode).toBe('NONE');
    const menu = rt.ui.addonMenu;
    expect(menu?.caption).toBe('Opportunity Tracker');
    expect(menu?.items).toContainEqual({ caption: 'Open sidebar', functionName: 'showSidebar' });
  });

  it('opens the sidebar from the menu, with the HTML from dist/Sidebar.html', async () => {
    const rt = await createRuntime();
    rt.open();
    rt.clickMenu('Open sidebar');
    expect(rt.ui.sidebar?.title).toBe('Opportunity Tracker');
    expect(rt.ui.sidebar?.html).toContain('<');
    expect(rt.ledger.byMethod()).toMatchObject({ 'Ui.showSidebar': 1 });
  });
});

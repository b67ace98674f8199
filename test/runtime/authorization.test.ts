// AuthMode NONE and LIMITED refuse what Google refuses, and undeclared OAuth scopes refuse their calls.
import { describe, expect, it } from 'vitest';
import { allScopes, runtimeFor } from './script-runtime';

const script = `
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi();
  if (e.authMode !== ScriptApp.AuthMode.NONE) PropertiesService.getDocumentProperties().setProperty('opened', 'yes');
}
function readsInNone() { SpreadsheetApp.getActiveSpreadsheet(); }
function onEdit(e) {
  var tried = {};
  try { MailApp.sendEmail('a@example.com', 's', 'b'); tried.mail = 'sent'; } catch (err) { tried.mail = err.message; }
  try { SpreadsheetApp.openById('other'); tried.open = 'opened'; } catch (err) { tried.open = err.message; }
  try { ScriptApp.newTrigger('go').timeBased().everyHours(1).create(); tried.trigger = 'made'; } catch (err) { tried.trigger = err.message; }
  e.source.getSheets()[0].getRange('Z1').setValue('edited');
  PropertiesService.getDocumentProperties().setProperty('tried', JSON.stringify(tried));
}
function mail() { MailApp.sendEmail('a@example.com', 'subject', 'body'); }
function sidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>hi</p>')); }
function whoAmI() { return Session.getActiveUser().getEmail(); }
`;

describe('authorization', () => {
  it('lets onOpen in AuthMode.NONE build its menu', async () => {
    const rt = await runtimeFor(script, { addOnEnabled: false });
    const [run] = rt.open();
    expect(run).toMatchObject({ status: 'completed', authMode: 'NONE' });
    expect(rt.ui.addonMenu?.items).toEqual([{ caption: 'Go', functionName: 'go' }]);
    expect(rt.properties.document().get('opened')).toBeUndefined();
  });

  it('refuses anything but the menu in AuthMode.NONE', async () => {
    const rt = await runtimeFor(`${script}
      function onOpen(e) { SpreadsheetApp.getActiveSpreadsheet(); }`);
    const [run] = rt.open({ authMode: 'NONE' });
    expect(run).toMatchObject({ status: 'failed' });
    expect(run?.error).toMatch(
      /^You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/,
    );
  });

  it('lets a simple trigger use the current file and document properties, but not mail, other files or triggers', async () => {
    const rt = await runtimeFor(script);
    const { executions } = rt.edit('Sheet1', 'A1', 'x');
    expect(executions[0]?.status).toBe('completed');
    expect(rt.read('Sheet1', 'Z1')).toEqual([['edited']]);
    expect(JSON.parse(rt.properties.document().get('tried') ?? '{}')).toEqual({
      mail: 'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
      open: 'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
      trigger: expect.stringMatching(/^You do not have permission to call ScriptApp.newTrigger/),
    });
    expect(rt.outbox).toEqual([]);
  });

  it('refuses a call whose scope appsscript.json does not declare', async () => {
    const withoutMail = allScopes.filter((s) => !s.endsWith('script.send_mail'));
    const rt = await runtimeFor(script, { scopes: withoutMail });
    expect(() => rt.run('mail')).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    const withoutUi = allScopes.filter((s) => !s.endsWith('script.container.ui'));
    await expect(
      runtimeFor(script, { scopes: withoutUi }).then((r) => r.run('sidebar')),
    ).rejects.toThrow(/Ui.showSidebar/);
    const withoutEmail = allScopes.filter((s) => !s.endsWith('userinfo.email'));
    await expect(
      runtimeFor(script, { scopes: withoutEmail }).then((r) => r.run('whoAmI')),
    ).rejects.toThrow(/User.getEmail/);
  });

  it('gives an empty active-user email when Google hides it', async () => {
    const rt = await runtimeFor(script, { activeUserVisible: false });
    expect(rt.run('whoAmI')).toBe('');
  });
});

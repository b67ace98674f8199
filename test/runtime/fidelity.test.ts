// Scripts written the way people write them, run against what Google documents for each call.
import { describe, expect, it } from 'vitest';
import { createRuntime, type ProjectFile } from '../../scripts/runtime/index';
import { dateCell, sheetOf, spreadsheetOf } from '../support/tracker';

const owner = 'owner@example.com';
const editor = 'ed@example.com';
/** No oauthScopes: Google infers them from the code, as for most scripts people write. */
const manifest = (timeZone: string): ProjectFile => ({
  name: 'appsscript.json',
  source: JSON.stringify({ timeZone, runtimeVersion: 'V8' }),
});

describe('a bound mail-merge script with an HTML template', () => {
  const code = `
var SENT = 'Reminder sent';

function sendReminders() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = ss.getSheetByName('Invoices');
  var data = sheet.getDataRange().getValues();
  var col = {};
  data[0].forEach(function (header, i) { col[header] = i; });
  var sent = 0;
  for (var r = 1; r < data.length; r++) {
    var row = data[r];
    if (row[col[SENT]] !== '') continue;
    var template = HtmlService.createTemplateFromFile('Reminder');
    template.customer = row[col['Customer']];
    template.amount = Utilities.formatString('%.2f', row[col['Amount']]);
    template.due = Utilities.formatDate(row[col['Due']], ss.getSpreadsheetTimeZone(), 'd MMM yyyy');
    MailApp.sendEmail({
      to: row[col['Email']],
      subject: 'Invoice due ' + template.due,
      htmlBody: template.evaluate().getContent(),
    });
    sheet.getRange(r + 1, col[SENT] + 1).setValue(new Date());
    sent++;
  }
  SpreadsheetApp.flush();
  return [sent, MailApp.getRemainingDailyQuota()];
}

function include(name) {
  return HtmlService.createHtmlOutputFromFile(name).getContent();
}

function sentCells() {
  var values = SpreadsheetApp.getActive().getSheetByName('Invoices').getRange('E2:E4').getValues();
  return values.map(function (row) { return row[0] instanceof Date; });
}`;
  const template =
    '<p>Dear <?= customer ?>,</p><p>Your invoice of <?= amount ?> is due on <?= due ?>.</p>' +
    '<? if (Number(amount) > 1000) { ?><p>Please call us.</p><? } ?><?!= include("Footer") ?>';

  const mailer = () =>
    createRuntime({
      kind: 'bound',
      user: owner,
      now: new Date('2026-03-02T09:00:00Z'),
      project: [
        manifest('Europe/Madrid'),
        { name: 'Code.gs', source: code },
        { name: 'Reminder.html', source: template },
        { name: 'Footer.html', source: '<footer>Acme</footer>' },
      ],
      // The spreadsheet's zone is Europe/Madrid.
      spreadsheet: spreadsheetOf([
        sheetOf('Invoices', [
          ['Customer', 'Email', 'Amount', 'Due', 'Reminder sent'],
          ['Tom & Jerry <Ltd>', 'tom@example.com', 1250, dateCell('2026-03-15'), ''],
          ['Ana', 'ana@example.com', 80.5, dateCell('2026-03-20'), 'earlier'],
          ['Luis', 'luis@example.com', 99, dateCell('2026-04-01'), ''],
        ]),
      ]),
    });

  it('mails each unsent row once, from the user who runs it, counting recipients against the quota', async () => {
    const rt = await mailer();
    expect(rt.run('sendReminders')).toEqual([2, 98]);
    expect(rt.outbox.map((m) => [m.from, m.to, m.subject])).toEqual([
      [owner, ['tom@example.com'], 'Invoice due 15 Mar 2026'],
      [owner, ['luis@example.com'], 'Invoice due 1 Apr 2026'],
    ]);
    expect(rt.run('sendReminders')).toEqual([0, 98]);
  });

  it('escapes printing scriptlets, runs standard ones as code, and includes files with <?!= ?>', async () => {
    const rt = await mailer();
    rt.run('sendReminders');
    expect(rt.outbox[0]?.htmlBody).toBe(
      '<p>Dear Tom &amp; Jerry &lt;Ltd&gt;,</p><p>Your invoice of 1250.00 is due on 15 Mar 2026.</p><p>Please call us.</p><footer>Acme</footer>',
    );
    expect(rt.outbox[1]?.htmlBody).not.toContain('Please call us');
  });

  it('stores the Date it writes as a date cell, read back as a Date (Range.getValues)', async () => {
    const rt = await mailer();
    rt.run('sendReminders');
    expect(rt.run('sentCells')).toEqual([true, false, true]);
  });
});

describe('a form-less request tracker: people type requests, triggers stamp and notify', () => {
  const code = `
function setUp() {
  ScriptApp.newTrigger('stamp').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
  ScriptApp.newTrigger('notifyNew').timeBased().everyMinutes(10).create();
}

// What people try first: mail from the simple trigger.
function onEdit(e) {
  try { MailApp.sendEmail('${owner}', 'Edited', 'A cell changed'); }
  catch (err) { PropertiesService.getDocumentProperties().setProperty('simpleTriggerMail', err.message); }
}

function stamp(e) {
  var sheet = e.range.getSheet();
  if (sheet.getName() !== 'Requests' || e.range.getColumn() !== 2 || e.range.getRow() < 2) return;
  var row = e.range.getRow();
  sheet.getRange(row, 1).setValue(e.user.getEmail());
  if (sheet.getRange(row, 3).getValue() === '') sheet.getRange(row, 3).setValue('New');
  sheet.getRange(row, 4).setValue(new Date());
  PropertiesService.getScriptProperties().setProperty('stampedAs', Session.getEffectiveUser().getEmail());
}

function notifyNew() {
  var lock = LockService.getScriptLock();
  if (!lock.tryLock(5000)) return;
  try {
    var sheet = SpreadsheetApp.getActive().getSheetByName('Requests');
    var rows = sheet.getRange(2, 1, Math.max(1, sheet.getLastRow() - 1), 4).getValues();
    rows.forEach(function (row, i) {
      if (row[2] !== 'New') return;
      MailApp.sendEmail('${owner}', 'New request from ' + row[0], row[1]);
      sheet.getRange(i + 2, 3).setValue('Notified');
    });
  } finally {
    lock.releaseLock();
  }
}`;

  const tracker = async () => {
    const rt = await createRuntime({
      kind: 'bound',
      user: owner,
      now: new Date('2026-03-02T09:00:00Z'),
      project: [manifest('Europe/Madrid'), { name: 'Code.gs', source: code }],
      spreadsheet: spreadsheetOf([
        sheetOf('Requests', [['Requested by', 'Request', 'Status', 'Updated']]),
      ]),
    });
    rt.run('setUp');
    rt.setUser(editor);
    return rt;
  };

  it('runs the installable onEdit as its owner, with the editor in e.user, once per typed edit', async () => {
    const rt = await tracker();
    const { executions } = rt.edit('Requests', 'B2', 'A new laptop');
    expect(executions.map((e) => [e.fn, e.kind, e.user, e.status])).toEqual([
      ['onEdit', 'simpleTrigger', editor, 'completed'],
      ['stamp', 'installableTrigger', owner, 'completed'],
    ]);
    // The trigger's own writes fire no onEdit: only people's edits do.
    expect(rt.executions).toHaveLength(3);
    expect(rt.read('Requests', 'A2:C2')).toEqual([[editor, 'A new laptop', 'New']]);
    expect(rt.read('Requests', 'D2')[0]?.[0]).toBeInstanceOf(Date);
    expect(rt.properties.script.get('stampedAs')).toBe(owner);
  });

  it('refuses mail in a simple trigger, which runs in AuthMode.LIMITED', async () => {
    const rt = await tracker();
    rt.edit('Requests', 'B2', 'A new laptop');
    expect(rt.properties.document().get('simpleTriggerMail')).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
  });

  it('notifies every 10 minutes from the time-driven trigger, with its spreadsheet active', async () => {
    const rt = await tracker();
    rt.edit('Requests', 'B2', 'A new laptop');
    rt.edit('Requests', 'B3', 'Paper');
    rt.advanceBy(10 * 60_000);
    expect(rt.outbox.map((m) => m.subject)).toEqual([
      `New request from ${editor}`,
      `New request from ${editor}`,
    ]);
    expect(rt.read('Requests', 'C2:C3')).toEqual([['Notified'], ['Notified']]);
    rt.advanceBy(10 * 60_000);
    expect(rt.outbox).toHaveLength(2);
    expect(rt.executionSummary().failed).toBe(0);
  });
});

describe('cell-by-cell loops against batched reads and writes', () => {
  const code = `
function slowDouble() {
  var sheet = SpreadsheetApp.getActiveSheet();
  var last = sheet.getLastRow();
  for (var r = 1; r <= last; r++) {
    var value = sheet.getRange(r, 1).getValue();
    sheet.getRange(r, 2).setValue(value * 2);
  }
}

function fastDouble() {
  var sheet = SpreadsheetApp.getActiveSheet();
  var values = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues();
  sheet.getRange(1, 2, values.length, 1).setValues(values.map(function (row) { return [row[0] * 2]; }));
}`;
  const rows = 5000;
  const numbers = () =>
    createRuntime({
      kind: 'bound',
      project: [manifest('Etc/UTC'), { name: 'Code.gs', source: code }],
      spreadsheet: spreadsheetOf([
        sheetOf(
          'Data',
          Array.from({ length: rows }, (_, i) => [i + 1]),
        ),
      ]),
    });

  it('runs out of the 6 minutes reading cell by cell, keeping what it wrote before', async () => {
    const rt = await numbers();
    expect(() => rt.run('slowDouble')).toThrow('Exceeded maximum execution time');
    expect(rt.executions[0]?.status).toBe('timedOut');
    expect(rt.read('Data', 'B1')).toEqual([[2]]);
    expect(rt.read('Data', `B${rows}`)).toEqual([['']]);
  });

  it('does the same work in a few calls and well under a second of modeled time when batched', async () => {
    const rt = await numbers();
    rt.run('fastDouble');
    expect(rt.read('Data', `B${rows}`)).toEqual([[2 * rows]]);
    const summary = rt.ledger.summary();
    expect(summary.costlyCalls).toBe(3);
    expect(summary.cellsRead).toBe(rows);
    expect(summary.cellsWritten).toBe(rows);
    expect(summary.serverMs.opt).toBeLessThan(1000);
  });
});

describe('dates between the project and the spreadsheet time zones', () => {
  const code = `
function dayOfA1() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var date = ss.getSheets()[0].getRange('A1').getValue();
  return [
    Utilities.formatDate(date, ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd'),
    Utilities.formatDate(date, Session.getScriptTimeZone(), 'yyyy-MM-dd HH:mm'),
    date.getDate(),
  ];
}`;

  it('reads a date cell as midnight in the spreadsheet zone, which getDate() sees in the project zone', async () => {
    const rt = await createRuntime({
      kind: 'bound',
      project: [manifest('America/New_York'), { name: 'Code.gs', source: code }],
      // The spreadsheet's zone is Europe/Madrid.
      spreadsheet: spreadsheetOf([sheetOf('Dates', [[dateCell('2026-03-02')]])]),
    });
    expect(rt.run('dayOfA1')).toEqual(['2026-03-02', '2026-03-01 18:00', 1]);
  });
});

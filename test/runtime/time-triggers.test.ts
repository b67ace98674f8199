// Time-driven triggers fire as the clock advances: in order, as their owner, without a spreadsheet or UI.
import { describe, expect, it } from 'vitest';
import { editor, owner, runtimeFor } from './script-runtime';

const script = `
function installDaily(hour) {
  ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); });
  ScriptApp.newTrigger('remind').timeBased().everyDays(1).atHour(hour).inTimezone('Europe/Madrid').create();
  return ScriptApp.getProjectTriggers().length;
}
function installHourly() { ScriptApp.newTrigger('remind').timeBased().everyHours(1).create(); }
function remind(e) {
  var seen = { user: Session.getEffectiveUser().getEmail(), active: SpreadsheetApp.getActiveSpreadsheet(),
    docProps: PropertiesService.getDocumentProperties(), authMode: String(e.authMode), hour: e.hour, minute: e.minute,
    uid: e.triggerUid, timezone: e.timezone };
  try { SpreadsheetApp.getUi(); seen.ui = 'available'; } catch (err) { seen.ui = err.message; }
  var log = JSON.parse(PropertiesService.getScriptProperties().getProperty('runs') || '[]');
  log.push(seen);
  PropertiesService.getScriptProperties().setProperty('runs', JSON.stringify(log));
}
function failing() { throw new Error('boom'); }
function installFailing() { ScriptApp.newTrigger('failing').timeBased().everyHours(1).create(); }
function triggerInfo() {
  return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), String(t.getEventType()), String(t.getTriggerSource())];
  });
}
function installSlow() { ScriptApp.newTrigger('slow').timeBased().everyHours(1).create(); }
function slow() { for (var i = 0; i < 12; i++) Utilities.sleep(25000); }
var counter = 0;
function count() { counter += 1; return counter; }
function addOnTooOften() { ScriptApp.newTrigger('remind').timeBased().everyMinutes(5).create(); }
`;

const runs = (rt: Awaited<ReturnType<typeof runtimeFor>>) =>
  JSON.parse(rt.properties.script.get('runs') ?? '[]') as Array<Record<string, unknown>>;

describe('time-driven triggers', () => {
  it('fires a daily trigger once a day in its hour, at one fixed minute, as its owner', async () => {
    const rt = await runtimeFor(script, { now: new Date('2026-03-02T05:00:00Z') });
    expect(rt.run('installDaily', 8)).toBe(1);
    rt.setUser(editor);
    rt.advanceTo(new Date('2026-03-05T00:00:00Z'));
    const seen = runs(rt);
    expect(seen).toHaveLength(3);
    const minutes = new Set(seen.map((r) => r.minute));
    expect(minutes.size).toBe(1);
    for (const run of seen) {
      expect(run).toMatchObject({
        user: owner,
        active: null,
        docProps: null,
        authMode: 'FULL',
        timezone: 'UTC',
      });
      expect(run.hour).toBe(7); // 08:xx in Madrid is 07:xx UTC in March
      expect(run.ui).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    }
  });

  it('runs nothing before its time', async () => {
    const rt = await runtimeFor(script, { now: new Date('2026-03-02T05:00:00Z') });
    rt.run('installDaily', 8);
    rt.advanceTo(new Date('2026-03-02T06:59:00Z'));
    expect(runs(rt)).toEqual([]);
  });

  it('fires an hourly trigger every hour', async () => {
    const rt = await runtimeFor(script);
    rt.run('installHourly');
    const fired = rt.advanceBy(5 * 3_600_000 + 1);
    expect(fired).toHaveLength(5);
    expect(fired.every((e) => e.kind === 'timeTrigger' && e.status === 'completed')).toBe(true);
  });

  it('records a failing trigger run instead of throwing it at the test', async () => {
    const rt = await runtimeFor(script);
    rt.run('installFailing');
    const [run] = rt.advanceBy(3_600_000);
    expect(run).toMatchObject({ fn: 'failing', status: 'failed', error: 'boom' });
  });

  it('lists only the current user’s triggers, with their handler, type and source', async () => {
    const rt = await runtimeFor(script);
    rt.run('installHourly');
    expect(rt.run('triggerInfo')).toEqual([['remind', 'CLOCK', 'CLOCK']]);
    rt.setUser(editor);
    expect(rt.run('triggerInfo')).toEqual([]);
  });

  it('refuses add-on time triggers more often than hourly', async () => {
    const rt = await runtimeFor(script);
    expect(() => rt.run('addOnTooOften')).toThrow(/once per hour/);
  });

  it('stops running a user’s triggers after 90 minutes of trigger time in a day', async () => {
    const rt = await runtimeFor(script, { now: new Date('2026-03-02T08:30:00Z') });
    rt.run('installSlow');
    const fired = rt.advanceBy(20 * 3_600_000);
    const completed = fired.filter((e) => e.status === 'completed');
    expect(completed).toHaveLength(18); // 18 runs x 5 minutes = 90 minutes
    expect(fired[18]).toMatchObject({
      status: 'failed',
      error: 'Service using too much computer time for one day',
    });
  });
});

describe('executions', () => {
  it('starts every run from a freshly loaded script: globals do not survive between runs', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('count')).toBe(1);
    expect(rt.run('count')).toBe(1);
  });

  it('lets the sidebar send and receive only plain data', async () => {
    const rt = await runtimeFor(
      `${script} function echo(x) { return x; } function today() { return new Date(); } function map() { return new Map(); }`,
    );
    expect(rt.runFromClient('echo', { id: 'OPP-1', when: '2026-03-02', tags: ['a'] })).toEqual({
      id: 'OPP-1',
      when: '2026-03-02',
      tags: ['a'],
    });
    expect(() => rt.runFromClient('echo', { when: new Date() })).toThrow(
      /cannot carry a Date \(argument 0.when\)/,
    );
    expect(() => rt.runFromClient('today')).toThrow(/cannot carry a Date \(result\)/);
    expect(() => rt.runFromClient('map')).toThrow(/cannot carry a Map/);
  });
});

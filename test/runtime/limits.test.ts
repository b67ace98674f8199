// Google's limits, with Google's error texts: run time, locks, mail quota, property sizes, triggers.
import { describe, expect, it } from 'vitest';
import { editor, runtimeFor } from './script-runtime';

const script = `
function slowLoop() {
  var range = SpreadsheetApp.getActive().getSheets()[0].getRange('A1');
  for (var i = 0; i < 10000; i++) { try { range.getValue(); } catch (e) { /* swallowing does not help */ } }
}
function sleepy(ms) { Utilities.sleep(ms); }
function locked(timeout) { var lock = LockService.getDocumentLock(); lock.waitLock(timeout); var held = lock.hasLock(); lock.releaseLock(); return held; }
function tryLocked(timeout) { return LockService.getScriptLock().tryLock(timeout); }
function mailTo(count) {
  var to = []; for (var i = 0; i < count; i++) to.push('p' + i + '@example.com');
  MailApp.sendEmail({ to: to.join(','), subject: 'Hi', body: 'text', htmlBody: '<b>text</b>' });
  return MailApp.getRemainingDailyQuota();
}
function store(size) { PropertiesService.getDocumentProperties().setProperty('big', new Array(size + 1).join('x')); }
function makeTriggers(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('tick').forSpreadsheet(SpreadsheetApp.getActive().getId()).onChange().create(); }
function makeInNewFile() { var file = SpreadsheetApp.create('f'); ScriptApp.newTrigger('tick').forSpreadsheet(file).onEdit().create(); }
function tick() {}
`;

describe('limits', () => {
  it('ends a run after 6 minutes of simulated time, even if the script catches the error', async () => {
    const rt = await runtimeFor(script);
    expect(() => rt.run('slowLoop')).toThrow('Exceeded maximum execution time');
    const run = rt.executions.at(-1);
    expect(run?.status).toBe('timedOut');
    expect((run?.endMs ?? 0) - (run?.startMs ?? 0)).toBeGreaterThan(360_000);
    expect((run?.endMs ?? 0) - (run?.startMs ?? 0)).toBeLessThan(361_000);
  });

  it('gives simple triggers 30 seconds', async () => {
    const rt = await runtimeFor(
      `${script} function onEdit() { Utilities.sleep(29000); Utilities.sleep(2000); SpreadsheetApp.getActive(); }`,
    );
    const { executions } = rt.edit('Sheet1', 'A1', 1);
    expect(executions[0]).toMatchObject({
      status: 'timedOut',
      error: 'Exceeded maximum execution time',
    });
  });

  it('times out waiting for a lock another execution holds, and waits when it is released in time', async () => {
    const rt = await runtimeFor(script);
    rt.holdLock('document');
    expect(() => rt.run('locked', 10_000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(() => rt.run('tryLocked', 1000)).not.toThrow();
    rt.holdLock('script');
    expect(rt.run('tryLocked', 1000)).toBe(false);
    rt.holdLock('document', rt.clock.now() + 3_000);
    const before = rt.clock.now();
    expect(rt.run('locked', 10_000)).toBe(true);
    expect(rt.clock.now() - before).toBeGreaterThanOrEqual(3_000);
  });

  it('has no document lock in a time-driven trigger', async () => {
    const rt = await runtimeFor(`${script}
      function setUp() { ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create(); }
      function hourly() { PropertiesService.getScriptProperties().setProperty('lock', String(LockService.getDocumentLock())); }`);
    rt.run('setUp');
    rt.advanceBy(3_600_000);
    expect(rt.properties.script.get('lock')).toBe('null');
  });

  it('counts mail recipients against the daily quota, and refuses past it', async () => {
    const rt = await runtimeFor(script, { mailQuota: 100 });
    expect(rt.run('mailTo', 50)).toBe(50);
    expect(rt.run('mailTo', 50)).toBe(0);
    expect(() => rt.run('mailTo', 1)).toThrow('Service invoked too many times for one day: email.');
    expect(rt.outbox).toHaveLength(2);
    expect(rt.outbox[0]).toMatchObject({
      from: 'owner@example.com',
      subject: 'Hi',
      htmlBody: '<b>text</b>',
    });
    rt.advanceBy(24 * 3_600_000);
    expect(rt.run('mailTo', 1)).toBe(99);
  });

  it('refuses more than 50 recipients in one message', async () => {
    const rt = await runtimeFor(script, { mailQuota: 1500 });
    expect(() => rt.run('mailTo', 51)).toThrow('Limit Exceeded: Email Recipients Per Message.');
  });

  it('refuses a property value over 9 KB and keeps the old value', async () => {
    const rt = await runtimeFor(script);
    rt.run('store', 9 * 1024);
    expect(() => rt.run('store', 9 * 1024 + 1)).toThrow('Argument too large: value');
    expect(rt.properties.document().get('big')).toHaveLength(9 * 1024);
  });

  it('refuses a 21st trigger for the same user, but not for another user', async () => {
    const rt = await runtimeFor(script);
    for (let i = 0; i < 20; i++) rt.run('makeInNewFile');
    expect(() => rt.run('makeInNewFile')).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    rt.setUser(editor);
    expect(() => rt.run('makeInNewFile')).not.toThrow();
  });

  it('allows one trigger of each type per user and document', async () => {
    const rt = await runtimeFor(script);
    rt.run('makeTriggers', 1);
    expect(() => rt.run('makeTriggers', 1)).toThrow(/only one trigger of type ON_CHANGE/);
  });

  it('fails the nth call when a fault is injected', async () => {
    const rt = await runtimeFor(script, { mailQuota: 1500 });
    rt.failOn({ service: 'MailApp', method: 'sendEmail', nth: 2 });
    rt.run('mailTo', 1);
    expect(() => rt.run('mailTo', 1)).toThrow("We're sorry, a server error occurred.");
    expect(rt.outbox).toHaveLength(1);
    rt.run('mailTo', 1);
    expect(rt.outbox).toHaveLength(2);
  });
});

// The reminder run and the menu actions that write its tabs never interleave: they share the script lock.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/domain/defaults';
import { aDeal, d } from '../domain/builders';
import {
  duplicates,
  mails,
  manager,
  menu,
  reminderTriggers,
  runReports,
  seller,
  turnedOn,
  type World,
} from '../support/reminder-world';
import { rpc } from '../support/rpc';

function world(): World {
  return {
    deals: [
      aDeal({
        id: 'OPP-000001',
        name: 'Fleet renewal',
        owner: seller,
        stage: 'Qualified',
        stageEntered: d('2026-01-10'),
        nextAction: 'Call the buyer',
        nextActionDate: d('2026-01-10'),
      }),
    ],
    settings: { ...defaultSettings('en'), stageEmails: [] },
  };
}

const metricsTab = (rt: Awaited<ReturnType<typeof turnedOn>>) =>
  rt.spreadsheet.sheets.find((s) => s.name === 'Metrics');

describe('the tabs the reminder run writes', () => {
  it('a time-driven run has no document lock, so it takes the script lock, and a sidebar save never does', async () => {
    const rt = await turnedOn(world(), new Date('2026-11-23T14:00:00Z'));
    const before = rt.ledger.entries.length;
    rt.advanceTo(new Date('2026-11-24T12:00:00Z'));
    const runCalls = rt.ledger.entries
      .slice(before)
      .filter((e) => e.fn === 'runReminders')
      .map((e) => `${e.service}.${e.method}`);
    expect(runCalls).toContain('LockService.getScriptLock');
    expect(runCalls).not.toContain('Lock.waitLock');
    expect(mails(rt).map((m) => m.to)).toContain(seller);
    // The sidebar's saves keep to the document lock: the script lock is not on their path.
    rt.setUser(seller);
    const saveFrom = rt.ledger.entries.length;
    const deal = rpc(rt, 'getDeal', { id: 'OPP-000001' });
    expect(deal.ok).toBe(true);
    const version = deal.ok ? (deal.data as { version: string }).version : '';
    const saved = rpc(rt, 'moveStage', { id: 'OPP-000001', version, to: 'Proposal' });
    expect(saved.ok).toBe(true);
    const saveCalls = rt.ledger.entries.slice(saveFrom).map((e) => `${e.service}.${e.method}`);
    expect(saveCalls).toContain('LockService.getDocumentLock');
    expect(saveCalls).not.toContain('LockService.getScriptLock');
  });

  it('while the reminder run holds its lock, Refresh metrics from the menu says busy and writes nothing', async () => {
    const rt = await turnedOn(world(), new Date('2026-11-23T14:00:00Z'));
    rt.holdLock('script', new Date('2026-11-23T16:00:00Z'));
    rt.setUser(manager);
    rt.open({ authMode: 'LIMITED' });
    const alerts = rt.ui.alerts.length;
    rt.clickMenu('Refresh metrics');
    expect(rt.ui.alerts.slice(alerts).map((a) => a.prompt)).toEqual([
      'Someone else is changing the tracker right now. Try again in a few seconds.',
    ]);
    expect(metricsTab(rt)).toBeUndefined();
    // Once the run let go, the same click refreshes the tab.
    rt.advanceTo(new Date('2026-11-23T16:00:01Z'));
    rt.clickMenu('Refresh metrics');
    expect(metricsTab(rt)).toBeDefined();
  });

  it('while a menu action holds the lock, the run claims nothing, says busy, and sends once when it is free', async () => {
    const rt = await turnedOn(world(), new Date('2026-11-23T14:00:00Z'));
    // Someone is turning reminders on or refreshing metrics through the whole reminder hour.
    rt.holdLock('script', new Date('2026-11-24T09:10:00Z'));
    rt.advanceTo(new Date('2026-11-24T09:05:00Z'));
    expect(mails(rt)).toEqual([]);
    expect(runReports(rt).at(-1)?.problems).toEqual([
      'Another run held the lock: trying again within the hour.',
    ]);
    rt.advanceTo(new Date('2026-11-24T12:00:00Z'));
    expect(mails(rt).map((m) => m.to)).toContain(seller);
    expect(duplicates(rt)).toEqual([]);
  });

  it('turning reminders off waits for the run’s lock and says busy rather than switch under it', async () => {
    const rt = await turnedOn(world(), new Date('2026-11-23T14:00:00Z'));
    rt.holdLock('script', new Date('2026-11-23T18:00:00Z'));
    expect(menu(rt, 'Turn off reminders', seller)).toBe(
      'Someone else is changing the tracker right now. Try again in a few seconds.',
    );
    expect(reminderTriggers(rt)).toHaveLength(1);
  });
});

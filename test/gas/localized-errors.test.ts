// The reminder run tells a spent quota and a lost file by testing them, never by the (localized) error text.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/domain/defaults';
import { aDeal, d } from '../domain/builders';
import {
  duplicates,
  mails,
  otherSeller,
  reminderTriggers,
  runReports,
  seller,
  turnedOn,
  type World,
} from '../support/reminder-world';

function world(): World {
  const deal = (id: string, owner: string, nextActionDate: string) =>
    aDeal({
      id,
      name: `Deal ${id}`,
      owner,
      stage: 'Qualified',
      stageEntered: d('2026-11-01'),
      nextAction: 'Call the buyer',
      nextActionDate: d(nextActionDate),
    });
  return {
    deals: [
      deal('OPP-000001', seller, '2026-11-20'),
      deal('OPP-000002', otherSeller, '2026-11-21'),
    ],
    settings: { ...defaultSettings('en'), stageEmails: [] },
  };
}

describe('errors recognised by condition, in any language', () => {
  it('a refusal worded in Spanish, with the quota spent by another run, defers the rest (not "failed")', async () => {
    const rt = await turnedOn(world(), new Date('2026-11-23T14:00:00Z'), { mailQuota: 100 });
    // Another execution of the same owner spends the whole quota just before the run's first email;
    // Apps Script answers in the owner's language.
    rt.concurrentMail({
      user: seller,
      recipients: 100,
      quotaMessage: 'Se ha invocado el servicio demasiadas veces en un día: email.',
    });
    rt.advanceTo(new Date('2026-11-24T12:00:00Z'));
    expect(mails(rt)).toEqual([]);
    const report = runReports(rt).at(-1);
    expect(report).toMatchObject({ sent: 0, failed: 0 });
    expect(report?.deferred).toBeGreaterThan(0);
    expect(report?.problems.join(' ')).toMatch(/daily email quota ran out/);
    // The quota is back 24 hours after those sends: the deferred emails go, once.
    rt.advanceTo(new Date('2026-11-25T16:00:00Z'));
    expect(mails(rt).map((m) => m.to)).toEqual(expect.arrayContaining([seller, otherSeller]));
    expect(duplicates(rt)).toEqual([]);
  });

  it('a server error opening the file (twice in one run) does not remove the trigger: the next run works', async () => {
    const rt = await turnedOn(world(), new Date('2026-11-23T14:00:00Z'));
    rt.advanceTo(new Date('2026-11-24T07:00:00Z'));
    rt.failOn({ service: 'SpreadsheetApp', method: 'openById', nth: 1 });
    rt.failOn({ service: 'SpreadsheetApp', method: 'openById', nth: 1 });
    rt.advanceTo(new Date('2026-11-24T12:00:00Z'));
    expect(rt.executions.filter((e) => e.status === 'failed')).toHaveLength(1);
    expect(reminderTriggers(rt)).toHaveLength(1);
    expect(mails(rt).map((m) => m.to)).toEqual(expect.arrayContaining([seller, otherSeller]));
    expect(duplicates(rt)).toEqual([]);
  });

  it('one failed attempt to open the file is tried again at once, in the same run', async () => {
    const rt = await turnedOn(world(), new Date('2026-11-23T14:00:00Z'));
    rt.advanceTo(new Date('2026-11-24T07:00:00Z'));
    rt.failOn({ service: 'SpreadsheetApp', method: 'openById', nth: 1 });
    rt.advanceTo(new Date('2026-11-24T12:00:00Z'));
    expect(rt.executions.filter((e) => e.status === 'failed')).toHaveLength(0);
    expect(mails(rt).map((m) => m.to)).toEqual(expect.arrayContaining([seller, otherSeller]));
  });
});

// Reminders over simulated weeks: DST, other zones, two files, a failure at every call, quota, time limit, a lost trigger.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/domain/defaults';
import type { Opportunity, Team } from '../../src/domain/model';
import { aDeal, d } from '../domain/builders';
import {
  duplicates,
  mails,
  manager,
  menu,
  otherSeller,
  reminderTriggers,
  runReports,
  seller,
  sentRows,
  setUpProperties,
  turnedOn,
  type World,
  worldSnapshot,
} from '../support/reminder-world';
import type { Runtime } from '../support/tracker';

const hourMs = 3_600_000;

/** Two sellers with an overdue action each (due every day), one deal stuck in Negotiation. */
function overdueWorld(overrides: Partial<World> = {}): World {
  return {
    deals: [
      aDeal({
        id: 'OPP-000001',
        name: 'Fleet renewal',
        customer: 'Transportes Norte',
        owner: seller,
        stage: 'Qualified',
        stageEntered: d('2026-01-10'),
        nextAction: 'Call the buyer',
        nextActionDate: d('2026-01-10'),
      }),
      aDeal({
        id: 'OPP-000002',
        name: 'Warehouse scanners',
        customer: 'Almacenes Sur',
        owner: otherSeller,
        stage: 'Proposal',
        stageEntered: d('2026-01-10'),
        nextAction: 'Send the quote',
        nextActionDate: d('2026-01-12'),
      }),
      aDeal({
        id: 'OPP-000003',
        name: 'Cold storage',
        customer: 'Frío Total',
        owner: otherSeller,
        stage: 'Negotiation',
        stageEntered: d('2026-01-02'),
        nextAction: 'Agree the terms',
        nextActionDate: d('2026-12-10'),
      }),
    ],
    settings: { ...defaultSettings('en'), stageEmails: [] },
    ...overrides,
  };
}

/** Digests per recipient per local day, with the local hour each went out. */
function digestDays(rt: Runtime, to: string): Array<[string, string]> {
  return mails(rt)
    .filter((m) => m.to === to && / need(s)? you today /.test(m.subject))
    .map((m) => [m.local.slice(0, 10), m.local.slice(11, 13)]);
}

const days = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const date = new Date(`${from}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() + i);
    return date.toISOString().slice(0, 10);
  });

describe('over weeks with a DST change', () => {
  it.each([
    ['Europe/Madrid', '2026-03-25T14:00:00Z', '2026-03-26'],
    ['Europe/Madrid', '2026-10-21T14:00:00Z', '2026-10-22'],
    ['America/New_York', '2026-03-04T18:00:00Z', '2026-03-05'],
    ['America/New_York', '2026-10-28T18:00:00Z', '2026-10-29'],
  ])(
    'in %s from %s: one digest a day per owner, always in the 08:00 hour',
    async (zone, start, first) => {
      const rt = await turnedOn(overdueWorld({ timeZone: zone }), new Date(start));
      rt.advanceBy(8 * 24 * hourMs);
      const expected = days(first, 8).map((day) => [day, '08']);
      expect(digestDays(rt, seller)).toEqual(expected);
      expect(digestDays(rt, otherSeller)).toEqual(expected);
      expect(mails(rt).filter((m) => m.to === manager && /decision/.test(m.subject))).toHaveLength(
        1,
      );
      expect(duplicates(rt)).toEqual([]);
      expect(rt.executions.filter((e) => e.status !== 'completed')).toEqual([]);
    },
  );
});

describe('zones and files', () => {
  it('follows the spreadsheet zone, not the project or the trigger owner', async () => {
    // Tokyo is 9 hours ahead of the project's UTC: 08:00 there is 23:00 UTC the day before.
    const rt = await turnedOn(
      overdueWorld({ timeZone: 'Asia/Tokyo' }),
      new Date('2026-11-23T05:00:00Z'),
    );
    rt.advanceTo(new Date('2026-11-25T00:00:00Z'));
    expect(digestDays(rt, seller)).toEqual([
      ['2026-11-24', '08'],
      ['2026-11-25', '08'],
    ]);
    const first = rt.outbox.find((mail) => mail.to.includes(seller));
    expect(first?.subject).toBe('1 opportunity needs you today (2026-11-24)');
    expect(first?.sentAt.toISOString().slice(0, 13)).toBe('2026-11-23T23');
  });

  it('runs two spreadsheets with their own trigger, logs and time zone', async () => {
    const madrid = overdueWorld();
    const rt = await turnedOn(madrid, new Date('2026-11-23T14:00:00Z'));
    const newYork = overdueWorld({ id: 'second-file', timeZone: 'America/New_York' });
    rt.addFile(worldSnapshot(newYork));
    rt.useFile('second-file');
    setUpProperties(rt, newYork, 'second-file');
    menu(rt, 'Turn on reminders', seller);
    expect(reminderTriggers(rt).map((t) => [t.owner, t.documentId])).toEqual([
      [seller, 'reminders-file'],
      [seller, 'second-file'],
    ]);
    rt.advanceTo(new Date('2026-11-25T18:00:00Z'));
    const fromFile = (id: string) =>
      rt.outbox.filter((m) => m.body.includes(`/d/${id}/edit`)).map((m) => m.to.join());
    expect(fromFile('reminders-file').filter((to) => to === seller)).toHaveLength(2);
    expect(fromFile('second-file').filter((to) => to === seller)).toHaveLength(2);
    const newYorkHours = mails(rt, 'America/New_York')
      .filter((m) => m.text.includes('/d/second-file/edit'))
      .map((m) => m.local.slice(11, 13));
    expect(new Set(newYorkHours)).toEqual(new Set(['08']));
    expect(sentRows(rt, 'reminders-file').every(([key]) => !key.includes('second'))).toBe(true);
    expect(runReports(rt, 'second-file')).toHaveLength(2);
    expect(runReports(rt, 'reminders-file')).toHaveLength(2);
    expect(duplicates(rt)).toEqual([]);
  });
});

describe('a failure at every service call of a run', () => {
  /** Turned on at 07:00 Madrid; the 08:00 run is the one under test. */
  const turnOnAt = new Date('2026-11-24T06:00:00Z');
  const beforeRun = new Date('2026-11-24T06:30:00Z');
  const afterRun = new Date('2026-11-24T07:30:00Z');
  const afterNextRun = new Date('2026-11-24T08:30:00Z');

  async function scenario(): Promise<Runtime> {
    const rt = await turnedOn(overdueWorld(), turnOnAt);
    rt.advanceTo(beforeRun);
    return rt;
  }

  it('sends every planned email exactly once, or lists it, whichever call fails', async () => {
    const baseline = await scenario();
    const firstCall = baseline.ledger.entries.length;
    baseline.advanceTo(afterRun);
    const calls = baseline.ledger.entries.slice(firstCall).filter((e) => e.fn === 'runReminders');
    const planned = mails(baseline).map((m) => `${m.to} · ${m.subject}`);
    expect(planned).toHaveLength(3);
    const seen = new Map<string, number>();
    const faults = calls.map(({ service, method }) => {
      const name = `${service}.${method}`;
      const nth = (seen.get(name) ?? 0) + 1;
      seen.set(name, nth);
      return { service, method, nth };
    });
    expect(faults.length).toBeGreaterThan(30);
    const outcomes: string[] = [];
    for (const fault of faults) {
      const rt = await scenario();
      rt.failOn(fault);
      rt.advanceTo(afterNextRun);
      const where = `${fault.service}.${fault.method} #${fault.nth}`;
      expect(duplicates(rt), where).toEqual([]);
      const delivered = mails(rt).map((m) => `${m.to} · ${m.subject}`);
      const listed = runReports(rt).flatMap((r) => r.details.split('\n'));
      for (const email of planned)
        expect(
          delivered.includes(email) ||
            listed.some(
              (line) => line.startsWith('May not have been delivered') && line.endsWith(email),
            ),
          `${where}: ${email}`,
        ).toBe(true);
      outcomes.push(`${where}: ${delivered.length} delivered`);
    }
    expect(outcomes).toHaveLength(faults.length);
  }, 300_000);

  it('lists claims a run could not confirm as "may not have been delivered" and never sends them again', async () => {
    const rt = await scenario();
    // Both tries of the confirmation write (the run's 2nd and 3rd setValues) fail: the emails
    // went, the Sent log cannot say so. A fault counts calls until it fires, so both say 2.
    rt.failOn({ service: 'Range', method: 'setValues', nth: 2 });
    rt.failOn({ service: 'Range', method: 'setValues', nth: 2 });
    rt.advanceTo(new Date('2026-11-24T22:00:00Z'));
    expect(rt.outbox).toHaveLength(3);
    rt.advanceTo(new Date('2026-11-25T08:00:00Z'));
    expect(duplicates(rt)).toEqual([]);
    const [first, second] = runReports(rt);
    expect(first?.problems.join(' ')).toMatch(/The run failed/);
    expect(second?.unconfirmed).toBe(3);
    expect(second?.problems).toContain(
      '3 emails may not have been delivered: an earlier run stopped after claiming them (see Details).',
    );
    expect(second?.details).toContain('May not have been delivered (claimed 2026-11-24 08:00');
    expect(sentRows(rt).filter(([, status]) => status === 'unconfirmed')).toHaveLength(3);
    // Wednesday's own digests still go, and the claims are listed once only.
    rt.advanceTo(new Date('2026-11-26T08:00:00Z'));
    expect(runReports(rt).at(-1)?.unconfirmed).toBe(0);
  });
});

describe('limits', () => {
  it('defers what the mail quota cannot carry, oldest first, and delivers it the next day', async () => {
    // Los Angeles: Google's mail quota day is the file's day.
    const world = overdueWorld({ timeZone: 'America/Los_Angeles' });
    world.deals.push(
      aDeal({
        id: 'OPP-000004',
        name: 'Pallet racks',
        owner: otherSeller,
        stage: 'Proposal',
        stageEntered: d('2026-11-24'),
        nextAction: 'Check the proposal landed',
        nextActionDate: d('2026-12-01'),
      }),
    );
    world.settings = {
      ...defaultSettings('en'),
      stageEmails: [
        { stage: 'Proposal', delayDays: 0, subject: 'Proposal out: {{opportunity}}', body: '' },
      ],
    };
    const rt = await turnedOn(world, new Date('2026-11-23T22:00:00Z'), { mailQuota: 2 });
    rt.advanceTo(new Date('2026-11-24T20:00:00Z'));
    const la = () =>
      mails(rt, 'America/Los_Angeles').map((m) => [m.to, m.subject, m.local.slice(0, 10)]);
    // The escalation names deals stuck since January: the oldest due, it goes first.
    expect(la()).toEqual([
      [manager, '3 deals need a decision (2026-11-24)', '2026-11-24'],
      [seller, '1 opportunity needs you today (2026-11-24)', '2026-11-24'],
    ]);
    const [tuesday] = runReports(rt);
    expect(tuesday).toMatchObject({ sent: 2, deferred: 2 });
    expect(tuesday?.problems).toEqual([
      'The daily email quota ran out: 2 emails wait for the next run (oldest first).',
    ]);
    const details = tuesday?.details.split('\n') ?? [];
    expect(details.filter((line) => line.startsWith('Deferred'))).toEqual([
      'Deferred to the next run (daily email quota used up): luis@example.com · 1 opportunity needs you today (2026-11-24)',
      'Deferred to the next run (daily email quota used up): luis@example.com · Proposal out: Pallet racks',
    ]);
    // The day's jobs still run when the quota is spent: the Metrics tab is refreshed all the same.
    expect(details.filter((line) => !line.startsWith('Deferred'))).toEqual([
      expect.stringMatching(/^Metrics refreshed in the "Metrics" tab/),
    ]);
    // Runs while the quota is still spent stop quietly: no Run log row each hour.
    expect(runReports(rt)).toHaveLength(1);
    rt.advanceTo(new Date('2026-11-25T20:00:00Z'));
    // Wednesday: the stage email due Tuesday first; Tuesday's digest gave way to Wednesday's.
    expect(la().slice(2)).toEqual([
      [otherSeller, 'Proposal out: Pallet racks', '2026-11-25'],
      [seller, '1 opportunity needs you today (2026-11-25)', '2026-11-25'],
    ]);
    expect(duplicates(rt)).toEqual([]);
  });

  it('checkpoints before 4.5 minutes and the next hourly run sends the rest', async () => {
    const owners = 250;
    const deals: Opportunity[] = Array.from({ length: owners }, (_, i) =>
      aDeal({
        id: `OPP-${String(i + 1).padStart(6, '0')}`,
        owner: `seller${i}@example.com`,
        stage: 'Qualified',
        stageEntered: d('2026-11-20'),
        nextAction: 'Call',
        nextActionDate: d('2026-11-20'),
      }),
    );
    const team: Team = [];
    const rt = await turnedOn(
      { ...overdueWorld(), deals, team },
      new Date('2026-11-24T06:00:00Z'),
      {
        mailQuota: 1500,
      },
    );
    rt.advanceTo(new Date('2026-11-24T07:30:00Z'));
    const first = rt.executions.filter((e) => e.fn === 'runReminders').at(-1);
    expect(first?.status).toBe('completed');
    expect((first?.endMs ?? 0) - (first?.startMs ?? 0)).toBeLessThan(270_000);
    const sentFirst = rt.outbox.length;
    expect(sentFirst).toBeGreaterThan(150);
    expect(sentFirst).toBeLessThan(owners);
    expect(runReports(rt)[0]?.problems[0]).toBe(
      `Stopped before the time limit: ${owners - sentFirst} emails wait for the next run (within the hour).`,
    );
    rt.advanceTo(new Date('2026-11-24T08:30:00Z'));
    expect(rt.outbox).toHaveLength(owners);
    expect(duplicates(rt)).toEqual([]);
  });

  it('sends one digest to each of 50 owners', async () => {
    const deals: Opportunity[] = Array.from({ length: 100 }, (_, i) =>
      aDeal({
        id: `OPP-${String(i + 1).padStart(6, '0')}`,
        owner: `seller${i % 50}@example.com`,
        stage: 'Qualified',
        stageEntered: d('2026-11-20'),
        nextAction: 'Call',
        nextActionDate: d(i < 50 ? '2026-11-20' : '2026-12-20'),
      }),
    );
    const rt = await turnedOn(
      { ...overdueWorld(), deals, team: [] },
      new Date('2026-11-24T06:00:00Z'),
    );
    rt.advanceTo(new Date('2026-11-24T22:00:00Z'));
    const recipients = mails(rt).map((m) => m.to);
    expect(recipients).toHaveLength(50);
    expect(new Set(recipients).size).toBe(50);
    expect(mails(rt).every((m) => m.subject === '1 opportunity needs you today (2026-11-24)')).toBe(
      true,
    );
  });
});

describe('the logs keep 90 days', () => {
  it('trims older rows, carrying forward what stops a deal being escalated twice', async () => {
    const rt = await turnedOn(overdueWorld(), new Date('2026-11-23T14:00:00Z'));
    const covers = [
      'escalated:OPP-000001:Qualified:2026-01-10',
      'escalated:OPP-000002:Proposal:2026-01-10',
      'escalated:OPP-000003:Negotiation:2026-01-02',
    ];
    const text = (values: string[]) => values.map((value) => ({ value }));
    const sentLog = rt.spreadsheet.sheetByName('Sent log');
    const runLog = rt.spreadsheet.sheetByName('Run log');
    sentLog?.rows.push(
      text([
        '2026-06-01 08:00:00',
        'escalation:marta@example.com:2026-06-01',
        'claimed',
        covers.join(' '),
        'run-1',
        manager,
        'old',
      ]),
      text([
        '2026-06-01 08:00:05',
        'escalation:marta@example.com:2026-06-01',
        'sent',
        '',
        'run-1',
        manager,
        'old',
      ]),
      text([
        '2026-06-01 08:00:06',
        'digest:ana@example.com:2026-06-01',
        'sent',
        '',
        'run-1',
        seller,
        'old',
      ]),
    );
    runLog?.rows.push(text(['2026-06-01 08:00:00', '2026-06-01 08:00:09', seller, '2']));
    rt.advanceTo(new Date('2026-11-24T12:00:00Z'));
    // The deals are still in the stage entries they were escalated for: no second escalation.
    expect(
      mails(rt)
        .map((m) => m.to)
        .sort(),
    ).toEqual([seller, otherSeller]);
    const rows = sentRows(rt);
    expect(rows.filter(([key]) => key.endsWith('2026-06-01'))).toEqual([]);
    expect(
      rows
        .filter(([, status]) => status === 'carried')
        .map(([key]) => key)
        .sort(),
    ).toEqual(covers);
    expect(runReports(rt).map((r) => r.started.slice(0, 10))).toEqual(['2026-11-24']);
    expect(runReports(rt)[0]?.details).toContain(
      '3 rows older than 90 days removed from the Sent log tab.',
    );
    expect(runReports(rt)[0]?.details).toContain(
      '1 row older than 90 days removed from the Run log tab.',
    );
  });
});

describe('a trigger that stops is never silent', () => {
  function bootstrap(rt: Runtime, user: string) {
    rt.setUser(user);
    const answer = rt.run('rpc', 'bootstrap', {}) as {
      ok: boolean;
      data: { reminders: Record<string, unknown> };
    };
    return answer.data.reminders;
  }

  function toasts(rt: Runtime, user: string): string[] {
    rt.setUser(user);
    const before = rt.ui.toasts.length;
    rt.open({ authMode: 'LIMITED' });
    return rt.ui.toasts.slice(before).map((toast) => toast.message);
  }

  it('warns in the sidebar and on open when the trigger was deleted by hand; turning on again fixes it', async () => {
    const rt = await turnedOn(overdueWorld(), new Date('2026-11-23T14:00:00Z'));
    rt.advanceTo(new Date('2026-11-24T12:00:00Z'));
    expect(bootstrap(rt, seller)).toMatchObject({
      enabled: true,
      owner: seller,
      overdue: false,
      lastRunOk: true,
      lastRun: { sent: 3, deferred: 0, failed: 0, unconfirmed: 0, problems: [] },
      nextRunAt: '2026-11-25 08:00:00',
    });
    expect(toasts(rt, seller)).toEqual([]);
    // Someone deletes the trigger on the Apps Script dashboard.
    rt.triggers.splice(
      rt.triggers.indexOf(reminderTriggers(rt)[0] as (typeof rt.triggers)[number]),
      1,
    );
    // The last run was Tuesday 08:00 in Madrid (07:00 UTC): 26 hours later is Wednesday 09:00 UTC.
    rt.advanceTo(new Date('2026-11-25T08:30:00Z'));
    expect(bootstrap(rt, otherSeller).overdue).toBe(false);
    rt.advanceTo(new Date('2026-11-25T09:30:00Z'));
    expect(bootstrap(rt, otherSeller).overdue).toBe(true);
    expect(toasts(rt, otherSeller)).toEqual([
      'Reminders have not run since 2026-11-24 08:00. The trigger (sent from ana@example.com) may have been deleted, or ana@example.com lost access to this file. Fix: Extensions > Opportunity Tracker > Turn on reminders.',
    ]);
    expect(menu(rt, 'Turn on reminders', seller)).toMatch(/^Reminders are on/);
    rt.advanceTo(new Date('2026-11-26T12:00:00Z'));
    expect(digestDays(rt, seller).map(([day]) => day)).toEqual(['2026-11-24', '2026-11-26']);
    expect(bootstrap(rt, seller).overdue).toBe(false);
  });

  it('warns when the owner lost access, and another editor takes over', async () => {
    const rt = await turnedOn(overdueWorld(), new Date('2026-11-23T14:00:00Z'));
    rt.advanceTo(new Date('2026-11-24T12:00:00Z'));
    rt.removeAccess(seller);
    rt.advanceTo(new Date('2026-11-25T08:30:00Z'));
    // The owner's trigger cannot open the file: the run fails (logged). Whatever its message says
    // (Apps Script words it in the owner's language), one failure is not proof: it tries again.
    expect(reminderTriggers(rt).map((t) => t.owner)).toEqual([seller]);
    const firstFailures = rt.executions.filter((e) => e.status === 'failed');
    expect(firstFailures.length).toBeGreaterThan(0);
    expect(new Set(firstFailures.map((e) => e.error))).toEqual(
      new Set(['You do not have permission to access the requested document.']),
    );
    // Not 26 hours yet: Ana may still be the one; Luis's click changes nothing.
    expect(menu(rt, 'Turn on reminders', otherSeller)).toMatch(/^Reminders are already on/);
    rt.advanceTo(new Date('2026-11-25T09:30:00Z'));
    expect(bootstrap(rt, otherSeller)).toMatchObject({ enabled: true, overdue: true });
    expect(toasts(rt, otherSeller)[0]).toMatch(/^Reminders have not run since 2026-11-24 08:00/);
    expect(menu(rt, 'Turn on reminders', otherSeller)).toMatch(
      /^Reminders were sent from ana@example\.com, but they have not run for more than a day\. They are now sent from your account \(luis@example\.com\)/,
    );
    // Ana's trigger first failed at the reminder hour of 11-25 (07:00Z); half an hour short of a
    // whole day later it still tries (a check at the edge itself would depend on the CPU time the
    // runtime puts on the clock).
    rt.advanceTo(new Date('2026-11-26T06:30:00Z'));
    expect(
      reminderTriggers(rt)
        .map((t) => t.owner)
        .sort(),
    ).toEqual([seller, otherSeller].sort());
    // After a whole day of failing to open the file, Ana's trigger knows it lost it, and goes.
    rt.advanceTo(new Date('2026-11-26T12:00:00Z'));
    expect(reminderTriggers(rt).map((t) => t.owner)).toEqual([otherSeller]);
    const failed = rt.executions.filter((e) => e.status === 'failed' && e.user === seller);
    expect(failed.length).toBeGreaterThanOrEqual(24);
    expect(new Set(failed.map((e) => e.error))).toEqual(
      new Set(['You do not have permission to access the requested document.']),
    );
    expect(
      mails(rt)
        .filter((m) => m.local.startsWith('2026-11-26'))
        .map((m) => m.from),
    ).toEqual([otherSeller, otherSeller]);
    expect(duplicates(rt)).toEqual([]);
  });
});

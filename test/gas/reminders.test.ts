// Reminders in the runtime: one trigger per file whoever turns it on, one digest per owner per day, in the file's language.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/domain/defaults';
import type { Language } from '../../src/domain/i18n';
import { aDeal, d } from '../domain/builders';
import {
  defaultTeam,
  duplicates,
  mails,
  manager,
  menu,
  otherSeller,
  reminderTriggers,
  runReports,
  seller,
  sentRows,
  turnedOn as turnedOnAt,
  type World,
  worldRuntime,
} from '../support/reminder-world';
import type { Runtime } from '../support/tracker';

/** Monday 23 November 2026, 15:20 in Madrid. */
const mondayAfternoon = new Date('2026-11-23T14:20:00Z');
/** Tuesday 09:00 in Madrid: the 08:xx run has fired. */
const tuesdayMorning = new Date('2026-11-24T08:00:00Z');

const stages: Record<Language, Record<'qualified' | 'proposal' | 'negotiation' | 'won', string>> = {
  en: { qualified: 'Qualified', proposal: 'Proposal', negotiation: 'Negotiation', won: 'Won' },
  es: {
    qualified: 'Calificado',
    proposal: 'Propuesta enviada',
    negotiation: 'Negociación',
    won: 'Ganado',
  },
};

/** Ana has an overdue action, Luis one due on Tuesday and a deal too long in Negotiation. */
function pipeline(language: Language = 'en'): World {
  const stage = stages[language];
  return {
    language,
    deals: [
      aDeal({
        id: 'OPP-000001',
        name: 'Fleet renewal',
        customer: 'Transportes Norte',
        owner: seller,
        stage: stage.qualified,
        stageEntered: d('2026-11-20'),
        nextAction: 'Call the buyer',
        nextActionDate: d('2026-11-20'),
      }),
      aDeal({
        id: 'OPP-000002',
        name: 'Warehouse scanners',
        customer: 'Almacenes Sur',
        owner: otherSeller,
        stage: stage.proposal,
        stageEntered: d('2026-11-19'),
        nextAction: 'Send the revised quote',
        nextActionDate: d('2026-11-24'),
      }),
      aDeal({
        id: 'OPP-000003',
        name: 'Cold storage',
        customer: 'Frío Total',
        owner: otherSeller,
        stage: stage.negotiation,
        stageEntered: d('2026-10-20'),
        nextAction: 'Agree the terms',
        nextActionDate: d('2026-12-10'),
      }),
      aDeal({ id: 'OPP-000004', owner: seller, stage: stage.won, closedOn: d('2026-11-02') }),
    ],
    settings: { ...defaultSettings(language), stageEmails: [] },
  };
}

const turnedOn = (world: World, now = mondayAfternoon) => turnedOnAt(world, now);

describe('turning reminders on and off', () => {
  it('leaves exactly one trigger after 10 tries by two people, owned by the first', async () => {
    const rt = await worldRuntime(pipeline(), { now: mondayAfternoon });
    const said: string[] = [];
    for (let i = 0; i < 10; i += 1)
      said.push(menu(rt, 'Turn on reminders', i % 2 === 0 ? seller : otherSeller));
    expect(reminderTriggers(rt).map((t) => t.owner)).toEqual([seller]);
    expect(rt.properties.document().get('reminders.owner')).toBe(seller);
    expect(said[0]).toMatch(/^Reminders are on\. .*sent from your account \(ana@example\.com\)/);
    expect(said[1]).toBe(
      "Reminders are already on, sent from ana@example.com's account. Only one account sends them, so nothing changed.",
    );
    expect(said[2]).toMatch(/^Reminders were already on, sent from your account/);
    expect(tabNames(rt)).toEqual(
      expect.arrayContaining(['Opportunities', 'Settings', 'Team', 'Sent log', 'Run log']),
    );
  });

  it('removes the trigger when its owner turns reminders off, and sends nothing after', async () => {
    const rt = await turnedOn(pipeline());
    expect(menu(rt, 'Turn off reminders', seller)).toMatch(/^Reminders are off/);
    expect(reminderTriggers(rt)).toEqual([]);
    expect(rt.properties.document().get('reminders.owner')).toBeUndefined();
    rt.advanceTo(tuesdayMorning);
    expect(rt.outbox).toEqual([]);
    expect(menu(rt, 'Turn off reminders', seller)).toBe('Reminders were already off.');
  });

  it("stops the owner's trigger at its next check when another editor turns reminders off", async () => {
    const rt = await turnedOn(pipeline());
    expect(menu(rt, 'Turn off reminders', otherSeller)).toMatch(
      /that trigger removes itself at its next check/,
    );
    // Luis cannot delete Ana's trigger; it reads Settings at its next check and removes itself.
    expect(reminderTriggers(rt)).toHaveLength(1);
    rt.advanceTo(tuesdayMorning);
    expect(rt.outbox).toEqual([]);
    expect(reminderTriggers(rt)).toEqual([]);
    expect(runReports(rt).map((r) => r.details)).toEqual([
      'Stopped: reminders were turned off, so this trigger removed itself.',
    ]);
  });

  it('hands over to a second editor when the owner turns off and the second turns on again', async () => {
    const rt = await turnedOn(pipeline());
    menu(rt, 'Turn off reminders', otherSeller);
    menu(rt, 'Turn on reminders', otherSeller);
    rt.advanceTo(tuesdayMorning);
    expect(reminderTriggers(rt).map((t) => t.owner)).toEqual([otherSeller]);
    expect(new Set(mails(rt).map((m) => m.from))).toEqual(new Set([otherSeller]));
    expect(duplicates(rt)).toEqual([]);
  });

  it('adds the sender row to a Settings tab written before it existed, keeping the tables below', async () => {
    const world = pipeline();
    const rt = await worldRuntime(world, { now: mondayAfternoon });
    const settings = rt.spreadsheet.sheetByName('Settings');
    const senderRow = (settings?.rows ?? []).findIndex((row) =>
      String(row?.[0]?.value ?? '').startsWith('Reminders sent from'),
    );
    settings?.rows.splice(senderRow, 1);
    menu(rt, 'Turn on reminders', seller);
    const labels = rt.read('Settings').map((row) => String(row[0]));
    const inserted = labels.indexOf('Reminders sent from (set by Turn on reminders)');
    expect(inserted).toBeGreaterThan(0);
    expect(labels.indexOf('Stage')).toBeGreaterThan(inserted);
    expect(rt.read('Settings')[inserted]?.[1]).toBe(seller);
    rt.advanceTo(tuesdayMorning);
    expect(rt.outbox).toHaveLength(3);
  });

  it('gives a Team tab older than the pause column its header, so people see where to pause', async () => {
    const rt = await worldRuntime(pipeline(), { now: mondayAfternoon });
    const team = rt.spreadsheet.sheetByName('Team');
    for (const row of team?.rows ?? []) row?.splice(3);
    menu(rt, 'Turn on reminders', seller);
    expect(rt.read('Team', 'A1:D1')).toEqual([
      ['Email', 'Name', 'Manager email', 'Reminders paused until'],
    ]);
  });

  it('speaks Spanish in a Spanish file, menu included', async () => {
    const rt = await worldRuntime(pipeline('es'), { now: mondayAfternoon });
    rt.open({ authMode: 'LIMITED' });
    const captions = JSON.stringify(rt.ui.menus);
    expect(captions).toContain('Activar recordatorios');
    expect(captions).toContain('Desactivar recordatorios');
    expect(menu(rt, 'Activar recordatorios')).toMatch(/^Recordatorios activados\./);
  });
});

describe('the daily run', () => {
  it.each(['en', 'es'] as const)(
    'sends one digest per owner with something due, in the file language (%s), and nothing more that day',
    async (language) => {
      const rt = await turnedOn(pipeline(language));
      rt.advanceTo(tuesdayMorning);
      const sent = mails(rt);
      expect(sent.map((m) => [m.to, m.subject]).sort()).toEqual(
        language === 'en'
          ? [
              [seller, '1 opportunity needs you today (2026-11-24)'],
              [otherSeller, '1 opportunity needs you today (2026-11-24)'],
              [manager, '1 deal needs a decision (2026-11-24)'],
            ]
          : [
              [seller, '1 oportunidad te necesita hoy (24/11/2026)'],
              [otherSeller, '1 oportunidad te necesita hoy (24/11/2026)'],
              [manager, '1 oportunidad necesita una decisión (24/11/2026)'],
            ],
      );
      expect(sent.every((m) => m.from === seller && m.local.startsWith('2026-11-24 08:'))).toBe(
        true,
      );
      rt.advanceTo(new Date('2026-11-24T22:00:00Z'));
      expect(rt.outbox).toHaveLength(3);
      expect(runReports(rt)).toHaveLength(1);
      expect(runReports(rt)[0]).toMatchObject({ sent: 3, deferred: 0, failed: 0, problems: [] });
      expect(sentRows(rt).filter(([, status]) => status === 'sent')).toHaveLength(3);
    },
  );

  it('links each deal to its row and escapes every value in the HTML body', async () => {
    const world = pipeline();
    const first = world.deals[0];
    if (first) first.name = '<script>alert("x")</script> & Co';
    const rt = await turnedOn(world);
    rt.advanceTo(tuesdayMorning);
    const digest = mails(rt).find((m) => m.to === seller);
    const url = `https://docs.google.com/spreadsheets/d/${rt.spreadsheet.id}/edit#gid=0`;
    expect(digest?.text).toContain(`${url}&range=A2`);
    expect(digest?.html).toContain(`${url}&amp;range=A2`);
    expect(digest?.html).not.toContain('<script>');
    expect(digest?.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(digest?.text).toContain('<script>alert("x")</script> & Co');
  });

  it('costs one properties read in the hours with nothing due', async () => {
    const rt = await turnedOn(pipeline());
    rt.advanceTo(tuesdayMorning);
    rt.ledger.reset();
    const runs = rt.advanceTo(new Date('2026-11-25T06:00:00Z'));
    expect(runs.length).toBeGreaterThan(20);
    for (const run of runs) {
      const cost = rt.ledger.summary({ execution: run.id });
      expect(cost.costlyByMethod).toEqual({ 'Properties.getProperty': 1 });
    }
  });

  it('goes out in the reminder hour of the file, whatever minute the trigger fires', async () => {
    // Turned on at 06:50 Madrid: the trigger fires at :50, so 07:50 is too early and 08:50 is due.
    const rt = await turnedOn(pipeline(), new Date('2026-11-24T05:50:00Z'));
    rt.advanceTo(new Date('2026-11-24T06:55:00Z'));
    expect(rt.outbox).toEqual([]);
    rt.advanceTo(new Date('2026-11-24T07:55:00Z'));
    expect(mails(rt).map((m) => m.local.slice(11, 13))).toEqual(['08', '08', '08']);
  });

  it('sends the weekly summary to each manager on Monday', async () => {
    const rt = await turnedOn(pipeline(), new Date('2026-11-29T14:00:00Z'));
    rt.advanceTo(new Date('2026-11-30T08:00:00Z'));
    const summary = mails(rt).find((m) => m.subject.startsWith('Weekly pipeline summary'));
    expect(summary).toMatchObject({
      to: manager,
      subject: 'Weekly pipeline summary, week of 2026-11-30',
    });
    expect(summary?.text).toContain('Open deals: 3');
    expect(summary?.text).toContain('Luis: 2 open');
  });

  it('escalates a deal once for its stage entry, not every day', async () => {
    const rt = await turnedOn(pipeline());
    rt.advanceTo(new Date('2026-11-27T08:00:00Z'));
    const escalations = mails(rt).filter((m) => m.to === manager);
    expect(escalations.map((m) => m.subject)).toEqual(['1 deal needs a decision (2026-11-24)']);
    expect(mails(rt).filter((m) => m.to === seller)).toHaveLength(4);
  });

  it('pauses one person from the Team tab, and says so in the Run log', async () => {
    const world = pipeline();
    world.team = defaultTeam.map((member) =>
      member.email === otherSeller ? { ...member, pausedUntil: d('2026-11-24') } : member,
    );
    const rt = await turnedOn(world);
    rt.advanceTo(tuesdayMorning);
    expect(
      mails(rt)
        .map((m) => m.to)
        .sort(),
    ).toEqual([seller, manager]);
    expect(runReports(rt)[0]?.details).toContain('1 to people paused in the Team tab');
    rt.advanceTo(new Date('2026-11-25T08:00:00Z'));
    expect(mails(rt).filter((m) => m.to === otherSeller)).toHaveLength(1);
  });

  it('sends a stage email from the Settings template for a deal that entered the stage yesterday', async () => {
    const world = pipeline();
    world.settings = {
      ...defaultSettings('en'),
      stageEmails: [
        {
          stage: 'Proposal',
          delayDays: 0,
          subject: 'Proposal out: {{opportunity}} for {{customer}}',
          body: 'Follow up in 3 days. Next: {{nextAction}} ({{amount}})',
        },
      ],
    };
    const rt = await turnedOn(world, new Date('2026-11-24T06:00:00Z'));
    rt.advanceTo(new Date('2026-11-24T08:00:00Z'));
    expect(mails(rt).some((m) => m.subject.startsWith('Proposal out'))).toBe(false);
    // Luis moves a deal to Proposal after the morning run: tomorrow's run catches it up.
    rt.setUser(otherSeller);
    rt.edit('Opportunities', 'E3', 'Qualified');
    rt.edit('Opportunities', 'E3', 'Proposal');
    rt.advanceTo(new Date('2026-11-25T08:00:00Z'));
    const stageMail = mails(rt).filter((m) => m.subject.startsWith('Proposal out'));
    expect(stageMail).toEqual([
      expect.objectContaining({
        to: otherSeller,
        subject: 'Proposal out: Warehouse scanners for Almacenes Sur',
        text: expect.stringContaining(
          'Follow up in 3 days. Next: Send the revised quote (€10,000.00)',
        ),
      }),
    ]);
    rt.advanceTo(new Date('2026-11-27T08:00:00Z'));
    expect(mails(rt).filter((m) => m.subject.startsWith('Proposal out'))).toHaveLength(1);
  });
});

function tabNames(rt: Runtime): string[] {
  return rt.spreadsheet.sheets.map((sheet) => sheet.name);
}

// Proves the reminder plan: the hour, idempotency keys, digests only when due, escalations, summaries, templates, escaping.
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/dates';
import { defaultSettings } from '../../src/domain/defaults';
import {
  emailWords,
  escapeHtml,
  fillTemplate,
  formatAmount,
  formatDate,
} from '../../src/domain/email-text';
import type { HistoryEvent, Opportunity, Settings, Team } from '../../src/domain/model';
import {
  decidingStage,
  enteredCurrentStage,
  type PlannedEmail,
  planReminders,
  type ReminderInput,
} from '../../src/domain/reminders';
import { aDeal, anEvent, aSettings, aTeamMember, d, dt } from './builders';

const monday = d('2026-11-23');
const tuesday = d('2026-11-24');
const url = 'https://docs.google.com/spreadsheets/d/abc/edit';

function plan(
  deals: Opportunity[],
  overrides: Partial<Omit<ReminderInput, 'now'>> & { date?: LocalDate; hour?: number } = {},
) {
  const { date = tuesday, hour = 8, ...rest } = overrides;
  const rows = new Map(deals.map((deal, i) => [deal.id, i + 2]));
  return planReminders({
    deals,
    team: [aTeamMember()],
    settings: aSettings(),
    history: [] as HistoryEvent[],
    sentKeys: new Set<string>(),
    now: { date, hour },
    spreadsheetUrl: url,
    sheetId: 123,
    rowOf: (id) => rows.get(id),
    language: 'en',
    ...rest,
  });
}

const ofKind = (emails: PlannedEmail[], kind: PlannedEmail['kind']) =>
  emails.filter((email) => email.kind === kind);

/** A deal with a plan, in time: nothing to remind anyone about. */
const calm = (overrides: Partial<Opportunity> = {}) =>
  aDeal({
    stage: 'Qualified',
    stageEntered: d('2026-11-20'),
    nextAction: 'Call back',
    nextActionDate: d('2026-11-27'),
    closeDate: d('2026-12-15'),
    ...overrides,
  });

describe('when reminders go out', () => {
  it('plans nothing before the reminder hour, and the digest from that hour on', () => {
    const due = calm({ nextActionDate: tuesday });
    expect(plan([due], { hour: 7 })).toEqual({
      emails: [],
      skipped: [{ key: `reminders:*:${tuesday}`, reason: 'beforeReminderHour' }],
    });
    expect(plan([due], { hour: 8 }).emails).toHaveLength(1);
    expect(plan([due], { hour: 23 }).emails).toHaveLength(1);
    expect(plan([due], { hour: 9, settings: aSettings({ reminderHour: 10 }) }).emails).toEqual([]);
  });

  it('plans nothing when reminders are turned off', () => {
    const result = plan([calm({ nextActionDate: tuesday })], {
      settings: aSettings({ remindersEnabled: false }),
    });
    expect(result.emails).toEqual([]);
    expect(result.skipped[0]?.reason).toBe('remindersDisabled');
  });

  it('never plans an email whose key was already sent, so a second run sends nothing twice', () => {
    const deals = [
      calm({ nextActionDate: d('2026-11-20') }),
      aDeal({ stage: 'Proposal', stageEntered: d('2026-11-20') }),
      aDeal({ stage: 'New', stageEntered: d('2026-10-01') }),
    ];
    const first = plan(deals, { date: monday });
    expect(new Set(first.emails.map((email) => email.kind))).toEqual(
      new Set(['digest', 'escalation', 'weeklySummary', 'stageEntry']),
    );
    const sentKeys = new Set(first.emails.map((email) => email.key));
    const second = plan(deals, { date: monday, sentKeys });
    expect(second.emails).toEqual([]);
    expect(
      second.skipped
        .filter((s) => s.reason === 'alreadySent')
        .map((s) => s.key)
        .sort(),
    ).toEqual([...sentKeys].sort());
    expect(plan(deals, { date: tuesday, sentKeys }).emails.length).toBeGreaterThan(0);
  });
});

describe('the daily digest', () => {
  it('goes to an owner only when something is due', () => {
    expect(plan([calm()]).emails).toEqual([]);
    expect(plan([]).emails).toEqual([]);
    expect(plan([aDeal({ stage: 'Won', nextActionDate: d('2026-01-01') })]).emails).toEqual([]);
  });

  it('lists overdue actions, actions due today, deals without one, stale deals and passed close dates', () => {
    const overdue = calm({ name: 'Overdue', nextActionDate: d('2026-11-21') });
    const today = calm({ name: 'Today', nextActionDate: tuesday });
    const noAction = calm({ name: 'NoAction', nextAction: '', nextActionDate: null });
    const stale = aDeal({
      name: 'Stale',
      stage: 'Proposal',
      stageEntered: d('2026-11-01'),
      nextActionDate: null,
    });
    const passed = calm({ name: 'Passed', closeDate: d('2026-11-20') });
    const deals = [overdue, today, noAction, stale, passed, calm({ name: 'Fine' })];
    const [digest, ...others] = ofKind(plan(deals).emails, 'digest');
    expect(others).toEqual([]);
    expect(digest).toMatchObject({
      key: `digest:ana@example.com:${tuesday}`,
      kind: 'digest',
      to: 'ana@example.com',
      subject: '5 opportunities need you today (2026-11-24)',
    });
    expect(digest?.dealIds).toEqual([overdue.id, today.id, noAction.id, stale.id, passed.id]);
    const text = digest?.textBody ?? '';
    expect(text).toContain('Hello Ana,');
    for (const heading of Object.values(emailWords('en').sections)) expect(text).toContain(heading);
    expect(text).toContain('Call back was due 2026-11-21 (3 days ago)');
    expect(text).toContain('23 days without progress in Proposal (target 14)');
    expect(text).toContain('expected to close 2026-11-20');
    expect(text).not.toContain('Fine');
    expect(text).toContain(`${url}#gid=123&range=A2`);
    expect(digest?.htmlBody).toContain(`<a href="${url}#gid=123&amp;range=A3">Today</a>`);
  });

  it('sends one digest per owner, with the owner name from Team', () => {
    const team: Team = [aTeamMember(), aTeamMember({ email: 'luis@example.com', name: 'Luis' })];
    const deals = [
      calm({ owner: 'ana@example.com', nextActionDate: tuesday }),
      calm({ owner: 'Luis@Example.com ', nextActionDate: tuesday }),
      calm({ owner: 'luis@example.com', nextActionDate: tuesday }),
    ];
    const digests = ofKind(plan(deals, { team }).emails, 'digest');
    expect(digests.map((email) => [email.to, email.dealIds.length])).toEqual([
      ['ana@example.com', 1],
      ['luis@example.com', 2],
    ]);
    expect(digests[1]?.textBody).toContain('Hello Luis,');
    expect(digests[1]?.subject).toBe('2 opportunities need you today (2026-11-24)');
  });

  it('skips owners without an email, with a reason', () => {
    const result = plan([
      calm({ owner: '', nextActionDate: tuesday }),
      calm({ owner: 'Ana García', nextActionDate: tuesday }),
    ]);
    expect(result.emails).toEqual([]);
    expect(result.skipped).toEqual([
      { key: `digest:(no owner):${tuesday}`, reason: 'ownerWithoutEmail' },
      { key: `digest:ana garcía:${tuesday}`, reason: 'ownerWithoutEmail' },
    ]);
  });

  it('links to the sheet without a row when the row is unknown, and drops an old fragment', () => {
    const deal = calm({ nextActionDate: tuesday });
    const [digest] = plan([deal], {
      rowOf: () => undefined,
      spreadsheetUrl: `${url}#gid=0`,
    }).emails;
    expect(digest?.textBody).toContain(`${url}#gid=123\n`);
  });
});

describe('manager escalation', () => {
  const team: Team = [
    aTeamMember(),
    aTeamMember({ email: 'luis@example.com', name: 'Luis' }),
    aTeamMember({ email: 'eva@example.com', name: 'Eva', managerEmail: '' }),
  ];
  const red = (owner: string) =>
    aDeal({ owner, stage: 'Qualified', stageEntered: d('2026-11-01'), nextActionDate: null });
  const negotiationLate = (owner: string) =>
    calm({ owner, stage: 'Negotiation', stageEntered: d('2026-11-01') });

  it('sends one email per manager per day with the red-stale and late negotiation deals', () => {
    const deals = [
      red('ana@example.com'),
      red('luis@example.com'),
      negotiationLate('luis@example.com'),
      calm({ owner: 'luis@example.com', stage: 'Negotiation', stageEntered: d('2026-11-10') }),
    ];
    const escalations = ofKind(plan(deals, { team }).emails, 'escalation');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      key: `escalation:marta@example.com:${tuesday}`,
      to: 'marta@example.com',
      subject: '3 deals need a decision (2026-11-24)',
      dealIds: [deals[0]?.id, deals[1]?.id, deals[2]?.id],
    });
    expect(escalations[0]?.textBody).toContain('Luis: 23 days in Negotiation, target 21');
    expect(escalations[0]?.textBody).toContain('Ana: 23 days without progress in Qualified');
  });

  it('is not sent when escalations are off, and notes owners without a manager', () => {
    const off = plan([red('ana@example.com')], {
      team,
      settings: aSettings({ escalationsEnabled: false }),
    });
    expect(ofKind(off.emails, 'escalation')).toEqual([]);
    const noManager = plan([red('eva@example.com'), red('zoe@example.com')], { team });
    expect(ofKind(noManager.emails, 'escalation')).toEqual([]);
    expect(noManager.skipped).toEqual([
      { key: `escalation:eva@example.com:${tuesday}`, reason: 'noManager' },
      { key: `escalation:zoe@example.com:${tuesday}`, reason: 'noManager' },
    ]);
  });

  it('takes the deciding stage as the open stage with the highest probability', () => {
    expect(decidingStage(aSettings())?.name).toBe('Negotiation');
    const base = aSettings();
    const custom = aSettings({
      stages: base.stages.map((stage) =>
        stage.name === 'Proposal' ? { ...stage, probability: 90 } : stage,
      ),
    });
    expect(decidingStage(custom)?.name).toBe('Proposal');
    expect(decidingStage(aSettings({ stages: base.stages.filter((s) => s.kind !== 'open') }))).toBe(
      undefined,
    );
  });
});

describe('the weekly summary', () => {
  const deals = () => [
    calm({ amount: 10_000 }),
    aDeal({ stage: 'Won', closedOn: d('2026-11-20'), amount: 5_000 }),
    aDeal({ stage: 'Lost', closedOn: d('2026-11-10'), amount: 7_000 }),
    calm({ stage: 'Proposal', nextActionDate: d('2026-11-20'), closePushes: 3 }),
  ];

  it('goes to each manager on the first day of the week only', () => {
    expect(ofKind(plan(deals(), { date: tuesday }).emails, 'weeklySummary')).toEqual([]);
    const [summary] = ofKind(plan(deals(), { date: monday }).emails, 'weeklySummary');
    expect(summary).toMatchObject({
      key: `weeklySummary:marta@example.com:${monday}`,
      to: 'marta@example.com',
      subject: 'Weekly pipeline summary, week of 2026-11-23',
    });
    const text = summary?.textBody ?? '';
    expect(text).toContain('Open deals: 2 (€20,000.00)');
    expect(text).toContain('Weighted pipeline: €9,000.00');
    expect(text).toContain('Won in the last 7 days: 1 (€5,000.00)');
    expect(text).toContain('Lost in the last 7 days: 0');
    expect(text).toContain('Overdue next actions: 1');
    expect(text).toContain('Slipping close dates: 1');
    expect(text).toContain('Ana: 2 open, €20,000.00 (weighted €9,000.00)');
    expect(summary?.dealIds).toHaveLength(3);
    const wednesdayTeams = plan(deals(), {
      date: d('2026-11-25'),
      settings: aSettings({ weekStartsOn: 3 }),
    });
    expect(ofKind(wednesdayTeams.emails, 'weeklySummary')).toHaveLength(1);
  });

  it('is skipped for a manager whose team has nothing to report', () => {
    const result = plan([], { date: monday });
    expect(result.skipped).toContainEqual({
      key: `weeklySummary:marta@example.com:${monday}`,
      reason: 'nothingToReport',
    });
  });
});

describe('stage-entry emails', () => {
  const template = {
    stage: 'Proposal',
    delayDays: 3,
    subject: 'Follow up {{opportunity}} for {{ customer }}',
    body: 'Hi {{owner}}, {{opportunity}} ({{amount}}) is in {{stage}} until {{closeDate}}.\nNext: {{nextAction}}. {{unknown}}',
  };
  const withTemplate = aSettings({ stageEmails: [template] });

  it('sends the template when the deal entered the stage exactly the delay ago', () => {
    const deal = calm({
      name: 'Big Deal',
      customer: 'ACME',
      amount: 12_500,
      stage: 'Proposal',
      stageEntered: d('2026-11-21'),
      nextAction: 'Call CFO',
      closeDate: d('2026-12-15'),
    });
    const [email] = plan([deal], { settings: withTemplate }).emails;
    expect(email).toMatchObject({
      key: `stageEntry:${deal.id}:Proposal:2026-11-21:3`,
      kind: 'stageEntry',
      to: 'ana@example.com',
      subject: 'Follow up Big Deal for ACME',
      dealIds: [deal.id],
    });
    expect(email?.textBody).toContain(
      'Hi Ana, Big Deal (€12,500.00) is in Proposal until 2026-12-15.\nNext: Call CFO. {{unknown}}',
    );
    expect(email?.htmlBody).toContain('until 2026-12-15.<br>Next: Call CFO. {{unknown}}');
    for (const entered of ['2026-11-20', '2026-11-22'])
      expect(
        plan([{ ...deal, stageEntered: d(entered) }], { settings: withTemplate }).emails,
      ).toEqual([]);
  });

  it('takes the entry date from History before the row, and needs the deal still in the stage', () => {
    const deal = calm({ stage: 'Proposal', stageEntered: d('2026-11-10') });
    const history = [
      anEvent({
        dealId: deal.id,
        field: 'stage',
        old: 'Qualified',
        new: 'Proposal',
        at: dt('2026-11-21T16:00:00'),
      }),
      anEvent({
        dealId: deal.id,
        field: 'stage',
        old: 'Proposal',
        new: 'Qualified',
        at: dt('2026-11-15T16:00:00'),
      }),
      anEvent({
        dealId: deal.id,
        field: 'stage',
        old: 'Qualified',
        new: 'Proposal',
        at: dt('2026-11-14T16:00:00'),
      }),
    ];
    expect(enteredCurrentStage(deal, history, withTemplate)).toBe('2026-11-21');
    expect(enteredCurrentStage(deal, [], withTemplate)).toBe('2026-11-10');
    expect(plan([deal], { settings: withTemplate, history }).emails).toHaveLength(1);
    const movedOn = { ...deal, stage: 'Negotiation', stageEntered: d('2026-11-21') };
    expect(ofKind(plan([movedOn], { settings: withTemplate }).emails, 'stageEntry')).toEqual([]);
  });

  it('ignores a template for a stage that does not exist, and skips owners without an email', () => {
    const ghost = aSettings({ stageEmails: [{ ...template, stage: 'Pilot' }] });
    const deal = calm({ stage: 'Proposal', stageEntered: d('2026-11-21') });
    expect(plan([deal], { settings: ghost }).emails).toEqual([]);
    const ownerless = { ...deal, owner: '' };
    expect(plan([ownerless], { settings: withTemplate }).skipped).toEqual([
      { key: `stageEntry:${deal.id}:Proposal:2026-11-21:3`, reason: 'ownerWithoutEmail' },
    ]);
  });
});

describe('email safety and language', () => {
  it('escapes HTML in every value from the sheet, and keeps the plain text as written', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const deal = calm({
      name: `<script>alert('x')</script>`,
      customer: evil,
      nextActionDate: tuesday,
    });
    const [digest] = plan([deal]).emails;
    expect(digest?.htmlBody).not.toContain('<script>');
    expect(digest?.htmlBody).not.toContain('<img');
    expect(digest?.htmlBody).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(digest?.htmlBody).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(digest?.textBody).toContain(`<script>alert('x')</script>`);

    const settings: Settings = aSettings({
      stageEmails: [
        { stage: 'Proposal', delayDays: 0, subject: '{{opportunity}}', body: '{{customer}}' },
      ],
    });
    const entry = plan([calm({ customer: evil, stage: 'Proposal', stageEntered: tuesday })], {
      settings,
    }).emails.find((email) => email.kind === 'stageEntry');
    expect(entry?.htmlBody).not.toContain('<img');
    expect(entry?.textBody).toContain(evil);
  });

  it('keeps subjects on one line', () => {
    const settings = aSettings({
      stageEmails: [{ stage: 'Proposal', delayDays: 0, subject: '{{opportunity}}', body: '' }],
    });
    const deal = calm({ name: 'Two\nlines\r\n', stage: 'Proposal', stageEntered: tuesday });
    expect(plan([deal], { settings }).emails[0]?.subject).toBe('Two lines');
  });

  it('writes in Spanish, with Spanish amounts and dates', () => {
    const team: Team = [aTeamMember({ name: 'Ana' })];
    const deal = calm({
      amount: 12_500,
      nextAction: 'Llamar',
      nextActionDate: d('2026-11-23'),
      closeDate: d('2026-11-20'),
    });
    const [digest] = plan([deal], { team, language: 'es' }).emails;
    expect(digest?.subject).toBe('1 oportunidad te necesita hoy (24/11/2026)');
    expect(digest?.textBody).toContain('Hola Ana:');
    expect(digest?.textBody).toContain('Próximas acciones vencidas');
    expect(digest?.textBody).toContain('Llamar: vencía el 23/11/2026 (hace 1 día)');
    expect(digest?.textBody).toContain('12.500,00');
    expect(digest?.textBody).toContain('Fecha de cierre prevista ya pasada');
  });

  it('escalates and summarises in Spanish too', () => {
    const team: Team = [aTeamMember(), aTeamMember({ email: 'marta@example.com', name: 'Marta' })];
    const deals = [
      aDeal({ stage: 'Calificado', stageEntered: d('2026-11-01'), amount: 1_000 }),
      aDeal({
        stage: 'Negociación',
        stageEntered: d('2026-10-20'),
        nextActionDate: d('2026-11-30'),
      }),
      aDeal({ stage: 'Ganado', closedOn: d('2026-11-18'), amount: 2_000 }),
      aDeal({ stage: 'Perdido', closedOn: d('2026-11-22'), amount: 3_000 }),
    ];
    const history = [
      anEvent({ dealId: deals[1]?.id, field: 'closeDate', old: '2026-11-01', new: '2026-12-01' }),
    ];
    const { emails } = plan(deals, {
      team,
      history,
      date: monday,
      language: 'es',
      settings: { ...defaultSettings('es'), slipThreshold: 1 },
    });
    const [escalation] = ofKind(emails, 'escalation');
    expect(escalation?.subject).toBe('2 oportunidades necesitan una decisión (23/11/2026)');
    expect(escalation?.textBody).toContain('Hola Marta:');
    expect(escalation?.textBody).toContain('Ana: 22 días sin avances en Calificado');
    expect(escalation?.textBody).toContain('Ana: 34 días en Negociación, objetivo 21');
    const [summary] = ofKind(emails, 'weeklySummary');
    expect(summary?.subject).toBe('Resumen semanal del embudo, semana del 23/11/2026');
    expect(summary?.textBody).toContain('Ganadas en los últimos 7 días: 1');
    expect(summary?.textBody).toContain('Perdidas en los últimos 7 días: 1');
    expect(summary?.textBody).toContain('Fechas de cierre aplazadas: 1');
    expect(summary?.textBody).toContain('Ana: 2 abiertas');
    const [digest] = ofKind(emails, 'digest');
    expect(digest?.textBody).toContain('Oportunidades abiertas sin próxima acción');
    expect(digest?.textBody).toContain('en Calificado: planifica el siguiente paso');
    expect(digest?.textBody).toContain('22 días sin avances en Calificado (objetivo 7)');
    expect(digest?.textBody).toContain('Enviado por Opportunity Tracker');
  });

  it('escapes the five HTML characters, fills placeholders and formats amounts', () => {
    expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;');
    expect(fillTemplate('{{a}} {{ b }} {{c}} {{constructor}}', { a: '1', b: '{{a}}' })).toBe(
      '1 {{a}} {{c}} {{constructor}}',
    );
    expect(formatAmount(1234.5, 'USD', 'en')).toBe('$1,234.50');
    expect(formatAmount(null, 'EUR', 'es')).toBe('—');
    expect(formatAmount(1234.5, 'EURO', 'en')).toBe('1,234.5 EURO');
    expect(formatDate(d('2028-02-29'), 'es')).toBe('29/02/2028');
    expect(formatDate(d('2028-02-29'), 'en')).toBe('2028-02-29');
    expect(formatDate(null, 'en')).toBe('—');
    expect(emailWords('en').digestSubject(1, 'x')).toBe('1 opportunity needs you today (x)');
    expect(emailWords('es').andMore(3)).toBe('…y 3 más: míralas en la hoja o en Mi día del panel');
    expect(emailWords('es').weeklyAttention('Ana')).toBe('Ana: estancadas o aplazadas');
    expect(emailWords('es').dueTodayDetail('Llamar')).toBe('Llamar');
    expect(emailWords('es').escalationSubject(1, 'x')).toBe(
      '1 oportunidad necesita una decisión (x)',
    );
  });
});

describe('catching up what a missed run would have sent', () => {
  const template = {
    stage: 'Proposal',
    delayDays: 3,
    subject: 'Follow up {{opportunity}}',
    body: '',
  };
  const settings = aSettings({ stageEmails: [template] });
  const enteredSaturday = calm({ stage: 'Proposal', stageEntered: d('2026-11-21') });
  const stageEmails = (overrides: Parameters<typeof plan>[1]) =>
    ofKind(plan([enteredSaturday], { settings, ...overrides }).emails, 'stageEntry');

  it('sends a stage email due yesterday when yesterday is still to catch up, once per stage entry', () => {
    const wednesday = d('2026-11-25');
    expect(stageEmails({ date: wednesday })).toEqual([]);
    const [late] = stageEmails({ date: wednesday, catchUpFrom: tuesday });
    expect(late).toMatchObject({
      key: `stageEntry:${enteredSaturday.id}:Proposal:2026-11-21:3`,
      dueDate: tuesday,
    });
    // The key does not depend on the day it goes out: sent once, never again for this entry.
    const sentKeys = new Set([late?.key ?? '']);
    expect(stageEmails({ sentKeys })).toEqual([]);
    const enteredAgain = { ...enteredSaturday, stageEntered: d('2026-11-24') };
    const again = plan([enteredAgain], { settings, sentKeys, date: d('2026-11-27') });
    expect(ofKind(again.emails, 'stageEntry').map((e) => e.key)).toEqual([
      `stageEntry:${enteredSaturday.id}:Proposal:2026-11-24:3`,
    ]);
  });

  it('catches up at most a week, and never before the first day reminders cover', () => {
    expect(stageEmails({ date: d('2026-12-05'), catchUpFrom: d('2026-11-01') })).toEqual([]);
    expect(stageEmails({ date: d('2026-11-30'), catchUpFrom: d('2026-11-24') })).toHaveLength(1);
    expect(stageEmails({ date: d('2026-11-30'), catchUpFrom: d('2026-11-25') })).toEqual([]);
  });

  it('sends the weekly summary later in the week when its day was missed', () => {
    const deals = [calm({ amount: 10_000 })];
    const wednesday = d('2026-11-25');
    expect(ofKind(plan(deals, { date: wednesday }).emails, 'weeklySummary')).toEqual([]);
    const [summary] = ofKind(
      plan(deals, { date: wednesday, catchUpFrom: monday }).emails,
      'weeklySummary',
    );
    expect(summary).toMatchObject({
      key: `weeklySummary:marta@example.com:${monday}`,
      dueDate: monday,
      subject: 'Weekly pipeline summary, week of 2026-11-23',
    });
    expect(
      ofKind(
        plan(deals, {
          date: wednesday,
          catchUpFrom: monday,
          sentKeys: new Set([summary?.key ?? '']),
        }).emails,
        'weeklySummary',
      ),
    ).toEqual([]);
  });
});

describe('escalations once per deal per stage entry', () => {
  const stuck = () => aDeal({ stage: 'Qualified', stageEntered: d('2026-11-01') });

  it('names a deal once for its stage entry, even though the manager may get mail every day', () => {
    const first = stuck();
    const [monday] = ofKind(plan([first]).emails, 'escalation');
    expect(monday?.covers).toEqual([`escalated:${first.id}:Qualified:2026-11-01`]);
    const sentKeys = new Set([monday?.key ?? '', ...(monday?.covers ?? [])]);
    const next = d('2026-11-25');
    expect(ofKind(plan([first], { sentKeys, date: next }).emails, 'escalation')).toEqual([]);
    const second = stuck();
    const [later] = ofKind(plan([first, second], { sentKeys, date: next }).emails, 'escalation');
    expect(later?.dealIds).toEqual([second.id]);
    // Moved back and stuck again: a new stage entry, a new escalation.
    const reentered = { ...first, stageEntered: d('2026-11-02') };
    expect(ofKind(plan([reentered], { sentKeys, date: next }).emails, 'escalation')).toHaveLength(
      1,
    );
  });

  it('names at most 50 deals a day; the others are not settled and come the next day', () => {
    const deals = Array.from({ length: 53 }, stuck);
    const [email] = ofKind(plan(deals).emails, 'escalation');
    expect(email?.dealIds).toHaveLength(50);
    expect(email?.covers).toHaveLength(50);
    expect(email?.textBody).toContain('…and 3 more');
    const sentKeys = new Set(email?.covers);
    const [next] = ofKind(plan(deals, { sentKeys, date: d('2026-11-25') }).emails, 'escalation');
    expect(next?.dealIds).toEqual(deals.slice(50).map((deal) => deal.id));
  });
});

describe('a per-person pause in the Team tab', () => {
  const due = () => calm({ nextActionDate: tuesday });

  it('stops the reminders to a paused person through the pause date, and says so', () => {
    const team: Team = [aTeamMember({ pausedUntil: tuesday })];
    const result = plan([due()], { team });
    expect(result.emails).toEqual([]);
    expect(result.skipped).toContainEqual({
      key: `digest:ana@example.com:${tuesday}`,
      reason: 'paused',
    });
    expect(plan([due()], { team, date: d('2026-11-25') }).emails).toHaveLength(1);
    const forever: Team = [aTeamMember({ pausedUntil: d('9999-12-31') })];
    expect(
      ofKind(plan([due()], { team: forever, date: d('2027-06-01') }).emails, 'digest'),
    ).toEqual([]);
  });

  it('pauses a manager without pausing their sellers', () => {
    const team: Team = [
      aTeamMember(),
      aTeamMember({
        email: 'marta@example.com',
        name: 'Marta',
        managerEmail: '',
        pausedUntil: tuesday,
      }),
    ];
    const deals = [aDeal({ stage: 'Qualified', stageEntered: d('2026-11-01') })];
    const { emails } = plan(deals, { team, date: tuesday });
    expect(emails.map((email) => email.kind)).toEqual(['digest']);
  });
});

describe('long lists stay readable', () => {
  it('lists at most 25 deals per digest section and counts the rest', () => {
    const deals = Array.from({ length: 30 }, () => calm({ nextActionDate: tuesday }));
    const [digest] = plan(deals).emails;
    expect(digest?.subject).toBe('30 opportunities need you today (2026-11-24)');
    expect(digest?.dealIds).toHaveLength(30);
    expect(digest?.textBody.match(/Open in the sheet/g)).toHaveLength(25);
    expect(digest?.textBody).toContain('…and 5 more: see the sheet or My day in the sidebar');
    expect(digest?.htmlBody).toContain('…and 5 more');
  });

  it('says in the weekly summary what changed last week, and the stale and slipping deals by owner', () => {
    const team: Team = [aTeamMember(), aTeamMember({ email: 'luis@example.com', name: 'Luis' })];
    const deals = [
      calm({ created: d('2026-11-18'), stageEntered: d('2026-11-18'), amount: 1_000 }),
      calm({ stage: 'Proposal', stageEntered: d('2026-11-19') }),
      aDeal({ owner: 'luis@example.com', stage: 'Qualified', stageEntered: d('2026-10-01') }),
      calm({ owner: 'luis@example.com', closePushes: 4 }),
    ];
    const [summary] = ofKind(plan(deals, { team, date: monday }).emails, 'weeklySummary');
    const text = summary?.textBody ?? '';
    expect(text).toContain('New in the last week: 1 (€1,000.00)');
    // The second deal and Luis's slipping one (in Qualified since 20 Nov) moved; the first is new.
    expect(text).toContain('Changed stage in the last week: 2');
    expect(text).toContain('Luis: stale or slipping');
    expect(text).toContain('Qualified · stale');
    expect(text).toContain('close date slipping');
    expect(text).not.toContain('Ana: stale or slipping');
  });
});

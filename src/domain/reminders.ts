// Plans the reminder emails due now (digests, escalations, weekly summaries, stage-entry follow-ups), never sending.

import { addDays, dateOf, dayOfWeek, daysBetween, type LocalDate } from './dates';
import {
  type DigestSection,
  type EmailWords,
  emailWords,
  escapeHtml,
  fillTemplate,
  formatAmount,
  formatDate,
} from './email-text';
import {
  closedDateOf,
  isClosePush,
  isOpen,
  isSlipping,
  nextActionStatus,
  pastStageTarget,
  probabilityOf,
  stageKindOf,
  stageOf,
  staleness,
} from './follow-up';
import type { Language } from './i18n';
import { groupHistory } from './metrics-math';
import type { HistoryEvent, Opportunity, Settings, StageSetting, Team, TeamMember } from './model';

export type EmailKind = 'digest' | 'escalation' | 'weeklySummary' | 'stageEntry';

export interface PlannedEmail {
  /** Idempotency key: `${kind}:${recipient}:${date}` (+ `:${dealId}` for stage-entry emails). */
  key: string;
  kind: EmailKind;
  to: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  dealIds: string[];
}

export type SkipReason =
  | 'remindersDisabled'
  | 'beforeReminderHour'
  | 'alreadySent'
  | 'ownerWithoutEmail'
  | 'noManager'
  | 'nothingToReport';

export interface ReminderPlan {
  emails: PlannedEmail[];
  skipped: { key: string; reason: SkipReason }[];
}

export interface ReminderInput {
  deals: readonly Opportunity[];
  team: Team;
  settings: Settings;
  history: readonly HistoryEvent[];
  /** Keys already claimed in the Sent log. */
  sentKeys: ReadonlySet<string>;
  /** The wall clock in the spreadsheet's time zone (see localDateTimeIn). */
  now: { date: LocalDate; hour: number };
  spreadsheetUrl: string;
  /** The Opportunities tab's sheet ID, for links to a row. */
  sheetId: number;
  /** The 1-based row of a deal, found again by ID at planning time; undefined when unknown. */
  rowOf: (id: string) => number | undefined;
  language: Language;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The emails due at `now`. Nothing before settings.reminderHour (the trigger may fire at any
 * minute of any hour: the hour decides, not the firing time); nothing whose key is already in
 * the Sent log; escalations and weekly summaries only when escalations are enabled.
 */
export function planReminders(input: ReminderInput): ReminderPlan {
  const { settings, now } = input;
  const plan: ReminderPlan = { emails: [], skipped: [] };
  const runKey = `reminders:*:${now.date}`;
  if (!settings.remindersEnabled) {
    plan.skipped.push({ key: runKey, reason: 'remindersDisabled' });
    return plan;
  }
  if (now.hour < settings.reminderHour) {
    plan.skipped.push({ key: runKey, reason: 'beforeReminderHour' });
    return plan;
  }
  const context = makeContext(input);
  const planned = new Set<string>();
  const offer = (email: PlannedEmail) => {
    if (input.sentKeys.has(email.key) || planned.has(email.key))
      plan.skipped.push({ key: email.key, reason: 'alreadySent' });
    else {
      planned.add(email.key);
      plan.emails.push(email);
    }
  };
  const skip = (key: string, reason: SkipReason) => plan.skipped.push({ key, reason });

  planDigests(context, offer, skip);
  if (settings.escalationsEnabled) {
    planEscalations(context, offer, skip);
    if (dayOfWeek(now.date) === settings.weekStartsOn) planWeeklySummaries(context, offer, skip);
  }
  planStageEntries(context, offer, skip);
  return plan;
}

// ---- Shared context ----------------------------------------------------------------------------

interface Context {
  input: ReminderInput;
  today: LocalDate;
  words: EmailWords;
  open: Opportunity[];
  memberOf: (email: string) => TeamMember | undefined;
  nameOf: (email: string) => string;
  amount: (deal: Opportunity) => string;
  date: (date: LocalDate | null) => string;
  link: (dealId: string) => string;
}

function makeContext(input: ReminderInput): Context {
  const members = new Map(input.team.map((member) => [normalizeEmail(member.email), member]));
  const memberOf = (email: string) => members.get(normalizeEmail(email));
  const base = input.spreadsheetUrl.split('#')[0] ?? '';
  return {
    input,
    today: input.now.date,
    words: emailWords(input.language),
    open: input.deals.filter((deal) => isOpen(deal, input.settings)),
    memberOf,
    nameOf: (email) => memberOf(email)?.name.trim() || email.trim(),
    amount: (deal) => formatAmount(deal.amount, input.settings.currency, input.language),
    date: (date) => formatDate(date, input.language),
    link: (dealId) => {
      const row = input.rowOf(dealId);
      const range = row !== undefined && Number.isInteger(row) && row >= 1 ? `&range=A${row}` : '';
      return `${base}#gid=${input.sheetId}${range}`;
    },
  };
}

type Offer = (email: PlannedEmail) => void;
type Skip = (key: string, reason: SkipReason) => void;

// ---- Rendering ---------------------------------------------------------------------------------

interface Item {
  deal: Opportunity;
  detail: string;
}

interface Block {
  heading: string;
  lines?: string[];
  items?: Item[];
}

function render(
  context: Context,
  greeting: string,
  intro: string,
  blocks: Block[],
): { textBody: string; htmlBody: string } {
  const { words } = context;
  const text: string[] = [greeting, '', intro];
  const html: string[] = [
    '<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
  ];
  for (const block of blocks) {
    text.push('', block.heading);
    html.push(
      `<h3 style="font-size:15px;margin:16px 0 4px">${escapeHtml(block.heading)}</h3>`,
      '<ul>',
    );
    for (const line of block.lines ?? []) {
      text.push(`- ${line}`);
      html.push(`<li>${escapeHtml(line)}</li>`);
    }
    for (const { deal, detail } of block.items ?? []) {
      const link = context.link(deal.id);
      const title = deal.name.trim() || deal.id;
      const about = `${deal.customer.trim()} · ${context.amount(deal)}`;
      text.push(`- ${title} (${about}): ${detail}`, `  ${words.openInSheet}: ${link}`);
      html.push(
        `<li><a href="${escapeHtml(link)}">${escapeHtml(title)}</a> (${escapeHtml(about)}): ${escapeHtml(detail)}</li>`,
      );
    }
    html.push('</ul>');
  }
  text.push('', '--', words.footer);
  html.push(`<p style="color:#5f6368;font-size:12px">${escapeHtml(words.footer)}</p>`, '</div>');
  return { textBody: text.join('\n'), htmlBody: html.join('\n') };
}

const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ').trim();

function uniqueIds(blocks: Block[]): string[] {
  return [...new Set(blocks.flatMap((block) => (block.items ?? []).map((item) => item.deal.id)))];
}

// ---- Daily digest per owner --------------------------------------------------------------------

const sectionOrder: DigestSection[] = [
  'overdue',
  'dueToday',
  'noNextAction',
  'stale',
  'closeDatePassed',
];

function digestSections(context: Context, deals: Opportunity[]): Record<DigestSection, Item[]> {
  const { words, today, input } = context;
  const sections: Record<DigestSection, Item[]> = {
    overdue: [],
    dueToday: [],
    noNextAction: [],
    stale: [],
    closeDatePassed: [],
  };
  for (const deal of deals) {
    const action = deal.nextAction.trim() || words.noAction;
    const status = nextActionStatus(deal, today, input.settings);
    if (status === 'overdue' && deal.nextActionDate !== null)
      sections.overdue.push({
        deal,
        detail: words.overdueDetail(
          action,
          context.date(deal.nextActionDate),
          daysBetween(deal.nextActionDate, today),
        ),
      });
    if (status === 'today') sections.dueToday.push({ deal, detail: words.dueTodayDetail(action) });
    if (status === 'none')
      sections.noNextAction.push({ deal, detail: words.noNextActionDetail(deal.stage) });
    const stale = staleness(deal, today, input.settings);
    if (stale.level !== 'fresh')
      sections.stale.push({
        deal,
        detail: words.staleDetail(stale.days, deal.stage, stale.targetDays),
      });
    if (deal.closeDate !== null && deal.closeDate < today)
      sections.closeDatePassed.push({
        deal,
        detail: words.closeDatePassedDetail(context.date(deal.closeDate)),
      });
  }
  return sections;
}

function planDigests(context: Context, offer: Offer, skip: Skip): void {
  const { words, today } = context;
  const byOwner = new Map<string, Opportunity[]>();
  for (const deal of context.open) {
    const owner = normalizeEmail(deal.owner);
    const list = byOwner.get(owner);
    if (list) list.push(deal);
    else byOwner.set(owner, [deal]);
  }
  for (const [owner, deals] of byOwner) {
    const sections = digestSections(context, deals);
    const blocks = sectionOrder
      .filter((section) => sections[section].length > 0)
      .map((section) => ({ heading: words.sections[section], items: sections[section] }));
    if (blocks.length === 0) continue;
    const key = `digest:${owner}:${today}`;
    if (!emailPattern.test(owner)) {
      skip(owner === '' ? `digest:(no owner):${today}` : key, 'ownerWithoutEmail');
      continue;
    }
    const dealIds = uniqueIds(blocks);
    offer({
      key,
      kind: 'digest',
      to: owner,
      subject: oneLine(words.digestSubject(dealIds.length, context.date(today))),
      ...render(context, words.greeting(context.nameOf(owner)), words.digestIntro, blocks),
      dealIds,
    });
  }
}

// ---- Manager escalation ------------------------------------------------------------------------

/**
 * The stage where deals get decided: the open stage with the highest probability (the last
 * such in stage order on a tie), Negotiation in the default list.
 */
export function decidingStage(settings: Settings): StageSetting | undefined {
  let best: StageSetting | undefined;
  for (const stage of settings.stages)
    if (stage.kind === 'open' && (!best || stage.probability >= best.probability)) best = stage;
  return best;
}

function managerOf(context: Context, owner: string): string {
  const manager = context.memberOf(owner)?.managerEmail ?? '';
  return emailPattern.test(normalizeEmail(manager)) ? normalizeEmail(manager) : '';
}

function planEscalations(context: Context, offer: Offer, skip: Skip): void {
  const { words, today, input } = context;
  const deciding = decidingStage(input.settings);
  const byManager = new Map<string, Item[]>();
  const withoutManager = new Set<string>();
  for (const deal of context.open) {
    const owner = context.nameOf(deal.owner);
    const stale = staleness(deal, today, input.settings);
    let detail: string | null = null;
    if (stale.level === 'red') detail = words.redStaleDetail(owner, stale.days, deal.stage);
    else if (
      deciding &&
      stageOf(input.settings, deal.stage) === deciding &&
      deciding.targetDays !== null &&
      pastStageTarget(deal, today, input.settings)
    )
      detail = words.pastTargetDetail(
        owner,
        stale.stageDays ?? stale.days,
        deal.stage,
        deciding.targetDays,
      );
    if (detail === null) continue;
    const manager = managerOf(context, deal.owner);
    if (manager === '') {
      withoutManager.add(normalizeEmail(deal.owner) || '(no owner)');
      continue;
    }
    const items = byManager.get(manager);
    if (items) items.push({ deal, detail });
    else byManager.set(manager, [{ deal, detail }]);
  }
  for (const owner of withoutManager) skip(`escalation:${owner}:${today}`, 'noManager');
  for (const [manager, items] of byManager) {
    const blocks = [{ heading: words.escalationSubject(items.length, context.date(today)), items }];
    offer({
      key: `escalation:${manager}:${today}`,
      kind: 'escalation',
      to: manager,
      subject: oneLine(words.escalationSubject(items.length, context.date(today))),
      ...render(context, words.greeting(context.nameOf(manager)), words.escalationIntro, blocks),
      dealIds: uniqueIds(blocks),
    });
  }
}

// ---- Weekly summary to managers ----------------------------------------------------------------

function planWeeklySummaries(context: Context, offer: Offer, skip: Skip): void {
  const { words, today, input } = context;
  const { settings, language } = input;
  const money = (amount: number) => formatAmount(amount, settings.currency, language);
  const teams = new Map<string, string[]>();
  for (const member of input.team) {
    const manager = managerOf(context, member.email);
    if (manager !== '')
      teams.set(manager, [...(teams.get(manager) ?? []), normalizeEmail(member.email)]);
  }
  const pushes = new Map<string, number>();
  for (const event of input.history)
    if (isClosePush(event)) pushes.set(event.dealId, (pushes.get(event.dealId) ?? 0) + 1);
  const weekAgo = addDays(today, -7);

  for (const [manager, owners] of teams) {
    const key = `weeklySummary:${manager}:${today}`;
    const mine = new Set(owners);
    const deals = input.deals.filter((deal) => mine.has(normalizeEmail(deal.owner)));
    const open = deals.filter((deal) => isOpen(deal, settings));
    const closedLastWeek = (kind: 'won' | 'lost') =>
      deals.filter((deal) => {
        const closed = closedDateOf(deal);
        return (
          stageKindOf(settings, deal.stage) === kind &&
          closed !== null &&
          closed >= weekAgo &&
          closed < today
        );
      });
    const won = closedLastWeek('won');
    const lost = closedLastWeek('lost');
    if (open.length === 0 && won.length === 0 && lost.length === 0) {
      skip(key, 'nothingToReport');
      continue;
    }
    const sumOf = (list: Opportunity[], weight: (deal: Opportunity) => number) =>
      list.reduce((total, deal) => total + (deal.amount ?? 0) * weight(deal), 0);
    const overdue = open.filter((deal) => nextActionStatus(deal, today, settings) === 'overdue');
    const red = open.filter((deal) => staleness(deal, today, settings).level === 'red');
    const slipping = open.filter((deal) =>
      isSlipping(Math.max(pushes.get(deal.id) ?? 0, deal.closePushes ?? 0), settings),
    );
    const f = words.weeklyFigures;
    const figures = [
      `${f.open}: ${open.length} (${money(sumOf(open, () => 1))})`,
      `${f.weighted}: ${money(sumOf(open, (deal) => probabilityOf(deal, settings)))}`,
      `${f.wonLastWeek}: ${won.length} (${money(sumOf(won, () => 1))})`,
      `${f.lostLastWeek}: ${lost.length} (${money(sumOf(lost, () => 1))})`,
      `${f.overdueActions}: ${overdue.length}`,
      `${f.redStale}: ${red.length}`,
      `${f.slipping}: ${slipping.length}`,
    ];
    const perOwner = owners.flatMap((owner) => {
      const theirs = open.filter((deal) => normalizeEmail(deal.owner) === owner);
      if (theirs.length === 0) return [];
      return [
        words.weeklyOwnerLine(
          context.nameOf(owner),
          theirs.length,
          money(sumOf(theirs, () => 1)),
          money(sumOf(theirs, (deal) => probabilityOf(deal, settings))),
        ),
      ];
    });
    const attention = [...new Set([...overdue, ...red, ...slipping])].map((deal) => ({
      deal,
      detail: `${context.nameOf(deal.owner)} · ${deal.stage}`,
    }));
    const weekStart = context.date(today);
    const blocks: Block[] = [
      { heading: words.weeklySubject(weekStart), lines: [...figures, ...perOwner] },
      ...(attention.length > 0 ? [{ heading: words.weeklyAttention, items: attention }] : []),
    ];
    offer({
      key,
      kind: 'weeklySummary',
      to: manager,
      subject: oneLine(words.weeklySubject(weekStart)),
      ...render(
        context,
        words.greeting(context.nameOf(manager)),
        words.weeklyIntro(weekStart),
        blocks,
      ),
      dealIds: [...new Set([...open, ...won, ...lost].map((deal) => deal.id))],
    });
  }
}

// ---- Stage-entry follow-ups --------------------------------------------------------------------

/** When the deal entered its current stage: the latest History move into it, else stageEntered. */
export function enteredCurrentStage(
  deal: Opportunity,
  history: readonly HistoryEvent[],
  settings: Settings,
): LocalDate | null {
  const stage = stageOf(settings, deal.stage);
  let latest: HistoryEvent | undefined;
  for (const event of history)
    if (
      event.dealId === deal.id &&
      event.field === 'stage' &&
      (stage ? stageOf(settings, event.new) === stage : event.new === deal.stage) &&
      (!latest || event.at > latest.at)
    )
      latest = event;
  return latest ? dateOf(latest.at) : deal.stageEntered;
}

function planStageEntries(context: Context, offer: Offer, skip: Skip): void {
  const { today, input } = context;
  const { settings } = input;
  if (settings.stageEmails.length === 0) return;
  const historyByDeal = groupHistory(input.history.filter((event) => event.field === 'stage'));
  for (const template of settings.stageEmails) {
    const stage = stageOf(settings, template.stage);
    if (!stage) continue;
    for (const deal of input.deals) {
      if (stageOf(settings, deal.stage) !== stage) continue;
      const entered = enteredCurrentStage(deal, historyByDeal.get(deal.id) ?? [], settings);
      if (entered === null || daysBetween(entered, today) !== template.delayDays) continue;
      const owner = normalizeEmail(deal.owner);
      const key = `stageEntry:${owner}:${today}:${deal.id}`;
      if (!emailPattern.test(owner)) {
        skip(owner === '' ? `stageEntry:(no owner):${today}:${deal.id}` : key, 'ownerWithoutEmail');
        continue;
      }
      const values: Record<string, string> = {
        customer: deal.customer,
        opportunity: deal.name,
        amount: context.amount(deal),
        nextAction: deal.nextAction.trim() || context.words.noAction,
        owner: context.nameOf(deal.owner),
        stage: deal.stage,
        closeDate: context.date(deal.closeDate),
      };
      const body = fillTemplate(template.body, values);
      const link = context.link(deal.id);
      offer({
        key,
        kind: 'stageEntry',
        to: owner,
        subject: oneLine(fillTemplate(template.subject, values)),
        textBody: `${body}\n\n${context.words.openInSheet}: ${link}\n\n--\n${context.words.footer}`,
        htmlBody: [
          '<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124">',
          `<p>${escapeHtml(body).replace(/\r?\n/g, '<br>')}</p>`,
          `<p><a href="${escapeHtml(link)}">${escapeHtml(context.words.openInSheet)}</a></p>`,
          `<p style="color:#5f6368;font-size:12px">${escapeHtml(context.words.footer)}</p>`,
          '</div>',
        ].join('\n'),
        dealIds: [deal.id],
      });
    }
  }
}

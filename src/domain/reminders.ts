// Plans the reminder emails due now (digests, escalations, weekly summaries, stage-entry follow-ups), never sending.

import {
  addDays,
  dateOf,
  daysBetween,
  type LocalDate,
  maxDate,
  minDate,
  startOfWeek,
} from './dates';
import { dealTitle } from './deal-title';
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
import { groupBy, groupHistory } from './metrics-math';
import type { HistoryEvent, Opportunity, Settings, StageSetting, Team, TeamMember } from './model';

export type EmailKind = 'digest' | 'escalation' | 'weeklySummary' | 'stageEntry';

export interface PlannedEmail {
  /**
   * Idempotency key, claimed in the Sent log before sending: `digest:<owner>:<date>`,
   * `escalation:<manager>:<date>`, `weeklySummary:<manager>:<week start>` and
   * `stageEntry:<deal>:<stage>:<entered>:<delay>` (once per stage entry, whatever day it goes).
   */
  key: string;
  kind: EmailKind;
  to: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  dealIds: string[];
  /** The day the email became due: what the quota cannot carry waits, oldest first. */
  dueDate: LocalDate;
  /**
   * Deal-level keys this email settles, claimed with it: an escalation names each deal once per
   * stage entry (`escalated:<deal>:<stage>:<entered>`), even if the manager gets mail every day.
   */
  covers: string[];
}

export type SkipReason =
  | 'remindersDisabled'
  | 'beforeReminderHour'
  | 'alreadySent'
  | 'ownerWithoutEmail'
  | 'noManager'
  | 'nothingToReport'
  | 'paused';

export interface ReminderPlan {
  emails: PlannedEmail[];
  skipped: { key: string; reason: SkipReason }[];
}

export interface ReminderInput {
  deals: readonly Opportunity[];
  team: Team;
  settings: Settings;
  /** History events, when the caller read them; stageEntered on the row is used otherwise. */
  history: readonly HistoryEvent[];
  /** Keys (email keys and deal-level covers) the Sent log says must not go again. */
  sentKeys: ReadonlySet<string>;
  /** The wall clock in the spreadsheet's time zone (see localDateTimeIn). */
  now: { date: LocalDate; hour: number };
  /**
   * The first day whose missed emails are still caught up: a stage email or weekly summary that
   * fell due from this day to today goes now if it has not gone yet. Default: today only.
   */
  catchUpFrom?: LocalDate;
  spreadsheetUrl: string;
  /** The Opportunities tab's sheet ID, for links to a row. */
  sheetId: number;
  /** The 1-based row of a deal, found again by ID at planning time; undefined when unknown. */
  rowOf: (id: string) => number | undefined;
  language: Language;
}

/** How many deals an email names at most; the rest are counted ("…and 12 more"). */
export const emailLimits = { digestSection: 25, escalation: 50, weeklyPerOwner: 5 } as const;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The emails due at `now`. Nothing before settings.reminderHour (the trigger may fire at any
 * minute of any hour: the hour decides, not the firing time); nothing whose key is already in
 * the Sent log; nothing to a person paused in the Team tab; escalations and weekly summaries only
 * when escalations are enabled.
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
    else if (context.paused(email.to)) plan.skipped.push({ key: email.key, reason: 'paused' });
    else {
      planned.add(email.key);
      plan.emails.push(email);
    }
  };
  const skip = (key: string, reason: SkipReason) => plan.skipped.push({ key, reason });

  planDigests(context, offer, skip);
  if (settings.escalationsEnabled) {
    planEscalations(context, offer, skip);
    planWeeklySummaries(context, offer, skip);
  }
  planStageEntries(context, offer, skip);
  return plan;
}

// ---- Shared context ----------------------------------------------------------------------------

interface Context {
  input: ReminderInput;
  today: LocalDate;
  catchUpFrom: LocalDate;
  words: EmailWords;
  open: Opportunity[];
  memberOf: (email: string) => TeamMember | undefined;
  nameOf: (email: string) => string;
  /** True when the Team tab pauses this person's reminders today. */
  paused: (email: string) => boolean;
  amount: (deal: Opportunity) => string;
  date: (date: LocalDate | null) => string;
  link: (dealId: string) => string;
}

function makeContext(input: ReminderInput): Context {
  const members = new Map(input.team.map((member) => [normalizeEmail(member.email), member]));
  const memberOf = (email: string) => members.get(normalizeEmail(email));
  const base = input.spreadsheetUrl.split('#')[0] ?? '';
  const today = input.now.date;
  return {
    input,
    today,
    // Never later than today, never more than a week back: older misses are history, not news.
    catchUpFrom: maxDate(
      addDays(today, -catchUpDays),
      input.catchUpFrom && input.catchUpFrom < today ? input.catchUpFrom : today,
    ),
    words: emailWords(input.language),
    open: input.deals.filter((deal) => isOpen(deal, input.settings)),
    memberOf,
    nameOf: (email) => memberOf(email)?.name.trim() || email.trim(),
    paused: (email) => {
      const until = memberOf(email)?.pausedUntil;
      return until !== undefined && until !== null && until >= today;
    },
    amount: (deal) => formatAmount(deal.amount, input.settings.currency, input.language),
    date: (date) => formatDate(date, input.language),
    link: (dealId) => {
      const row = input.rowOf(dealId);
      const range = row !== undefined && Number.isInteger(row) && row >= 1 ? `&range=A${row}` : '';
      return `${base}#gid=${input.sheetId}${range}`;
    },
  };
}

/** Missed stage emails and weekly summaries are caught up for at most this many days. */
export const catchUpDays = 7;

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
  /** Deals left out of `items` to keep the email short. */
  more?: number;
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
      const title = oneLine(dealTitle(deal));
      const about = `${oneLine(deal.customer)} · ${context.amount(deal)}`;
      text.push(`- ${title} (${about}): ${oneLine(detail)}`, `  ${words.openInSheet}: ${link}`);
      html.push(
        `<li><a href="${escapeHtml(link)}">${escapeHtml(title)}</a> (${escapeHtml(about)}): ${escapeHtml(detail)}</li>`,
      );
    }
    if (block.more) {
      text.push(`- ${words.andMore(block.more)}`);
      html.push(`<li style="color:#5f6368">${escapeHtml(words.andMore(block.more))}</li>`);
    }
    html.push('</ul>');
  }
  text.push('', '--', words.footer);
  html.push(`<p style="color:#5f6368;font-size:12px">${escapeHtml(words.footer)}</p>`, '</div>');
  return { textBody: text.join('\n'), htmlBody: html.join('\n') };
}

const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ').trim();

/** The first `limit` items, and how many were left out. */
function capped<T>(items: T[], limit: number): { items: T[]; more: number } {
  return { items: items.slice(0, limit), more: Math.max(items.length - limit, 0) };
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
    const present = sectionOrder.filter((section) => sections[section].length > 0);
    if (present.length === 0) continue;
    const key = `digest:${owner}:${today}`;
    if (!emailPattern.test(owner)) {
      skip(owner === '' ? `digest:(no owner):${today}` : key, 'ownerWithoutEmail');
      continue;
    }
    const dealIds = [...new Set(present.flatMap((s) => sections[s].map((item) => item.deal.id)))];
    const blocks = present.map((section) => ({
      heading: words.sections[section],
      ...capped(sections[section], emailLimits.digestSection),
    }));
    offer({
      key,
      kind: 'digest',
      to: owner,
      subject: oneLine(words.digestSubject(dealIds.length, context.date(today))),
      ...render(context, words.greeting(context.nameOf(owner)), words.digestIntro, blocks),
      dealIds,
      dueDate: today,
      covers: [],
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

/** The key that says a deal was escalated during its current stage entry. */
export function escalationCover(deal: Opportunity, settings: Settings): string {
  const stage = stageOf(settings, deal.stage)?.name ?? deal.stage.trim();
  return `escalated:${deal.id}:${stage}:${deal.stageEntered ?? deal.created ?? ''}`;
}

function planEscalations(context: Context, offer: Offer, skip: Skip): void {
  const { words, today, input } = context;
  const deciding = decidingStage(input.settings);
  const byManager = new Map<string, Array<Item & { since: LocalDate }>>();
  const withoutManager = new Set<string>();
  for (const deal of context.open) {
    if (deal.id === '' || input.sentKeys.has(escalationCover(deal, input.settings))) continue;
    const owner = context.nameOf(deal.owner);
    const stale = staleness(deal, today, input.settings);
    let detail: string | null = null;
    // The day the deal crossed the line: an escalation waiting for quota keeps its place in line.
    let since = today;
    if (stale.level === 'red' && stale.targetDays !== null) {
      detail = words.redStaleDetail(owner, stale.days, deal.stage);
      const firstRedDay = Math.floor(stale.targetDays * input.settings.staleRedFactor) + 1;
      since = addDays(today, -Math.max(stale.days - firstRedDay, 0));
    } else if (
      deciding &&
      stageOf(input.settings, deal.stage) === deciding &&
      deciding.targetDays !== null &&
      pastStageTarget(deal, today, input.settings)
    ) {
      const days = stale.stageDays ?? stale.days;
      detail = words.pastTargetDetail(owner, days, deal.stage, deciding.targetDays);
      since = addDays(today, -Math.max(days - deciding.targetDays - 1, 0));
    }
    if (detail === null) continue;
    const manager = managerOf(context, deal.owner);
    if (manager === '') {
      withoutManager.add(normalizeEmail(deal.owner) || '(no owner)');
      continue;
    }
    const items = byManager.get(manager);
    if (items) items.push({ deal, detail, since });
    else byManager.set(manager, [{ deal, detail, since }]);
  }
  for (const owner of withoutManager) skip(`escalation:${owner}:${today}`, 'noManager');
  for (const [manager, all] of byManager) {
    // Deals left out today are not covered: they are named in a later email.
    const { items, more } = capped(all, emailLimits.escalation);
    const subject = words.escalationSubject(items.length, context.date(today));
    const blocks: Block[] = [{ heading: subject, items, more }];
    offer({
      key: `escalation:${manager}:${today}`,
      kind: 'escalation',
      to: manager,
      subject: oneLine(subject),
      ...render(context, words.greeting(context.nameOf(manager)), words.escalationIntro, blocks),
      dealIds: items.map((item) => item.deal.id),
      dueDate: items.reduce((first, item) => minDate(first, item.since), today),
      covers: items.map((item) => escalationCover(item.deal, input.settings)),
    });
  }
}

// ---- Weekly summary to managers ----------------------------------------------------------------

/**
 * The summary of the week that started on weekStartsOn, sent that day, or caught up later in the
 * week when that day's run was missed (as far back as catchUpFrom).
 */
function planWeeklySummaries(context: Context, offer: Offer, skip: Skip): void {
  const { words, today, input } = context;
  const { settings, language } = input;
  const weekStart = startOfWeek(today, settings.weekStartsOn);
  if (weekStart < context.catchUpFrom) return;
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
  // The week before the summary's own week start, whatever day it is caught up on.
  const weekAgo = addDays(weekStart, -7);
  const inLastWeek = (date: LocalDate | null) =>
    date !== null && date >= weekAgo && date < weekStart;

  for (const [manager, owners] of teams) {
    const key = `weeklySummary:${manager}:${weekStart}`;
    const mine = new Set(owners);
    const deals = input.deals.filter((deal) => mine.has(normalizeEmail(deal.owner)));
    const open = deals.filter((deal) => isOpen(deal, settings));
    const closedLastWeek = (kind: 'won' | 'lost') =>
      deals.filter(
        (deal) => stageKindOf(settings, deal.stage) === kind && inLastWeek(closedDateOf(deal)),
      );
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
    const created = open.filter((deal) => inLastWeek(deal.created));
    const moved = open.filter((deal) => inLastWeek(deal.stageEntered) && !inLastWeek(deal.created));
    const f = words.weeklyFigures;
    const figures = [
      `${f.open}: ${open.length} (${money(sumOf(open, () => 1))})`,
      `${f.weighted}: ${money(sumOf(open, (deal) => probabilityOf(deal, settings)))}`,
      `${f.newLastWeek}: ${created.length} (${money(sumOf(created, () => 1))})`,
      `${f.movedLastWeek}: ${moved.length}`,
      `${f.wonLastWeek}: ${won.length} (${money(sumOf(won, () => 1))})`,
      `${f.lostLastWeek}: ${lost.length} (${money(sumOf(lost, () => 1))})`,
      `${f.overdueActions}: ${overdue.length}`,
      `${f.redStale}: ${red.length}`,
      `${f.slipping}: ${slipping.length}`,
    ];
    const openByOwner = groupBy(open, (deal) => normalizeEmail(deal.owner));
    const perOwner = owners.flatMap((owner) => {
      const theirs = openByOwner.get(owner) ?? [];
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
    const redSet = new Set(red);
    const slippingSet = new Set(slipping);
    const attention: Block[] = owners.flatMap((owner) => {
      const theirs = (openByOwner.get(owner) ?? []).filter(
        (deal) => redSet.has(deal) || slippingSet.has(deal),
      );
      if (theirs.length === 0) return [];
      const items = theirs.map((deal) => ({
        deal,
        detail: [
          deal.stage,
          redSet.has(deal) ? words.weeklyStaleTag : '',
          slippingSet.has(deal) ? words.weeklySlippingTag : '',
        ]
          .filter((part) => part !== '')
          .join(' · '),
      }));
      return [
        {
          heading: words.weeklyAttention(context.nameOf(owner)),
          ...capped(items, emailLimits.weeklyPerOwner),
        },
      ];
    });
    const week = context.date(weekStart);
    const blocks: Block[] = [
      { heading: words.weeklySubject(week), lines: [...figures, ...perOwner] },
      ...attention,
    ];
    offer({
      key,
      kind: 'weeklySummary',
      to: manager,
      subject: oneLine(words.weeklySubject(week)),
      ...render(context, words.greeting(context.nameOf(manager)), words.weeklyIntro(week), blocks),
      dealIds: [...new Set([...open, ...won, ...lost].map((deal) => deal.id))],
      dueDate: weekStart,
      covers: [],
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

/**
 * A template's email for each deal that entered its stage `delayDays` ago, once per stage entry:
 * a day the run missed is caught up the next day (as far back as catchUpFrom).
 */
function planStageEntries(context: Context, offer: Offer, skip: Skip): void {
  const { today, input } = context;
  const { settings } = input;
  if (settings.stageEmails.length === 0) return;
  const historyByDeal = groupHistory(input.history.filter((event) => event.field === 'stage'));
  for (const template of settings.stageEmails) {
    const stage = stageOf(settings, template.stage);
    if (!stage) continue;
    for (const deal of input.deals) {
      if (deal.id === '' || stageOf(settings, deal.stage) !== stage) continue;
      const entered = enteredCurrentStage(deal, historyByDeal.get(deal.id) ?? [], settings);
      if (entered === null) continue;
      const due = addDays(entered, template.delayDays);
      if (due < context.catchUpFrom || due > today) continue;
      const owner = normalizeEmail(deal.owner);
      const key = `stageEntry:${deal.id}:${stage.name}:${entered}:${template.delayDays}`;
      if (!emailPattern.test(owner)) {
        skip(key, 'ownerWithoutEmail');
        continue;
      }
      const values: Record<string, string> = {
        customer: deal.customer,
        opportunity: dealTitle(deal),
        amount: context.amount(deal),
        nextAction: deal.nextAction.trim() || context.words.noAction,
        nextActionDate: context.date(deal.nextActionDate),
        owner: context.nameOf(deal.owner),
        stage: deal.stage,
        closeDate: context.date(deal.closeDate),
        days: String(daysBetween(entered, today)),
      };
      const body = fillTemplate(template.body, values);
      const link = context.link(deal.id);
      offer({
        key,
        kind: 'stageEntry',
        to: owner,
        subject:
          oneLine(fillTemplate(template.subject, values)) ||
          oneLine(`${stage.name}: ${dealTitle(deal)}`),
        textBody: `${body}\n\n${context.words.openInSheet}: ${link}\n\n--\n${context.words.footer}`,
        htmlBody: [
          '<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124">',
          `<p>${escapeHtml(body).replace(/\r?\n/g, '<br>')}</p>`,
          `<p><a href="${escapeHtml(link)}">${escapeHtml(context.words.openInSheet)}</a></p>`,
          `<p style="color:#5f6368;font-size:12px">${escapeHtml(context.words.footer)}</p>`,
          '</div>',
        ].join('\n'),
        dealIds: [deal.id],
        dueDate: due,
        covers: [],
      });
    }
  }
}

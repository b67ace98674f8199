// Serves the sidebar: parses each request with its schema, runs the rule under the document lock, replies.

import { sanitizeText } from '../domain/cell-text';
import { addDays } from '../domain/dates';
import { type FieldKey, fieldByKey } from '../domain/fields';
import { followUp, isOpen, pushesOf } from '../domain/follow-up';
import { allocateIds } from '../domain/ids';
import type { HistoryEvent, Opportunity, Settings } from '../domain/model';
import { emptyDeal, parseRow, parseRows } from '../domain/parse-row';
import { reviewQueue, unchangedAcrossReviews } from '../domain/review';
import { scoreDeal } from '../domain/scoring';
import {
  type DealChange,
  exitCriteriaFor,
  logInteraction,
  moveStage,
  type Result,
  type RuleContext,
  type StageRuleError,
  updateFields,
} from '../domain/stage-rules';
import { dealVersion } from '../domain/version';
import {
  type DealSummary,
  type DealView,
  describeIssues,
  isRpcMethod,
  type RpcMethod,
  type RpcParsedRequest,
  type RpcResponse,
  rpcMethods,
} from '../shared/rpc';
import { fail, ok, type RpcResult } from '../shared/rpc-result';
import { toSheetValue } from './cells';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { documentProperties, propertyKeys } from './properties';
import { appendHistory, findTab, readHistory, readSettings } from './tabs';
import {
  findTrackerSheet,
  firstDataRow,
  readTracker,
  rowOfId,
  type TrackerSnapshot,
  writeFields,
} from './tracker';

/** A failure on the way to an answer; becomes `{ ok: false, error }` for the sidebar. */
class RpcFailure extends Error {
  constructor(readonly result: RpcResult<never>) {
    super(result.ok ? '' : result.error.message);
  }
}

const lockWaitMs = 8_000;

/** The one global the sidebar calls: `google.script.run.rpc(method, payload)`. Never throws. */
export function serveRpc(method: unknown, payload: unknown): RpcResult<unknown> {
  if (!isRpcMethod(method)) return fail('BAD_REQUEST', `Unknown call "${String(method)}".`);
  const parsed = rpcMethods[method].request.safeParse(payload ?? {});
  if (!parsed.success) return fail('BAD_REQUEST', describeIssues(parsed.error.issues));
  try {
    const data = handlers[method](activeContext(), parsed.data as never);
    return ok(data);
  } catch (error) {
    if (error instanceof RpcFailure) return error.result;
    console.error(
      `rpc ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return fail('INTERNAL', 'Something went wrong on the server; nothing was saved. Try again.');
  }
}

type Handlers = {
  [M in RpcMethod]: (ctx: CallContext, request: RpcParsedRequest<M>) => RpcResponse<M>;
};

interface Loaded {
  snapshot: TrackerSnapshot;
  settings: Settings;
}

function load(ctx: CallContext): Loaded {
  const sheet = findTrackerSheet(ctx.spreadsheet);
  if (!sheet) {
    throw new RpcFailure(
      fail(
        'NOT_SET_UP',
        'There is no tracker yet: Extensions > Opportunity Tracker > Set up tracker.',
      ),
    );
  }
  return {
    snapshot: readTracker(sheet, ctx.timeZone),
    settings: readSettings(ctx.spreadsheet, ctx.language).settings,
  };
}

function ruleContext(ctx: CallContext, settings: Settings): RuleContext {
  return { settings, today: ctx.now.date, now: ctx.now.dateTime, user: ctx.user };
}

/** The deal with an ID, parsed from the snapshot; NOT_FOUND / RULE when it cannot be used. */
function dealAt(
  loaded: Loaded,
  id: string,
): { deal: Opportunity; row: number; problems: string[] } {
  const { row, duplicates } = rowOfId(loaded.snapshot, id);
  if (row === null)
    throw new RpcFailure(
      fail('NOT_FOUND', `No opportunity with ID ${id}: it may have been deleted.`),
    );
  if (duplicates.length > 0) {
    throw new RpcFailure(
      fail(
        'RULE',
        `ID ${id} is in rows ${duplicates.join(', ')}. Clear one of them and run Check & repair.`,
        {
          code: 'duplicateId',
          params: { id, rows: duplicates.join(', ') },
        },
      ),
    );
  }
  const parsed = parseRow(
    loaded.snapshot.rows[row - firstDataRow] ?? [],
    loaded.snapshot.columns,
    loaded.settings,
    row,
  );
  if (!parsed.ok)
    throw new RpcFailure(fail('NOT_FOUND', `Row ${row} is not an opportunity any more.`));
  return {
    deal: parsed.value,
    row,
    problems: parsed.issues.map((issue) => `${issue.column}: ${issue.problem}`),
  };
}

function view(
  deal: Opportunity,
  row: number,
  settings: Settings,
  history: readonly HistoryEvent[],
  today: Opportunity['closeDate'] & string,
  problems: string[],
): DealView {
  const follow = followUp(deal, today, settings, history);
  const score = scoreDeal(deal, settings.scoringWeights);
  return {
    deal,
    version: dealVersion(deal),
    row,
    followUp: {
      nextAction: follow.nextAction,
      stale: follow.staleness.level,
      daysInStage: follow.staleness.days,
      targetDays: follow.staleness.targetDays,
      closePushes: follow.closePushes,
      slipping: follow.slipping,
    },
    score: { score: score.score, stars: score.stars, items: score.items },
    exitCriteria: exitCriteriaFor(deal.stage, settings),
    history: history
      .filter((event) => event.dealId === deal.id)
      .slice(-10)
      .reverse()
      .map(({ at, user, field, old, new: next }) => ({ at, user, field, old, new: next })),
    problems,
  };
}

function summary(deal: Opportunity, row: number, settings: Settings, today: string): DealSummary {
  const follow = followUp(deal, today as Opportunity['created'] & string, settings, []);
  return {
    id: deal.id,
    name: deal.name,
    customer: deal.customer,
    stage: deal.stage,
    amount: deal.amount,
    closeDate: deal.closeDate,
    nextAction: deal.nextAction,
    nextActionDate: deal.nextActionDate,
    stale: follow.staleness.level,
    row,
  };
}

/**
 * A write: under the document lock, the row found again by ID, the version checked, the rule
 * applied, only the changed cells written, History appended. Nothing is written when any step fails.
 */
function write(
  ctx: CallContext,
  id: string,
  version: string,
  change: (deal: Opportunity, rules: RuleContext) => Result<DealChange, StageRuleError>,
  extra: (next: Opportunity) => {
    events?: HistoryEvent[];
    fields?: Partial<Opportunity>;
  } = () => ({}),
): DealView {
  const locked = withDocumentLock(lockWaitMs, () => {
    const loaded = load(ctx);
    const { deal, row } = dealAt(loaded, id);
    const historyTab = findTab(ctx.spreadsheet, 'history');
    const history = readHistory(historyTab, ctx.timeZone);
    if (dealVersion(deal) !== version) {
      throw new RpcFailure(
        fail(
          'CONFLICT',
          'Someone changed this opportunity after you opened it.',
          view(deal, row, loaded.settings, history, ctx.now.date, []),
        ),
      );
    }
    const rules = ruleContext(ctx, loaded.settings);
    const result = change(deal, rules);
    if (!result.ok) {
      throw new RpcFailure(
        fail('RULE', result.error.message, {
          code: result.error.code,
          params: result.error.params,
        }),
      );
    }
    const more = extra(result.value.deal);
    const next: Opportunity = { ...result.value.deal, ...more.fields, updated: ctx.now.dateTime };
    const events = [...result.value.events, ...(more.events ?? [])];
    const allHistory = [...history, ...events];
    const score = scoreDeal(next, loaded.settings.scoringWeights);
    next.score = score.score;
    next.stars = score.stars;
    next.closePushes = pushesOf(next, allHistory);
    const fields = new Set<FieldKey>([
      ...result.value.changed,
      ...(Object.keys(more.fields ?? {}) as FieldKey[]),
      'updated',
      'score',
      'stars',
      'closePushes',
    ]);
    writeFields(loaded.snapshot.sheet, loaded.snapshot.columns, row, cellValues(next, fields));
    if (historyTab) appendHistory(historyTab, events);
    return view(next, row, loaded.settings, allHistory, ctx.now.date, []);
  });
  if (!locked.ok)
    throw new RpcFailure(fail('BUSY', 'Someone else is saving right now. Try again in a moment.'));
  return locked.value;
}

function cellValues(
  deal: Opportunity,
  fields: Iterable<FieldKey>,
): Partial<Record<FieldKey, string | number | boolean>> {
  const values: Partial<Record<FieldKey, string | number | boolean>> = {};
  for (const field of fields) values[field] = toSheetValue(fieldByKey[field].kind, deal[field]);
  return values;
}

const clean = (text: string, max = 500) => sanitizeText(text, max);

const handlers: Handlers = {
  bootstrap(ctx) {
    const sheet = findTrackerSheet(ctx.spreadsheet);
    const { settings } = readSettings(ctx.spreadsheet, ctx.language);
    const properties = documentProperties();
    const lastRun = properties?.getProperty('reminders.lastRun') ?? null;
    const lastRunOk = properties?.getProperty('reminders.lastRunOk');
    const owner = properties?.getProperty('reminders.owner') ?? '';
    return {
      language: ctx.language,
      user: ctx.user,
      today: ctx.now.date,
      currency: settings.currency,
      isSetUp: sheet !== null,
      stages: settings.stages.map((s) => ({ ...s, exitCriteria: [...s.exitCriteria] })),
      lostReasons: settings.lostReasons,
      contactTypes: ['call', 'meeting', 'email', 'visit', 'demo'],
      scoringWeights: settings.scoringWeights,
      reminders: {
        enabled: owner !== '',
        owner,
        lastRunAt: lastRun,
        lastRunOk: lastRunOk === null || lastRunOk === undefined ? null : lastRunOk === 'true',
        overdue:
          owner !== '' && (lastRun === null || lastRun.slice(0, 10) < addDays(ctx.now.date, -2)),
      },
    };
  },

  selection(ctx) {
    const range = ctx.spreadsheet.getActiveRange();
    const trackerId = documentProperties()?.getProperty(propertyKeys.trackerSheetId);
    if (!range || !trackerId) return { id: null, row: null, onTracker: false };
    const sheet = range.getSheet();
    if (String(sheet.getSheetId()) !== trackerId) return { id: null, row: null, onTracker: false };
    const row = range.getRow();
    if (row < firstDataRow) return { id: null, row, onTracker: true };
    const width = sheet.getLastColumn();
    if (width < 1) return { id: null, row, onTracker: true };
    // Two small reads: the header (to find the ID column wherever users moved it) and this row.
    const [header, cells] = sheet
      .getRange(1, 1, row, width)
      .getValues()
      .filter((_, i) => i === 0 || i === row - 1);
    const idColumn = (header ?? []).findIndex((cell) =>
      ['id'].includes(String(cell).trim().toLowerCase()),
    );
    const id = idColumn >= 0 ? String(cells?.[idColumn] ?? '').trim() : '';
    return { id: id || null, row, onTracker: true };
  },

  getDeal(ctx, request) {
    const loaded = load(ctx);
    const { deal, row, problems } = dealAt(loaded, request.id);
    const history = readHistory(findTab(ctx.spreadsheet, 'history'), ctx.timeZone);
    return view(deal, row, loaded.settings, history, ctx.now.date, problems);
  },

  selectDeal(ctx, request) {
    const loaded = load(ctx);
    const { row } = dealAt(loaded, request.id);
    const sheet = loaded.snapshot.sheet;
    sheet.activate();
    sheet.getRange(row, 1, 1, Math.max(loaded.snapshot.width, 1)).activate();
    return { row };
  },

  moveStage(ctx, request) {
    return write(ctx, request.id, request.version, (deal, rules) =>
      moveStage(
        deal,
        {
          to: request.to,
          ...(request.lostReason !== undefined
            ? { lostReason: clean(request.lostReason, 100) }
            : {}),
          ...(request.lostNote !== undefined ? { lostNote: clean(request.lostNote, 1000) } : {}),
          ...(request.amount !== undefined ? { amount: request.amount } : {}),
          ...(request.closedOn !== undefined ? { closedOn: request.closedOn } : {}),
        },
        rules,
      ),
    );
  },

  setNextAction(ctx, request) {
    return write(ctx, request.id, request.version, (deal, rules) =>
      updateFields(
        deal,
        {
          nextAction: clean(request.nextAction),
          nextActionDate: request.nextActionDate,
          nextActionGoal: clean(request.nextActionGoal),
        },
        rules,
      ),
    );
  },

  logInteraction(ctx, request) {
    return write(ctx, request.id, request.version, (deal, rules) =>
      logInteraction(
        deal,
        { type: request.type, date: request.date, summary: clean(request.summary, 2000) },
        rules,
      ),
    );
  },

  setChecklist(ctx, request) {
    return write(ctx, request.id, request.version, (deal, rules) =>
      updateFields(
        deal,
        { ...request.checklist, decisionMakerMet: request.decisionMakerMet },
        rules,
      ),
    );
  },

  updateDeal(ctx, request) {
    const patch: Partial<Opportunity> = {};
    if (request.patch.name !== undefined) patch.name = clean(request.patch.name, 200);
    if (request.patch.customer !== undefined) patch.customer = clean(request.patch.customer, 200);
    if (request.patch.amount !== undefined) patch.amount = request.patch.amount;
    if (request.patch.closeDate !== undefined) patch.closeDate = request.patch.closeDate;
    if (request.patch.owner !== undefined)
      patch.owner = clean(request.patch.owner, 200).toLowerCase();
    return write(ctx, request.id, request.version, (deal, rules) =>
      updateFields(deal, patch, rules),
    );
  },

  createDeal(ctx, request) {
    const locked = withDocumentLock(lockWaitMs, () => {
      const loaded = load(ctx);
      const properties = documentProperties();
      const existing = loaded.snapshot.rows.map((cells) =>
        String(cells[loaded.snapshot.columns.byField.id ?? -1] ?? ''),
      );
      const { ids, next } = allocateIds(
        1,
        existing,
        Number(properties?.getProperty(propertyKeys.nextId) ?? '1'),
      );
      const id = ids[0] ?? '';
      const first = loaded.settings.stages[0]?.name ?? '';
      const deal: Opportunity = {
        ...emptyDeal(),
        id,
        name: clean(request.name, 200),
        customer: clean(request.customer, 200),
        owner: ctx.user,
        stage: first,
        amount: request.amount,
        closeDate: request.closeDate,
        created: ctx.now.date,
        stageEntered: ctx.now.date,
        nextAction: clean(request.nextAction),
        nextActionDate: request.nextActionDate,
        nextActionGoal: clean(request.nextActionGoal),
        updated: ctx.now.dateTime,
      };
      const score = scoreDeal(deal, loaded.settings.scoringWeights);
      deal.score = score.score;
      deal.stars = score.stars;
      deal.closePushes = 0;
      const sheet = loaded.snapshot.sheet;
      const row = firstDataRow + lastUsedIndex(loaded.snapshot) + 1;
      if (row > sheet.getMaxRows())
        sheet.insertRowsAfter(sheet.getMaxRows(), row - sheet.getMaxRows());
      const fields = (Object.keys(deal) as FieldKey[]).filter(
        (field) => deal[field] !== '' && deal[field] !== null,
      );
      writeFields(sheet, loaded.snapshot.columns, row, cellValues(deal, fields));
      properties?.setProperty(propertyKeys.nextId, String(next));
      const event: HistoryEvent = {
        at: ctx.now.dateTime,
        user: ctx.user,
        dealId: id,
        field: 'created',
        old: '',
        new: deal.stage,
      };
      const historyTab = findTab(ctx.spreadsheet, 'history');
      if (historyTab) appendHistory(historyTab, [event]);
      return view(deal, row, loaded.settings, [event], ctx.now.date, []);
    });
    if (!locked.ok)
      throw new RpcFailure(
        fail('BUSY', 'Someone else is saving right now. Try again in a moment.'),
      );
    return locked.value;
  },

  myDay(ctx) {
    const loaded = load(ctx);
    const parsed = parseRows(
      loaded.snapshot.rows,
      loaded.snapshot.columns,
      loaded.settings,
      firstDataRow,
    );
    const today = ctx.now.date;
    const lists = {
      overdue: [] as DealSummary[],
      today: [] as DealSummary[],
      stale: [] as DealSummary[],
      noNextAction: [] as DealSummary[],
    };
    parsed.deals.forEach((deal, i) => {
      if (deal.owner.toLowerCase() !== ctx.user || !isOpen(deal, loaded.settings)) return;
      const row = parsed.rows[i] ?? 0;
      const line = summary(deal, row, loaded.settings, today);
      const follow = followUp(deal, today, loaded.settings, []);
      if (follow.nextAction === 'overdue') lists.overdue.push(line);
      else if (follow.nextAction === 'today') lists.today.push(line);
      else if (follow.nextAction === 'none') lists.noNextAction.push(line);
      if (follow.staleness.level !== 'fresh') lists.stale.push(line);
    });
    return lists;
  },

  reviewQueue(ctx, request) {
    const loaded = load(ctx);
    const parsed = parseRows(
      loaded.snapshot.rows,
      loaded.snapshot.columns,
      loaded.settings,
      firstDataRow,
    );
    const history = readHistory(findTab(ctx.spreadsheet, 'history'), ctx.timeZone);
    const rowById = new Map(parsed.deals.map((deal, i) => [deal.id, parsed.rows[i] ?? 0]));
    const mine = request.mine
      ? parsed.deals.filter((deal) => deal.owner.toLowerCase() === ctx.user)
      : parsed.deals;
    const queue = reviewQueue(mine, loaded.settings);
    return {
      queue: queue.map((deal) =>
        summary(deal, rowById.get(deal.id) ?? 0, loaded.settings, ctx.now.date),
      ),
      flagged: queue
        .filter((deal) => unchangedAcrossReviews(deal, history, ctx.now.date))
        .map((deal) => deal.id),
    };
  },

  reviewDeal(ctx, request) {
    let changed = false;
    const result = write(
      ctx,
      request.id,
      request.version,
      (deal, rules) => {
        const outcome = updateFields(
          deal,
          {
            nextAction: clean(request.nextAction),
            nextActionDate: request.nextActionDate,
            nextActionGoal: clean(request.nextActionGoal),
            closeDate: request.closeDate,
          },
          rules,
        );
        if (outcome.ok) changed = outcome.value.changed.length > 0;
        return outcome;
      },
      (next) => ({
        fields: { lastReviewed: ctx.now.date },
        events: [
          {
            at: ctx.now.dateTime,
            user: ctx.user,
            dealId: next.id,
            field: 'review',
            old: '',
            new: changed ? 'updated' : 'confirmed',
          },
        ],
      }),
    );
    const history = readHistory(findTab(ctx.spreadsheet, 'history'), ctx.timeZone);
    return {
      view: result,
      changed,
      flagged: unchangedAcrossReviews(result.deal, history, ctx.now.date),
    };
  },
};

/** Index (in snapshot.rows) of the last row with any content, or -1 for an empty tracker. */
function lastUsedIndex(snapshot: TrackerSnapshot): number {
  for (let i = snapshot.rows.length - 1; i >= 0; i -= 1) {
    if ((snapshot.rows[i] ?? []).some((cell) => cell !== '')) return i;
  }
  return -1;
}

// Serves the sidebar: parses each request, reads only the deal's row, writes it back in one call, replies.

import { type Activity, withEvents } from '../domain/activity';
import { sanitizeText } from '../domain/cell-text';
import { markDone, type UndoValues, undoMove } from '../domain/daily-loop';
import { dealTitle } from '../domain/deal-title';
import { finishChange } from '../domain/deal-update';
import type { FieldKey } from '../domain/fields';
import { type AttentionReason, followUp } from '../domain/follow-up';
import { formatId } from '../domain/ids';
import type { HistoryEvent, Opportunity, Settings } from '../domain/model';
import { attentionGroups } from '../domain/my-day';
import { emptyDeal, isEmail, parseRows } from '../domain/parse-row';
import { problemSentence } from '../domain/problems';
import { needsDecision, reviewQueue, reviewUpdate } from '../domain/review';
import { scoreDeal } from '../domain/scoring';
import {
  checkNewDeal,
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
import { readArchivedDeal } from './archive-read';
import { toDomainRow } from './cells';
import { activeContext, type CallContext, releaseAfterFlush } from './context';
import {
  applyRowWrites,
  type DealRow,
  parseDealRow,
  parseVersionToken,
  plannedCells,
  RowError,
  readDeal,
  readRowValues,
  rowWrites,
  versionToken,
} from './deal-row';
import { recordInFile } from './file-record';
import { appendHistoryLines, hasJournal, recoverJournal } from './journal';
import { openRowsOf, readListRows } from './list-read';
import { refreshMessage, refreshMetrics } from './metrics-refresh';
import { addGroups, groupsToAdd } from './optional-columns';
import { peopleIn, resolveOwners } from './owners';
import { documentProperties, propertyKeys } from './properties';
import { remindersBlock } from './reminder-status';
import { loadSettings, refreshSettingsCache } from './settings-cache';
import { managesSomeone, teamView } from './team-view';
import { firstDataRow } from './tracker';
import { relearnLayout, type TrackerLayout, trackerLayout, trackerSheet } from './tracker-layout';
import { amountCheckFor, rememberUsualAmount } from './usual-amount';

/** A failure on the way to an answer; becomes `{ ok: false, error }` for the sidebar. */
class RpcFailure extends Error {
  constructor(readonly result: RpcResult<never>) {
    super(result.ok ? '' : result.error.message);
  }
}

const lockWaitMs = 8_000;

/** Calls that change the sheet: they run under the document lock, taken before anything is read. */
const writes = new Set<RpcMethod>([
  'moveStage',
  'setNextAction',
  'logInteraction',
  'setChecklist',
  'updateDeal',
  'createDeal',
  'reviewDeal',
  'markDone',
  'undoMove',
]);

/**
 * What one call holds: the document lock (writes), and the History lines to append once the
 * deal's row is written and the lock released.
 */
class Call {
  private lock: GoogleAppsScript.Lock.Lock | null = null;
  readonly history: HistoryEvent[] = [];
  /** Set once the deal's row is written: from then on the answer is "saved", whatever follows. */
  saved = false;
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;

  acquire(): boolean {
    if (this.lock) return true;
    const lock = LockService.getDocumentLock();
    if (!lock?.tryLock(lockWaitMs)) return false;
    this.lock = lock;
    return true;
  }

  release(): void {
    const lock = this.lock;
    this.lock = null;
    // Google's Lock page asks for a flush before the lock goes, so the next holder sees the writes
    // (the row read back after each write does the same locally; the flush is what Google documents).
    if (lock) releaseAfterFlush(lock);
  }
}

/** The one global the sidebar calls: `google.script.run.rpc(method, payload)`. Never throws. */
export function serveRpc(method: unknown, payload: unknown): RpcResult<unknown> {
  if (!isRpcMethod(method)) return fail('BAD_REQUEST', `Unknown call "${String(method)}".`);
  const parsed = rpcMethods[method].request.safeParse(payload ?? {});
  if (!parsed.success) return fail('BAD_REQUEST', describeIssues(parsed.error.issues));
  const call = new Call();
  let result: RpcResult<unknown>;
  try {
    if (writes.has(method) && !call.acquire()) throw busy();
    const ctx = activeContext();
    call.spreadsheet = ctx.spreadsheet;
    // An earlier execution's History lines go first, under the lock (reads take it only then).
    if (hasJournal() && call.acquire()) recoverJournal(ctx.spreadsheet);
    result = ok(handlers[method](ctx, parsed.data as never, call));
  } catch (error) {
    result = failure(method, error, call);
  }
  try {
    call.release();
  } catch (error) {
    // The row is written and was read back: releasing is housekeeping (the lock ends with the run).
    console.error(`releaseLock failed: ${String(error)}`);
  }
  // A saved row gets its History line even when something after the save failed.
  if (call.saved && !appendHistoryLines(call.spreadsheet, call.history) && result.ok)
    return {
      ...result,
      notice: 'Saved. Its History line will be added by the next action (Google was busy).',
    };
  return result;
}

function failure(method: RpcMethod, error: unknown, call: Call): RpcResult<never> {
  if (error instanceof RpcFailure) return error.result;
  if (error instanceof RowError) return rowFailure(error);
  console.error(
    `rpc ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return call.saved
    ? fail('INTERNAL', 'Saved, but the server failed after saving. Reload to see the deal.')
    : fail('INTERNAL', 'Something went wrong on the server; nothing was saved. Try again.');
}

function rowFailure(error: RowError): RpcResult<never> {
  const problem = error.problem;
  switch (problem.kind) {
    case 'notFound':
      return fail('NOT_FOUND', `No opportunity with ID ${problem.id}: it may have been deleted.`);
    case 'duplicate':
      return fail(
        'RULE',
        `ID ${problem.id} is in rows ${problem.rows.join(', ')}. Clear one of them and run Check & repair.`,
        { code: 'duplicateId', params: { id: problem.id, rows: problem.rows.join(', ') } },
      );
    case 'notADeal':
      return fail('NOT_FOUND', `Row ${problem.row} is not an opportunity any more.`);
    case 'noIdColumn':
      return fail('NOT_SET_UP', 'The tracker has no ID column: run Check & repair.');
  }
}

function busy(): RpcFailure {
  return new RpcFailure(fail('BUSY', 'Someone else is saving right now. Try again in a moment.'));
}

type Handlers = {
  [M in RpcMethod]: (ctx: CallContext, request: RpcParsedRequest<M>, call: Call) => RpcResponse<M>;
};

interface Loaded {
  layout: TrackerLayout;
  settings: Settings;
}

function load(ctx: CallContext): Loaded {
  const layout = trackerLayout(trackerSheet(ctx.spreadsheet));
  if (!layout) {
    throw new RpcFailure(
      fail(
        'NOT_SET_UP',
        'There is no tracker yet: Extensions > Opportunity Tracker > Set up tracker.',
      ),
    );
  }
  return { layout, settings: loadSettings(ctx.spreadsheet, ctx.language).settings };
}

/** The deal a read names, by the row the sidebar saw first, else by its ID. */
function findDeal(
  ctx: CallContext,
  request: { id: string; row?: number | undefined },
): { found: DealRow; settings: Settings } {
  const loaded = load(ctx);
  const found = readDeal(
    loaded.layout,
    loaded.settings,
    ctx.timeZone,
    request.id,
    request.row ?? null,
  );
  return { found, settings: loaded.settings };
}

function ruleContext(ctx: CallContext, settings: Settings): RuleContext {
  return {
    settings,
    today: ctx.now.date,
    now: ctx.now.dateTime,
    user: ctx.user,
    // From the property snapshot the call read anyway: no save reads the amount column.
    amountCheck: amountCheckFor(settings),
  };
}

function view(found: DealRow, settings: Settings, ctx: CallContext): DealView {
  const { deal } = found;
  const follow = followUp(deal, ctx.now.date, settings, []);
  const score = scoreDeal(deal, settings.scoringWeights);
  return {
    deal,
    version: versionToken(deal, found.row),
    row: found.row,
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
    history: found.activity.events.map(({ at, user, field, old, new: next }) => ({
      at,
      user,
      field,
      old,
      new: next,
    })),
    problems: found.problems.map((issue) => problemSentence(issue, ctx.language)),
  };
}

function summary(deal: Opportunity, row: number, settings: Settings, today: string): DealSummary {
  const follow = followUp(deal, today as Opportunity['created'] & string, settings, []);
  return {
    id: deal.id,
    name: dealTitle(deal),
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
 * A write, under the document lock the call already holds: the row found by its version's row
 * (or by ID), the version checked, the rule applied, the changed cells written in one setValues
 * (with the activity log), the row read back (which also applies the write before the lock is
 * released) and its History lines queued for after the lock. The one write is all-or-nothing, so a
 * failure before it leaves the deal as it was and a failure after it leaves it saved.
 */
function write(
  ctx: CallContext,
  call: Call,
  id: string,
  version: string,
  change: (deal: Opportunity, rules: RuleContext) => Result<DealChange, StageRuleError>,
  extra: (
    before: DealRow,
    settings: Settings,
  ) => {
    events?: HistoryEvent[];
    fields?: Partial<Opportunity>;
    stamp?: boolean;
  } = () => ({}),
): DealView {
  const loaded = load(ctx);
  const token = parseVersionToken(version);
  const found = readDeal(loaded.layout, loaded.settings, ctx.timeZone, id, token.row);
  if (dealVersion(found.deal) !== token.hash) {
    throw new RpcFailure(
      fail(
        'CONFLICT',
        'Someone changed this opportunity after you opened it.',
        view(found, loaded.settings, ctx),
      ),
    );
  }
  const rules = ruleContext(ctx, loaded.settings);
  const result = change(found.deal, rules);
  if (!result.ok) {
    throw new RpcFailure(
      fail('RULE', result.error.message, {
        code: result.error.code,
        params: result.error.params,
      }),
    );
  }
  const more = extra(found, loaded.settings);
  const events = [...result.value.events, ...(more.events ?? [])];
  const after: Opportunity = { ...result.value.deal, ...more.fields };
  const finished = finishChange(
    found.deal,
    after,
    events,
    loaded.settings,
    ctx.now.dateTime,
    more.stamp ?? true,
  );
  const activity = withEvents(found.activity, events);
  const target = withGroupsFor(found, finished.fields, loaded.settings, ctx);
  const cells = plannedCells(target, finished.deal, finished.fields, activity, loaded.settings);
  applyRowWrites(
    target.layout,
    target.row,
    rowWrites(target.layout, target.raw, cells),
    target.raw,
  );
  call.saved = true;
  call.history.push(...events);
  const stored = readBack(target, finished.deal, loaded.settings, ctx.timeZone, activity);
  return view(stored, loaded.settings, ctx);
}

/**
 * The row to write, after adding an optional group of columns (scoring checklist, contact
 * details...) that this save fills and the tracker lacks: once per group and file, a few calls
 * more; then the row is read again under its new width.
 */
function withGroupsFor(
  found: DealRow,
  fields: readonly FieldKey[],
  settings: Settings,
  ctx: CallContext,
): DealRow {
  const groups = groupsToAdd(found.layout, fields);
  if (groups.length === 0) return found;
  const layout = addGroups(found.layout, groups, settings, ctx.language);
  const raw = readRowValues(layout, found.row);
  if (!raw) return { ...found, layout };
  return {
    ...parseDealRow(layout, settings, ctx.timeZone, found.row, raw),
    activity: found.activity,
  };
}

/**
 * The row as stored after a write, so the version we answer with is the one a later read computes
 * (and the read applies the write before the lock is released). Should the read fail, the row is
 * written all the same: answer from what was written.
 */
function readBack(
  found: DealRow,
  written: Opportunity,
  settings: Settings,
  timeZone: string,
  activity: Activity,
): DealRow {
  try {
    const raw = readRowValues(found.layout, found.row);
    if (raw) return { ...parseDealRow(found.layout, settings, timeZone, found.row, raw), activity };
  } catch (error) {
    console.error(`Reading the saved row back failed: ${String(error)}`);
  }
  return { ...found, deal: written, problems: [], activity };
}

const clean = (text: string, max = 500) => sanitizeText(text, max);

const handlers: Handlers = {
  bootstrap(ctx) {
    const sheet = trackerSheet(ctx.spreadsheet);
    // Opening the sidebar is when the header and the Settings tab are read again: a change made
    // where no trigger sees it (columns moved, settings pasted) is picked up here.
    if (sheet) relearnLayout(sheet);
    // A tracker set up before the file kept its own record gets one (time-driven runs read it).
    if (sheet) recordInFile(ctx.spreadsheet);
    const { settings } = refreshSettingsCache(ctx.spreadsheet, ctx.language);
    return {
      language: ctx.language,
      user: ctx.user,
      today: ctx.now.date,
      currency: settings.currency,
      locale: ctx.spreadsheet.getSpreadsheetLocale(),
      isSetUp: sheet !== null,
      stages: settings.stages.map((s) => ({ ...s, exitCriteria: [...s.exitCriteria] })),
      lostReasons: settings.lostReasons,
      contactTypes: ['call', 'meeting', 'email', 'visit', 'demo'],
      scoringWeights: settings.scoringWeights,
      manager: sheet !== null && managesSomeone(ctx.spreadsheet, ctx.user),
      amountCheck: amountCheckFor(settings),
      // Reminders (issue 11): the owner from the properties snapshot, the last Run log row if on.
      reminders: remindersBlock(ctx.spreadsheet),
    };
  },

  selection(ctx) {
    const none = { id: null, row: null, onTracker: false, version: null, settingsStamp: '' };
    const range = ctx.spreadsheet.getActiveRange();
    const trackerId = documentProperties()?.getProperty(propertyKeys.trackerSheetId);
    if (!range || !trackerId) return none;
    const sheet = range.getSheet();
    if (String(sheet.getSheetId()) !== trackerId) return none;
    const row = range.getRow();
    const { settings, stamp } = loadSettings(ctx.spreadsheet, ctx.language);
    const onTracker = { ...none, row, onTracker: true, settingsStamp: stamp };
    if (row < firstDataRow) return onTracker;
    const layout = trackerLayout(sheet);
    const raw = layout ? readRowValues(layout, row) : null;
    if (!layout || !raw) return onTracker;
    try {
      const found = parseDealRow(layout, settings, ctx.timeZone, row, raw);
      if (!found.deal.id) return onTracker;
      return { ...onTracker, id: found.deal.id, version: versionToken(found.deal, row) };
    } catch (error) {
      if (error instanceof RowError) return onTracker;
      throw error;
    }
  },

  getDeal(ctx, request) {
    const { found, settings } = findDeal(ctx, request);
    return view(found, settings, ctx);
  },

  selectDeal(ctx, request) {
    const { found } = findDeal(ctx, request);
    const width = Math.max(found.layout.headers.length, 1);
    // Activating a range on another tab shows that tab too.
    found.layout.sheet.getRange(found.row, 1, 1, width).activate();
    return { row: found.row };
  },

  moveStage(ctx, request, call) {
    return write(ctx, call, request.id, request.version, (deal, rules) =>
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
        { ...rules, confirmAmount: request.confirmAmount === true },
      ),
    );
  },

  markDone(ctx, request, call) {
    return write(ctx, call, request.id, request.version, (deal, rules) =>
      markDone(
        deal,
        {
          type: request.type,
          nextAction: clean(request.nextAction),
          nextActionDate: request.nextActionDate,
          nextActionGoal: clean(request.nextActionGoal),
        },
        { ...rules, confirmPast: request.confirmPast === true },
      ),
    );
  },

  undoMove(ctx, request, call) {
    const { restore } = request;
    // Only what was sent (the domain checks each value); text cleaned as every save cleans it.
    const values = Object.fromEntries(
      Object.entries(restore).filter(([, value]) => value !== undefined),
    ) as UndoValues;
    values.stage = clean(restore.stage, 100);
    if (restore.lostReason !== undefined) values.lostReason = clean(restore.lostReason, 100);
    if (restore.lostNote !== undefined) values.lostNote = clean(restore.lostNote, 1000);
    // Through the same guarded write as every save: the lock, the version the move answered
    // with (anything saved since refuses the undo and changes nothing), one row write, History.
    return write(
      ctx,
      call,
      request.id,
      request.version,
      (deal, rules) => undoMove(deal, values, rules),
      // Setting back is not an update of the deal: its Updated stamp goes back too.
      () => ({ stamp: restore.updated === undefined }),
    );
  },

  setNextAction(ctx, request, call) {
    return write(ctx, call, request.id, request.version, (deal, rules) =>
      updateFields(
        deal,
        {
          nextAction: clean(request.nextAction),
          nextActionDate: request.nextActionDate,
          nextActionGoal: clean(request.nextActionGoal),
        },
        { ...rules, confirmPast: request.confirmPast === true },
      ),
    );
  },

  logInteraction(ctx, request, call) {
    return write(ctx, call, request.id, request.version, (deal, rules) =>
      logInteraction(
        deal,
        { type: request.type, date: request.date, summary: clean(request.summary, 2000) },
        rules,
      ),
    );
  },

  setChecklist(ctx, request, call) {
    return write(ctx, call, request.id, request.version, (deal, rules) =>
      updateFields(
        deal,
        { ...request.checklist, decisionMakerMet: request.decisionMakerMet },
        rules,
      ),
    );
  },

  updateDeal(ctx, request, call) {
    const patch: Partial<Opportunity> = {};
    if (request.patch.name !== undefined) patch.name = clean(request.patch.name, 200);
    if (request.patch.customer !== undefined) patch.customer = clean(request.patch.customer, 200);
    if (request.patch.amount !== undefined) patch.amount = request.patch.amount;
    if (request.patch.closeDate !== undefined) patch.closeDate = request.patch.closeDate;
    if (request.patch.owner !== undefined) {
      // An e-mail is stored lowercase; a person's name as typed (the Team tab says who it is).
      const owner = clean(request.patch.owner, 200);
      patch.owner = owner.includes('@') ? owner.toLowerCase() : owner;
    }
    return write(ctx, call, request.id, request.version, (deal, rules) =>
      updateFields(deal, patch, {
        ...rules,
        confirmPast: request.confirmPast === true,
        confirmAmount: request.confirmAmount === true,
      }),
    );
  },

  createDeal(ctx, request, call) {
    return createDeal(ctx, request, call);
  },

  myDay(ctx) {
    const { deals, rows, settings } = readDeals(ctx, myDayFields, ctx.user);
    const today = ctx.now.date;
    const mine = deals.filter((deal) => deal.owner.toLowerCase() === ctx.user);
    const rowOf = new Map(deals.map((deal, i) => [deal, rows[i] ?? 0]));
    const groups = attentionGroups(mine, today, settings);
    const lines = (reason: AttentionReason) =>
      groups[reason].map(({ index, tags, days }) => {
        const deal = mine[index] as Opportunity;
        return { ...summary(deal, rowOf.get(deal) ?? 0, settings, today), tags, days };
      });
    return {
      overdue: lines('overdue'),
      dueToday: lines('dueToday'),
      closeDatePassed: lines('closeDatePassed'),
      noNextAction: lines('noNextAction'),
      stale: lines('stale'),
    };
  },

  reviewQueue(ctx, request) {
    const { deals, rows, settings } = readDeals(ctx, reviewFields, request.mine ? ctx.user : null);
    const rowById = new Map(deals.map((deal, i) => [deal.id, rows[i] ?? 0]));
    const mine = request.mine
      ? deals.filter((deal) => deal.owner.toLowerCase() === ctx.user)
      : deals;
    const queue = reviewQueue(mine, settings);
    return {
      queue: queue.map((deal) => summary(deal, rowById.get(deal.id) ?? 0, settings, ctx.now.date)),
      flagged: queue
        .filter((deal) => needsDecision(deal, ctx.now.date, settings))
        .map((deal) => deal.id),
    };
  },

  // ---- Metrics and the team view (issue 12): served by their own modules ----
  refreshMetrics(ctx) {
    const result = refreshMetrics(ctx.spreadsheet, {
      user: ctx.user,
      now: ctx.now,
      language: ctx.language,
    });
    if (result.ok) return { ...result, message: refreshMessage(ctx.language, result) };
    if (result.reason === 'busy') throw busy();
    throw new RpcFailure(
      fail(
        'NOT_SET_UP',
        'There is no tracker yet: Extensions > Opportunity Tracker > Set up tracker.',
      ),
    );
  },

  teamView(ctx, request) {
    const view = teamView(ctx, request, summary);
    if (view) return view;
    throw new RpcFailure(
      fail(
        'NOT_SET_UP',
        'There is no tracker yet: Extensions > Opportunity Tracker > Set up tracker.',
      ),
    );
  },

  getArchivedDeal(ctx, request) {
    const { settings } = load(ctx);
    const found = readArchivedDeal(settings, request.id, ctx.timeZone);
    if (found) return found;
    throw new RpcFailure(fail('NOT_FOUND', `No archived opportunity with ID ${request.id}.`));
  },

  reviewDeal(ctx, request, call) {
    let changed = false;
    let flagged = false;
    const result = write(
      ctx,
      call,
      request.id,
      request.version,
      (deal, rules) => {
        const outcome = reviewUpdate(
          deal,
          {
            nextAction: clean(request.nextAction),
            nextActionDate: request.nextActionDate,
            nextActionGoal: clean(request.nextActionGoal),
            closeDate: request.closeDate,
          },
          { ...rules, confirmPast: request.confirmPast === true },
        );
        if (outcome.ok) changed = outcome.value.changed.length > 0;
        return outcome;
      },
      (before, settings) => {
        flagged = !changed && needsDecision(before.deal, ctx.now.date, settings);
        return {
          fields: { lastReviewed: ctx.now.date },
          // Confirming a deal as it is does not count as an update: two such reviews in
          // different weeks flag it (needsDecision).
          stamp: changed,
          events: [
            {
              at: ctx.now.dateTime,
              user: ctx.user,
              dealId: before.deal.id,
              field: 'review',
              old: '',
              new: changed ? 'updated' : 'confirmed',
            },
          ],
        };
      },
    );
    return { view: result, changed, flagged };
  },
};

/** The fields My day and the review queue show and decide on: nothing else is read. */
export const myDayFields: readonly FieldKey[] = [
  'id',
  'name',
  'customer',
  'owner',
  'stage',
  'amount',
  'closeDate',
  'created',
  'stageEntered',
  'nextAction',
  'nextActionDate',
  'lastContact',
  'updated',
  'closePushes',
];
const reviewFields: readonly FieldKey[] = [...myDayFields, 'lastReviewed'];

/**
 * The open deals a list shows (of `owner`, or everyone's when null), with their sheet rows. On a
 * large tracker only the owner and stage columns of every row are read, then the rest of the
 * rows that may be listed (list-read.ts); the caller still filters the parsed deals.
 */
function readDeals(
  ctx: CallContext,
  fields: readonly FieldKey[],
  owner: string | null,
): { deals: Opportunity[]; rows: number[]; settings: Settings } {
  const loaded = load(ctx);
  // One person's list reads the owner and stage columns first, then only rows that may be theirs
  // (list-read.ts). An owner cell may be a name: who it names is the Team tab's rule (people.ts),
  // the tab read only when a cell is not an e-mail. Products come along for deals without a name.
  const mineOnly = owner === null ? null : ownerCellTest(ctx, owner);
  const slice = readListRows(
    loaded.layout,
    [...fields, 'products'],
    ctx.timeZone,
    openRowsOf(loaded.settings, mineOnly),
  );
  const parsed = parseRows(slice.rows, slice.columns, loaded.settings, 0);
  // Owners named by name are people of the Team tab: "mine" compares e-mails.
  // When every row was read, every open amount is at hand: the usual one is kept for the saves'
  // amount check (a large tracker's two-step read leaves it to the Metrics refresh).
  if (slice.plan === 'whole') rememberUsualAmount(parsed.deals, loaded.settings, ctx.now.date);
  const deals = resolveOwners(parsed.deals, ctx.spreadsheet);
  return {
    deals,
    rows: parsed.rows.map((index) => slice.sheetRows[index] ?? 0),
    settings: loaded.settings,
  };
}

/** Whether an owner cell names `email`: an e-mail cell compared as it is, any other through the Team tab. */
function ownerCellTest(ctx: CallContext, email: string): (cell: string) => boolean {
  return (cell) => {
    const lower = cell.trim().toLowerCase();
    if (isEmail(lower)) return lower === email;
    return lower !== '' && peopleIn(ctx.spreadsheet).resolve(cell).email === email;
  };
}

/**
 * A new deal: its ID reserved first (so a failure later never hands the same ID out twice), then
 * the whole row appended in one atomic appendRow, then its row number read (which also applies the
 * append before the lock is released).
 */
function createDeal(
  ctx: CallContext,
  request: RpcParsedRequest<'createDeal'>,
  call: Call,
): DealView {
  const loaded = load(ctx);
  const layout = loaded.layout;
  const checked = checkNewDeal(
    {
      ...emptyDeal(),
      closeDate: request.closeDate,
      nextAction: request.nextAction,
      nextActionDate: request.nextActionDate,
    },
    {
      ...ruleContext(ctx, loaded.settings),
      confirmPast: request.confirmPast === true,
      confirmAmount: request.confirmAmount === true,
    },
  );
  if (!checked.ok) {
    const { code, message, params } = checked.error;
    throw new RpcFailure(fail('RULE', message, { code, params }));
  }
  const store = documentProperties();
  const next = Math.max(1, Math.floor(Number(store?.getProperty(propertyKeys.nextId) ?? '1')) || 1);
  const id = formatId(next);
  store?.setProperty(propertyKeys.nextId, String(next + 1));
  const first = loaded.settings.stages[0];
  const created: Opportunity = {
    ...emptyDeal(),
    id,
    name: clean(request.name, 200),
    customer: clean(request.customer, 200),
    owner: ctx.user,
    stage: first?.name ?? '',
    probability: first?.probability ?? null,
    amount: request.amount,
    closeDate: request.closeDate,
    created: ctx.now.date,
    stageEntered: ctx.now.date,
    nextAction: clean(request.nextAction),
    nextActionDate: request.nextActionDate,
    nextActionGoal: clean(request.nextActionGoal),
    closePushes: 0,
    updated: ctx.now.dateTime,
  };
  const score = scoreDeal(created, loaded.settings.scoringWeights);
  created.score = score.score;
  created.stars = score.stars;
  const event: HistoryEvent = {
    at: ctx.now.dateTime,
    user: ctx.user,
    dealId: id,
    field: 'created',
    old: '',
    new: created.stage,
  };
  const blank = { layout, row: 0, raw: [], cells: [], deal: created, problems: [] };
  const activity = withEvents({ id, events: [], last: { stage: created.stage } }, [event]);
  const fields = (Object.keys(created) as FieldKey[]).filter(
    (field) => created[field] !== '' && created[field] !== null,
  );
  const cells = plannedCells({ ...blank, activity }, created, fields, activity, loaded.settings);
  const width = Math.max(layout.headers.length, ...[...cells.keys()].map((c) => c + 1));
  const line = Array.from({ length: width }, (_, column) => cells.get(column) ?? '');
  layout.sheet.appendRow(line);
  call.saved = true;
  call.history.push(event);
  const row = rowOfNewDeal(layout, id);
  const found: DealRow = {
    ...blank,
    row,
    raw: line,
    cells: toDomainRow(line, ctx.timeZone),
    activity,
  };
  return view(found, loaded.settings, ctx);
}

/**
 * The row appendRow put the new deal on: the sheet's last row (which also applies the append
 * before the lock is released). Should that read fail, the deal is saved all the same: 0 says
 * "unknown", and the next call finds it by its ID.
 */
function rowOfNewDeal(layout: TrackerLayout, id: string): number {
  try {
    return layout.sheet.getLastRow();
  } catch (error) {
    console.error(`New deal ${id} saved; its row could not be read: ${String(error)}`);
    return 0;
  }
}

// The adoption dialog: shows the plan for a sheet, previews the team's changes, applies them on Apply.

import {
  type AdoptionChoices,
  type ColumnView,
  headerBelow,
  rowsWithProblems,
  type StageView,
  type TrackerPlan,
} from '../domain/adoption';
import { groupFields, type OptionalGroup } from '../domain/column-groups';
import { type ColumnChoice, headerFor } from '../domain/columns';
import { fieldByKey, fieldKeys } from '../domain/fields';
import { isStatusRole } from '../domain/header-match';
import { statusRoles } from '../domain/header-words';
import { problemReason } from '../domain/problems';
import {
  type AdoptionView,
  type AdoptMethod,
  type AdoptResponse,
  adoptionViewElementId,
  adoptMethods,
  type ChoicesWire,
  embeddedJson,
  isAdoptMethod,
} from '../shared/adopt-rpc';
import { describeIssues } from '../shared/rpc';
import { fail, ok, type RpcResult } from '../shared/rpc-result';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { documentProperties, propertyKeys } from './properties';
import {
  applyPlan,
  doneMessage,
  planFor,
  progressFor,
  readState,
  type TrackerState,
} from './setup';
import { columnLetter } from './sheet-format';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How many problems the dialog lists (the count says how many there are in all). */
const problemSample = 20;

/** A meaning's name as the dialog lists it: the field's header, or the status column's label. */
function meaningLabel(ctx: CallContext, target: ColumnChoice): string {
  if (target === 'keep') return ctx.t('target.keep');
  return isStatusRole(target) ? ctx.t(`target.${target}`) : headerFor(target, ctx.language);
}

/** Why a column means what it means, in words: "header words, person names, 3 distinct". */
function columnWhy(
  ctx: CallContext,
  view: ColumnView,
  plan: TrackerPlan,
  choices: AdoptionChoices,
): string {
  if (choices.columns?.[view.index] !== undefined) return ctx.t('why.chosen');
  const because = view.because;
  if (!because) return ctx.t('why.stored');
  const parts: string[] = [];
  if (because.words) parts.push(ctx.t('why.words'));
  parts.push(ctx.t(`why.look.${because.look}`, { count: because.notDates ?? 0 }));
  const counted = ['people', 'companies', 'words', 'outcomes', 'emails', 'text'];
  if (counted.includes(because.look) && because.distinct > 0)
    parts.push(
      because.distinct === 1
        ? ctx.t('why.distinctOne')
        : ctx.t('why.distinct', { count: because.distinct }),
    );
  if (because.relation) {
    const created = plan.before.byField.created;
    parts.push(
      ctx.t(`why.relation.${because.relation}`, {
        header: created === undefined ? '' : (plan.before.headers[created] ?? ''),
      }),
    );
  }
  if (because.cents) parts.push(ctx.t('why.cents'));
  if (plan.stageSince.from === 'modified' && plan.stageSince.header === view.header)
    parts.push(ctx.t('why.sinceSource'));
  // Its meaning went to another column the team chose for it.
  if (view.proposed !== undefined && view.proposed !== view.target) {
    const holder = plan.views.find((other) => other.target === view.proposed);
    if (holder)
      parts.push(
        ctx.t('why.movedBy', { meaning: meaningLabel(ctx, view.proposed), header: holder.header }),
      );
  }
  if (view.target === 'keep' && because.rival !== undefined) {
    const rival = plan.views.find((other) => other.index === because.rival);
    if (rival)
      parts.push(
        ctx.t('why.rival', { meaning: meaningLabel(ctx, rival.target), header: rival.header }),
      );
  }
  return parts.join(', ');
}

/** Why a stage is what it is: "a step of the pipeline, 40 % (its deals' probability)". */
function stageWhy(ctx: CallContext, stage: StageView): string {
  const kind =
    stage.kindBecause === 'probability'
      ? ctx.t('stageWhy.probability', { probability: stage.kind === 'won' ? 100 : 0 })
      : ctx.t(`stageWhy.${stage.kindBecause}`);
  if (stage.kind !== 'open') return kind;
  const from =
    stage.probabilityFrom === 'data'
      ? 'stageWhy.data'
      : stage.probabilityFrom === 'settings'
        ? 'stageWhy.fromSettings'
        : 'stageWhy.spread';
  return `${kind}, ${ctx.t(from, { probability: stage.probability })}`;
}

/** What the dialog says about the sheet itself: no rows, mixed date columns, unnamed columns. */
function notices(ctx: CallContext, state: TrackerState, plan: TrackerPlan): string[] {
  const said: string[] = [];
  if (plan.dataRows === 0) said.push(ctx.t('notice.noRows'));
  for (const view of plan.views) {
    if (view.because?.look === 'mixedDates' && view.target !== 'keep')
      said.push(
        ctx.t('notice.mixedDates', { header: view.header, count: view.because.notDates ?? 0 }),
      );
  }
  const headers = plan.before.headers;
  for (let column = 0; column < state.grid.width; column += 1) {
    if ((headers[column] ?? '') !== '') continue;
    if (state.grid.rows.some((row) => String(row[column] ?? '').trim() !== ''))
      said.push(ctx.t('notice.noHeader', { column: columnLetter(column) }));
  }
  return said;
}

/** The plan as the dialog shows it, every text in the file's language. */
export function adoptionView(
  ctx: CallContext,
  state: TrackerState,
  plan: TrackerPlan,
  choices: AdoptionChoices = {},
): AdoptionView {
  const language = ctx.language;
  const since = plan.stageSince;
  return {
    language,
    sheetId: state.sheet.getSheetId(),
    sheet: state.sheet.getName(),
    rows: plan.dataRows,
    missingIds: plan.missingIds,
    columns: plan.views.map((view) => ({
      index: view.index,
      header: view.header,
      target: String(view.target),
      samples: view.samples,
      why: columnWhy(ctx, view, plan, choices),
    })),
    targets: [
      ...fieldKeys.map((field) => ({
        value: field,
        label: headerFor(field, language),
        kind: 'field' as const,
      })),
      ...statusRoles.map((role) => ({
        value: role,
        label: ctx.t(`target.${role}`),
        kind: 'status' as const,
      })),
      { value: 'keep', label: ctx.t('target.keep'), kind: 'keep' as const },
    ],
    stages: plan.stages.map((stage) => ({
      value: stage.value,
      rows: stage.rows,
      won: stage.won,
      lost: stage.lost,
      open: stage.open,
      kind: stage.kind,
      probability: stage.probability,
      target: stage.target,
      why: stageWhy(ctx, stage),
    })),
    order: plan.orderBecause ? ctx.t(`order.${plan.orderBecause}`) : '',
    outcomesFrom: plan.outcomesFrom,
    stageColumn: plan.stageColumn,
    owners: plan.owners.map((owner) => ({
      name: owner.name,
      deals: owner.deals,
      email: owner.email,
      from: owner.emailFrom,
    })),
    stageSince:
      since.from === 'none' || since.deals === 0
        ? ''
        : ctx.t(`since.${since.from}`, { header: since.header ?? '', deals: since.deals }),
    notices: notices(ctx, state, plan),
    add: plan.add.map((column) => ({ field: column.field, header: column.header })),
    groups: plan.groups.map((group) => ({
      group: group.group,
      label: ctx.t(`group.${group.group}`),
      headers: group.fields.map((field) => headerFor(field, language)),
      ticked: group.ticked,
    })),
    problems: {
      rows: rowsWithProblems(plan.issues),
      count: plan.issues.length,
      sample: plan.issues.slice(0, problemSample).map((issue) => ({
        row: issue.row ?? 0,
        column: issue.column || fieldByKey[issue.field].header[language],
        problem: problemReason(issue.problem, language),
        value: issue.value,
      })),
    },
    newStages: plan.newStages,
    newLostReasons: plan.newLostReasons,
    fingerprint: plan.fingerprint,
  };
}

/**
 * Shows the plan in a modal dialog. The first view travels inside the page (no second read of
 * the sheet when the dialog opens), as JSON in a script element the page reads once loaded.
 */
export function showAdoptionDialog(ctx: CallContext, sheet: Sheet): void {
  // The data range says the sheet's size before any cell is read; the same range is then read.
  const range = sheet.getDataRange();
  const tooBig = sizeProblem(ctx, sheet, range);
  if (tooBig) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(ctx.t('setup.title'), tooBig, ui.ButtonSet.OK);
    return;
  }
  const state = readState(ctx, sheet, { team: true, range });
  const problem = shapeProblem(ctx, state);
  if (problem) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(ctx.t('setup.title'), problem, ui.ButtonSet.OK);
    return;
  }
  const view = adoptionView(ctx, state, planFor(state, ctx.language, {}));
  const html = HtmlService.createHtmlOutputFromFile('Adopt')
    .append(
      `<script type="application/json" id="${adoptionViewElementId}">${embeddedJson(view)}</script>`,
    )
    .setWidth(820)
    .setHeight(620);
  SpreadsheetApp.getUi().showModalDialog(
    html,
    ctx.t('setup.adoptTitle', { sheet: sheet.getName() }),
  );
}

/**
 * Cells one adoption reads and plans at most. At 50,000 rows of 16 columns (800,000 cells) the
 * dialog costs 14 s and Apply 74 s of modeled time (test/gas/adoption-scale.test.ts), linear in
 * cells: 3,000,000 cells keep Apply near 280 s, inside Apps Script's 6 minutes with room to spare.
 */
export const adoptionCellLimit = 3_000_000;

/** A sheet too big for one adoption to finish safely, said before anything is read. */
function sizeProblem(
  ctx: CallContext,
  sheet: Sheet,
  range: GoogleAppsScript.Spreadsheet.Range,
): string | null {
  const rows = range.getNumRows();
  const columns = range.getNumColumns();
  if (rows * columns <= adoptionCellLimit) return null;
  return ctx.t('adopt.tooBig', {
    sheet: sheet.getName(),
    rows: rows.toLocaleString(ctx.language === 'es' ? 'es-ES' : 'en-US'),
    columns,
    limit: adoptionCellLimit.toLocaleString(ctx.language === 'es' ? 'es-ES' : 'en-US'),
  });
}

/**
 * A sheet the dialog cannot read as it is, said plainly (nothing is changed): its column names
 * are below row 1, or row 1 has merged cells (one name over several columns).
 */
function shapeProblem(ctx: CallContext, state: TrackerState): string | null {
  const below = headerBelow(state.grid.header, state.grid.rows);
  if (below)
    return ctx.t('adopt.headerBelow', {
      sheet: state.sheet.getName(),
      row: below.row,
      headers: below.names.join(', '),
    });
  const width = Math.max(state.grid.width, 1);
  const merged = state.sheet.getRange(1, 1, 1, width).getMergedRanges();
  if (merged.length > 0)
    return ctx.t('adopt.merged', {
      sheet: state.sheet.getName(),
      ranges: merged.map((range) => range.getA1Notation()).join(', '),
    });
  return null;
}

/** The wire's choices as the planner takes them; null when a column choice is not a meaning. */
function choicesFrom(wire: ChoicesWire): AdoptionChoices | null {
  const columns: Record<number, ColumnChoice> = {};
  for (const [index, target] of Object.entries(wire.columns)) {
    if (target !== 'keep' && !isStatusRole(target) && !(target in fieldByKey)) return null;
    columns[Number(index)] = target as ColumnChoice;
  }
  return {
    columns,
    stages: wire.stages,
    groups: wire.groups.filter((group): group is OptionalGroup => group in groupFields),
    owners: wire.owners ?? {},
  };
}

class Refusal extends Error {
  constructor(readonly result: RpcResult<never>) {
    super('refused');
  }
}

/** The sheet the dialog is about, still there and still not the tracker. */
function sheetToAdopt(ctx: CallContext, sheetId: number): Sheet {
  const sheet = ctx.spreadsheet.getSheets().find((s) => s.getSheetId() === sheetId);
  if (!sheet) throw new Refusal(fail('NOT_FOUND', ctx.t('adopt.gone')));
  const recorded = documentProperties()?.getProperty(propertyKeys.trackerSheetId);
  if (recorded === String(sheetId)) throw new Refusal(fail('RULE', ctx.t('adopt.notAdopting')));
  return sheet;
}

type Handlers = {
  [M in AdoptMethod]: (
    ctx: CallContext,
    request: { sheetId: number; choices: AdoptionChoices; fingerprint?: string },
  ) => AdoptResponse<M>;
};

const handlers: Handlers = {
  preview(ctx, request) {
    const state = readState(ctx, sheetToAdopt(ctx, request.sheetId), { team: true });
    return adoptionView(ctx, state, planFor(state, ctx.language, request.choices), request.choices);
  },

  apply(ctx, request) {
    const locked = withDocumentLock(10_000, () => {
      const sheet = sheetToAdopt(ctx, request.sheetId);
      const state = readState(ctx, sheet, { team: true });
      const plan = planFor(state, ctx.language, request.choices);
      if (plan.fingerprint !== request.fingerprint) {
        return {
          status: 'changed' as const,
          message: ctx.t('adopt.changed'),
          view: adoptionView(ctx, state, plan, request.choices),
        };
      }
      // The state and plan just checked are the ones applied: the sheet is not read twice.
      const progress = progressFor(ctx, state.grid.rows.length, ctx.t('setup.title'));
      progress(ctx.t('progress.reading', { rows: state.grid.rows.length }));
      const applied = applyPlan(ctx, state, plan, progress);
      const message = doneMessage(ctx, sheet, plan, applied);
      ctx.spreadsheet.toast(message, ctx.t('setup.title'), 10);
      return {
        status: 'applied' as const,
        message,
        added: applied.addedColumns,
        problemRows: rowsWithProblems(plan.issues),
      };
    });
    if (!locked.ok) throw new Refusal(fail('BUSY', ctx.t('busy')));
    return locked.value;
  },
};

/** The dialog's one server function: `google.script.run.adoptRpc(method, payload)`. Never throws. */
export function serveAdoption(method: unknown, payload: unknown): RpcResult<unknown> {
  if (!isAdoptMethod(method)) return fail('BAD_REQUEST', `Unknown call "${String(method)}".`);
  const parsed = adoptMethods[method].request.safeParse(payload ?? {});
  if (!parsed.success) return fail('BAD_REQUEST', describeIssues(parsed.error.issues));
  const choices = choicesFrom(parsed.data.choices);
  if (!choices)
    return fail('BAD_REQUEST', 'choices: a column can only mean a field, a status or keep.');
  try {
    const ctx = activeContext();
    const { fingerprint } = parsed.data as { fingerprint?: string };
    const request = {
      sheetId: parsed.data.sheetId,
      choices,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    };
    return ok(handlers[method](ctx, request));
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    console.error(
      `adoptRpc ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return fail('INTERNAL', 'Something went wrong on the server; nothing was changed. Try again.');
  }
}

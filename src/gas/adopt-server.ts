// The adoption dialog: shows the plan for a sheet, previews the team's changes, applies them on Apply.

import { type AdoptionChoices, rowsWithProblems, type TrackerPlan } from '../domain/adoption';
import { groupFields, type OptionalGroup } from '../domain/column-groups';
import { type ColumnChoice, headerFor } from '../domain/columns';
import { fieldByKey, fieldKeys } from '../domain/fields';
import { isStatusRole } from '../domain/header-match';
import { statusRoles } from '../domain/header-words';
import { problemReason } from '../domain/problems';
import { newStageProbability } from '../domain/stage-mapping';
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

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How many problems the dialog lists (the count says how many there are in all). */
const problemSample = 20;

/** The plan as the dialog shows it, every text in the file's language. */
export function adoptionView(
  ctx: CallContext,
  state: TrackerState,
  plan: TrackerPlan,
): AdoptionView {
  const language = ctx.language;
  return {
    language,
    sheetId: state.sheet.getSheetId(),
    sheet: state.sheet.getName(),
    rows: plan.dataRows,
    missingIds: plan.missingIds,
    columns: plan.views.map((view) => ({ ...view, target: String(view.target) })),
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
    stages: plan.stages.map(({ probabilities, ...stage }) => ({
      ...stage,
      newProbability:
        stage.proposal.kind === 'new'
          ? stage.proposal.probability
          : newStageProbability(probabilities),
    })),
    stageNames: state.settings.stages.map((stage) => stage.name),
    outcomesFrom: plan.outcomesFrom,
    stageColumn: plan.stageColumn,
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
  const state = readState(ctx, sheet);
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
    const state = readState(ctx, sheetToAdopt(ctx, request.sheetId));
    return adoptionView(ctx, state, planFor(state, ctx.language, request.choices));
  },

  apply(ctx, request) {
    const locked = withDocumentLock(10_000, () => {
      const sheet = sheetToAdopt(ctx, request.sheetId);
      const state = readState(ctx, sheet);
      const plan = planFor(state, ctx.language, request.choices);
      if (plan.fingerprint !== request.fingerprint) {
        return {
          status: 'changed' as const,
          message: ctx.t('adopt.changed'),
          view: adoptionView(ctx, state, plan),
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

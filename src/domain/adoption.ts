// Plans set up, adoption and repair of a sheet: what each column means, where each deal stands, what to write.

import { addedHeaderSuffix, dailyFields, groupFields, type OptionalGroup } from './column-groups';
import {
  type ColumnChoice,
  type ColumnChoices,
  type ColumnMap,
  headerFor,
  headerText,
  isTechnicalHeader,
  mapColumns,
  normalizeHeader,
} from './columns';
import { isLocalDate, type LocalDate } from './dates';
import { type FieldKey, fieldKeys } from './fields';
import type { StatusRole } from './header-words';
import type { Language } from './i18n';
import { allocateIds } from './ids';
import { type Cell, cellDate, type DataIssue, type Settings } from './model';
import {
  canonicalLostReason,
  canonicalStage,
  cellToText,
  parseDateCell,
  parsePercentCell,
  parseRows,
} from './parse-row';
import {
  defaultNewStageProbability,
  type Outcome,
  outcomeOfName,
  proposeStage,
  rowOutcome,
  type StageStats,
  type StageTarget,
  stageOfKind,
  withNewStages,
} from './stage-mapping';

/** What a team decided in the adoption dialog. Anything left out keeps the proposal. */
export interface AdoptionChoices {
  /** By 0-based column: a field, a status column, or 'keep'. */
  columns?: Readonly<Record<number, ColumnChoice>>;
  /** By stage value as the sheet has it. */
  stages?: Readonly<Record<string, StageTarget>>;
  /** Optional column groups to add. */
  groups?: readonly OptionalGroup[];
}

export interface TrackerInput {
  header: readonly Cell[];
  /** Data rows below the header; rows[i] is sheet row i + 2. */
  rows: readonly (readonly Cell[])[];
  settings: Settings;
  language: Language;
  /** The team's confirmed reading of the header, as stored at adoption. */
  stored?: ColumnChoices;
  choices?: AdoptionChoices;
  /** The ID counter from document properties. */
  nextId: number;
  /** An empty sheet becomes a whole tracker: every column. */
  newSheet?: boolean;
  /**
   * Adopting through the dialog, where the team sees and confirms new stages and lost reasons.
   * Otherwise (set up again, Check & repair) Settings never change: an unknown stage or lost
   * reason stays as it is and is reported as a problem.
   */
  adopting?: boolean;
}

/** One original column and what it will mean. */
export interface ColumnView {
  index: number;
  header: string;
  /** What the add-on will read it as ('keep': left as it is). */
  target: ColumnChoice;
  /** A few values from the column, so a person can tell what it holds. */
  samples: string[];
}

export interface StageView extends StageStats {
  proposal: StageTarget;
  target: StageTarget;
}

/** Cells to write in one column: [index in rows, value]. */
export interface ColumnFill {
  field: FieldKey;
  column: number;
  cells: Array<[number, string | number]>;
}

export interface TrackerPlan {
  /** The columns before anything is added, and after. */
  before: ColumnMap;
  after: ColumnMap;
  views: ColumnView[];
  stages: StageView[];
  /** Where deals' outcomes come from. */
  outcomesFrom: 'status' | 'flags' | 'names' | 'none';
  /** How the tracker's stage column comes to be. */
  stageColumn: 'existing' | 'added' | 'translated';
  add: Array<{ field: FieldKey; header: string }>;
  /** Optional groups with the columns they would add (none when the sheet has them all). */
  groups: Array<{ group: OptionalGroup; fields: FieldKey[]; ticked: boolean }>;
  settings: Settings;
  settingsChanged: boolean;
  newStages: string[];
  newLostReasons: string[];
  fills: ColumnFill[];
  nextId: number;
  dataRows: number;
  missingIds: number;
  /** The data rows as they will be once the plan is written (new columns included). */
  rows: Cell[][];
  /** Problems in the rows as they will be once the plan is written: what Check & repair reports. */
  issues: DataIssue[];
  duplicateIds: string[];
  /** The reading of the header to remember (only what matching alone would not give). */
  stored: ColumnChoices;
  /** Changes when the sheet changes in a way the team should look at again. */
  fingerprint: string;
}

/** Rows with anything in them: blank rows between deals get no ID and no stage. */
export function dataRowIndexes(rows: readonly (readonly Cell[])[]): number[] {
  const indexes: number[] = [];
  rows.forEach((row, index) => {
    if (row.some((cell) => cellToText(cell).trim() !== '')) indexes.push(index);
  });
  return indexes;
}

const cellAt = (rows: readonly (readonly Cell[])[], row: number, column: number | undefined) =>
  column === undefined ? '' : (rows[row]?.[column] ?? '');

/** A column whose values are all outcomes (open / won / lost) is a status; else it names stages. */
function holdsOnlyOutcomes(rows: readonly (readonly Cell[])[], data: number[], column: number) {
  let any = false;
  for (const index of data) {
    const text = cellToText(cellAt(rows, index, column)).trim();
    if (text === '') continue;
    any = true;
    if (outcomeOfName(text) === null) return false;
  }
  return any;
}

/** The header row's reading, with a status column that really names stages read as the stage. */
function readHeader(input: TrackerInput, data: number[]): ColumnMap {
  const byIndex = input.choices?.columns ?? {};
  let columns = mapColumns(input.header, undefined, {
    choices: input.stored ?? {},
    byIndex,
  });
  const status = columns.roles?.status;
  if (
    status !== undefined &&
    columns.byField.stage === undefined &&
    byIndex[status] === undefined &&
    !holdsOnlyOutcomes(input.rows, data, status)
  ) {
    columns = mapColumns(input.header, undefined, {
      choices: input.stored ?? {},
      byIndex: { ...byIndex, [status]: 'stage' },
    });
  }
  return columns;
}

function samplesOf(rows: readonly (readonly Cell[])[], data: number[], column: number): string[] {
  const samples: string[] = [];
  for (const index of data) {
    const text = cellToText(cellAt(rows, index, column)).trim();
    if (text !== '' && !samples.includes(text)) samples.push(text.slice(0, 40));
    if (samples.length === 3) break;
  }
  return samples;
}

function targetOf(columns: ColumnMap, index: number): ColumnChoice {
  for (const [field, column] of Object.entries(columns.byField)) {
    if (column === index) return field as FieldKey;
  }
  for (const [role, column] of Object.entries(columns.roles ?? {})) {
    if (column === index) return role as StatusRole;
  }
  return 'keep';
}

function stageName(target: StageTarget, value: string, settings: Settings): string {
  switch (target.kind) {
    case 'existing':
      return target.stage;
    case 'new':
      return value;
    case 'won':
    case 'lost':
      return stageOfKind(settings, target.kind);
  }
}

/** A tiny stable hash (djb2) of text, as a short string. */
function hashOf(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i += 1) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

/**
 * The plan for a sheet: read its header (stored and chosen readings first), find each deal's
 * outcome and stage, and list what to write. Nothing here writes, and no fill touches a cell
 * with a value: fills go into new columns, or into empty ID, probability and closed-on cells.
 */
export function planTracker(input: TrackerInput): TrackerPlan {
  const { rows, language } = input;
  const data = dataRowIndexes(rows);
  const before = readHeader(input, data);
  const headers = before.headers;
  const stageColumn = before.byField.stage;
  const roles = before.roles ?? {};
  const probabilityColumn = before.byField.probability;
  const lostReasonColumn = before.byField.lostReason;

  // Outcomes and stages as the sheet states them.
  const outcomes = new Map<number, Outcome | null>();
  const stats = new Map<string, StageStats>();
  for (const index of data) {
    const stage = cellToText(cellAt(rows, index, stageColumn)).trim();
    const probability = parsePercentCell(cellAt(rows, index, probabilityColumn)) ?? null;
    const outcome = rowOutcome({
      stage,
      ...(roles.status === undefined
        ? {}
        : { status: cellToText(cellAt(rows, index, roles.status)) }),
      ...(roles.closedFlag === undefined ? {} : { closed: cellAt(rows, index, roles.closedFlag) }),
      ...(roles.wonFlag === undefined ? {} : { won: cellAt(rows, index, roles.wonFlag) }),
      probability,
      lostReason: cellToText(cellAt(rows, index, lostReasonColumn)),
    });
    outcomes.set(index, outcome);
    if (stage === '') continue;
    const entry = stats.get(stage) ?? {
      value: stage,
      rows: 0,
      won: 0,
      lost: 0,
      open: 0,
      probabilities: [],
    };
    entry.rows += 1;
    if (outcome === 'won') entry.won += 1;
    else if (outcome === 'lost') entry.lost += 1;
    else {
      entry.open += 1;
      if (probability !== null) entry.probabilities.push(probability);
    }
    stats.set(stage, entry);
  }
  const stages: StageView[] = [...stats.values()].map((entry) => {
    const proposed = proposeStage(entry, input.settings);
    // Outside adoption a stage the list does not know is not added: it stays, as a problem.
    const proposal: StageTarget =
      input.adopting || proposed.kind !== 'new' ? proposed : { kind: 'new', probability: 0 };
    return { ...entry, proposal, target: input.choices?.stages?.[entry.value] ?? proposal };
  });
  const targetOfValue = new Map(stages.map((stage) => [stage.value, stage.target]));

  // The settings the plan needs: new open stages, lost reasons the sheet uses.
  const newStages = stages
    .filter((stage) => input.adopting && stage.target.kind === 'new')
    .map((stage) => ({
      name: stage.value,
      probability: stage.target.kind === 'new' ? stage.target.probability : 0,
    }));
  let settings = withNewStages(input.settings, newStages);
  const newLostReasons: string[] = [];
  if (lostReasonColumn !== undefined && input.adopting) {
    for (const index of data) {
      const reason = cellToText(cellAt(rows, index, lostReasonColumn)).trim();
      if (reason === '' || canonicalLostReason(reason, settings) || newLostReasons.includes(reason))
        continue;
      if (newLostReasons.length < 30) newLostReasons.push(reason);
    }
    if (newLostReasons.length > 0) {
      settings = {
        ...settings,
        lostReasons: [
          ...settings.lostReasons.filter((reason) => reason.requiresNote === false),
          ...newLostReasons.map((name) => ({ name, requiresNote: false })),
          ...settings.lostReasons.filter((reason) => reason.requiresNote),
        ],
      };
    }
  }

  // Each deal's stage here.
  const first = settings.stages[0]?.name ?? '';
  const firstOpen = settings.stages.find((stage) => stage.kind === 'open')?.name ?? first;
  const targetStage = new Map<number, string>();
  for (const index of data) {
    const outcome = outcomes.get(index) ?? null;
    if (outcome === 'won' || outcome === 'lost') {
      targetStage.set(index, stageOfKind(settings, outcome));
      continue;
    }
    const value = cellToText(cellAt(rows, index, stageColumn)).trim();
    if (value === '') {
      targetStage.set(index, stageColumn === undefined ? first : '');
      continue;
    }
    const target = targetOfValue.get(value) ?? {
      kind: 'new',
      probability: defaultNewStageProbability,
    };
    const name = stageName(target, value, settings);
    const closed = target.kind === 'won' || target.kind === 'lost';
    targetStage.set(index, outcome === 'open' && closed ? firstOpen : name);
  }
  const translated =
    stageColumn !== undefined &&
    data.some((index) => {
      const cell = cellToText(cellAt(rows, index, stageColumn)).trim();
      const wanted = targetStage.get(index) ?? '';
      return (canonicalStage(cell, settings) ?? cell) !== wanted;
    });

  // Columns to add: the daily ones the sheet lacks, ticked groups, a stage column when needed.
  const wanted = new Set<FieldKey>(input.newSheet ? fieldKeys : dailyFields);
  const ticked = new Set(input.choices?.groups ?? []);
  for (const group of ticked) for (const field of groupFields[group]) wanted.add(field);
  const stored: Record<string, ColumnChoice> = { ...(input.stored ?? {}) };
  const taken = new Set(headers.map(normalizeHeader).filter(Boolean));
  const add: TrackerPlan['add'] = [];
  for (const field of fieldKeys) {
    const missing = before.byField[field] === undefined || (field === 'stage' && translated);
    if (!missing || !wanted.has(field)) continue;
    let header = headerFor(field, language);
    if (taken.has(normalizeHeader(header))) {
      header = `${header} (${addedHeaderSuffix[language]})`;
      stored[normalizeHeader(header)] = field;
    }
    taken.add(normalizeHeader(header));
    add.push({ field, header });
  }
  if (translated && stageColumn !== undefined) {
    stored[normalizeHeader(headers[stageColumn] ?? '')] = 'keep';
  }
  // What the team chose in the dialog is remembered by header, so the next reading agrees.
  for (const [index, choice] of Object.entries(input.choices?.columns ?? {})) {
    const key = normalizeHeader(headers[Number(index)] ?? '');
    if (key !== '') stored[key] = choice;
  }
  const after = mapColumns([...input.header, ...add.map((column) => column.header)], undefined, {
    choices: stored,
  });
  const groups = (Object.keys(groupFields) as OptionalGroup[])
    .map((group) => ({
      group,
      fields: groupFields[group].filter((field) => before.byField[field] === undefined),
      ticked: ticked.has(group) || Boolean(input.newSheet),
    }))
    .filter((group) => group.fields.length > 0);

  // What to write: missing IDs, the stage column, empty probabilities of open deals, won dates.
  const fills: ColumnFill[] = [];
  const idColumn = after.byField.id;
  let nextId = input.nextId;
  if (idColumn !== undefined) {
    const existing = data.map((index) => cellToText(cellAt(rows, index, idColumn)).trim());
    const missing = data.filter((_, i) => existing[i] === '');
    if (missing.length > 0) {
      const allocated = allocateIds(missing.length, existing, input.nextId);
      nextId = allocated.next;
      fills.push({
        field: 'id',
        column: idColumn,
        cells: missing.map((index, i) => [index, allocated.ids[i] ?? '']),
      });
    }
  }
  const finalStage = (index: number): string =>
    stageColumn === undefined || translated
      ? (targetStage.get(index) ?? '')
      : (canonicalStage(cellToText(cellAt(rows, index, stageColumn)).trim(), settings) ?? '');
  const newStageColumn = after.byField.stage;
  if (newStageColumn !== undefined && newStageColumn !== stageColumn) {
    const cells = data.flatMap((index): Array<[number, string]> => {
      const stage = targetStage.get(index) ?? '';
      return stage === '' ? [] : [[index, stage]];
    });
    if (cells.length > 0) fills.push({ field: 'stage', column: newStageColumn, cells });
  }
  const probabilityAfter = after.byField.probability;
  if (probabilityAfter !== undefined) {
    const cells: Array<[number, number]> = [];
    for (const index of data) {
      if (cellToText(cellAt(rows, index, probabilityColumn)).trim() !== '') continue;
      const stage = settings.stages.find((s) => s.name === finalStage(index));
      if (stage?.kind === 'open') cells.push([index, stage.probability]);
    }
    if (cells.length > 0) fills.push({ field: 'probability', column: probabilityAfter, cells });
  }
  const closedOnAfter = after.byField.closedOn;
  if (closedOnAfter !== undefined) {
    // A closed deal without the day it closed gets its close date: a CRM sets the close date to
    // the day a deal is won or lost (Salesforce and HubSpot document it), and metrics count
    // closed deals by that day. Only empty cells; a date someone wrote stays.
    const cells: Array<[number, string]> = [];
    for (const index of data) {
      if (cellToText(cellAt(rows, index, before.byField.closedOn)).trim() !== '') continue;
      const kind = settings.stages.find((s) => s.name === finalStage(index))?.kind;
      if (kind !== 'won' && kind !== 'lost') continue;
      const date = parseDateCell(cellAt(rows, index, before.byField.closeDate));
      if (date) cells.push([index, date]);
    }
    if (cells.length > 0) fills.push({ field: 'closedOn', column: closedOnAfter, cells });
  }

  // The rows as they will be, read the way Check & repair reads them.
  const width = after.headers.length;
  const written = rows.map((row) => {
    const copy = row.slice(0, width) as Cell[];
    while (copy.length < width) copy.push('');
    return copy;
  });
  for (const fill of fills) {
    for (const [index, value] of fill.cells) {
      const row = written[index];
      if (row) row[fill.column] = asCell(value, fill.field);
    }
  }
  const parsed = parseRows(written, after, settings, 2);
  const outcomesFrom: TrackerPlan['outcomesFrom'] =
    roles.status !== undefined
      ? 'status'
      : roles.closedFlag !== undefined || roles.wonFlag !== undefined
        ? 'flags'
        : stages.some((stage) => stage.proposal.kind === 'won' || stage.proposal.kind === 'lost')
          ? 'names'
          : 'none';
  const missingIds =
    before.byField.id === undefined
      ? data.length
      : data.filter((index) => cellToText(cellAt(rows, index, before.byField.id)).trim() === '')
          .length;
  const views: ColumnView[] = headers.flatMap((header, index) =>
    header === '' || isTechnicalHeader(header)
      ? []
      : [{ index, header, target: targetOf(before, index), samples: samplesOf(rows, data, index) }],
  );
  return {
    before,
    after,
    views,
    stages,
    outcomesFrom,
    stageColumn: stageColumn === undefined ? 'added' : translated ? 'translated' : 'existing',
    add,
    groups,
    settings,
    settingsChanged: newStages.length > 0 || newLostReasons.length > 0,
    newStages: newStages.map((stage) => stage.name),
    newLostReasons,
    fills,
    nextId,
    dataRows: data.length,
    missingIds,
    rows: written,
    issues: parsed.issues,
    duplicateIds: parsed.duplicateIds,
    stored: withoutAutomatic(stored, input, add),
    fingerprint: hashOf(
      JSON.stringify([headers, data.length, stages.map((stage) => [stage.value, stage.rows])]),
    ),
  };
}

/** Keeps only the remembered readings that matching alone would not give. */
function withoutAutomatic(
  stored: Record<string, ColumnChoice>,
  input: TrackerInput,
  add: TrackerPlan['add'],
): ColumnChoices {
  const header = [...input.header, ...add.map((column) => column.header)];
  const automatic = mapColumns(header);
  const kept: Record<string, ColumnChoice> = {};
  const seen = new Set<string>();
  header.forEach((cell, index) => {
    const key = normalizeHeader(headerText(cell));
    if (key === '' || seen.has(key) || stored[key] === undefined) return;
    seen.add(key);
    if (stored[key] !== targetOf(automatic, index)) kept[key] = stored[key];
  });
  // A remembered reading of a header not in the sheet now (renamed or deleted) is kept, so it
  // applies again if the column comes back.
  for (const [key, choice] of Object.entries(stored)) if (!seen.has(key)) kept[key] = choice;
  return kept;
}

function asCell(value: string | number, field: FieldKey): Cell {
  if ((field === 'closedOn' || field === 'stageEntered') && typeof value === 'string') {
    return isLocalDate(value) ? cellDate(value as LocalDate) : value;
  }
  return value;
}

/** Rows with at least one problem: the number the done message and Check & repair both give. */
export function rowsWithProblems(issues: readonly DataIssue[]): number {
  return new Set(issues.map((issue) => issue.row)).size;
}

// Plans set up, adoption and repair of a sheet: what each column means, where each deal stands, what to write.

import { addedHeaderSuffix, dailyFields, groupFields, type OptionalGroup } from './column-groups';
import { type Because, type ColumnMeaning, inferMeanings } from './column-meaning';
import { dayOfCell } from './column-profile';
import {
  type ColumnChoice,
  type ColumnChoices,
  type ColumnMap,
  closesByLostReasonKey,
  headerFor,
  headerText,
  isTechnicalHeader,
  mapColumns,
  normalizeHeader,
} from './columns';
import { fromDayNumber, isLocalDate, type LocalDate } from './dates';
import { type FieldKey, fieldKeys } from './fields';
import { conceptsOf } from './header-match';
import type { StatusRole } from './header-words';
import type { Language } from './i18n';
import { allocateIds } from './ids';
import {
  type Cell,
  cellDate,
  type DataIssue,
  type Settings,
  type StageKind,
  type Team,
  type TeamMember,
} from './model';
import { type Outcome, outcomeOfName } from './outcome-words';
import {
  canonicalLostReason,
  canonicalStage,
  cellToText,
  closedOutcome,
  isEmail,
  outcomeOfSignals,
  parseDateCell,
  parsePercentCell,
  parseRows,
  signalsOf,
} from './parse-row';
import { peopleOf } from './people';
import {
  inferPipeline,
  type KindBecause,
  type OrderBecause,
  type PipelineStage,
  rowOutcome,
  type StageStats,
  type StageTarget,
  stageOfKind,
  withTeamStages,
} from './stage-mapping';

/** What a team decided in the adoption dialog. Anything left out keeps the proposal. */
export interface AdoptionChoices {
  /** By 0-based column: a field, a status column, or 'keep'. */
  columns?: Readonly<Record<number, ColumnChoice>>;
  /** By stage value as the sheet has it. */
  stages?: Readonly<Record<string, StageTarget>>;
  /** Optional column groups to add. */
  groups?: readonly OptionalGroup[];
  /** By owner name as the sheet has it: that person's e-mail ('' for none yet). */
  owners?: Readonly<Record<string, string>>;
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
  /** Today in the spreadsheet's time zone: how dates relate, the adoption day. */
  today?: LocalDate;
  /** The Team tab as it is, for owners' e-mails. */
  team?: Team;
}

/** One original column and what it will mean. */
export interface ColumnView {
  index: number;
  header: string;
  /** What the add-on will read it as ('keep': left as it is). */
  target: ColumnChoice;
  /** A few values from the column, so a person can tell what it holds. */
  samples: string[];
  /** Why it means that (adoption only): its header words, its values, how its dates relate. */
  because?: Because;
  /** What adoption read it as before the team's choices (adoption only). */
  proposed?: ColumnChoice;
}

/** A stage value of the sheet: its rows, what it becomes and why. */
export interface StageView {
  value: string;
  rows: number;
  won: number;
  lost: number;
  open: number;
  /** What the add-on proposes and why. */
  kind: StageKind;
  kindBecause: KindBecause;
  probability: number;
  probabilityFrom: PipelineStage['probabilityFrom'];
  /** What the team chose, else the proposal ({ kind }). */
  target: StageTarget;
}

/** An owner named in the sheet, with the e-mail the Team tab will give that name. */
export interface OwnerView {
  name: string;
  deals: number;
  email: string;
  /** Where the e-mail comes from: the cell itself, the Team tab, an e-mail column, the team's answer. */
  emailFrom: 'cell' | 'team' | 'column' | 'chosen' | 'none';
}

/** Where "In stage since" comes from for deals that have none. */
export interface StageSince {
  from: 'column' | 'modified' | 'today' | 'none';
  /** The column it is read or filled from. */
  header?: string;
  /** Open deals given a date. */
  deals: number;
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
  /** How the tracker's stage column comes to be: the team's own, or added (the sheet had none). */
  stageColumn: 'existing' | 'added';
  /** What put the team's open stages in their order. */
  orderBecause: OrderBecause | null;
  owners: OwnerView[];
  /** Team tab rows to add on Apply: owners with an e-mail the tab does not have yet. */
  team: TeamMember[];
  stageSince: StageSince;
  add: Array<{ field: FieldKey; header: string }>;
  /** Optional groups with the columns they would add (none when the sheet has them all). */
  groups: Array<{ group: OptionalGroup; fields: FieldKey[]; ticked: boolean }>;
  settings: Settings;
  settingsChanged: boolean;
  /** The stages Settings will have, when adoption changes them. */
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

/** The meaning of each column: the team's choice, its stored reading, else what adoption infers. */
function readHeader(input: TrackerInput, inferred: ColumnMeaning[] | null): ColumnMap {
  const user = input.choices?.columns ?? {};
  const stored = input.stored ?? {};
  const chosen = new Set<ColumnChoice>(Object.values(user).filter((target) => target !== 'keep'));
  const byIndex: Record<number, ColumnChoice> = {};
  input.header.forEach((cell, index) => {
    const mine = user[index];
    if (mine !== undefined) {
      byIndex[index] = mine;
      return;
    }
    const key = normalizeHeader(headerText(cell));
    if (key !== '' && stored[key] !== undefined) return;
    const meaning = inferred?.[index];
    // A meaning the team gave another column in the dialog is no longer this one's.
    if (meaning) byIndex[index] = chosen.has(meaning.target) ? 'keep' : meaning.target;
  });
  return mapColumns(input.header, undefined, { choices: stored, byIndex });
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

/** A tiny stable hash (djb2) of text, as a short string. */
function hashOf(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i += 1) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

/** Each owner named in the owner column, with an e-mail from the cell, the Team tab or an e-mail column. */
function ownersOf(
  input: TrackerInput,
  data: number[],
  columns: ColumnMap,
  choices: Readonly<Record<string, string>>,
): OwnerView[] {
  const { rows } = input;
  const column = columns.byField.owner;
  if (column === undefined) return [];
  // An e-mail column about the owner ("Owner email", "Correo del vendedor") pairs names and e-mails.
  const paired = input.header.findIndex((cell, index) => {
    if (index === column) return false;
    const concepts = conceptsOf(headerText(cell));
    if (!concepts.has('email') || !(concepts.has('owner') || concepts.has('sales'))) return false;
    return data.some((row) => isEmail(cellToText(cellAt(rows, row, index)).trim()));
  });
  const owners = new Map<string, { deals: number; emails: Map<string, number> }>();
  for (const row of data) {
    const name = cellToText(cellAt(rows, row, column)).trim();
    if (name === '') continue;
    const entry = owners.get(name) ?? { deals: 0, emails: new Map<string, number>() };
    entry.deals += 1;
    const email =
      paired < 0
        ? ''
        : cellToText(cellAt(rows, row, paired))
            .trim()
            .toLowerCase();
    if (isEmail(email)) entry.emails.set(email, (entry.emails.get(email) ?? 0) + 1);
    owners.set(name, entry);
  }
  const view = (name: string, deals: number, email: string, emailFrom: OwnerView['emailFrom']) => ({
    name,
    deals,
    email,
    emailFrom,
  });
  // Who a name is, by the rule every feature uses (people.ts): case, accents and word order aside.
  const people = peopleOf(input.team ?? []);
  return [...owners]
    .map(([name, entry]): OwnerView => {
      const said = choices[name];
      if (said !== undefined) {
        const email = said.trim().toLowerCase();
        return view(name, entry.deals, email, email === '' ? 'none' : 'chosen');
      }
      if (isEmail(name)) return view(name, entry.deals, name.toLowerCase(), 'cell');
      const person = people.resolve(name);
      if (person.email !== '') return view(name, entry.deals, person.email, 'team');
      const best = [...entry.emails].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (best) return view(name, entry.deals, best, 'column');
      return view(name, entry.deals, '', 'none');
    })
    .sort((a, b) => b.deals - a.deals || a.name.localeCompare(b.name));
}

/** A kept column that says when the row last changed ("Last modified", "Date Updated"), with dates. */
function modifiedColumn(
  input: TrackerInput,
  data: number[],
  columns: ColumnMap,
): number | undefined {
  const mapped = new Set(Object.values(columns.byField));
  const index = input.header.findIndex((cell, column) => {
    if (mapped.has(column)) return false;
    const concepts = conceptsOf(headerText(cell));
    if (!concepts.has('modified') || concepts.has('stage') || concepts.has('created')) return false;
    const dated = data.filter((row) => dayOfCell(cellAt(input.rows, row, column), false) !== null);
    return data.length > 0 && dated.length >= data.length / 2;
  });
  return index < 0 ? undefined : index;
}

/** "Won time", "Fecha de pérdida": a closed-on column about one outcome only. */
function outcomeOfHeader(header: string): 'won' | 'lost' | null {
  const concepts = conceptsOf(header);
  if (concepts.has('won') && !concepts.has('lost')) return 'won';
  if (concepts.has('lost') && !concepts.has('won')) return 'lost';
  return null;
}

/** What the status column calls Won and Lost ("won", "Ganado"): its most frequent such words. */
function statusWords(
  rows: readonly (readonly Cell[])[],
  data: number[],
  column: number | undefined,
): Partial<Record<'won' | 'lost', string>> {
  const names: Partial<Record<'won' | 'lost', string>> = {};
  if (column === undefined) return names;
  for (const kind of ['won', 'lost'] as const) {
    const counts = new Map<string, number>();
    for (const index of data) {
      const text = cellToText(cellAt(rows, index, column)).trim();
      if (outcomeOfName(text) === kind) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    const word = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (word) names[kind] = word;
  }
  return names;
}

/**
 * The plan for a sheet: read its header (the team's choices and stored reading first, then what
 * its words and values say), find each deal's outcome and the team's pipeline, and list what to
 * write. Nothing here writes, and no fill touches a cell with a value unless the team asked
 * (folding one of its stages into another rewrites those cells): fills go into new columns, or
 * into empty ID, probability, closed-on and in-stage-since cells.
 */
export function planTracker(input: TrackerInput): TrackerPlan {
  const { rows, language } = input;
  const today = input.today ?? ('1970-01-01' as LocalDate);
  const dayFirst = language === 'es';
  const data = dataRowIndexes(rows);
  const inferred =
    input.adopting && !input.newSheet
      ? inferMeanings({
          header: input.header.map((cell) => headerText(cell)),
          rows: data.map((index) => rows[index] ?? []),
          today,
          dayFirst,
        })
      : null;
  const before = readHeader(input, inferred);
  const headers = before.headers;
  const stageColumn = before.byField.stage;
  const roles = before.roles ?? {};
  const probabilityColumn = before.byField.probability;
  const lostReasonColumn = before.byField.lostReason;
  const todayNumber = dayOfCell(cellDate(today), false) ?? 0;

  // Outcomes and stages as the sheet states them.
  const outcomes = new Map<number, Outcome | null>();
  const stats = new Map<string, StageStats>();
  for (const index of data) {
    const stage = cellToText(cellAt(rows, index, stageColumn)).trim();
    const probability = parsePercentCell(cellAt(rows, index, probabilityColumn)) ?? null;
    const outcome = rowOutcome({
      stage,
      ...signalsOf(rows[index] ?? [], before),
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
      allProbabilities: [],
      ages: [],
    };
    entry.rows += 1;
    if (probability !== null) entry.allProbabilities.push(probability);
    if (outcome === 'won') entry.won += 1;
    else if (outcome === 'lost') entry.lost += 1;
    else {
      entry.open += 1;
      if (probability !== null) entry.probabilities.push(probability);
      const created = dayOfCell(cellAt(rows, index, before.byField.created), dayFirst);
      if (created !== null) entry.ages.push(todayNumber - created);
    }
    stats.set(stage, entry);
  }

  // The team's pipeline: its stage names as they are, in order, each with a probability.
  const stageChoices = new Map(Object.entries(input.choices?.stages ?? {}));
  const pipeline =
    input.adopting && stageColumn !== undefined
      ? inferPipeline([...stats.values()], input.settings)
      : null;
  let settings = pipeline
    ? withTeamStages(
        input.settings,
        pipeline,
        stageChoices,
        language,
        statusWords(rows, data, roles.status),
      )
    : input.settings;
  const stages: StageView[] = (pipeline?.stages ?? []).map((stage) => {
    const entry = stats.get(stage.value);
    return {
      value: stage.value,
      rows: entry?.rows ?? 0,
      won: entry?.won ?? 0,
      lost: entry?.lost ?? 0,
      open: entry?.open ?? 0,
      kind: stage.kind,
      kindBecause: stage.kindBecause,
      probability: stage.probability,
      probabilityFrom: stage.probabilityFrom,
      target: stageChoices.get(stage.value) ?? { kind: stage.kind },
    };
  });
  const stagesChanged = settings !== input.settings;

  // Lost reasons the sheet uses become lost reasons of Settings (adoption only).
  const newLostReasons: string[] = [];
  if (lostReasonColumn !== undefined && input.adopting) {
    for (const index of data) {
      if (outcomes.get(index) === 'open') continue;
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

  // Each deal's stage here: its stage cell, unless its status or flags say it closed (Pipedrive
  // keeps a won deal's last stage); a sheet with no stage column gets one.
  const first = settings.stages[0]?.name ?? '';
  const folded = new Map<string, string>();
  for (const [value, target] of stageChoices)
    if (target.kind === 'fold' && canonicalStage(target.into, settings))
      folded.set(value, target.into);
  const stageText = (index: number) => cellToText(cellAt(rows, index, stageColumn)).trim();
  const kindOf = (name: string): StageKind | undefined =>
    settings.stages.find((stage) => stage.name === canonicalStage(name, settings))?.kind;
  // A sheet that leaves lost deals in the stage they reached, with a lost reason at 0 % (Odoo):
  // found at adoption and remembered, so every reader reads those rows as Lost.
  const probabilityOf = (index: number) =>
    parsePercentCell(cellAt(rows, index, probabilityColumn)) ?? null;
  const reasonOf = (index: number) => cellToText(cellAt(rows, index, lostReasonColumn)).trim();
  const closesByLostReason =
    before.closesByLostReason === true ||
    (input.adopting === true &&
      lostReasonColumn !== undefined &&
      stageColumn !== undefined &&
      data.some(
        (index) =>
          probabilityOf(index) === 0 &&
          reasonOf(index) !== '' &&
          outcomeOfSignals(signalsOf(rows[index] ?? [], before)) === null &&
          kindOf(stageText(index)) === 'open',
      ));
  const reading: ColumnMap = { ...before, closesByLostReason };
  const finalStage = (index: number): string => {
    const outcome = outcomes.get(index) ?? null;
    if (stageColumn === undefined) {
      if (outcome === 'won' || outcome === 'lost') return stageOfKind(settings, outcome);
      return first;
    }
    const value = stageText(index);
    const name = canonicalStage(folded.get(value) ?? value, settings) ?? '';
    // As every reader will read it (parseRow): the status, flags or lost reason over the stage.
    const closed = closedOutcome(rows[index] ?? [], reading, probabilityOf(index), reasonOf(index));
    if ((closed === 'won' || closed === 'lost') && kindOf(name) !== closed)
      return stageOfKind(settings, closed);
    return name;
  };
  const finalKind = (index: number) => kindOf(finalStage(index));

  // Columns to add: the daily ones the sheet lacks, ticked groups, a stage column when it has none.
  const wanted = new Set<FieldKey>(input.newSheet ? fieldKeys : dailyFields);
  const ticked = new Set(input.choices?.groups ?? []);
  for (const group of ticked) for (const field of groupFields[group]) wanted.add(field);
  const stored: Record<string, ColumnChoice> = { ...(input.stored ?? {}) };
  const taken = new Set(headers.map(normalizeHeader).filter(Boolean));
  const add: TrackerPlan['add'] = [];
  for (const field of fieldKeys) {
    if (before.byField[field] !== undefined || !wanted.has(field)) continue;
    let header = headerFor(field, language);
    if (taken.has(normalizeHeader(header))) {
      header = `${header} (${addedHeaderSuffix[language]})`;
      stored[normalizeHeader(header)] = field;
    }
    taken.add(normalizeHeader(header));
    add.push({ field, header });
  }
  // What the dialog decided (inferred or chosen) is remembered by header, so every later reading
  // of the sheet, by any execution, agrees with it.
  if (input.adopting) {
    headers.forEach((header, index) => {
      const key = normalizeHeader(header);
      if (key === '' || isTechnicalHeader(header) || stored[key] !== undefined) return;
      stored[key] = targetOf(before, index);
    });
  }
  for (const [index, choice] of Object.entries(input.choices?.columns ?? {})) {
    const key = normalizeHeader(headers[Number(index)] ?? '');
    if (key !== '') stored[key] = choice;
  }
  if (closesByLostReason) stored[closesByLostReasonKey] = 'lostReason';
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

  // What to write.
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
  const newStageColumn = after.byField.stage;
  if (newStageColumn !== undefined && newStageColumn !== stageColumn) {
    const cells = data.flatMap((index): Array<[number, string]> => {
      const stage = finalStage(index);
      return stage === '' ? [] : [[index, stage]];
    });
    if (cells.length > 0) fills.push({ field: 'stage', column: newStageColumn, cells });
  } else if (stageColumn !== undefined && folded.size > 0) {
    // The team folded some of its stages into others: those cells get the stage they chose.
    const cells = data.flatMap((index): Array<[number, string]> => {
      const into = folded.get(stageText(index));
      return into === undefined ? [] : [[index, into]];
    });
    if (cells.length > 0) fills.push({ field: 'stage', column: stageColumn, cells });
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
  const closedOnFor = outcomeOfHeader(headers[before.byField.closedOn ?? -1] ?? '');
  if (closedOnAfter !== undefined) {
    // A closed deal without the day it closed gets its close date: a CRM sets the close date to
    // the day a deal is won or lost (Salesforce and HubSpot document it), and metrics count
    // closed deals by that day. Only empty cells, and in a "Won time" column only won deals'.
    const cells: Array<[number, string]> = [];
    for (const index of data) {
      if (cellToText(cellAt(rows, index, before.byField.closedOn)).trim() !== '') continue;
      const kind = finalKind(index);
      if (kind !== 'won' && kind !== 'lost') continue;
      if (closedOnFor !== null && closedOnFor !== kind) continue;
      const date = parseDateCell(cellAt(rows, index, before.byField.closeDate));
      if (date) cells.push([index, date]);
    }
    if (cells.length > 0) fills.push({ field: 'closedOn', column: closedOnAfter, cells });
  }
  // "In stage since" for open deals that have none: the row's last change when the sheet keeps
  // it, else the adoption day, so no deal looks stale on the day it is adopted.
  const stageSince: StageSince = { from: 'none', deals: 0 };
  const enteredAfter = after.byField.stageEntered;
  if (input.adopting && enteredAfter !== undefined && data.length > 0) {
    const modified = modifiedColumn(input, data, before);
    const cells: Array<[number, string]> = [];
    const closedCells: Array<[number, string]> = [];
    for (const index of data) {
      if (cellToText(cellAt(rows, index, before.byField.stageEntered)).trim() !== '') continue;
      const kind = finalKind(index);
      if (kind === 'won' || kind === 'lost') {
        // A closed deal whose closing day has no column to go in (a "Date lost" column holds only
        // lost deals'): it entered its won or lost stage on its close date.
        if (closedOnFor === null || closedOnFor === kind) continue;
        const date = parseDateCell(cellAt(rows, index, before.byField.closeDate));
        if (date) closedCells.push([index, date]);
        continue;
      }
      if (kind !== 'open') continue;
      const day =
        modified === undefined ? null : dayOfCell(cellAt(rows, index, modified), dayFirst);
      cells.push([index, day !== null && day <= todayNumber ? fromDayNumber(day) : today]);
    }
    if (before.byField.stageEntered !== undefined) {
      stageSince.from = 'column';
      stageSince.header = headers[before.byField.stageEntered] ?? '';
    } else if (modified !== undefined) {
      stageSince.from = 'modified';
      stageSince.header = headers[modified] ?? '';
    } else stageSince.from = 'today';
    stageSince.deals = cells.length;
    const all = [...cells, ...closedCells].sort((x, y) => x[0] - y[0]);
    if (all.length > 0) fills.push({ field: 'stageEntered', column: enteredAfter, cells: all });
  }

  // Owners: each name once, with the e-mail the Team tab gets for it on Apply.
  const owners = ownersOf(input, data, before, input.choices?.owners ?? {});
  const known = new Set((input.team ?? []).map((member) => member.email));
  const team: TeamMember[] = [];
  for (const owner of owners) {
    if (!isEmail(owner.email) || known.has(owner.email) || owner.emailFrom === 'cell') continue;
    known.add(owner.email);
    team.push({ email: owner.email, name: owner.name, managerEmail: '' });
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
  const issues = parsed.issues;
  const outcomesFrom: TrackerPlan['outcomesFrom'] =
    roles.status !== undefined
      ? 'status'
      : roles.closedFlag !== undefined || roles.wonFlag !== undefined
        ? 'flags'
        : stages.some((stage) => stage.kind !== 'open')
          ? 'names'
          : 'none';
  const missingIds =
    before.byField.id === undefined
      ? data.length
      : data.filter((index) => cellToText(cellAt(rows, index, before.byField.id)).trim() === '')
          .length;
  const views: ColumnView[] = headers.flatMap((header, index) => {
    if (header === '' || isTechnicalHeader(header)) return [];
    const meaning = inferred?.[index];
    return [
      {
        index,
        header,
        target: targetOf(before, index),
        samples: samplesOf(rows, data, index),
        ...(meaning ? { because: meaning.because, proposed: meaning.target } : {}),
      },
    ];
  });
  return {
    before,
    after,
    views,
    stages,
    outcomesFrom,
    stageColumn: stageColumn === undefined ? 'added' : 'existing',
    orderBecause: pipeline?.orderBecause ?? null,
    owners,
    team,
    stageSince,
    add,
    groups,
    settings,
    settingsChanged: settings !== input.settings,
    newStages: stagesChanged ? settings.stages.map((stage) => stage.name) : [],
    newLostReasons,
    fills,
    nextId,
    dataRows: data.length,
    missingIds,
    rows: written,
    issues,
    duplicateIds: parsed.duplicateIds,
    stored: withoutAutomatic(stored, input, add),
    fingerprint: hashOf(
      JSON.stringify([
        headers,
        data.length,
        [...stats.values()].map((stage) => [stage.value, stage.rows]),
      ]),
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

/**
 * A sheet whose column names are not in row 1: row 1 holds a title or nothing much, and one of
 * the next rows holds a full row of names with rows of data below. The row (1-based) and its
 * first names, or null when row 1 is the header (or no row looks like one).
 */
export function headerBelow(
  header: readonly Cell[],
  rows: readonly (readonly Cell[])[],
): { row: number; names: string[] } | null {
  const top = rows.slice(0, 10);
  const width = Math.max(
    header.length,
    ...top.map((row) => row.filter((cell) => cellToText(cell).trim() !== '').length),
  );
  if (width < 3) return null;
  const names = (row: readonly Cell[]) =>
    row.map((cell) => cellToText(cell).trim()).filter((text) => text !== '');
  const headerLike = (row: readonly Cell[] | undefined) => {
    if (!row) return false;
    const texts = names(row);
    if (texts.length < Math.max(3, Math.ceil(width * 0.6))) return false;
    if (new Set(texts.map(normalizeHeader)).size < texts.length * 0.8) return false;
    return row.every((cell) => {
      if (typeof cell === 'number' || typeof cell === 'boolean') return false;
      const text = cellToText(cell).trim();
      return (
        text === '' ||
        (text.length <= 60 && dayOfCell(cell, true) === null && !/^[\d\s.,%€$£-]+$/.test(text))
      );
    });
  };
  if (headerLike(header)) return null;
  for (const [index, row] of top.entries()) {
    if (!headerLike(row)) continue;
    const below = rows[index + 1];
    if (below && names(below).length >= 2) return { row: index + 2, names: names(row).slice(0, 3) };
    return null;
  }
  return null;
}

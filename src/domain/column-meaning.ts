// What each column of a sheet means, from its header words and its values together, with the reason.

import { type ColumnProfile, profileColumn, sampleRows } from './column-profile';
import type { ColumnChoice } from './columns';
import { dayNumber, type LocalDate } from './dates';
import { type FieldKey, fieldByKey, fields } from './fields';
import { type ColumnTarget, conceptsOf, matchHeader, normalizeHeader } from './header-match';
import type { HeaderConcept, StatusRole } from './header-words';
import type { Cell } from './model';
import { outcomeOfName } from './outcome-words';

/** How the values of a column look, as the dialog says it. */
export type ValueLook =
  | 'empty'
  | 'emails'
  | 'dates'
  | 'mixedDates'
  | 'percent'
  | 'money'
  | 'numbers'
  | 'yesno'
  | 'outcomes'
  | 'words'
  | 'people'
  | 'companies'
  | 'codes'
  | 'long'
  | 'text';

/** How a date column relates to the others, when that decided which date it is. */
export type DateRelation = 'earliest' | 'afterCreated' | 'onlyClosed' | 'ahead' | 'past';

/** Why a column got its meaning: its header words, what its values look like, how its dates relate. */
export interface Because {
  /** The header's words (or the add-on's own name for the field) say so. */
  words: boolean;
  look: ValueLook;
  /** Distinct values in the rows looked at. */
  distinct: number;
  /** For mixed date columns: the values that are not dates. */
  notDates?: number;
  relation?: DateRelation;
  /** Amounts kept in cents (the header says so): the tracker reads them divided by 100. */
  cents?: boolean;
  /** Another column also looked like this meaning: its index (the surer one won). */
  rival?: number;
}

export interface ColumnMeaning {
  index: number;
  header: string;
  target: ColumnChoice;
  because: Because;
}

export interface MeaningInput {
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  today: LocalDate;
  /** Text dates like 3/4/2026 are day first (Spanish) or month first (English). */
  dayFirst: boolean;
}

/** Fields every deal needs; a column may take one of them on its values alone. */
export const requiredFields: readonly FieldKey[] = [
  'name',
  'customer',
  'owner',
  'amount',
  'closeDate',
  'stage',
];

type Target = ColumnTarget;
type Concepts = ReadonlySet<HeaderConcept>;

// ---- header words ------------------------------------------------------------------------------

const any = (concepts: Concepts, ...wanted: HeaderConcept[]) =>
  wanted.some((concept) => concepts.has(concept));
const none = (concepts: Concepts, ...unwanted: HeaderConcept[]) =>
  !unwanted.some((concept) => concepts.has(concept));

/**
 * How strongly a header's words say a meaning (0 nothing, 3 plainly), by combinations of concepts.
 * Concepts that name something the tracker has no field for (currency, source, a weighted value,
 * days, a type) keep a column from being read as a field by its other words.
 */
function wordScore(target: Target, c: Concepts): number {
  const dated = any(c, 'date');
  switch (target) {
    case 'id':
      return any(c, 'id') && none(c, 'company', 'person', 'owner', 'product', 'phone', 'email')
        ? 3
        : 0;
    case 'name':
      if (any(c, 'company', 'person', 'owner', 'product', 'stage', 'reason', 'id', 'email'))
        return 0;
      if (dated) return 0;
      if (any(c, 'deal') && any(c, 'name')) return 3;
      if (any(c, 'name')) return 2;
      if (any(c, 'deal') && none(c, 'amount', 'probability', 'status', 'notes', 'close', 'sales'))
        return 2.5;
      if (any(c, 'description') && none(c, 'notes')) return 1.5;
      return 0;
    case 'customer':
      if (any(c, 'person', 'owner', 'email', 'phone', 'date', 'segment', 'type')) return 0;
      return any(c, 'company') ? 3 : 0;
    case 'owner':
      if (any(c, 'owner') && none(c, 'company', 'phone', 'date', 'id')) return 3;
      if (any(c, 'sales') && any(c, 'person', 'owner')) return 3;
      return 0;
    case 'contactName':
      return any(c, 'person') && none(c, 'owner', 'email', 'phone', 'date', 'role', 'company')
        ? 2.5
        : 0;
    case 'contactEmail':
      return any(c, 'email') && none(c, 'owner') ? 2.5 : 0;
    case 'contactPhone':
      return any(c, 'phone') ? 2.5 : 0;
    case 'contactRole':
      return any(c, 'role') && none(c, 'date') ? 2 : 0;
    case 'amount':
      if (
        any(c, 'weighted', 'probability', 'currency', 'days', 'quantity', 'date', 'id', 'monthly')
      )
        return 0;
      if (any(c, 'amount')) return 3;
      return 0;
    case 'monthlyBilling':
      return any(c, 'amount', 'invoice') && any(c, 'monthly') ? 2 : 0;
    case 'probability':
      return any(c, 'probability') && none(c, 'weighted', 'amount', 'date') ? 3 : 0;
    case 'stage':
      if (any(c, 'date', 'days', 'modified', 'id')) return 0;
      if (any(c, 'stage') && none(c, 'name')) return 3;
      if (any(c, 'stage')) return 2;
      if (any(c, 'status') && none(c, 'reason')) return 2;
      return 0;
    case 'status':
      return any(c, 'status') && none(c, 'date', 'reason', 'stage', 'days') ? 2.5 : 0;
    case 'closedFlag':
      return any(c, 'closed') && none(c, 'date', 'won', 'lost', 'reason', 'amount') ? 2.5 : 0;
    case 'wonFlag':
      return any(c, 'won') && none(c, 'date', 'reason', 'amount', 'lost') ? 2.5 : 0;
    case 'closeDate':
      if (any(c, 'actual', 'won', 'lost', 'amount', 'reason', 'days', 'modified')) return 0;
      if (any(c, 'closed')) return 0;
      if (any(c, 'close') && any(c, 'expected', 'date', 'deal', 'sales')) return 3;
      if (any(c, 'expected') && any(c, 'sales')) return 3;
      if (any(c, 'close') && c.size === 1) return 2.5;
      if (any(c, 'expected') && dated) return 2;
      return dated ? 0.5 : 0;
    case 'closedOn':
      if (any(c, 'expected', 'amount', 'reason', 'days')) return 0;
      if (any(c, 'actual') && any(c, 'close', 'closed')) return 3;
      if (any(c, 'won', 'lost', 'closed') && (dated || any(c, 'close'))) return 3;
      if (any(c, 'closed') && c.size === 1) return 1;
      if (any(c, 'close') && dated) return 1;
      return 0;
    case 'created':
      if (any(c, 'modified', 'stage', 'next', 'last', 'close', 'expected')) return 0;
      if (any(c, 'created')) return 3;
      return dated ? 0.5 : 0;
    case 'stageEntered':
      if (any(c, 'stage') && any(c, 'modified', 'moved', 'entered', 'date', 'last')) return 3;
      if (any(c, 'moved') && dated) return 2.5;
      return 0;
    case 'lastContact':
      if (any(c, 'last') && any(c, 'activity')) return 3;
      if (any(c, 'activity') && dated && none(c, 'next', 'followUp')) return 2;
      if (any(c, 'last') && dated && none(c, 'modified', 'stage')) return 1.5;
      return 0;
    case 'lastContactSummary':
      return any(c, 'last') && any(c, 'activity') && any(c, 'notes') ? 3 : 0;
    case 'nextActionDate':
      if (any(c, 'next', 'followUp') && dated) return 3;
      if (any(c, 'followUp') && none(c, 'notes')) return 2;
      return 0;
    case 'nextAction':
      if (dated || any(c, 'goal')) return 0;
      if (any(c, 'next') && any(c, 'action', 'activity')) return 3;
      if (any(c, 'next')) return 2;
      return 0;
    case 'nextActionGoal':
      return any(c, 'goal') && none(c, 'date', 'amount') ? 2 : 0;
    case 'lostReason':
      if (any(c, 'reason') && any(c, 'lost', 'closed', 'status')) return 3;
      return any(c, 'reason') ? 2 : 0;
    case 'negotiationSummary':
      if (any(c, 'notes') && none(c, 'last', 'next', 'date')) return 2.5;
      if (any(c, 'description') && none(c, 'date')) return 2;
      return 0;
    case 'products':
      return any(c, 'product') && none(c, 'date', 'amount', 'quantity', 'id') ? 2.5 : 0;
    case 'units':
      return any(c, 'quantity') ? 2.5 : 0;
    case 'segment':
      return any(c, 'segment') ? 2.5 : 0;
    case 'competitor':
      return any(c, 'competitor') ? 2.5 : 0;
    case 'invoiceDate':
      if (any(c, 'invoice') && dated) return 3;
      if (any(c, 'sales') && dated && none(c, 'expected', 'close')) return 2;
      return 0;
    default:
      return 0;
  }
}

/** Concepts of things the tracker keeps no field for: such a column stays the team's. */
const othersOnly: readonly HeaderConcept[] = [
  'modified',
  'pipeline',
  'currency',
  'source',
  'weighted',
  'days',
  'type',
  'priority',
];

// ---- values ------------------------------------------------------------------------------------

function wordSet(p: ColumnProfile): boolean {
  return p.distinct <= 15 && p.filled >= p.distinct * 1.5;
}

/** Person names: shaped like "Ana Ruiz", and a fair share starting with a common given name. */
function people(p: ColumnProfile): boolean {
  return p.person >= 0.6 && p.givenName >= 0.3;
}

/** How a column's values look, in one word for the dialog. */
export function lookOf(p: ColumnProfile): ValueLook {
  if (p.filled === 0) return 'empty';
  if (p.email >= 0.8) return 'emails';
  if (p.date >= 0.8) return 'dates';
  if (p.date >= 0.3) return 'mixedDates';
  if (p.percent >= 0.8) return 'percent';
  if (p.boolean >= 0.9) return 'yesno';
  if (p.number >= 0.8) return p.money >= 0.5 ? 'money' : 'numbers';
  if (p.outcome >= 0.9 && p.distinct <= 6) return 'outcomes';
  if (people(p)) return 'people';
  if (wordSet(p) && p.text >= 0.8) return 'words';
  if (p.code >= 0.8) return 'codes';
  if (p.long >= 0.5) return 'long';
  if (p.company >= 0.6) return 'companies';
  return 'text';
}

/** How the values look, said for the meaning they got: customers as company names, owners as people. */
function lookFor(target: Target | undefined, p: ColumnProfile): ValueLook {
  const look = lookOf(p);
  if (look === 'empty' || look === 'emails') return look;
  if (target === 'customer' && p.company >= 0.6) return 'companies';
  if ((target === 'owner' || target === 'contactName') && p.person >= 0.6) return 'people';
  return look;
}

const unique = (p: ColumnProfile) => p.filled > 0 && p.distinct === p.filled;

/**
 * How much a column's values agree with a meaning: about -4 (impossible) to +2.5 (plainly). A
 * handful of values says less than many: below five, doubts count for less (impossibilities do not).
 */
function valueScore(target: Target, p: ColumnProfile, cents: boolean): number {
  const score = rawValueScore(target, p, cents);
  return score < 0 && score > -4 && p.filled < 5 ? (score * p.filled) / 5 : score;
}

function rawValueScore(target: Target, p: ColumnProfile, cents: boolean): number {
  if (p.filled === 0) return 0;
  const kind = target in fieldByKey ? fieldByKey[target as FieldKey].kind : 'status';
  const textual = p.text + p.email;
  if (kind === 'date') {
    if (p.date >= 0.8) return 1.5;
    if (p.date >= 0.5) return 0.5;
    return -4;
  }
  if (p.date >= 0.6) return -4;
  switch (target) {
    case 'id':
      if (!unique(p)) return -4;
      return p.code >= 0.8 || (p.number >= 0.9 && p.integers) ? 1.5 : 0;
    case 'amount':
    case 'monthlyBilling': {
      if (p.number < 0.6) return -4;
      if (p.percent >= 0.5) return -2;
      let score = 1 + (p.money >= 0.5 ? 1 : 0) + ((p.max ?? 0) > 100 ? 0.5 : 0);
      if (cents) score += 0.5;
      return score;
    }
    case 'units':
      return p.number >= 0.8 && p.integers ? 0.5 : -4;
    case 'probability':
      if (p.number < 0.6) return -4;
      if ((p.max ?? 0) > 100 || (p.min ?? 0) < 0) return -4;
      return p.percent >= 0.8 ? 2 : 1;
    case 'closedFlag':
    case 'wonFlag':
      return p.boolean >= 0.9 ? 2 : -4;
    case 'status':
      if (p.outcome >= 0.9 && p.distinct <= 6) return 2.5;
      return p.outcome < 0.5 ? -2 : 0;
    case 'stage': {
      if (textual < 0.8 || people(p) || p.email > 0.5) return -4;
      if (p.distinct < 2) return -1;
      let score = wordSet(p) ? 1.5 : p.distinct <= 20 ? 0 : -2;
      if (p.outcome > 0.02 && p.outcome < 0.9) score += 1;
      if (p.outcome >= 0.9) score -= 0.5;
      return score;
    }
    case 'owner': {
      if (p.number >= 0.5) return -4;
      if (p.email >= 0.8) return unique(p) && p.filled >= 6 ? 0 : 2;
      // User IDs (Salesforce's OwnerId) are owners the Team tab can name later.
      if (p.code >= 0.8) return -0.5;
      if (p.person < 0.6) return p.company >= 0.6 ? -2 : -1;
      let score = 1 + (people(p) ? 1 : 0);
      if (p.distinct <= Math.max(3, p.filled * 0.6)) score += 0.5;
      else if (unique(p) && p.filled >= 6) score -= 1.5;
      return score;
    }
    case 'contactName':
    case 'decisionMaker':
      if (p.number >= 0.5 || p.email >= 0.5) return -4;
      if (p.person < 0.6) return -1;
      return (people(p) ? 1 : 0.5) + (p.distinct > p.filled * 0.6 ? 0.5 : -0.5);
    case 'contactEmail':
      return p.email >= 0.8 ? 2 : -4;
    case 'contactPhone':
      // "+34 600 111 222" reads as a number too.
      return p.email > 0.5 || p.date > 0.5 ? -4 : 0.5;
    case 'customer':
      if (p.number >= 0.5 || p.email >= 0.5) return -4;
      if (p.code >= 0.8) return -0.5;
      if (p.distinct < 2) return -0.5;
      if (people(p)) return -1.5;
      return p.company >= 0.6 ? 1.5 + (p.companyMark >= 0.3 ? 0.5 : 0) : 0;
    case 'name':
      if (p.number >= 0.5 || p.email >= 0.5) return -4;
      if (p.code >= 0.8) return -1.5;
      if (people(p)) return -1;
      if (p.companyMark >= 0.3) return -1;
      if (wordSet(p) && p.filled >= 8) return -1;
      return p.distinct >= p.filled * 0.6 ? 1.5 : 0;
    case 'negotiationSummary':
    case 'lastContactSummary':
      if (p.number >= 0.5) return -4;
      if (p.long >= 0.3 || p.averageLength >= 30) return 1;
      return p.averageLength < 20 ? -1.5 : 0;
    case 'tier':
    case 'influence':
    case 'contactType': {
      const choices = fieldByKey[target].choices ?? [];
      const known = p.top.filter(([value]) =>
        choices.some((choice) => normalizeHeader(choice) === normalizeHeader(value)),
      );
      return known.length > 0 && known.length === p.top.length ? 1.5 : -2;
    }
    default:
      if (kind === 'checkbox') return p.boolean >= 0.9 ? 1 : -4;
      if (kind === 'money' || kind === 'number') return p.number >= 0.8 ? 0.5 : -4;
      return p.number >= 0.8 ? -2 : 0;
  }
}

// ---- how dates relate --------------------------------------------------------------------------

interface RowOutcomes {
  /** Per sampled row: true closed, false open, null unknown. */
  closed: Array<boolean | null>;
}

interface DateFacts {
  fillOpen: number | null;
  fillClosed: number | null;
  /** Share of open rows' dates today or later. */
  aheadOpen: number | null;
  /** Share of rows (with another date) where this is the earliest date. */
  earliest: number | null;
  past: number;
}

function dateFacts(
  p: ColumnProfile,
  others: ColumnProfile[],
  outcomes: RowOutcomes,
  today: number,
): DateFacts {
  let open = 0;
  let closed = 0;
  let openFilled = 0;
  let closedFilled = 0;
  let ahead = 0;
  let compared = 0;
  let earliest = 0;
  let past = 0;
  let dated = 0;
  p.days.forEach((day, row) => {
    const isClosed = outcomes.closed[row];
    if (isClosed === true) {
      closed += 1;
      if (day !== null) closedFilled += 1;
    } else if (isClosed === false) {
      open += 1;
      if (day !== null) {
        openFilled += 1;
        if (day >= today) ahead += 1;
      }
    }
    if (day === null) return;
    dated += 1;
    if (day <= today) past += 1;
    const theirs = others.map((other) => other.days[row]).filter((d): d is number => d != null);
    if (theirs.length === 0) return;
    compared += 1;
    if (theirs.every((d) => day <= d)) earliest += 1;
  });
  return {
    fillOpen: open === 0 ? null : openFilled / open,
    fillClosed: closed === 0 ? null : closedFilled / closed,
    aheadOpen: openFilled === 0 ? null : ahead / openFilled,
    earliest: compared < 2 ? null : earliest / compared,
    past: dated === 0 ? 0 : past / dated,
  };
}

const onlyClosed = (f: DateFacts) =>
  f.fillClosed !== null && f.fillOpen !== null && f.fillClosed >= 0.7 && f.fillOpen <= 0.15;

/** How much the way a date column relates to the rest says each date meaning. */
function relationScore(target: Target, f: DateFacts): { score: number; relation?: DateRelation } {
  switch (target) {
    case 'created':
      if (f.earliest !== null && f.earliest >= 0.8) return { score: 1.5, relation: 'earliest' };
      if (f.aheadOpen !== null && f.aheadOpen >= 0.5) return { score: -2 };
      return { score: f.past >= 0.95 ? 0.3 : 0 };
    case 'closeDate':
      if (onlyClosed(f)) return { score: -2 };
      if (f.earliest !== null && f.earliest >= 0.8) return { score: -1.5 };
      if (f.fillOpen !== null && f.fillOpen >= 0.5 && (f.aheadOpen ?? 0) >= 0.4)
        return { score: 1, relation: 'ahead' };
      return { score: 0 };
    case 'closedOn':
      if (onlyClosed(f)) return { score: 2, relation: 'onlyClosed' };
      if (f.fillOpen !== null && f.fillOpen >= 0.4) return { score: -2.5 };
      return { score: 0 };
    case 'nextActionDate':
      if (onlyClosed(f)) return { score: -2 };
      return (f.aheadOpen ?? 0) >= 0.6 ? { score: 1, relation: 'ahead' } : { score: 0 };
    case 'lastContact':
    case 'stageEntered':
      if ((f.aheadOpen ?? 0) >= 0.5) return { score: -2 };
      return f.past >= 0.95 ? { score: 0.3, relation: 'past' } : { score: 0 };
    default:
      return { score: 0 };
  }
}

/** Each sampled row's outcome from the columns that look like a stage, a status or flags. */
function rowOutcomes(
  rows: readonly (readonly Cell[])[],
  sample: readonly number[],
  columns: { stage?: number; status?: number; closedFlag?: number; wonFlag?: number },
): RowOutcomes {
  const truthy = (cell: Cell | undefined) => {
    const text = normalizeHeader(String(cell ?? ''));
    return (
      cell === true ||
      cell === 1 ||
      ['true', 'yes', 'si', 'y', 'x', '1', 'verdadero'].includes(text)
    );
  };
  const closed = sample.map((index) => {
    const row = rows[index] ?? [];
    const said = (column: number | undefined) =>
      column === undefined ? null : outcomeOfName(String(row[column] ?? ''));
    const status = said(columns.status) ?? said(columns.stage);
    if (columns.closedFlag !== undefined) return truthy(row[columns.closedFlag]);
    if (columns.wonFlag !== undefined && truthy(row[columns.wonFlag])) return true;
    if (status === null)
      return columns.stage === undefined && columns.status === undefined ? null : false;
    return status !== 'open';
  });
  return { closed };
}

// ---- assignment --------------------------------------------------------------------------------

/**
 * The meanings adoption proposes. Computed fields (score, stars, close-date pushes, updated) are
 * the add-on's: no header words claim them, only the add-on's own name for them does.
 */
const candidates: readonly Target[] = [
  ...fields.map((spec) => spec.key),
  'status',
  'closedFlag',
  'wonFlag',
];

/** A meaning is proposed at this score (words and values together)... */
const threshold = 2.5;
/** ...or, for a field every deal needs that no column has, on its values alone at this score. */
const valueThreshold = 1.5;

interface Claim {
  column: number;
  target: Target;
  score: number;
  words: number;
  values: number;
  relation?: DateRelation;
}

function assign(claims: Claim[], columns: number): Map<number, Claim> {
  const byColumn = new Map<number, Claim>();
  const taken = new Set<Target>();
  const sorted = [...claims].sort((a, b) => b.score - a.score || a.column - b.column);
  for (const claim of sorted) {
    if (claim.score < threshold || byColumn.has(claim.column) || taken.has(claim.target)) continue;
    byColumn.set(claim.column, claim);
    taken.add(claim.target);
  }
  // A field every deal needs, still without a column: the column whose values say it best, if
  // its header names nothing else (surest first, across the fields still missing).
  const byValues = [...claims].sort((a, b) => b.values - a.values || a.column - b.column);
  for (const claim of byValues) {
    if (claim.values < valueThreshold) break;
    if (!(requiredFields as readonly Target[]).includes(claim.target)) continue;
    if (taken.has(claim.target) || byColumn.has(claim.column) || claim.words < 0) continue;
    if (claim.column >= columns) continue;
    byColumn.set(claim.column, claim);
    taken.add(claim.target);
  }
  return byColumn;
}

/** "Amount (cents)", "importe_centimos": amounts kept in cents. */
export function saysCents(header: string): boolean {
  return conceptsOf(header).has('cents');
}

/**
 * Proposes what every column means, from its header words, its values and, for dates, how they
 * relate (the earliest is when the deal was created, one filled only on closed deals is when it
 * closed, one mostly ahead of today is the expected close). The add-on's own header names and the
 * vendor synonyms still count as header words; a column whose header names something the tracker
 * has no field for (currency, source, a weighted value) is kept as it is.
 */
export function inferMeanings(input: MeaningInput): ColumnMeaning[] {
  const { header, rows } = input;
  const sample = sampleRows(rows.length);
  const profiles = header.map((_, column) => profileColumn(rows, sample, column, input.dayFirst));
  const concepts = header.map((text) => conceptsOf(text));
  const matches = header.map((text) => matchHeader(text));
  const cents = header.map((text) => saysCents(text));
  const today = dayNumber(input.today);

  const scoreOf = (column: number, target: Target) => {
    const c = concepts[column] ?? new Set<HeaderConcept>();
    let words = wordScore(target, c);
    const matched = matches[column];
    if (matched?.target === target)
      words = Math.max(words, matched.quality === 3 ? 4 : matched.quality === 2 ? 3.5 : 3);
    if (words === 0 && c.size > 0 && othersOnly.some((concept) => c.has(concept))) words = -1;
    const profile = profiles[column] as ColumnProfile;
    let values = valueScore(target, profile, cents[column] ?? false);
    // The add-on's own column name is the add-on's column: odd values in it are problems to
    // report, not a sign it means something else.
    if (matched?.target === target && matched.quality === 3) values = Math.max(values, -1);
    return { words, values };
  };

  // First, without dates: which columns say the stage, the status, the closed and won flags.
  const base: Claim[] = [];
  header.forEach((text, column) => {
    if (normalizeHeader(text) === '') return;
    for (const target of candidates) {
      const { words, values } = scoreOf(column, target);
      base.push({ column, target, score: words + values, words, values });
    }
  });
  const provisional = assign(base, header.length);
  const columnOf = (target: Target) =>
    [...provisional.values()].find((claim) => claim.target === target)?.column;
  const outcomes = rowOutcomes(rows, sample, {
    ...optional('stage', columnOf('stage')),
    ...optional('status', columnOf('status')),
    ...optional('closedFlag', columnOf('closedFlag')),
    ...optional('wonFlag', columnOf('wonFlag')),
  });

  // Then dates by how they relate to each other and to the deals' outcomes.
  const dateColumns = profiles
    .map((profile, column) => ({ profile, column }))
    .filter(({ profile }) => profile.date >= 0.5);
  const claims = base.map((claim) => {
    const profile = profiles[claim.column] as ColumnProfile;
    const isDateTarget =
      claim.target in fieldByKey && fieldByKey[claim.target as FieldKey].kind === 'date';
    if (!isDateTarget || profile.date < 0.5) return claim;
    const others = dateColumns.filter((d) => d.column !== claim.column).map((d) => d.profile);
    const facts = dateFacts(profile, others, outcomes, today);
    const related = relationScore(claim.target, facts);
    return {
      ...claim,
      score: claim.score + related.score,
      values: claim.values + related.score,
      ...(related.relation ? { relation: related.relation } : {}),
    };
  });
  const final = assign(claims, header.length);
  const created = [...final.values()].find((claim) => claim.target === 'created')?.column;

  return header.map((text, index) => {
    const profile = profiles[index] as ColumnProfile;
    const claim = final.get(index);
    const because: Because = {
      words: (claim?.words ?? 0) >= 2,
      look: lookFor(claim?.target, profile),
      distinct: profile.distinct,
    };
    if (because.look === 'mixedDates')
      because.notDates = Math.round(profile.filled * (1 - profile.date));
    if (claim?.relation) because.relation = claim.relation;
    if (claim && isDateField(claim.target) && created !== undefined && created !== index) {
      if (afterShare(profile, profiles[created] as ColumnProfile) >= 0.9 && !claim.relation)
        because.relation = 'afterCreated';
    }
    if (claim?.target === 'amount' && saysCents(text)) because.cents = true;
    if (!claim) {
      // The surest meaning another column took: said, so a person sees why this one is kept.
      const rival = claims
        .filter((c) => c.column === index && c.score >= threshold)
        .sort((a, b) => b.score - a.score)[0];
      const holder = rival
        ? [...final.values()].find((c) => c.target === rival.target)?.column
        : undefined;
      if (holder !== undefined) because.rival = holder;
    }
    return { index, header: text, target: claim?.target ?? 'keep', because };
  });
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function isDateField(target: ColumnChoice): boolean {
  return target in fieldByKey && fieldByKey[target as FieldKey].kind === 'date';
}

/** Share of rows with both dates where `a` is on or after `b`. */
function afterShare(a: ColumnProfile, b: ColumnProfile): number {
  let both = 0;
  let after = 0;
  a.days.forEach((day, row) => {
    const other = b.days[row];
    if (day == null || other == null) return;
    both += 1;
    if (day >= other) after += 1;
  });
  return both === 0 ? 0 : after / both;
}

export type { StatusRole };

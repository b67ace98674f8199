// What a foreign stage or status means here: Won, Lost, one of our stages or a new open stage.

import { normalizeHeader } from './header-match';
import { median } from './metrics-math';
import type { Settings, StageSetting } from './model';
import { canonicalStage, parseCheckbox } from './parse-row';

export type Outcome = 'won' | 'lost' | 'open';

/**
 * Words CRMs use for a deal's outcome, in stage names ("Closed Won", "Cierre ganado") and
 * status columns ("won", "Abierto", Copper's "Abandoned", Dynamics' "Out-Sold"). Compared
 * normalized; a stage name that starts with a two-word entry counts too ("Closed-Lost to
 * Competition", "Cerrado perdido ante la competencia").
 */
export const outcomeWords: Readonly<Record<Outcome, readonly string[]>> = {
  won: [
    'won',
    'closed won',
    'closedwon',
    'deal won',
    'ganado',
    'ganada',
    'cerrado ganado',
    'cerrada ganada',
    'cierre ganado',
    'negocio ganado',
    'trato ganado',
    'oportunidad ganada',
  ],
  lost: [
    'lost',
    'closed lost',
    'closedlost',
    'deal lost',
    'abandoned',
    'canceled',
    'cancelled',
    'out sold',
    'perdido',
    'perdida',
    'cerrado perdido',
    'cerrada perdida',
    'cierre perdido',
    'negocio perdido',
    'trato perdido',
    'oportunidad perdida',
    'abandonado',
    'abandonada',
    'cancelado',
    'cancelada',
  ],
  open: [
    'open',
    'active',
    'in progress',
    'pending',
    'on hold',
    'abierto',
    'abierta',
    'activo',
    'activa',
    'en curso',
    'en proceso',
    'pendiente',
    'en espera',
  ],
};

const outcomeByWord = new Map<string, Outcome>();
for (const outcome of ['won', 'lost', 'open'] as const) {
  for (const word of outcomeWords[outcome]) outcomeByWord.set(normalizeHeader(word), outcome);
}
const prefixes = [...outcomeByWord].filter(([word]) => word.includes(' '));

/** The outcome a stage or status name states, or null when it names a step of the pipeline. */
export function outcomeOfName(text: string): Outcome | null {
  const key = normalizeHeader(text);
  if (key === '') return null;
  const exact = outcomeByWord.get(key);
  if (exact) return exact;
  for (const [word, outcome] of prefixes) {
    if (outcome !== 'open' && key.startsWith(`${word} `)) return outcome;
  }
  return null;
}

/** What one row says about its outcome, from the columns the sheet has. */
export interface RowSignals {
  stage: string;
  status?: string;
  closed?: unknown;
  won?: unknown;
  probability?: number | null;
  lostReason?: string;
}

/**
 * A row's outcome, or null when nothing in the row says (its stage then decides). In order: a
 * status column; the closed and won flags (closed with probability 100 is won, with 0 lost); a
 * stage named like an outcome; probability 0 with a lost reason (how Odoo leaves a lost deal).
 */
export function rowOutcome(row: RowSignals): Outcome | null {
  if (row.status !== undefined) {
    const stated = outcomeOfName(row.status);
    if (stated) return stated;
  }
  const won = row.won === undefined ? undefined : parseCheckbox(row.won as never);
  const closed = row.closed === undefined ? undefined : parseCheckbox(row.closed as never);
  if (won === true) return 'won';
  if (closed === true) {
    if (won === false) return 'lost';
    const named = outcomeOfName(row.stage);
    if (named === 'won' || named === 'lost') return named;
    if (row.probability === 100) return 'won';
    if (row.probability === 0) return 'lost';
  }
  if (closed === false) return 'open';
  const named = outcomeOfName(row.stage);
  if (named) return named;
  if (row.probability === 0 && (row.lostReason ?? '').trim() !== '') return 'lost';
  return null;
}

/** What a foreign stage value becomes. */
export type StageTarget =
  | { kind: 'existing'; stage: string }
  | { kind: 'new'; probability: number }
  | { kind: 'won' }
  | { kind: 'lost' };

/** One stage value found in the sheet, with what its rows say. */
export interface StageStats {
  value: string;
  rows: number;
  won: number;
  lost: number;
  open: number;
  /** Probabilities of its rows that are still open, for a new stage's default. */
  probabilities: number[];
}

/**
 * A stage of ours this name is a form of: "Qualification" and "Calificación" are Qualified,
 * "Proposal Made", "Proposition" and "Propuesta/Presupuesto" are Proposal, "Negotiations
 * Started" is Negotiation. Words match on their first six letters (both at least four long),
 * so stems in English and Spanish meet without a dictionary; short words must be equal.
 */
export function similarStage(value: string, stages: readonly StageSetting[]): string | undefined {
  const words = (text: string) => normalizeHeader(text).split(' ').filter(Boolean);
  const stem = (word: string) => word.slice(0, 6);
  const mine = words(value);
  for (const stage of stages) {
    if (stage.kind !== 'open') continue;
    const theirs = words(stage.name);
    const meets = theirs.some((a) =>
      mine.some((b) =>
        a.length >= 4 && b.length >= 4 ? stem(a) === stem(b) || a === b : a === b && a.length > 2,
      ),
    );
    if (meets) return stage.name;
  }
  return undefined;
}

/** The probability a new open stage gets: its open rows' median, else 10 % (editable in Settings). */
export const defaultNewStageProbability = 10;

/** A new open stage's probability from its rows' probabilities: their median (rounded), else the default. */
export function newStageProbability(probabilities: readonly number[]): number {
  const middle = median(probabilities.filter((p) => p > 0 && p < 100));
  return middle === null ? defaultNewStageProbability : Math.round(middle);
}

/**
 * The proposal for a stage value: a stage of ours with that name; Won or Lost when the name says
 * so; a stage of ours it is a form of; else a new open stage at its rows' median probability.
 */
export function proposeStage(stats: StageStats, settings: Settings): StageTarget {
  const same = canonicalStage(stats.value, settings);
  if (same) return { kind: 'existing', stage: same };
  const named = outcomeOfName(stats.value);
  if (named === 'won' || named === 'lost') return { kind: named };
  const similar = similarStage(stats.value, settings.stages);
  if (similar) return { kind: 'existing', stage: similar };
  return { kind: 'new', probability: newStageProbability(stats.probabilities) };
}

/** The first stage of a kind in the settings, where Won and Lost deals go. */
export function stageOfKind(settings: Settings, kind: 'won' | 'lost'): string {
  return settings.stages.find((stage) => stage.kind === kind)?.name ?? '';
}

/**
 * The settings with the new open stages added among the open ones by probability (a new stage
 * at 20 % goes between New at 10 % and Qualified at 30 %), closed stages kept last.
 */
export function withNewStages(
  settings: Settings,
  added: ReadonlyArray<{ name: string; probability: number }>,
): Settings {
  if (added.length === 0) return settings;
  const open = settings.stages.filter((stage) => stage.kind === 'open');
  const closed = settings.stages.filter((stage) => stage.kind !== 'open');
  const fresh: StageSetting[] = added.map((stage) => ({
    name: stage.name,
    probability: stage.probability,
    targetDays: 14,
    kind: 'open',
    exitCriteria: [],
  }));
  const merged = [...open];
  for (const stage of fresh) {
    const at = merged.findIndex((other) => other.probability > stage.probability);
    merged.splice(at < 0 ? merged.length : at, 0, stage);
  }
  return { ...settings, stages: [...merged, ...closed] };
}

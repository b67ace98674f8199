// A team's stages as the tracker's: Won and Lost by meaning, the open ones in pipeline order, each with a probability.

import { normalizeHeader } from './header-match';
import type { Language } from './i18n';
import { lazy } from './lazy';
import { median } from './metrics-math';
import type { Settings, StageKind, StageSetting } from './model';
import { type Outcome, outcomeOfName } from './outcome-words';
import { canonicalStage, type OutcomeSignals, outcomeOfSignals, parseCheckbox } from './parse-row';

export { type Outcome, outcomeOfName } from './outcome-words';

/** What one row says about its outcome, from the columns the sheet has. */
export interface RowSignals extends OutcomeSignals {
  stage: string;
  probability?: number | null;
  lostReason?: string;
}

/**
 * A row's outcome, or null when nothing in the row says (its stage then decides). In order: a
 * status column and the closed and won flags (as every reader reads them); a stage named like an
 * outcome; a "closed" status, flag or stage at probability 100 (Won) or 0 (Lost); probability 0
 * with a lost reason (how Odoo leaves a lost deal).
 */
export function rowOutcome(row: RowSignals): Outcome | null {
  const said = outcomeOfSignals(row);
  if (said !== null) return said;
  const named = outcomeOfName(row.stage);
  if (named === 'won' || named === 'lost' || named === 'open') return named;
  const closed =
    named === 'closed' ||
    (row.status !== undefined && outcomeOfName(row.status) === 'closed') ||
    (row.closed !== undefined && parseCheckbox(row.closed) === true);
  if (closed && row.probability === 100) return 'won';
  if (closed && row.probability === 0) return 'lost';
  if (row.probability === 0 && (row.lostReason ?? '').trim() !== '') return 'lost';
  return null;
}

/** What the team decides a stage value becomes: an open stage, Won, Lost, or folded into another. */
export type StageTarget =
  | { kind: 'open' }
  | { kind: 'won' }
  | { kind: 'lost' }
  | { kind: 'fold'; into: string };

/** One stage value found in the sheet, with what its rows say. */
export interface StageStats {
  value: string;
  rows: number;
  won: number;
  lost: number;
  open: number;
  /** Probabilities of its rows that are still open. */
  probabilities: number[];
  /** Probabilities of all its rows, closed ones included (100 on every row says Won). */
  allProbabilities: number[];
  /** Days since each open row was created, when the sheet says when. */
  ages: number[];
}

/** Why a value is Won, Lost or open. */
export type KindBecause = 'name' | 'closedName' | 'probability' | 'step' | 'settings';
/** What put the open stages in their order. */
export type OrderBecause = 'probability' | 'vendor' | 'number' | 'words' | 'age' | 'settings';

export interface PipelineStage {
  value: string;
  kind: StageKind;
  kindBecause: KindBecause;
  probability: number;
  /** The rows' own probabilities, the stage's in Settings, or spread evenly along the pipeline. */
  probabilityFrom: 'data' | 'settings' | 'spread' | 'closed';
}

export interface Pipeline {
  /** Open stages in pipeline order, then the won ones, then the lost ones. */
  stages: PipelineStage[];
  orderBecause: OrderBecause;
}

/**
 * Default pipelines of CRMs whose exports are in test/fixtures/exports (each cites its source),
 * normalized, in their order. A team's values that all belong to one are put in its order.
 */
const knownPipelines = lazy((): readonly (readonly string[])[] =>
  [
    // HubSpot, English and Spanish.
    'appointment scheduled|qualified to buy|presentation scheduled|decision maker bought in|contract sent',
    'cita programada|calificado para comprar|presentacion programada|persona con poder de decision convencida|contrato enviado',
    // Salesforce and Zoho, English and Spanish.
    'prospecting|qualification|needs analysis|value proposition|id decision makers|identify decision makers|perception analysis|proposal price quote|negotiation review',
    'prospeccion|calificacion|analisis de necesidades|propuesta de valor|identificar a los responsables de la toma de decisiones|propuesta presupuesto|propuesta cotizacion|negociacion revision',
    // Pipedrive, English and Spanish.
    'qualified|contact made|demo scheduled|proposal made|negotiations started',
    'calificado|contacto realizado|demostracion programada|propuesta realizada|negociaciones iniciadas',
    // Odoo, English and Spanish.
    'new|qualified|proposition',
    'nuevo|calificado|propuesta',
  ].map((pipeline) => pipeline.split('|')),
);

/**
 * Where a stage's words put it along a sale (0 the first contact, 1 the signature), by word roots
 * in English and Spanish: first contact, qualifying, presenting, proposing, negotiating, closing.
 */
const stagePositions = lazy(
  (): ReadonlyArray<readonly [number, readonly string[]]> =>
    (
      [
        [
          0.05,
          'new nuevo nueva lead prospect incoming inbound entrante first primer initial inicial ' +
            'cold frio identif backlog captad',
        ],
        [0.15, 'contact contacto reach touch engag interes interest research'],
        [
          0.3,
          'qualif calific cualific discover descubr needs necesidad analys analisis visit meeting ' +
            'reunion appointment cita call llamada',
        ],
        [0.4, 'demo demostr present pitch trial prueba piloto pilot evaluat evalua'],
        [
          0.55,
          'propos propuesta proposicion quote quotation cotiz presupuest oferta offer bid ' +
            'estimate document documento',
        ],
        [
          0.75,
          'negotiat negoci review revision decision approv aprob commit verbal shortlist contract ' +
            'contrato legal invoice factura prepay prepago',
        ],
        [0.9, 'final closing cierre cerrar firma signature signing sign'],
      ] as const
    ).map(([position, roots]) => [position, roots.split(' ')] as const),
);

/** A stage's position from its words, the mean of the positions its words name; null when none. */
export function positionFromWords(value: string): number | null {
  const found: number[] = [];
  for (const word of normalizeHeader(value).split(' ')) {
    const positions = stagePositions().filter(([, roots]) =>
      roots.some((root) => word.startsWith(root)),
    );
    if (positions.length > 0) found.push(Math.max(...positions.map(([position]) => position)));
  }
  return found.length === 0 ? null : Math.max(...found);
}

/** "1-Qualify", "03. Propuesta": the number a team put before a stage to order it. */
function leadingNumber(value: string): number | null {
  const match = /^\s*(\d{1,3})\s*[-.):_ ]/.exec(value);
  return match ? Number(match[1]) : null;
}

/** Whether a value's rows say it is Won or Lost, and why; null for a step of the pipeline. */
function closedKind(stats: StageStats): { kind: 'won' | 'lost'; because: KindBecause } | null {
  const named = outcomeOfName(stats.value);
  if (named === 'won' || named === 'lost') return { kind: named, because: 'name' };
  const all = stats.allProbabilities;
  const middle = median(all);
  if (named === 'closed') {
    // "Closed", "Cerrado": the rows' probability, else how its rows closed, else a won sale.
    if (middle === 0) return { kind: 'lost', because: 'probability' };
    if (stats.lost > stats.won) return { kind: 'lost', because: 'closedName' };
    return { kind: 'won', because: middle === 100 ? 'probability' : 'closedName' };
  }
  // A step where every row is at 100 % is done: Won.
  if (all.length > 0 && all.every((p) => p === 100)) return { kind: 'won', because: 'probability' };
  return null;
}

/** Probabilities spread evenly from 10 % at the first open stage to 80 % at the last one. */
export function spreadProbability(index: number, count: number): number {
  if (count <= 1) return 50;
  return Math.round(10 + (70 * index) / (count - 1));
}

function knownOrder(values: readonly string[]): number[] | null {
  const keys = values.map((value) => normalizeHeader(value));
  for (const pipeline of knownPipelines()) {
    if (keys.every((key) => pipeline.includes(key)))
      return keys.map((key) => pipeline.indexOf(key));
  }
  return null;
}

/**
 * The team's pipeline from the stage values of its sheet: each value keeps its name and is Won,
 * Lost or an open stage by what it means (its words, its rows' probability of 100 or 0 on a
 * closed value). Open stages are ordered by the rows' probabilities when the sheet has them, by a
 * known CRM's default pipeline, by numbers the team put before them, else by their words and how
 * old their deals are; each gets its rows' probability, else the one Settings has for that name,
 * else a probability spread evenly along the pipeline.
 */
export function inferPipeline(all: readonly StageStats[], settings: Settings): Pipeline {
  const kinds = all.map((stats) => {
    const known = settings.stages.find(
      (stage) => stage.name === canonicalStage(stats.value, settings),
    );
    const closed = closedKind(stats);
    if (closed) return { stats, kind: closed.kind as StageKind, because: closed.because };
    if (known && known.kind !== 'open')
      return { stats, kind: known.kind, because: 'settings' as KindBecause };
    return { stats, kind: 'open' as StageKind, because: 'step' as KindBecause };
  });
  const open = kinds.filter((entry) => entry.kind === 'open').map((entry) => entry.stats);

  // Order: probability, a known pipeline, the team's numbers, else words and age together.
  const probabilityOf = (stats: StageStats) => median(stats.probabilities);
  const settingsOf = (stats: StageStats) =>
    settings.stages.find((stage) => stage.name === canonicalStage(stats.value, settings));
  let orderBecause: OrderBecause = 'words';
  let keyOf: (stats: StageStats, index: number) => number;
  const known = knownOrder(open.map((stats) => stats.value));
  if (open.length > 0 && open.every((stats) => probabilityOf(stats) !== null)) {
    orderBecause = 'probability';
    keyOf = (stats) => probabilityOf(stats) ?? 0;
  } else if (open.length > 0 && open.every((stats) => settingsOf(stats)?.kind === 'open')) {
    orderBecause = 'settings';
    keyOf = (stats) => {
      const known = settingsOf(stats);
      return known ? settings.stages.indexOf(known) : 0;
    };
  } else if (known && open.length > 1) {
    orderBecause = 'vendor';
    keyOf = (_, index) => known[index] ?? 0;
  } else if (open.length > 1 && open.every((stats) => leadingNumber(stats.value) !== null)) {
    orderBecause = 'number';
    keyOf = (stats) => leadingNumber(stats.value) ?? 0;
  } else {
    // Words place what they can; how long the deals have been open places the rest (older deals
    // sit further down the pipeline), and both count where both speak.
    const ages = open.map((stats) => median(stats.ages));
    const ranked = ages
      .map((age, index) => ({ age, index }))
      .filter((entry): entry is { age: number; index: number } => entry.age !== null)
      .sort((a, b) => a.age - b.age);
    const ageRank = new Map(
      ranked.map((entry, rank) => [
        entry.index,
        ranked.length === 1 ? 0.5 : rank / (ranked.length - 1),
      ]),
    );
    const positions = open.map((stats, index) => {
      const words = positionFromWords(stats.value);
      const age = ageRank.get(index);
      if (words !== null && age !== undefined) return (words + age) / 2;
      return words ?? age ?? 0.5;
    });
    if (open.every((stats) => positionFromWords(stats.value) === null)) orderBecause = 'age';
    keyOf = (_, index) => positions[index] ?? 0.5;
  }
  const ordered = open
    .map((stats, index) => ({ stats, key: keyOf(stats, index), index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map((entry) => entry.stats);

  const stages: PipelineStage[] = ordered.map((stats, index) => {
    const data = probabilityOf(stats);
    const known = settingsOf(stats);
    const entry = kinds.find((k) => k.stats === stats);
    if (data !== null)
      return {
        value: stats.value,
        kind: 'open',
        kindBecause: entry?.because ?? 'step',
        probability: Math.round(data),
        probabilityFrom: 'data',
      };
    if (orderBecause === 'settings' && known?.kind === 'open')
      return {
        value: stats.value,
        kind: 'open',
        kindBecause: entry?.because ?? 'step',
        probability: known.probability,
        probabilityFrom: 'settings',
      };
    return {
      value: stats.value,
      kind: 'open',
      kindBecause: entry?.because ?? 'step',
      probability: spreadProbability(index, ordered.length),
      probabilityFrom: 'spread',
    };
  });
  for (const kind of ['won', 'lost'] as const) {
    for (const entry of kinds.filter((k) => k.kind === kind)) {
      stages.push({
        value: entry.stats.value,
        kind,
        kindBecause: entry.because,
        probability: kind === 'won' ? 100 : 0,
        probabilityFrom: 'closed',
      });
    }
  }
  return { stages, orderBecause };
}

/** The first stage of a kind in the settings, where Won and Lost deals go. */
export function stageOfKind(settings: Settings, kind: 'won' | 'lost'): string {
  return settings.stages.find((stage) => stage.kind === kind)?.name ?? '';
}

/** The names a won and a lost stage get when the sheet's stage column names neither. */
const closedNames: Readonly<Record<Language, Record<'won' | 'lost', string>>> = {
  en: { won: 'Won', lost: 'Lost' },
  es: { won: 'Ganado', lost: 'Perdido' },
};

/**
 * The settings with the team's stages: its open stages in order with their probabilities, then
 * its won and lost ones (a won or lost stage named from the status column, or Won / Lost, when the
 * stage column has none). A stage the team folds into another is not a stage. A sheet whose
 * values are all stages Settings already has keeps Settings as they are.
 */
export function withTeamStages(
  settings: Settings,
  pipeline: Pipeline,
  targets: ReadonlyMap<string, StageTarget>,
  language: Language,
  /** What the status column calls Won and Lost ("won", "Ganado"), when the sheet has one. */
  statusNames: Partial<Record<'won' | 'lost', string>> = {},
): Settings {
  const kept = pipeline.stages.filter((stage) => targets.get(stage.value)?.kind !== 'fold');
  const kindOf = (stage: PipelineStage): StageKind => {
    const target = targets.get(stage.value);
    return target && target.kind !== 'fold' ? target.kind : stage.kind;
  };
  if (
    kept.length > 0 &&
    kept.every((stage) => {
      const name = canonicalStage(stage.value, settings);
      return (
        name !== undefined && settings.stages.find((s) => s.name === name)?.kind === kindOf(stage)
      );
    })
  ) {
    return settings;
  }
  if (kept.length === 0) return settings;
  const existing = (value: string) =>
    settings.stages.find((stage) => stage.name === canonicalStage(value, settings));
  const setting = (stage: PipelineStage, kind: StageKind): StageSetting => {
    const known = existing(stage.value);
    return {
      name: stage.value,
      probability:
        kind === 'won' ? 100 : kind === 'lost' ? 0 : stage.kind === 'open' ? stage.probability : 50,
      targetDays: kind === 'open' ? (known?.kind === 'open' ? known.targetDays : 14) : null,
      kind,
      exitCriteria: known?.kind === kind ? [...known.exitCriteria] : [],
    };
  };
  // Probabilities not from the data are spread along the open stages as the team left them.
  const openStages = kept.filter((stage) => kindOf(stage) === 'open');
  const open = openStages.map((stage, index) => {
    const made = setting(stage, 'open');
    const spread = stage.probabilityFrom === 'spread' || stage.probabilityFrom === 'closed';
    return spread ? { ...made, probability: spreadProbability(index, openStages.length) } : made;
  });
  const closed = (kind: 'won' | 'lost'): StageSetting[] => {
    const named = kept
      .filter((stage) => kindOf(stage) === kind)
      .map((stage) => setting(stage, kind));
    if (named.length > 0) return named;
    const word = statusNames[kind];
    const name = word ? word.charAt(0).toUpperCase() + word.slice(1) : closedNames[language][kind];
    return [
      { name, probability: kind === 'won' ? 100 : 0, targetDays: null, kind, exitCriteria: [] },
    ];
  };
  if (open.length === 0) {
    const first = settings.stages.find((stage) => stage.kind === 'open');
    if (first) open.push(first);
  }
  const stages = [...open, ...closed('won'), ...closed('lost')];
  const names = new Set(stages.map((stage) => stage.name));
  return {
    ...settings,
    stages,
    stageEmails: settings.stageEmails.filter((email) => names.has(email.stage)),
  };
}

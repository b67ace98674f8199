// A team's stages as the tracker's: Won and Lost by meaning, open ones in pipeline order, each with a probability.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/domain/defaults';
import {
  inferPipeline,
  outcomeOfName,
  positionFromWords,
  rowOutcome,
  type StageStats,
  spreadProbability,
  withTeamStages,
} from '../../src/domain/stage-mapping';

const settings = defaultSettings('en');
const spanish = defaultSettings('es');

const stats = (value: string, more: Partial<StageStats> = {}): StageStats => ({
  value,
  rows: 1,
  won: 0,
  lost: 0,
  open: 1,
  probabilities: [],
  allProbabilities: [],
  ages: [],
  ...more,
});

describe('outcomeOfName', () => {
  it('reads Won by the meaning of its words, in English and Spanish', () => {
    for (const name of [
      'Closed Won',
      'Closed/Won',
      'closedwon',
      'Deal won',
      'Ganado',
      'Ganada',
      'Vendido',
      'Vendida',
      'Cierre ganado',
      'Negociación exitosa',
      'Contract signed',
      'Presupuesto aceptado',
      'Venta cerrada',
      'Closed—won',
    ])
      expect(outcomeOfName(name), name).toBe('won');
  });

  it('reads Lost by meaning, and a denied win or interest as Lost', () => {
    for (const name of [
      'Closed Lost',
      'Closed-Lost to Competition',
      'Cerrado perdido ante la competencia',
      'Abandoned',
      'Out-Sold',
      'Perdido',
      'Negociación fallida',
      'Rechazada',
      'Cancelled',
      'No ganada',
      'Not interested',
      'Sin éxito',
      'Descartado',
    ])
      expect(outcomeOfName(name), name).toBe('lost');
  });

  it('says "closed" for a value that is over without saying how, and open for open states', () => {
    for (const name of ['Closed', 'Cerrado', 'Cerrada', 'Finalizado'])
      expect(outcomeOfName(name), name).toBe('closed');
    for (const name of ['open', 'Active', 'Abierta', 'En curso', 'On hold', 'Suspended'])
      expect(outcomeOfName(name), name).toBe('open');
  });

  it('says nothing about a step of the pipeline, closing steps included', () => {
    for (const name of [
      'Qualified',
      'Contract sent',
      'Propuesta enviada',
      'Negotiations Started',
      'Closing',
      'Cierre',
      'Final invoice',
      '',
    ])
      expect(outcomeOfName(name), name).toBeNull();
  });
});

describe('rowOutcome', () => {
  it('believes a status column over the stage a won or lost deal kept (Pipedrive)', () => {
    expect(rowOutcome({ stage: 'Negotiations Started', status: 'won' })).toBe('won');
    expect(rowOutcome({ stage: 'Demo Scheduled', status: 'lost' })).toBe('lost');
    expect(rowOutcome({ stage: 'Closed Won', status: 'open' })).toBe('open');
  });

  it('reads closed and won flags (Salesforce): closed and won is Won, closed and not won is Lost', () => {
    expect(rowOutcome({ stage: 'Closed Won', closed: true, won: true })).toBe('won');
    expect(rowOutcome({ stage: 'Closed Lost', closed: 1, won: 0 })).toBe('lost');
    expect(rowOutcome({ stage: 'Prospecting', closed: 'false', won: 'false' })).toBe('open');
  });

  it('takes probability 100 as Won and 0 as Lost on a closed deal, and a lost reason at 0 as Lost', () => {
    expect(rowOutcome({ stage: 'Done', closed: true, probability: 100 })).toBe('won');
    expect(rowOutcome({ stage: 'Done', closed: true, probability: 0 })).toBe('lost');
    expect(rowOutcome({ stage: 'Cerrado', probability: 100 })).toBe('won');
    expect(rowOutcome({ stage: 'Cerrado', probability: 0 })).toBe('lost');
    expect(rowOutcome({ stage: 'Qualified', probability: 0, lostReason: 'Too expensive' })).toBe(
      'lost',
    );
    expect(rowOutcome({ stage: 'Qualified', probability: 0 })).toBeNull();
  });
});

describe('inferPipeline', () => {
  const order = (all: StageStats[], base = settings) =>
    inferPipeline(all, base).stages.map((stage) => [stage.value, stage.kind, stage.probability]);

  it('orders open stages by their deals’ probability and gives each the median', () => {
    const pipeline = inferPipeline(
      [
        stats('Verbal yes', { probabilities: [90, 80] }),
        stats('Discovery', { probabilities: [20, 10, 30] }),
        stats('Vendido', { won: 2, open: 0, allProbabilities: [100, 100] }),
        stats('Pitch', { probabilities: [50] }),
      ],
      settings,
    );
    expect(pipeline.orderBecause).toBe('probability');
    expect(pipeline.stages.map((s) => [s.value, s.kind, s.probability, s.probabilityFrom])).toEqual(
      [
        ['Discovery', 'open', 20, 'data'],
        ['Pitch', 'open', 50, 'data'],
        ['Verbal yes', 'open', 85, 'data'],
        ['Vendido', 'won', 100, 'closed'],
      ],
    );
  });

  it('follows a CRM’s default pipeline when the values are its stages, probabilities spread 10-80 %', () => {
    const pipeline = inferPipeline(
      ['Contract sent', 'Appointment scheduled', 'Qualified to buy', 'Closed lost'].map((v) =>
        stats(v),
      ),
      settings,
    );
    expect(pipeline.orderBecause).toBe('vendor');
    expect(pipeline.stages.map((s) => [s.value, s.kind, s.probability])).toEqual([
      ['Appointment scheduled', 'open', 10],
      ['Qualified to buy', 'open', 45],
      ['Contract sent', 'open', 80],
      ['Closed lost', 'lost', 0],
    ]);
  });

  it('orders by the numbers a team put before its stages', () => {
    expect(order(['3-Propose', '1-Qualify', '4-Close', '2-Develop'].map((v) => stats(v)))).toEqual([
      ['1-Qualify', 'open', 10],
      ['2-Develop', 'open', 33],
      ['3-Propose', 'open', 57],
      ['4-Close', 'open', 80],
    ]);
  });

  it('orders by what the names say and how old their deals are, in Spanish too', () => {
    const pipeline = inferPipeline(
      [
        stats('Negociación con compras', { ages: [90, 70] }),
        stats('Primer contacto', { ages: [3, 10] }),
        stats('Revisión técnica', { ages: [40, 50] }),
        stats('Presupuesto enviado', { ages: [30] }),
      ],
      spanish,
    );
    expect(pipeline.orderBecause).toBe('words');
    expect(pipeline.stages.map((s) => s.value)).toEqual([
      'Primer contacto',
      'Presupuesto enviado',
      'Revisión técnica',
      'Negociación con compras',
    ]);
  });

  it('orders stages whose names say nothing by how long their deals have been open', () => {
    const pipeline = inferPipeline(
      [
        stats('Alpha', { ages: [5, 7] }),
        stats('Gamma', { ages: [60] }),
        stats('Beta', { ages: [20, 30] }),
      ],
      settings,
    );
    expect(pipeline.orderBecause).toBe('age');
    expect(pipeline.stages.map((s) => s.value)).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('makes a closed value Won or Lost by its deals: 100 % is Won, 0 % is Lost', () => {
    expect(
      order([
        stats('Lead'),
        stats('Cerrado', { won: 0, lost: 0, open: 0, allProbabilities: [0, 0] }),
        stats('Done', { allProbabilities: [100, 100, 100] }),
      ]),
    ).toEqual([
      ['Lead', 'open', 50],
      ['Done', 'won', 100],
      ['Cerrado', 'lost', 0],
    ]);
  });

  it('keeps the order and probabilities of Settings when the values are its stages', () => {
    const pipeline = inferPipeline([stats('Proposal'), stats('new'), stats('Won')], settings);
    expect(pipeline.orderBecause).toBe('settings');
    expect(pipeline.stages.map((s) => [s.value, s.probability])).toEqual([
      ['new', 10],
      ['Proposal', 60],
      ['Won', 100],
    ]);
  });
});

describe('positionFromWords and spreadProbability', () => {
  it('places a stage by its words along a sale, English and Spanish', () => {
    expect(positionFromWords('New lead')).toBeLessThan(positionFromWords('Qualification') ?? 0);
    expect(positionFromWords('Calificación')).toBeLessThan(positionFromWords('Propuesta') ?? 0);
    expect(positionFromWords('Quote sent')).toBeLessThan(positionFromWords('Negotiation') ?? 0);
    expect(positionFromWords('Blue')).toBeNull();
  });

  it('spreads probabilities from 10 % at the first open stage to 80 % at the last', () => {
    expect([0, 1, 2].map((i) => spreadProbability(i, 3))).toEqual([10, 45, 80]);
    expect(spreadProbability(0, 1)).toBe(50);
  });
});

describe('withTeamStages', () => {
  const pipeline = inferPipeline(
    [
      stats('Discovery', { probabilities: [20] }),
      stats('Pitch', { probabilities: [50] }),
      stats('Closed Won'),
      stats('Closed Lost'),
      stats('Closed-Lost to Competition'),
    ],
    settings,
  );

  it('makes the team’s stages the stages of Settings, names kept, closed ones after', () => {
    const next = withTeamStages(settings, pipeline, new Map(), 'en');
    expect(next.stages.map((s) => [s.name, s.kind, s.probability, s.targetDays])).toEqual([
      ['Discovery', 'open', 20, 14],
      ['Pitch', 'open', 50, 14],
      ['Closed Won', 'won', 100, null],
      ['Closed Lost', 'lost', 0, null],
      ['Closed-Lost to Competition', 'lost', 0, null],
    ]);
    // Stage e-mails about stages the team does not have would never fire: dropped.
    expect(next.stageEmails.every((e) => next.stages.some((s) => s.name === e.stage))).toBe(true);
  });

  it('folds a stage into another only when the team says so, and names missing closed stages', () => {
    const next = withTeamStages(
      settings,
      inferPipeline([stats('Discovery'), stats('Pitch'), stats('Demo')], settings),
      new Map([['Demo', { kind: 'fold', into: 'Pitch' } as const]]),
      'es',
      { won: 'ganado' },
    );
    expect(next.stages.map((s) => [s.name, s.kind])).toEqual([
      ['Discovery', 'open'],
      ['Pitch', 'open'],
      ['Ganado', 'won'],
      ['Perdido', 'lost'],
    ]);
  });

  it('leaves Settings as they are when every value is one of their stages', () => {
    const same = inferPipeline([stats('Qualified'), stats('Lost')], settings);
    expect(withTeamStages(settings, same, new Map(), 'en')).toBe(settings);
  });
});

// What foreign stages and statuses mean: Won, Lost, one of our stages, or a new open stage.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/domain/defaults';
import {
  outcomeOfName,
  proposeStage,
  rowOutcome,
  type StageStats,
  similarStage,
  withNewStages,
} from '../../src/domain/stage-mapping';

const settings = defaultSettings('en');
const spanish = defaultSettings('es');
const stats = (value: string, probabilities: number[] = []): StageStats => ({
  value,
  rows: probabilities.length || 1,
  won: 0,
  lost: 0,
  open: probabilities.length || 1,
  probabilities,
});

describe('outcomeOfName', () => {
  it('reads Won and Lost in stage names and statuses, English and Spanish', () => {
    for (const name of [
      'Closed Won',
      'closedwon',
      'Closed/Won',
      'won',
      'Ganado',
      'Cierre ganado',
      'Cerrada ganada',
    ])
      expect(outcomeOfName(name), name).toBe('won');
    for (const name of [
      'Closed Lost',
      'Closed-Lost to Competition',
      'Abandoned',
      'Out-Sold',
      'Perdida',
      'Cerrado perdido ante la competencia',
    ])
      expect(outcomeOfName(name), name).toBe('lost');
    for (const name of ['open', 'Active', 'Abierta', 'En curso'])
      expect(outcomeOfName(name), name).toBe('open');
  });

  it('says nothing about a step of the pipeline', () => {
    for (const name of ['Qualified', 'Contract sent', 'Won deal review', 'Propuesta enviada', ''])
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

  it('with a closed flag alone, takes probability 100 as Won and 0 as Lost', () => {
    expect(rowOutcome({ stage: 'Done', closed: true, probability: 100 })).toBe('won');
    expect(rowOutcome({ stage: 'Done', closed: true, probability: 0 })).toBe('lost');
  });

  it('takes probability 0 with a lost reason as Lost (Odoo archives lost deals so)', () => {
    expect(rowOutcome({ stage: 'Qualified', probability: 0, lostReason: 'Too expensive' })).toBe(
      'lost',
    );
    expect(rowOutcome({ stage: 'Qualified', probability: 0 })).toBeNull();
  });
});

describe('proposeStage', () => {
  it('keeps a stage of ours, by name in any case or accent', () => {
    expect(proposeStage(stats('negotiation'), settings)).toEqual({
      kind: 'existing',
      stage: 'Negotiation',
    });
    expect(proposeStage(stats('negociacion'), spanish)).toEqual({
      kind: 'existing',
      stage: 'Negociación',
    });
  });

  it('maps Closed Won / Closed Lost onto Won and Lost', () => {
    expect(proposeStage(stats('Closed Won'), settings)).toEqual({ kind: 'won' });
    expect(proposeStage(stats('Cerrado perdido'), spanish)).toEqual({ kind: 'lost' });
  });

  it('maps a form of one of our stages onto it', () => {
    expect(similarStage('Qualification', settings.stages)).toBe('Qualified');
    expect(similarStage('Proposal/Price Quote', settings.stages)).toBe('Proposal');
    expect(similarStage('Negotiations Started', settings.stages)).toBe('Negotiation');
    expect(similarStage('Calificación', spanish.stages)).toBe('Calificado');
    expect(similarStage('Prospecting', settings.stages)).toBeUndefined();
    expect(similarStage('Won', settings.stages)).toBeUndefined();
  });

  it('makes any other stage a new open stage at its open rows’ median probability', () => {
    expect(proposeStage(stats('Contract sent', [90, 85, 100]), settings)).toEqual({
      kind: 'new',
      probability: 88,
    });
    expect(proposeStage(stats('Contract sent'), settings)).toEqual({
      kind: 'new',
      probability: 10,
    });
  });
});

describe('withNewStages', () => {
  it('puts new open stages among ours by probability, closed stages last', () => {
    const next = withNewStages(settings, [
      { name: 'Contract sent', probability: 90 },
      { name: 'Appointment scheduled', probability: 20 },
    ]);
    expect(next.stages.map((s) => s.name)).toEqual([
      'New',
      'Appointment scheduled',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Contract sent',
      'Won',
      'Lost',
    ]);
    expect(next.stages.find((s) => s.name === 'Contract sent')).toMatchObject({
      kind: 'open',
      targetDays: 14,
    });
  });
});

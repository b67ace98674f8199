// The demo pipeline is realistic and repeatable: every stage, several owners, valid rows, ordered history.
import { describe, expect, it } from 'vitest';
import { demoData, demoTeam } from '../../src/domain/demo-data';
import { closePushes } from '../../src/domain/follow-up';
import { aSettings, d } from './builders';

const today = d('2026-11-23');

describe('demo data', () => {
  const demo = demoData(today, aSettings(), 'en');

  it('has about sixty deals in every stage, owned by the team', () => {
    expect(demo.deals).toHaveLength(60);
    const stages = new Set(demo.deals.map((deal) => deal.stage));
    expect([...stages].sort()).toEqual([
      'Lost',
      'Negotiation',
      'New',
      'Proposal',
      'Qualified',
      'Won',
    ]);
    const owners = new Set(demo.deals.map((deal) => deal.owner));
    expect(owners.size).toBe(3);
    for (const owner of owners) expect(demoTeam.map((m) => m.email)).toContain(owner);
  });

  it('is the same every time for the same day', () => {
    expect(demoData(today, aSettings(), 'en')).toEqual(demo);
  });

  it('keeps the rules: lost deals have a reason, won deals an amount and a close date', () => {
    for (const deal of demo.deals) {
      if (deal.stage === 'Lost') expect(deal.lostReason).not.toBe('');
      if (deal.stage === 'Won') expect(deal.amount).toBeGreaterThan(0);
      if (deal.stage === 'Won' || deal.stage === 'Lost') expect(deal.closedOn).not.toBeNull();
      expect(deal.created! <= deal.stageEntered!).toBe(true);
    }
  });

  it('has history in time order whose close-date pushes match the rows', () => {
    const times = demo.history.map((event) => event.at);
    expect(times).toEqual([...times].sort());
    for (const deal of demo.deals)
      expect(closePushes(deal.id, demo.history)).toBe(deal.closePushes);
  });

  it('speaks Spanish with Spanish stage names', () => {
    const es = demoData(
      today,
      {
        ...aSettings(),
        stages: aSettings().stages.map((s, i) => ({
          ...s,
          name:
            ['Nuevo', 'Calificado', 'Propuesta enviada', 'Negociación', 'Ganado', 'Perdido'][i] ??
            s.name,
        })),
      },
      'es',
    );
    expect(es.deals.some((deal) => deal.stage === 'Propuesta enviada')).toBe(true);
    expect(
      es.deals.some(
        (deal) =>
          deal.nextAction.startsWith('Llamada') ||
          deal.nextAction.startsWith('Demo') ||
          deal.nextAction === '' ||
          /[áéíóúñ]|Enviar|Reunión|Email/.test(deal.nextAction),
      ),
    ).toBe(true);
  });
});

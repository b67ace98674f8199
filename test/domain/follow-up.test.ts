// Proves the follow-up rules: next action due, stale amber/red, close-date pushes and slipping.
import { describe, expect, it } from 'vitest';
import {
  attentionOf,
  closedDateOf,
  closePushes,
  followUp,
  isClosePush,
  isSlipping,
  lastUpdateOf,
  nextActionStatus,
  pastStageTarget,
  probabilityOf,
  pushesOf,
  stageIndex,
  stageKindOf,
  stageOf,
  staleness,
} from '../../src/domain/follow-up';
import { aDeal, anEvent, aSettings, d, dt } from './builders';

const today = d('2026-11-23');
const settings = aSettings();

describe('stages', () => {
  it('finds a stage by name, ignoring case and spaces, and knows its kind', () => {
    expect(stageOf(settings, 'Proposal')?.probability).toBe(60);
    expect(stageOf(settings, ' proposal ')?.name).toBe('Proposal');
    const spanish = aSettings({
      stages: aSettings().stages.map((s, i) => (i === 3 ? { ...s, name: 'Negociación' } : s)),
    });
    expect(stageOf(spanish, 'negociacion')?.name).toBe('Negociación');
    expect(stageIndex(settings, 'Negotiation')).toBe(3);
    expect(stageIndex(settings, 'Pending')).toBe(-1);
    expect(stageKindOf(settings, 'Won')).toBe('won');
    expect(stageKindOf(settings, 'Lost')).toBe('lost');
  });

  it('treats a stage missing from the list as open: the deal is not closed', () => {
    expect(stageKindOf(settings, 'Pending')).toBe('open');
  });

  it('uses renamed stages by kind, not by the word Won', () => {
    const renamed = aSettings({
      stages: settings.stages.map((s) => (s.kind === 'won' ? { ...s, name: 'Signed' } : s)),
    });
    const signed = aDeal({ stage: 'Signed', nextActionDate: null });
    expect(nextActionStatus(signed, today, renamed)).toBe('closed');
    expect(nextActionStatus(aDeal({ stage: 'Won' }), today, renamed)).toBe('none');
  });

  it('takes the deal probability override before the stage probability', () => {
    expect(probabilityOf(aDeal({ stage: 'Proposal' }), settings)).toBe(0.6);
    expect(probabilityOf(aDeal({ stage: 'Proposal', probability: 25 }), settings)).toBe(0.25);
    expect(probabilityOf(aDeal({ stage: 'Pending' }), settings)).toBe(0);
    expect(probabilityOf(aDeal({ probability: 250 }), settings)).toBe(1);
  });

  it('dates a closed deal by closedOn, else by when it entered its stage', () => {
    expect(closedDateOf(aDeal({ closedOn: d('2026-11-02') }))).toBe('2026-11-02');
    expect(closedDateOf(aDeal({ closedOn: null, stageEntered: d('2026-11-05') }))).toBe(
      '2026-11-05',
    );
  });
});

describe('next action status', () => {
  it('is overdue before today, due today, upcoming after, none without a date', () => {
    expect(nextActionStatus(aDeal({ nextActionDate: d('2026-11-22') }), today, settings)).toBe(
      'overdue',
    );
    expect(nextActionStatus(aDeal({ nextActionDate: today }), today, settings)).toBe('today');
    expect(nextActionStatus(aDeal({ nextActionDate: d('2026-11-24') }), today, settings)).toBe(
      'upcoming',
    );
    expect(nextActionStatus(aDeal({ nextActionDate: null }), today, settings)).toBe('none');
  });

  it('is closed for won and lost deals, whatever their dates', () => {
    const lost = aDeal({ stage: 'Lost', nextActionDate: d('2026-01-01') });
    expect(nextActionStatus(lost, today, settings)).toBe('closed');
  });
});

describe('staleness', () => {
  it('is fresh within the stage target', () => {
    const deal = aDeal({ stage: 'Qualified', stageEntered: d('2026-11-16') });
    expect(staleness(deal, today, settings)).toMatchObject({
      level: 'fresh',
      days: 7,
      targetDays: 7,
    });
  });

  it('turns amber past the target and red past 1.5x the target', () => {
    const amber = aDeal({ stage: 'Qualified', stageEntered: d('2026-11-15') });
    expect(staleness(amber, today, settings).level).toBe('amber');
    const edge = aDeal({ stage: 'Proposal', stageEntered: d('2026-11-02') });
    expect(staleness(edge, today, settings)).toMatchObject({ level: 'amber', days: 21 });
    const red = aDeal({ stage: 'Proposal', stageEntered: d('2026-11-01') });
    expect(staleness(red, today, settings)).toMatchObject({ level: 'red', days: 22 });
  });

  it('follows the factors in Settings', () => {
    const strict = aSettings({ staleAmberFactor: 0.5, staleRedFactor: 1 });
    const deal = aDeal({ stage: 'Qualified', stageEntered: d('2026-11-19') });
    expect(staleness(deal, today, strict).level).toBe('amber');
    expect(staleness(deal, today, settings).level).toBe('fresh');
  });

  it('is excused by a next action scheduled today or later, not by an overdue one', () => {
    const old = { stage: 'New', stageEntered: d('2026-10-01') };
    expect(staleness(aDeal({ ...old, nextActionDate: today }), today, settings)).toMatchObject({
      level: 'fresh',
      excused: true,
    });
    expect(
      staleness(aDeal({ ...old, nextActionDate: d('2026-12-01') }), today, settings).level,
    ).toBe('fresh');
    expect(
      staleness(aDeal({ ...old, nextActionDate: d('2026-11-20') }), today, settings).level,
    ).toBe('red');
  });

  it('judges a stuck deal by its stage age even when the row was touched recently', () => {
    const deal = aDeal({
      stage: 'New',
      stageEntered: d('2026-11-01'),
      lastContact: d('2026-11-22'),
      updated: dt('2026-11-23T08:00:00'),
    });
    expect(staleness(deal, today, settings)).toMatchObject({
      level: 'red',
      stageDays: 22,
      daysSinceUpdate: 0,
    });
  });

  it('falls back to created when the stage date is missing, and to the last update after that', () => {
    const noStageDate = aDeal({ stage: 'New', stageEntered: null, created: d('2026-11-20') });
    expect(staleness(noStageDate, today, settings)).toMatchObject({ level: 'amber', days: 3 });
    const onlyContact = aDeal({
      stage: 'New',
      stageEntered: null,
      created: null,
      lastContact: d('2026-11-10'),
    });
    expect(staleness(onlyContact, today, settings)).toMatchObject({
      level: 'red',
      stageDays: null,
      daysSinceUpdate: 13,
    });
  });

  it('is fresh with no dates at all, for closed deals, and for stages without a target', () => {
    const bare = aDeal({ stageEntered: null, created: null });
    expect(staleness(bare, today, settings)).toMatchObject({ level: 'fresh', days: 0 });
    const won = aDeal({ stage: 'Won', stageEntered: d('2025-01-01') });
    expect(staleness(won, today, settings)).toMatchObject({ level: 'fresh', targetDays: null });
    const unknown = aDeal({ stage: 'Pending', stageEntered: d('2025-01-01') });
    expect(staleness(unknown, today, settings).level).toBe('fresh');
  });

  it('does not count a future stage date as negative age', () => {
    const future = aDeal({ stageEntered: d('2026-12-01') });
    expect(staleness(future, today, settings)).toMatchObject({ days: 0, stageDays: 0 });
  });

  it('takes the last update as the latest of stage entry, last contact and the updated stamp', () => {
    expect(
      lastUpdateOf(
        aDeal({
          stageEntered: d('2026-11-01'),
          lastContact: d('2026-11-10'),
          updated: dt('2026-11-05T10:00:00'),
        }),
      ),
    ).toBe('2026-11-10');
    expect(lastUpdateOf(aDeal({ stageEntered: null, updated: dt('2026-11-05T10:00:00') }))).toBe(
      '2026-11-05',
    );
    expect(lastUpdateOf(aDeal({ stageEntered: null }))).toBeNull();
  });

  it('knows when a deal is past its stage target', () => {
    const negotiation = { stage: 'Negotiation' };
    expect(
      pastStageTarget(aDeal({ ...negotiation, stageEntered: d('2026-11-01') }), today, settings),
    ).toBe(true);
    expect(
      pastStageTarget(aDeal({ ...negotiation, stageEntered: d('2026-11-02') }), today, settings),
    ).toBe(false);
    expect(
      pastStageTarget(
        aDeal({ ...negotiation, stageEntered: null, created: null }),
        today,
        settings,
      ),
    ).toBe(false);
    expect(pastStageTarget(aDeal({ stage: 'Won' }), today, settings)).toBe(false);
  });
});

describe('close-date pushes', () => {
  const push = (dealId: string, old: string, next: string) =>
    anEvent({ dealId, field: 'closeDate', old, new: next });

  it('counts only moves of the close date to a later date, for that deal', () => {
    const history = [
      push('OPP-1', '2026-11-30', '2026-12-15'),
      push('OPP-1', '2026-12-15', '2026-12-01'),
      push('OPP-1', '', '2026-12-31'),
      push('OPP-1', '2026-12-01', ''),
      push('OPP-1', '2026-12-01', '2027-01-31'),
      push('OPP-2', '2026-11-30', '2026-12-15'),
      anEvent({ dealId: 'OPP-1', field: 'nextActionDate', old: '2026-11-01', new: '2026-12-01' }),
    ];
    expect(closePushes('OPP-1', history)).toBe(2);
    expect(closePushes('OPP-3', history)).toBe(0);
    expect(isClosePush(push('X', '2026-11-30T00:00:00', '2026-12-01T00:00:00'))).toBe(true);
  });

  it('marks the date unreliable at the slip threshold', () => {
    expect(isSlipping(2, settings)).toBe(false);
    expect(isSlipping(3, settings)).toBe(true);
    expect(isSlipping(1, aSettings({ slipThreshold: 1 }))).toBe(true);
  });

  it('keeps the row count when it is higher than History knows', () => {
    const deal = aDeal({ closePushes: 4 });
    expect(pushesOf(deal, [])).toBe(4);
    expect(pushesOf(aDeal({ id: 'OPP-9' }), [push('OPP-9', '2026-01-01', '2026-02-01')])).toBe(1);
  });
});

describe('the follow-up summary', () => {
  it('combines the states and says when the seller should act', () => {
    const deal = aDeal({
      stage: 'Proposal',
      stageEntered: d('2026-11-20'),
      nextActionDate: d('2026-11-20'),
      closeDate: d('2026-11-30'),
    });
    const history = [1, 2, 3].map((n) =>
      anEvent({
        dealId: deal.id,
        field: 'closeDate',
        old: `2026-0${n}-01`,
        new: `2026-0${n + 1}-01`,
      }),
    );
    expect(followUp(deal, today, settings, history)).toMatchObject({
      dealId: deal.id,
      open: true,
      nextAction: 'overdue',
      daysOverdue: 3,
      daysUntilNextAction: 0,
      closePushes: 3,
      slipping: true,
      closeDatePassed: false,
      needsAttention: true,
    });
  });

  it('needs nothing from a deal with a plan, in time', () => {
    const deal = aDeal({
      stage: 'Qualified',
      stageEntered: d('2026-11-20'),
      nextActionDate: d('2026-11-26'),
      closeDate: d('2026-12-15'),
    });
    expect(followUp(deal, today, settings, [])).toMatchObject({
      nextAction: 'upcoming',
      daysUntilNextAction: 3,
      needsAttention: false,
      slipping: false,
    });
  });

  it('flags a close date already passed', () => {
    const deal = aDeal({ closeDate: d('2026-11-22'), nextActionDate: d('2026-11-24') });
    expect(followUp(deal, today, settings, [])).toMatchObject({
      closeDatePassed: true,
      needsAttention: true,
    });
  });

  it('asks nothing of a closed deal', () => {
    const won = aDeal({ stage: 'Won', closeDate: d('2026-01-01'), closePushes: 5 });
    expect(followUp(won, today, settings, [])).toMatchObject({
      open: false,
      nextAction: 'closed',
      slipping: false,
      closeDatePassed: false,
      needsAttention: false,
    });
  });
});

describe('attention: each deal once, under its most urgent reason', () => {
  it('lists an overdue, stale deal whose close date passed once, as overdue, with the others as tags', () => {
    const deal = aDeal({
      stage: 'Proposal',
      stageEntered: d('2026-08-01'),
      lastContact: null,
      updated: null,
      nextAction: 'Call',
      nextActionDate: d('2026-11-07'),
      closeDate: d('2026-11-01'),
    });
    expect(attentionOf(deal, today, settings)).toEqual({
      reason: 'overdue',
      tags: ['closeDatePassed', 'stale'],
      days: 16,
    });
  });

  it('puts a due-today action before a passed close date, and no next action before stale', () => {
    const dueToday = aDeal({ nextActionDate: today, closeDate: d('2026-11-20') });
    expect(attentionOf(dueToday, today, settings)).toMatchObject({
      reason: 'dueToday',
      tags: ['closeDatePassed'],
    });
    const idle = aDeal({
      stage: 'Proposal',
      stageEntered: d('2026-08-01'),
      lastContact: null,
      updated: null,
      nextAction: '',
      nextActionDate: null,
      closeDate: d('2027-01-31'),
    });
    expect(attentionOf(idle, today, settings)).toMatchObject({
      reason: 'noNextAction',
      tags: ['stale'],
    });
  });

  it('gives nothing for a closed deal, or an open one with a plan and a future close date', () => {
    const won = aDeal({
      stage: 'Won',
      nextActionDate: d('2026-11-01'),
      closeDate: d('2026-11-01'),
    });
    expect(attentionOf(won, today, settings)).toBeNull();
    const planned = aDeal({
      stage: 'Proposal',
      stageEntered: d('2026-11-20'),
      nextActionDate: d('2026-11-25'),
      closeDate: d('2027-01-31'),
    });
    expect(attentionOf(planned, today, settings)).toBeNull();
  });
});

// Stage rules: which moves are allowed, what Lost and Won need, and the History every change leaves.
import { describe, expect, it } from 'vitest';
import {
  allowedMoves,
  checkNewDeal,
  exitCriteriaFor,
  logInteraction,
  moveStage,
  type RuleContext,
  updateFields,
} from '../../src/domain/stage-rules';
import { aDeal, aSettings, d, dt } from './builders';

const context: RuleContext = {
  settings: aSettings(),
  today: d('2026-11-20'),
  now: dt('2026-11-20T10:30:00'),
  user: 'ana@example.com',
};

function moved(...args: Parameters<typeof moveStage>) {
  const result = moveStage(...args);
  if (!result.ok) throw new Error(`expected a move, got ${result.error.code}`);
  return result.value;
}

function refusal(result: ReturnType<typeof moveStage>) {
  return result.ok ? 'allowed' : result.error.code;
}

describe('moveStage', () => {
  it('moves a deal forward, stamps the day it entered the stage and records the move', () => {
    const deal = aDeal({ id: 'OPP-000007', stage: 'New' });
    const { deal: after, events, changed } = moved(deal, { to: 'Qualified' }, context);
    expect(after.stage).toBe('Qualified');
    expect(after.stageEntered).toBe('2026-11-20');
    expect(changed).toEqual(['stage', 'stageEntered']);
    expect(events).toEqual([
      {
        at: '2026-11-20T10:30:00',
        user: 'ana@example.com',
        dealId: 'OPP-000007',
        field: 'stage',
        old: 'New',
        new: 'Qualified',
      },
    ]);
    expect(deal.stage).toBe('New');
  });

  it('allows a move back and records it', () => {
    const { deal, events } = moved(aDeal({ stage: 'Negotiation' }), { to: 'qualified' }, context);
    expect(deal.stage).toBe('Qualified');
    expect(events.map((e) => [e.field, e.old, e.new])).toEqual([
      ['stage', 'Negotiation', 'Qualified'],
    ]);
  });

  it('refuses an unknown stage and a move to the stage the deal is in', () => {
    expect(moveStage(aDeal(), { to: 'Prospecting' }, context)).toMatchObject({
      ok: false,
      error: { code: 'unknownStage', params: { stage: 'Prospecting' } },
    });
    expect(refusal(moveStage(aDeal({ stage: 'Proposal' }), { to: 'PROPOSAL' }, context))).toBe(
      'alreadyInStage',
    );
  });

  it('refuses to move a deal to Lost without a reason', () => {
    expect(refusal(moveStage(aDeal(), { to: 'Lost' }, context))).toBe('lostReasonRequired');
    expect(refusal(moveStage(aDeal(), { to: 'Lost', lostReason: '  ' }, context))).toBe(
      'lostReasonRequired',
    );
  });

  it('refuses a lost reason that is not in the settings', () => {
    expect(refusal(moveStage(aDeal(), { to: 'Lost', lostReason: 'Bad luck' }, context))).toBe(
      'unknownLostReason',
    );
  });

  it('refuses Other without a note saying what happened', () => {
    expect(refusal(moveStage(aDeal(), { to: 'Lost', lostReason: 'Other' }, context))).toBe(
      'lostNoteRequired',
    );
  });

  it('closes a lost deal today with its reason and note, recording each change', () => {
    const { deal, events, changed } = moved(
      aDeal({ stage: 'Proposal' }),
      { to: 'Lost', lostReason: 'other', lostNote: ' Project cancelled ' },
      context,
    );
    expect(deal).toMatchObject({
      stage: 'Lost',
      closedOn: '2026-11-20',
      lostReason: 'Other',
      lostNote: 'Project cancelled',
    });
    expect(changed).toEqual(['stage', 'stageEntered', 'lostReason', 'lostNote', 'closedOn']);
    expect(events.map((e) => [e.field, e.old, e.new])).toEqual([
      ['stage', 'Proposal', 'Lost'],
      ['lostReason', '', 'Other'],
      ['lostNote', '', 'Project cancelled'],
      ['closedOn', '', '2026-11-20'],
    ]);
  });

  it('refuses to move a deal to Won without an amount', () => {
    expect(refusal(moveStage(aDeal({ amount: null }), { to: 'Won' }, context))).toBe(
      'amountRequired',
    );
    expect(refusal(moveStage(aDeal({ amount: 0 }), { to: 'Won' }, context))).toBe('amountRequired');
    expect(refusal(moveStage(aDeal(), { to: 'Won', amount: -1 }, context))).toBe('invalidAmount');
    expect(refusal(moveStage(aDeal(), { to: 'Won', amount: Number.NaN }, context))).toBe(
      'invalidAmount',
    );
  });

  it('wins a deal with the amount given, closing it on the day given', () => {
    const { deal, events } = moved(
      aDeal({ stage: 'Negotiation', amount: null }),
      { to: 'Won', amount: 18_000, closedOn: d('2026-11-18') },
      context,
    );
    expect(deal).toMatchObject({ stage: 'Won', amount: 18_000, closedOn: '2026-11-18' });
    expect(events.map((e) => [e.field, e.old, e.new])).toEqual([
      ['stage', 'Negotiation', 'Won'],
      ['amount', '', '18000'],
      ['closedOn', '', '2026-11-18'],
    ]);
  });

  it('refuses a close date in the future or not a date', () => {
    expect(refusal(moveStage(aDeal(), { to: 'Won', closedOn: d('2026-11-21') }, context))).toBe(
      'futureDate',
    );
    expect(refusal(moveStage(aDeal(), { to: 'Won', closedOn: d('2026-02-29') }, context))).toBe(
      'invalidDate',
    );
  });

  it('reopens a lost deal, clearing its close date, reason and note, and records it', () => {
    const lost = aDeal({
      stage: 'Lost',
      closedOn: d('2026-10-01'),
      lostReason: 'Other',
      lostNote: 'Budget frozen',
    });
    const { deal, events } = moved(lost, { to: 'Negotiation' }, context);
    expect(deal).toMatchObject({
      stage: 'Negotiation',
      closedOn: null,
      lostReason: '',
      lostNote: '',
    });
    expect(events.map((e) => [e.field, e.old, e.new])).toEqual([
      ['stage', 'Lost', 'Negotiation'],
      ['lostReason', 'Other', ''],
      ['lostNote', 'Budget frozen', ''],
      ['closedOn', '2026-10-01', ''],
    ]);
  });

  it('clears the lost reason when a lost deal is won after all', () => {
    const lost = aDeal({ stage: 'Lost', closedOn: d('2026-10-01'), lostReason: 'Price' });
    expect(moved(lost, { to: 'Won' }, context).deal).toMatchObject({
      lostReason: '',
      closedOn: '2026-11-20',
    });
  });

  it('moves a deal whose stage is not in the settings onto a known one', () => {
    expect(moved(aDeal({ stage: 'Prospecting' }), { to: 'New' }, context).deal.stage).toBe('New');
  });

  it('stamps stageEntered on the last day of the year and on 29 February', () => {
    for (const today of ['2026-12-31', '2028-02-29']) {
      const { deal } = moved(aDeal(), { to: 'Qualified' }, { ...context, today: d(today) });
      expect(deal.stageEntered).toBe(today);
    }
  });
});

describe('exitCriteriaFor', () => {
  it('lists the checklist of a stage, found ignoring case', () => {
    expect(exitCriteriaFor('new', context.settings)).toEqual([
      'Contact identified and reached',
      'Need understood',
    ]);
    expect(exitCriteriaFor('Won', context.settings)).toEqual([]);
    expect(exitCriteriaFor('Prospecting', context.settings)).toEqual([]);
  });
});

describe('allowedMoves', () => {
  it('offers every other stage, marking back moves and what each needs', () => {
    const moves = allowedMoves(aDeal({ stage: 'Proposal', amount: null }), context.settings);
    expect(moves).toEqual([
      { stage: 'New', kind: 'open', back: true, needs: [] },
      { stage: 'Qualified', kind: 'open', back: true, needs: [] },
      { stage: 'Negotiation', kind: 'open', back: false, needs: [] },
      { stage: 'Won', kind: 'won', back: false, needs: ['amount'] },
      { stage: 'Lost', kind: 'lost', back: false, needs: ['lostReason'] },
    ]);
  });

  it('counts reopening a closed deal as a move back', () => {
    const moves = allowedMoves(aDeal({ stage: 'Won' }), context.settings);
    expect(moves.filter((m) => m.back).map((m) => m.stage)).toEqual([
      'New',
      'Qualified',
      'Proposal',
      'Negotiation',
    ]);
    expect(moves.find((m) => m.stage === 'Lost')?.back).toBe(false);
  });

  it('offers every stage to a deal in an unknown stage, none as a move back', () => {
    const moves = allowedMoves(aDeal({ stage: 'Prospecting' }), context.settings);
    expect(moves).toHaveLength(6);
    expect(moves.some((m) => m.back)).toBe(false);
  });
});

describe('next action and planned dates', () => {
  const code = (result: ReturnType<typeof updateFields>) => (result.ok ? 'ok' : result.error.code);

  it('refuses a next-action date without what to do', () => {
    const deal = aDeal();
    const result = updateFields(
      deal,
      { nextAction: '  ', nextActionDate: d('2026-11-25'), nextActionGoal: '' },
      context,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'nextActionRequired', params: { field: 'nextAction' } },
    });
    expect(
      code(updateFields(deal, { nextAction: 'Call', nextActionDate: d('2026-11-25') }, context)),
    ).toBe('ok');
  });

  it('does not block an unrelated edit of an old row that has a date and no next action', () => {
    const deal = aDeal({ nextAction: '', nextActionDate: d('2026-11-25') });
    expect(code(updateFields(deal, { amount: 5_000 }, context))).toBe('ok');
  });

  it('asks to confirm a next-action date or close date newly set in the past', () => {
    const deal = aDeal();
    const past = updateFields(
      deal,
      { nextAction: 'Call', nextActionDate: d('2020-02-02') },
      context,
    );
    expect(past).toMatchObject({
      ok: false,
      error: { code: 'pastDate', params: { field: 'nextActionDate', date: '2020-02-02' } },
    });
    expect(code(updateFields(deal, { closeDate: d('2026-11-19') }, context))).toBe('pastDate');
    const confirmed = { ...context, confirmPast: true };
    expect(code(updateFields(deal, { closeDate: d('2026-11-19') }, confirmed))).toBe('ok');
  });

  it('takes today, a future date, or an old date left as it was, without asking', () => {
    const overdue = aDeal({ nextAction: 'Call', nextActionDate: d('2026-11-10') });
    expect(
      code(
        updateFields(
          overdue,
          { nextAction: 'Call', nextActionDate: d('2026-11-10'), nextActionGoal: 'Price' },
          context,
        ),
      ),
    ).toBe('ok');
    expect(code(updateFields(overdue, { nextActionDate: context.today }, context))).toBe('ok');
    expect(code(updateFields(overdue, { closeDate: d('2027-01-10') }, context))).toBe('ok');
  });

  it('checks a new deal the same way: a close date in the past needs a confirmation', () => {
    const fresh = aDeal({ closeDate: d('2020-01-01') });
    expect(checkNewDeal(fresh, context)).toMatchObject({
      ok: false,
      error: { code: 'pastDate', params: { field: 'closeDate' } },
    });
    expect(checkNewDeal(fresh, { ...context, confirmPast: true }).ok).toBe(true);
    const dateOnly = aDeal({ nextAction: '', nextActionDate: d('2026-12-01') });
    expect(checkNewDeal(dateOnly, context)).toMatchObject({
      ok: false,
      error: { code: 'nextActionRequired' },
    });
  });
});

describe('updateFields', () => {
  it('records a close date push in History', () => {
    const deal = aDeal({ closeDate: d('2026-12-31') });
    const result = updateFields(deal, { closeDate: d('2027-01-31') }, context);
    expect(result).toMatchObject({
      ok: true,
      value: {
        changed: ['closeDate'],
        events: [
          { field: 'closeDate', old: '2026-12-31', new: '2027-01-31', user: 'ana@example.com' },
        ],
      },
    });
  });

  it('records next steps, amounts and owners, but not free text or checkboxes', () => {
    const result = updateFields(
      aDeal({ amount: 100 }),
      {
        nextAction: 'Send proposal',
        nextActionDate: d('2026-11-23'),
        amount: 150,
        owner: 'Luis@Example.com',
        competitor: 'Rival',
        budget: true,
      },
      context,
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.deal.owner).toBe('luis@example.com');
    expect(result.value.changed).toEqual([
      'owner',
      'amount',
      'nextAction',
      'nextActionDate',
      'competitor',
      'budget',
    ]);
    expect(result.value.events.map((e) => e.field)).toEqual([
      'owner',
      'amount',
      'nextAction',
      'nextActionDate',
    ]);
  });

  it('changes nothing when the patch holds the current values', () => {
    const deal = aDeal({ stage: 'Proposal' });
    const result = updateFields(deal, { stage: 'Proposal', amount: deal.amount }, context);
    expect(result).toMatchObject({ ok: true, value: { changed: [], events: [] } });
  });

  it('refuses a stage change: stages move through moveStage', () => {
    expect(refusal(updateFields(aDeal(), { stage: 'Won' }, context))).toBe('useMoveStage');
  });

  it('refuses to set the fields the add-on fills', () => {
    for (const patch of [{ id: 'OPP-9' }, { score: 99 }, { stars: 3 }, { closePushes: 0 }]) {
      expect(refusal(updateFields(aDeal(), patch, context))).toBe('notEditable');
    }
  });

  it('refuses values of the wrong kind', () => {
    const bad = [
      { amount: -5 },
      { probability: 101 },
      { closeDate: '31/12/2026' as never },
      { owner: 'Ana' },
      { contactType: 'fax' },
      { budget: 'yes' as never },
      { name: 3 as never },
    ];
    for (const patch of bad)
      expect(refusal(updateFields(aDeal(), patch, context)), JSON.stringify(patch)).toBe(
        'invalidValue',
      );
    expect(refusal(updateFields(aDeal(), { lostReason: 'Bad luck' }, context))).toBe(
      'unknownLostReason',
    );
    expect(refusal(updateFields(aDeal(), { nickname: 'x' } as never, context))).toBe(
      'unknownField',
    );
  });

  it('stores choices and lost reasons in their canonical spelling', () => {
    const result = updateFields(
      aDeal(),
      { contactType: 'llamada', influence: '', lostReason: 'price', probability: null },
      context,
    );
    expect(result.ok && result.value.deal).toMatchObject({
      contactType: 'call',
      lostReason: 'Price',
    });
    expect(updateFields(aDeal(), { lostReason: ' ', contactEmail: '' }, context).ok).toBe(true);
  });

  it('keeps a lost deal’s reason and note, and a won deal’s amount', () => {
    const lost = aDeal({ stage: 'Lost', lostReason: 'Other', lostNote: 'Reorg' });
    expect(refusal(updateFields(lost, { lostReason: '' }, context))).toBe('lostReasonRequired');
    expect(refusal(updateFields(lost, { lostNote: '' }, context))).toBe('lostNoteRequired');
    expect(
      refusal(
        updateFields(
          aDeal({ stage: 'Lost', lostReason: 'Price' }),
          { lostReason: 'Other' },
          context,
        ),
      ),
    ).toBe('lostNoteRequired');
    expect(
      refusal(updateFields(aDeal({ stage: 'Won', amount: 10 }), { amount: null }, context)),
    ).toBe('amountRequired');
  });

  it('lets an old closed row missing its reason or amount still take other edits', () => {
    expect(
      updateFields(aDeal({ stage: 'Lost', lostReason: '' }), { nextAction: 'Call in Q2' }, context)
        .ok,
    ).toBe(true);
    expect(
      updateFields(aDeal({ stage: 'Won', amount: null }), { segment: 'Retail' }, context).ok,
    ).toBe(true);
  });
});

describe('logInteraction', () => {
  it('sets the last contact and records the interaction as "type: summary"', () => {
    const deal = aDeal({ id: 'OPP-000042', lastContact: d('2026-11-10') });
    const result = logInteraction(
      deal,
      { type: 'meeting', date: d('2026-11-19'), summary: ' Demo went well ' },
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        deal: {
          lastContact: '2026-11-19',
          lastContactSummary: 'Demo went well',
          contactType: 'meeting',
        },
        changed: ['lastContact', 'lastContactSummary', 'contactType'],
        events: [
          {
            field: 'interaction',
            dealId: 'OPP-000042',
            old: '',
            new: 'meeting: Demo went well',
            at: '2026-11-20T10:30:00',
          },
        ],
      },
    });
  });

  it('records an older interaction without moving the last contact back', () => {
    const deal = aDeal({
      lastContact: d('2026-11-15'),
      lastContactSummary: 'Call',
      contactType: 'call',
    });
    const result = logInteraction(
      deal,
      { type: 'visita', date: d('2026-11-01'), summary: '' },
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { deal: { lastContact: '2026-11-15', contactType: 'call' }, changed: [] },
    });
    expect(result.ok && result.value.events.map((e) => e.new)).toEqual(['visit']);
  });

  it('refuses a date after today, an impossible date and an unknown type', () => {
    expect(
      refusal(
        logInteraction(aDeal(), { type: 'call', date: d('2026-11-21'), summary: '' }, context),
      ),
    ).toBe('futureDate');
    expect(
      refusal(
        logInteraction(aDeal(), { type: 'call', date: d('2026-02-30'), summary: '' }, context),
      ),
    ).toBe('invalidDate');
    expect(
      refusal(
        logInteraction(aDeal(), { type: 'fax', date: d('2026-11-20'), summary: '' }, context),
      ),
    ).toBe('unknownContactType');
  });
});

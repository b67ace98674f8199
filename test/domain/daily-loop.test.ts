// The daily loop's rules: Mark done needs a real next step, logs the done action with its own type and drops its goal;
// an undo of Won or Lost sets every moved field back in one History line; unusual amounts need a confirmation.

import { describe, expect, it } from 'vitest';
import { unusualAmount, usualAmount } from '../../src/domain/amount-check';
import { markDone, undoMove } from '../../src/domain/daily-loop';
import { finishChange } from '../../src/domain/deal-update';
import { defaultSettings } from '../../src/domain/defaults';
import { historyLines } from '../../src/domain/history-lines';
import { settingsFromRows, settingsToRows } from '../../src/domain/settings-table';
import {
  checkNewDeal,
  moveStage,
  type RuleContext,
  updateFields,
} from '../../src/domain/stage-rules';
import { aDeal, aSettings, d, dt } from './builders';

const context: RuleContext = {
  settings: aSettings(),
  today: d('2026-11-23'),
  now: dt('2026-11-23T10:30:00'),
  user: 'ana@example.com',
};

const overdue = aDeal({
  id: 'OPP-000041',
  stage: 'Qualified',
  nextAction: 'Meeting with the CFO',
  nextActionDate: d('2026-11-07'),
  nextActionGoal: 'Budget range',
  lastContact: d('2026-11-02'),
  lastContactSummary: 'Intro',
  contactType: 'email',
});

function code(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? 'ok' : (result.error?.code ?? '?');
}

describe('markDone', () => {
  it('logs the done action with its own type, saves the next one, drops the old goal: one History line', () => {
    const result = markDone(
      overdue,
      {
        type: 'meeting',
        nextAction: 'Send the proposal',
        nextActionDate: d('2026-11-25'),
        nextActionGoal: 'Budget range',
      },
      context,
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.deal).toMatchObject({
      nextAction: 'Send the proposal',
      nextActionDate: '2026-11-25',
      nextActionGoal: '',
      lastContact: '2026-11-23',
      lastContactSummary: 'Meeting with the CFO',
      contactType: 'meeting',
    });
    expect(result.value.events.map((e) => [e.field, e.old, e.new])).toEqual([
      ['interaction', '', 'meeting: Meeting with the CFO'],
      ['nextAction', 'Meeting with the CFO', 'Send the proposal'],
      ['nextActionDate', '2026-11-07', '2026-11-25'],
    ]);
    const lines = historyLines(result.value.events);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.event.new).toBe('meeting: Meeting with the CFO');
  });

  it('keeps a goal typed for the next action', () => {
    const result = markDone(
      overdue,
      {
        type: 'call',
        nextAction: 'Call back',
        nextActionDate: d('2026-11-24'),
        nextActionGoal: 'Date of the board',
      },
      context,
    );
    expect(result.ok && result.value.deal.nextActionGoal).toBe('Date of the board');
  });

  it('refuses to save the same action again, even with another goal', () => {
    const same = markDone(
      overdue,
      {
        type: 'meeting',
        nextAction: ' Meeting with the CFO ',
        nextActionDate: d('2026-11-07'),
        nextActionGoal: 'Other goal',
      },
      context,
    );
    expect(same).toEqual({
      ok: false,
      error: {
        code: 'nextActionUnchanged',
        message:
          'The next action is the one just done: say what comes next, or leave the deal without one.',
        params: { field: 'nextAction', what: 'Meeting with the CFO' },
      },
    });
  });

  it('accepts the same text on a new date, and no next action at all', () => {
    const again = markDone(
      overdue,
      {
        type: 'meeting',
        nextAction: 'Meeting with the CFO',
        nextActionDate: d('2026-12-01'),
        nextActionGoal: '',
      },
      context,
    );
    expect(again.ok && again.value.deal.nextActionDate).toBe('2026-12-01');
    const none = markDone(
      overdue,
      { type: 'meeting', nextAction: '', nextActionDate: null, nextActionGoal: 'Budget range' },
      context,
    );
    if (!none.ok) throw new Error(none.error.code);
    expect(none.value.deal).toMatchObject({
      nextAction: '',
      nextActionDate: null,
      nextActionGoal: '',
    });
  });

  it('refuses a deal with nothing to mark done, a closed deal, a past date not confirmed', () => {
    const next = {
      type: 'call',
      nextAction: 'x',
      nextActionDate: d('2026-11-30'),
      nextActionGoal: '',
    };
    expect(code(markDone(aDeal({ nextAction: '' }), next, context))).toBe('nothingToMarkDone');
    expect(code(markDone({ ...overdue, stage: 'Won' }, next, context))).toBe('dealClosed');
    const past = { ...next, nextActionDate: d('2026-11-20') };
    expect(code(markDone(overdue, past, context))).toBe('pastDate');
    expect(code(markDone(overdue, past, { ...context, confirmPast: true }))).toBe('ok');
    // A new action on the old overdue date is a new past date too.
    const onOldDate = { ...next, nextActionDate: d('2026-11-07') };
    expect(code(markDone(overdue, onOldDate, context))).toBe('pastDate');
  });
});

describe('undoMove', () => {
  const before = aDeal({
    id: 'OPP-000050',
    stage: 'Negotiation',
    stageEntered: d('2026-11-02'),
    amount: null,
    probability: null,
    closePushes: null,
    // A row the add-on never saved: no score yet (the move stamps one, the undo takes it away).
    score: null,
    stars: null,
    updated: dt('2026-11-20T09:00:00'),
  });

  function won() {
    const moved = moveStage(before, { to: 'Won', amount: 9_000 }, context);
    if (!moved.ok) throw new Error(moved.error.code);
    return finishChange(before, moved.value.deal, moved.value.events, context.settings, context.now)
      .deal;
  }

  it('sets back every field the move changed, exactly', () => {
    const after = won();
    expect(after).toMatchObject({ stage: 'Won', amount: 9_000, probability: 100, closePushes: 0 });
    const undone = undoMove(
      after,
      {
        stage: 'Negotiation',
        stageEntered: d('2026-11-02'),
        amount: null,
        probability: null,
        closedOn: null,
        closePushes: null,
        score: null,
        stars: null,
        updated: dt('2026-11-20T09:00:00'),
      },
      context,
    );
    if (!undone.ok) throw new Error(undone.error.code);
    const stored = finishChange(
      after,
      undone.value.deal,
      undone.value.events,
      context.settings,
      context.now,
      false,
    ).deal;
    expect(stored).toEqual(before);
    const lines = historyLines(undone.value.events);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.event).toMatchObject({ field: 'undo', old: 'Won', new: 'Negotiation' });
    expect(lines[0]?.also).toBe(
      'stage: Won → Negotiation; amount: 9000 → ; probability: 100 → ; stageEntered: 2026-11-23 → 2026-11-02; closedOn: 2026-11-23 → ; closePushes: 0 → ',
    );
  });

  it('clears the lost reason when a Lost move is undone', () => {
    const lost = { ...before, stage: 'Lost', lostReason: 'Price', closedOn: d('2026-11-23') };
    const undone = undoMove(
      lost,
      { stage: 'Negotiation', lostReason: '', closedOn: null },
      context,
    );
    expect(undone.ok && undone.value.deal).toMatchObject({
      stage: 'Negotiation',
      lostReason: '',
      closedOn: null,
    });
  });

  it('refuses an open deal, an unknown stage, a field no move changes, a bad value', () => {
    expect(code(undoMove(before, { stage: 'New' }, context))).toBe('nothingToUndo');
    const after = won();
    expect(code(undoMove(after, { stage: 'Nowhere' }, context))).toBe('nothingToUndo');
    expect(code(undoMove(after, { stage: 'Won' }, context))).toBe('nothingToUndo');
    expect(code(undoMove(after, { stage: 'Negotiation', amount: -5 }, context))).toBe(
      'invalidValue',
    );
    expect(code(undoMove(after, { stage: 'Negotiation', lostReason: 'Bored' }, context))).toBe(
      'invalidValue',
    );
    const sneaky = { stage: 'Negotiation', name: 'Renamed' } as never;
    const result = undoMove(after, sneaky, context);
    expect(result.ok && result.value.deal.name).toBe(after.name);
  });
});

describe('unusual amounts', () => {
  const team = [1_000, 2_000, 3_000, 4_000, 50_000].map((amount) => aDeal({ amount }));

  it('takes the median of the open deals that have an amount, from five of them', () => {
    expect(usualAmount(team, context.settings)).toBe(3_000);
    const closed = aDeal({ amount: 900_000, stage: 'Won' });
    expect(usualAmount([...team, closed, aDeal({ amount: null })], context.settings)).toBe(3_000);
    expect(usualAmount(team.slice(0, 4), context.settings)).toBeNull();
    // To two significant digits: the kept value changes seldom.
    const odd = [12_345, 12_399, 12_470, 1, 99_999].map((amount) => aDeal({ amount }));
    expect(usualAmount(odd, context.settings)).toBe(12_000);
  });

  it('asks above 20 times the usual, or above the Settings limit', () => {
    expect(unusualAmount(60_000, { usual: 3_000, limit: 0 })).toBeNull();
    expect(unusualAmount(60_001, { usual: 3_000, limit: 0 })).toEqual({
      by: 'usual',
      above: 60_000,
    });
    expect(unusualAmount(25_000, { usual: 3_000, limit: 20_000 })).toEqual({
      by: 'limit',
      above: 20_000,
    });
    expect(unusualAmount(1e12, { usual: null, limit: 0 })).toBeNull();
    expect(unusualAmount(null, { usual: 3_000, limit: 1 })).toBeNull();
  });

  it('reads the Settings limit in English or Spanish; a tab without the row has none, and no warning', () => {
    const es = settingsToRows({ ...defaultSettings('es'), amountConfirmAbove: 250_000 }, 'es');
    expect(es).toContainEqual([
      'Confirmar importes mayores que (0 = sin límite)',
      250_000,
      '',
      '',
      '',
    ]);
    const read = settingsFromRows(es, 'es');
    expect(read.ok && read.value.amountConfirmAbove).toBe(250_000);
    const typed = settingsFromRows(
      [...settingsToRows(defaultSettings('en'), 'en')].map((row) =>
        String(row[0]).startsWith('Confirm amounts above')
          ? ['Confirm amounts above', '90000']
          : row,
      ),
      'en',
    );
    expect(typed.ok && typed.value.amountConfirmAbove).toBe(90_000);
    const older = settingsToRows(defaultSettings('en'), 'en').filter(
      (row) => !String(row[0]).startsWith('Confirm amounts'),
    );
    const withoutRow = settingsFromRows(older, 'en');
    expect(withoutRow.ok && withoutRow.value.amountConfirmAbove).toBe(0);
    expect(withoutRow.ok && withoutRow.issues).toEqual([]);
  });

  it('refuses an unusual amount until it is confirmed, in edits, Won moves and new deals', () => {
    const check = { ...context, amountCheck: { usual: 48_000, limit: 0 } };
    const deal = aDeal({ amount: 48_000, stage: 'Negotiation' });
    const typo = 1_000_000_995_822.99;
    const edit = updateFields(deal, { amount: typo }, check);
    expect(edit).toMatchObject({
      ok: false,
      error: { code: 'unusualAmount', params: { field: 'amount', amount: typo, above: 960_000 } },
    });
    expect(code(updateFields(deal, { amount: typo }, { ...check, confirmAmount: true }))).toBe(
      'ok',
    );
    expect(code(updateFields(deal, { amount: 900_000 }, check))).toBe('ok');
    expect(code(moveStage(deal, { to: 'Won', amount: typo }, check))).toBe('unusualAmount');
    expect(code(checkNewDeal(aDeal({ amount: typo }), check))).toBe('unusualAmount');
    // An amount already on file is not asked about again when something else changes.
    expect(code(updateFields({ ...deal, amount: typo }, { name: 'Renamed' }, check))).toBe('ok');
  });
});

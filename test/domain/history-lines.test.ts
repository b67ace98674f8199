// Proves History's one line per action: the main change in the columns, the rest beside it, stage and close date apart.
import { describe, expect, it } from 'vitest';
import { historyLines } from '../../src/domain/history-lines';
import { anEvent } from './builders';

const won = [
  anEvent({ field: 'stage', old: 'Negotiation', new: 'Won' }),
  anEvent({ field: 'amount', old: '0', new: '5000' }),
  anEvent({ field: 'closedOn', old: '', new: '2026-11-23' }),
];

describe('History lines', () => {
  it('writes one line for an action that changed several fields, the others beside it', () => {
    const lines = historyLines(won);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.event.field).toBe('stage');
    expect(lines[0]?.also).toBe('amount: 0 → 5000; closedOn:  → 2026-11-23');
  });

  it('writes a single change as it is, with nothing beside it', () => {
    const one = anEvent({ field: 'nextAction', old: '', new: 'Call Ana' });
    expect(historyLines([one])).toEqual([{ event: one, also: '' }]);
    expect(historyLines([])).toEqual([]);
  });

  it('gives a stage move and a close-date change a line each: conversion and pushes are read from them', () => {
    const close = anEvent({ field: 'closeDate', old: '2026-12-01', new: '2026-12-15' });
    const lines = historyLines([...won, close]);
    expect(lines.map((line) => line.event.field)).toEqual(['stage', 'closeDate']);
    expect(lines[0]?.also).toContain('amount: 0 → 5000');
    expect(lines[1]?.also).toBe('');
  });

  it('heads a line without a stage or close date by what the action was (a review, an interaction)', () => {
    const review = anEvent({ field: 'review', old: '', new: 'updated' });
    const next = anEvent({ field: 'nextAction', old: 'Call', new: 'Send the quote' });
    const lines = historyLines([next, review]);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.event).toBe(review);
    expect(lines[0]?.also).toBe('nextAction: Call → Send the quote');
  });
});

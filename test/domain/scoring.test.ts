// Scoring rules: the checklist and its weights give a 0-100 score and 0-3 stars, explained item by item.
import { describe, expect, it } from 'vitest';
import { scoreDeal, starsFor } from '../../src/domain/scoring';
import { aDeal, aSettings } from './builders';

const weights = aSettings().scoringWeights;

describe('scoreDeal', () => {
  it('scores an unqualified deal 0 with no stars', () => {
    const result = scoreDeal(aDeal(), weights);
    expect(result.score).toBe(0);
    expect(result.stars).toBe(0);
    expect(result.items.every((item) => !item.checked && item.points === 0)).toBe(true);
  });

  it('adds the weights of the checked items (budget 30 + timeline 20 = 50, one star)', () => {
    const result = scoreDeal(aDeal({ budget: true, timeline: true }), weights);
    expect(result.score).toBe(50);
    expect(result.stars).toBe(1);
    expect(result.items).toEqual([
      { field: 'budget', checked: true, weight: 30, points: 30 },
      { field: 'authority', checked: false, weight: 25, points: 0 },
      { field: 'timeline', checked: true, weight: 20, points: 20 },
      { field: 'pain', checked: false, weight: 15, points: 0 },
      { field: 'fit', checked: false, weight: 10, points: 0 },
    ]);
  });

  it('gives a fully qualified deal 100 and three stars', () => {
    const all = { budget: true, authority: true, timeline: true, pain: true, fit: true };
    expect(scoreDeal(aDeal(all), weights)).toMatchObject({ score: 100, stars: 3 });
  });

  it('keeps 0-100 when the weights do not add up to 100', () => {
    const even = { budget: 1, authority: 1, timeline: 1, pain: 0, fit: 0 };
    const result = scoreDeal(aDeal({ budget: true, authority: true, pain: true }), even);
    expect(result.score).toBe(67);
    expect(result.items.map((item) => item.points)).toEqual([34, 33, 0, 0, 0]);
  });

  it('makes the items’ points add up to the score', () => {
    const odd = { budget: 7, authority: 3, timeline: 11, pain: 5, fit: 13 };
    const result = scoreDeal(aDeal({ budget: true, timeline: true, fit: true }), odd);
    expect(result.items.reduce((sum, item) => sum + item.points, 0)).toBe(result.score);
  });

  it('scores 0 when every weight is zero', () => {
    const zero = { budget: 0, authority: 0, timeline: 0, pain: 0, fit: 0 };
    expect(scoreDeal(aDeal({ budget: true }), zero).score).toBe(0);
  });

  it('leaves meeting the decision maker out of the score', () => {
    expect(scoreDeal(aDeal({ decisionMakerMet: true }), weights).score).toBe(0);
  });
});

describe('starsFor', () => {
  it.each([
    [0, 0],
    [25, 0],
    [26, 1],
    [50, 1],
    [51, 2],
    [75, 2],
    [76, 3],
    [100, 3],
  ])('gives score %i %i stars', (score, stars) => {
    expect(starsFor(score)).toBe(stars);
  });
});

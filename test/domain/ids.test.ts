// IDs are never reused: above the counter and above every ID already in the sheet.
import { describe, expect, it } from 'vitest';
import { allocateIds, formatId, idNumber } from '../../src/domain/ids';

describe('opportunity IDs', () => {
  it('are OPP- and six digits', () => {
    expect(formatId(123)).toBe('OPP-000123');
    expect(idNumber('OPP-000123')).toBe(123);
    expect(idNumber('ACME-7')).toBeNull();
  });

  it('continue from the stored counter', () => {
    expect(allocateIds(2, [], 5)).toEqual({ ids: ['OPP-000005', 'OPP-000006'], next: 7 });
  });

  it('skip past IDs already in the sheet even when the counter was lost', () => {
    expect(allocateIds(1, ['OPP-000041', 'X-1', ''], 1)).toEqual({ ids: ['OPP-000042'], next: 43 });
  });

  it('start at 1 when the counter is garbage', () => {
    expect(allocateIds(1, [], Number.NaN).ids).toEqual(['OPP-000001']);
  });
});

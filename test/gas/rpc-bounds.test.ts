// What the sidebar can send that the tracker cannot keep: refused with a readable reason, nothing written.
import { describe, expect, it } from 'vitest';
import { fields } from '../../src/domain/fields';
import { describeIssues, rpcMethods } from '../../src/shared/rpc';
import { adopt } from '../support/adopt';
import { runtimeWith, seller, sheetOf } from '../support/tracker';

type Envelope =
  | { ok: true; data: { deal: Record<string, unknown>; version: string } }
  | { ok: false; error: { code: string; message: string } };

async function tracker() {
  const rt = await runtimeWith([
    sheetOf('Opportunities', [
      fields.map((f) => f.header.en),
      ['OPP-000001', 'Fleet', 'Acme', seller, 'New', 1000],
    ]),
  ]);
  adopt(rt);
  const rpc = (method: string, payload: unknown) => rt.run('rpc', method, payload) as Envelope;
  const version = () => {
    const view = rpc('getDeal', { id: 'OPP-000001' });
    if (!view.ok) throw new Error(view.error.message);
    return view.data.version;
  };
  return { rt, rpc, version };
}

const newDeal = {
  name: 'Fleet renewal',
  customer: 'Acme',
  amount: null,
  closeDate: null,
  nextAction: 'Call',
  nextActionDate: null,
  nextActionGoal: '',
};

describe('Dates the tracker cannot keep', () => {
  it.each([
    ['0000-01-01', 'must be between 1900-01-01 and 2200-12-31'],
    ['1899-12-31', 'must be between 1900-01-01 and 2200-12-31'],
    ['2201-01-01', 'must be between 1900-01-01 and 2200-12-31'],
    ['2026-02-30', 'is not a real date (write it as yyyy-mm-dd)'],
    ['2026-2-3', 'is not a real date (write it as yyyy-mm-dd)'],
  ])('createDeal refuses the next-action date %s and writes nothing', async (date, reason) => {
    const { rt, rpc } = await tracker();
    const before = rt.snapshot();
    const answer = rpc('createDeal', { ...newDeal, nextActionDate: date });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: `nextActionDate: ${reason}` },
    });
    expect(rt.snapshot()).toEqual(before);
  });

  it('accepts the first and last days of the range', async () => {
    const { rpc } = await tracker();
    const answer = rpc('createDeal', {
      ...newDeal,
      closeDate: '2200-12-31',
      nextActionDate: '1900-01-01',
      confirmPast: true,
    });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const read = rpc('getDeal', { id: answer.data.deal.id });
    expect(read.ok && read.data.deal).toMatchObject({
      closeDate: '2200-12-31',
      nextActionDate: '1900-01-01',
    });
  });

  it('refuses out-of-range dates in every call that takes one', async () => {
    const { rpc, version } = await tracker();
    const id = 'OPP-000001';
    const refusals = [
      rpc('setNextAction', {
        id,
        version: version(),
        nextAction: 'Call',
        nextActionDate: '0202-11-30',
        nextActionGoal: '',
      }),
      rpc('logInteraction', {
        id,
        version: version(),
        type: 'call',
        date: '1026-11-20',
        summary: 'x',
      }),
      rpc('moveStage', { id, version: version(), to: 'Won', amount: 5, closedOn: '0001-01-01' }),
      rpc('updateDeal', { id, version: version(), patch: { closeDate: '9999-12-31' } }),
    ];
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!refusal.ok)
        expect(refusal.error.message).toMatch(/: must be between 1900-01-01 and 2200-12-31$/);
    }
  });
});

describe('Amounts and text the tracker cannot keep', () => {
  it.each([
    [Number.NaN, 'amount: must be a number'],
    [Number.POSITIVE_INFINITY, 'amount: must be a number'],
    [1e16, 'amount: must be at most 1,000,000,000,000'],
    [-5, 'amount: cannot be negative'],
  ])('createDeal refuses the amount %s', async (amount, message) => {
    const { rt, rpc } = await tracker();
    const before = rt.snapshot();
    expect(rpc('createDeal', { ...newDeal, amount })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message },
    });
    expect(rt.snapshot()).toEqual(before);
  });

  it('refuses a name or summary that is only blanks and control characters', async () => {
    const { rpc, version } = await tracker();
    expect(rpc('createDeal', { ...newDeal, name: ' \t\u0007 ' })).toMatchObject({
      ok: false,
      error: { message: 'name: cannot be empty' },
    });
    expect(
      rpc('logInteraction', {
        id: 'OPP-000001',
        version: version(),
        type: 'call',
        date: '2026-11-20',
        summary: '\n\n',
      }),
    ).toMatchObject({ ok: false, error: { message: 'summary: cannot be empty' } });
  });
});

describe('describeIssues', () => {
  it('puts each problem in words, in English or Spanish', () => {
    const parsed = rpcMethods.createDeal.request.safeParse({
      ...newDeal,
      name: 'x'.repeat(201),
      amount: -1,
      nextActionDate: '2026-13-01',
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(describeIssues(parsed.error.issues)).toBe(
      'name: is longer than 200 characters; amount: cannot be negative; nextActionDate: is not a real date (write it as yyyy-mm-dd)',
    );
    expect(describeIssues(parsed.error.issues, 'es')).toBe(
      'name: tiene más de 200 caracteres; amount: no puede ser negativo; nextActionDate: no es una fecha real (escríbela como aaaa-mm-dd)',
    );
  });

  it('never leaves the bare "Invalid input" of zod/mini', () => {
    const parsed = rpcMethods.logInteraction.request.safeParse({
      id: '',
      version: 3,
      type: 'fax',
      date: null,
      summary: 'x',
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error.issues)).not.toContain('Invalid input');
  });
});

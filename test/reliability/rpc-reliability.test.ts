// Sidebar calls under abuse: fuzzed payloads, two users interleaved with sorts and inserts, a failure at every service call.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../scripts/runtime/index';
import type { SpreadsheetSnapshot } from '../../scripts/runtime/snapshot';
import { rpcMethods } from '../../src/shared/rpc';
import {
  bigTracker,
  idOf,
  ownerOf,
  seedTrackerProperties,
  trackerHeaders,
} from '../support/big-tracker';
import { type Envelope, rpc } from '../support/rpc';
import { letterOf, type Runtime } from '../support/tracker';

/** `npm test` runs a small sample; `npm run test:reliability` (OT_RELIABILITY_SCALE=full) the full size. */
const full = process.env.OT_RELIABILITY_SCALE === 'full';
const fuzzRuns = full ? 10_000 : 300;
const interleavings = full ? 200 : 40;

type Answer = Envelope<unknown>;

const figures: string[] = [];
afterAll(() => {
  console.log(`Reliability (${full ? 'full' : 'small'} size):\n  ${figures.join('\n  ')}`);
});

/** Every deal row by ID: the header's cells as stored (the test's truth, no ledger entries). */
function dealsById(rt: Runtime): Map<string, string> {
  const rows = rt.read('Opportunities');
  const header = (rows[0] ?? []).map(String);
  const idColumn = header.indexOf('ID');
  const activity = header.indexOf('Activity log');
  const deals = new Map<string, string>();
  for (const row of rows.slice(1)) {
    const id = String(row[idColumn] ?? '');
    if (!id) continue;
    // The activity log is the add-on's own bookkeeping: compared through History instead.
    const cells = row.map((cell, i) =>
      i === activity ? '' : cell instanceof Date ? cell.toISOString() : String(cell),
    );
    deals.set(id, JSON.stringify(cells));
  }
  return deals;
}

function historyLines(rt: Runtime): string[] {
  return rt
    .read('History')
    .slice(1)
    .map((row) => row.slice(1).map(String).join('|'));
}

const owner = ownerOf(0, 5);

/** A valid request for each write, on deal `id` whose version is `version`. */
const writes: Record<string, (id: string, version: string) => Record<string, unknown>> = {
  moveStage: (id, version) => ({ id, version, to: 'Negotiation' }),
  moveToWon: (id, version) => ({ id, version, to: 'Won', amount: 5_000, closedOn: '2026-11-23' }),
  moveToLost: (id, version) => ({ id, version, to: 'Lost', lostReason: 'Price' }),
  setNextAction: (id, version) => ({
    id,
    version,
    nextAction: 'Send the quote',
    nextActionDate: '2026-11-30',
    nextActionGoal: 'A yes',
  }),
  logInteraction: (id, version) => ({
    id,
    version,
    type: 'meeting',
    date: '2026-11-23',
    summary: 'Demo went well',
  }),
  setChecklist: (id, version) => ({
    id,
    version,
    checklist: { budget: true, authority: false, timeline: true, pain: true, fit: false },
    decisionMakerMet: true,
  }),
  updateDeal: (id, version) => ({ id, version, patch: { amount: 777, closeDate: '2027-02-01' } }),
  reviewDeal: (id, version) => ({
    id,
    version,
    nextAction: 'Follow up',
    nextActionDate: '2026-12-01',
    nextActionGoal: 'Date for the decision',
    closeDate: '2027-01-15',
  }),
};
const methodOf = (name: string) => (name.startsWith('moveTo') ? 'moveStage' : name);

function versionOf(rt: Runtime, id: string): string {
  const answer = rpc(rt, 'getDeal', { id });
  if (!answer.ok) throw new Error(`getDeal ${id}: ${JSON.stringify(answer.error)}`);
  return answer.data.version as string;
}

describe('fuzzed payloads', () => {
  it(`answers ${fuzzRuns} random payloads with an envelope, and a refused one writes nothing`, async () => {
    const rt = await bigTracker(30, { owners: 5, historyPerDeal: 2 });
    rpc(rt, 'bootstrap', {});
    const methods = Object.keys(rpcMethods);
    const ids = Array.from({ length: 30 }, (_, i) => idOf(i));
    const value = fc.oneof(
      fc.anything(),
      fc.constantFrom(...ids),
      fc.constantFrom('2026-11-30', '2026-02-30', '0000-01-01', '1e3', '=1+1', '', 'Won', 'Lost'),
      fc.double(),
    );
    const payload = fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom(
          'id',
          'version',
          'to',
          'amount',
          'closedOn',
          'lostReason',
          'lostNote',
          'nextAction',
          'nextActionDate',
          'nextActionGoal',
          'type',
          'date',
          'summary',
          'checklist',
          'decisionMakerMet',
          'patch',
          'name',
          'customer',
          'closeDate',
          'mine',
          'row',
        ),
        value,
      ),
    );
    let refused = 0;
    let accepted = 0;
    const before = dealsById(rt);
    await fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...methods), fc.string()), payload, (method, body) => {
        const lines = historyLines(rt).length;
        let answer: Answer;
        try {
          answer = rt.runFromClient('rpc', method, body) as Answer;
        } catch (error) {
          // google.script.run itself refuses arguments that are not plain data (a function,
          // a Date...): the call never reaches the server. Anything else is a failure.
          if (String(error).includes('google.script.run')) return;
          throw error;
        }
        expect(typeof answer.ok).toBe('boolean');
        if (!answer.ok) {
          refused += 1;
          expect(answer.error.code).not.toBe('INTERNAL');
          expect(historyLines(rt).length).toBe(lines);
        } else accepted += 1;
      }),
      { numRuns: fuzzRuns, seed: 1126 },
    );
    // Whatever was accepted went through the rules: every deal still parses as a deal.
    const after = dealsById(rt);
    expect([...after.keys()].filter((id) => !before.has(id) && !/^OPP-\d{6}$/.test(id))).toEqual(
      [],
    );
    figures.push(
      `${fuzzRuns} fuzzed payloads: ${refused} refused cleanly, ${accepted} accepted, 0 INTERNAL`,
    );
  }, 600_000);
});

describe('two people at once', () => {
  type Between =
    | 'sameDealSaved'
    | 'otherDealSaved'
    | 'sorted'
    | 'rowsInserted'
    | 'rowDeleted'
    | 'typedInGrid';
  const betweens: Between[] = [
    'sameDealSaved',
    'otherDealSaved',
    'sorted',
    'rowsInserted',
    'rowDeleted',
    'typedInGrid',
  ];

  it(`${interleavings} interleavings: A reads, B changes things, A saves: never misplaced, never lost`, async () => {
    const base = await bigTracker(40, { owners: 2, historyPerDeal: 1 });
    rpc(base, 'bootstrap', {});
    const start = base.snapshot();
    const outcome = { conflicts: 0, refused: 0, saved: 0, misplaced: 0, lost: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(writes)),
        fc.constantFrom(...betweens),
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (write, between, target, other, seed) => {
          fc.pre(other !== target);
          const rt = await fromSnapshot(start, ownerOf(0, 2), 40);
          const id = idOf(target);
          const version = versionOf(rt, id);
          const before = dealsById(rt);
          // B does something between A's read and A's write.
          rt.setUser(ownerOf(1, 2));
          let sameDealChanged = false;
          if (between === 'sameDealSaved') {
            const answer = rpc(rt, 'setNextAction', writes.setNextAction?.(id, versionOf(rt, id)));
            sameDealChanged = answer.ok;
          } else if (between === 'otherDealSaved') {
            rpc(
              rt,
              'logInteraction',
              writes.logInteraction?.(idOf(other), versionOf(rt, idOf(other))),
            );
          } else if (between === 'sorted') sortTracker(rt, seed);
          else if (between === 'rowsInserted') insertRows(rt, 2 + (seed % 30), 1 + (seed % 3));
          else if (between === 'rowDeleted') deleteDeal(rt, idOf(other));
          else {
            const row = rowOf(rt, id);
            const amount = trackerHeaders.indexOf('Amount');
            rt.edit('Opportunities', `${letterOf(amount)}${row}`, String(100 + (seed % 900)));
            sameDealChanged = true;
          }
          const middle = dealsById(rt);
          rt.setUser(ownerOf(0, 2));
          const answer = rpc(rt, methodOf(write), writes[write]?.(id, version));
          const after = dealsById(rt);
          // Nothing but A's deal may differ from what B left.
          for (const [key, cells] of middle) {
            if (key !== id && after.get(key) !== cells) outcome.misplaced += 1;
          }
          if (answer.ok) {
            outcome.saved += 1;
            expect(sameDealChanged, `${write} after ${between}`).toBe(false);
            if (after.get(id) === middle.get(id) && write !== 'reviewDeal') outcome.lost += 1;
          } else {
            // Refused: a conflict with what B did, or a rule of the deal's stage (a closed deal
            // cannot be won again); either way A's deal is as B left it.
            expect(['CONFLICT', 'RULE'], `${write} after ${between}`).toContain(answer.error.code);
            if (answer.error.code === 'CONFLICT') {
              expect(sameDealChanged, `${write} after ${between}`).toBe(true);
              outcome.conflicts += 1;
            } else outcome.refused += 1;
            expect(after.get(id)).toBe(middle.get(id));
          }
          expect(before.has(id)).toBe(true);
        },
      ),
      { numRuns: interleavings, seed: 2611 },
    );
    expect(outcome.misplaced).toBe(0);
    expect(outcome.lost).toBe(0);
    figures.push(
      `${interleavings} interleavings: ${outcome.saved} saved, ${outcome.conflicts} conflicts shown, ${outcome.refused} refused by a rule, 0 misplaced, 0 lost`,
    );
  }, 900_000);
});

describe('a failure at every service call of every write', () => {
  it('leaves each deal either fully saved (row and History) or untouched, and says which', async () => {
    const base = await bigTracker(6, { owners: 1, historyPerDeal: 1 });
    rpc(base, 'bootstrap', {});
    const start = base.snapshot();
    const tally = { cases: 0, saved: 0, untouched: 0, halfApplied: 0, untruthful: 0 };
    const cases: Array<{ write: string; service: string; method: string; nth: number }> = [];
    const expected = new Map<string, { row: string; lines: string[] }>();
    for (const write of [...Object.keys(writes), 'createDeal']) {
      const rt = await fromSnapshot(start, owner, 6);
      const version = versionOf(rt, idOf(0));
      const linesBefore = historyLines(rt);
      rt.ledger.reset();
      const answer = runWrite(rt, write, version);
      if (!answer.ok) throw new Error(`${write}: ${JSON.stringify(answer.error)}`);
      const seen = new Map<string, number>();
      for (const entry of rt.ledger.entries) {
        const key = `${entry.service}.${entry.method}`;
        const nth = (seen.get(key) ?? 0) + 1;
        seen.set(key, nth);
        cases.push({ write, service: entry.service, method: entry.method, nth });
      }
      const id = write === 'createDeal' ? idOf(6) : idOf(0);
      expected.set(write, {
        row: dealsById(rt).get(id) ?? '',
        lines: historyLines(rt).slice(linesBefore.length),
      });
    }
    for (const fault of cases) {
      const rt = await fromSnapshot(start, owner, 6);
      const version = versionOf(rt, idOf(0));
      const beforeRows = dealsById(rt);
      const beforeLines = historyLines(rt);
      rt.failOn({ service: fault.service, method: fault.method, nth: fault.nth });
      const answer = runWrite(rt, fault.write, version);
      // The next execution of any kind finishes what was left (History lines kept for later).
      rpc(rt, 'selection', {});
      const id = fault.write === 'createDeal' ? idOf(6) : idOf(0);
      const want = expected.get(fault.write) as { row: string; lines: string[] };
      const row = dealsById(rt).get(id);
      const lines = historyLines(rt).slice(beforeLines.length);
      const others = [...beforeRows].filter(
        ([key, cells]) => key !== id && dealsById(rt).get(key) !== cells,
      );
      const sameLines = (a: string[], b: string[]) =>
        a.length === b.length && a.every((line, i) => stripTime(line) === stripTime(b[i] ?? ''));
      const saved = row === want.row && sameLines(lines, want.lines);
      const untouched = row === beforeRows.get(id) && lines.length === 0;
      tally.cases += 1;
      const where = `${fault.write} with ${fault.service}.${fault.method} #${fault.nth} failing: ${JSON.stringify(answer)}`;
      expect(others, where).toEqual([]);
      if (saved) tally.saved += 1;
      else if (untouched) tally.untouched += 1;
      else tally.halfApplied += 1;
      expect(saved || untouched, where).toBe(true);
      const claimsSaved = answer.ok || answer.error.message.startsWith('Saved');
      if (claimsSaved !== saved) tally.untruthful += 1;
      expect(claimsSaved, where).toBe(saved);
    }
    figures.push(
      `${tally.cases} injected failures over ${Object.keys(writes).length + 1} writes: ${tally.saved} saved, ${tally.untouched} untouched, ${tally.halfApplied} half-applied, ${tally.untruthful} untruthful answers`,
    );
  }, 900_000);
});

function runWrite(rt: Runtime, write: string, version: string): Answer {
  if (write === 'createDeal')
    return rpc(rt, 'createDeal', {
      name: 'New fleet',
      customer: 'Acme',
      amount: 1_000,
      closeDate: '2026-12-31',
      nextAction: 'Call',
      nextActionDate: '2026-11-25',
      nextActionGoal: 'Qualify',
    });
  return rpc(rt, methodOf(write), writes[write]?.(idOf(0), version));
}

/** History lines compare without their time: a retried append may land a tick later. */
function stripTime(line: string): string {
  return line.split('|').slice(1).join('|');
}

async function fromSnapshot(
  snapshot: SpreadsheetSnapshot,
  user: string,
  deals: number,
): Promise<Runtime> {
  const rt = await createRuntime({
    spreadsheet: snapshot,
    timeZone: 'Europe/Madrid',
    now: new Date('2026-11-23T09:30:00Z'),
    user,
  });
  seedTrackerProperties(rt, deals);
  return rt;
}

function rowOf(rt: Runtime, id: string): number {
  const rows = rt.read('Opportunities');
  const idColumn = (rows[0] ?? []).indexOf('ID');
  return rows.findIndex((row) => row[idColumn] === id) + 1;
}

/** A person sorts the data rows by some column (Data > Sort range): rows move, IDs go with them. */
function sortTracker(rt: Runtime, seed: number): void {
  const sheet = rt.spreadsheet.sheetByName('Opportunities');
  if (!sheet) throw new Error('no tracker');
  const [header, ...data] = sheet.rows;
  const key = (row: (typeof data)[number]) => String(row?.[seed % 8]?.value ?? '');
  data.sort((a, b) =>
    key(a) < key(b) ? (seed % 2 ? -1 : 1) : key(a) > key(b) ? (seed % 2 ? 1 : -1) : 0,
  );
  sheet.rows = [header ?? [], ...data];
}

function insertRows(rt: Runtime, at: number, count: number): void {
  rt.spreadsheet.sheetByName('Opportunities')?.insert('rows', at, count);
}

function deleteDeal(rt: Runtime, id: string): void {
  rt.spreadsheet.sheetByName('Opportunities')?.delete('rows', rowOf(rt, id), 1);
}

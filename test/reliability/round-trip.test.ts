// Any text typed in the sidebar reads back exactly as saved: in the answer, through getDeal and in the cell.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sanitizeText } from '../../src/domain/cell-text';
import { type FieldKey, fieldByKey } from '../../src/domain/fields';
import type { Language } from '../../src/domain/i18n';
import type { DealView } from '../../src/shared/rpc';
import { type Runtime, runtimeWith, seller } from '../support/tracker';
import { reliabilityRuns, typedText } from '../support/typed-text';

type Answer =
  | { ok: true; data: DealView }
  | { ok: false; error: { code: string; message: string } };

/** Cases per locale: a few hundred in `npm test`, 10,000 with OT_RELIABILITY_SCALE=full. */
const runs = reliabilityRuns(150);

/**
 * The owner is an email address, which may start with = + - or hold digits like any text:
 * the typed text without blanks and @ as its local part ("=1+1@example.com", "007@example.com").
 */
function ownerEmail(text: string): string {
  const local = text.replace(/[\s@]/gu, '');
  return local === '' ? '' : `${local}@example.com`;
}

/** A sidebar call that takes text, and where each text lands: field, length limit, must it say something. */
interface TextCall {
  name: string;
  fields: Array<{
    field: FieldKey;
    max: number;
    required?: boolean;
    lowerCase?: boolean;
    /** What the call sends for this field, when it is not the text itself. */
    input?: (text: string) => string;
  }>;
  payload: (text: string, tracker: Tracker) => Record<string, unknown>;
}

const calls: TextCall[] = [
  {
    name: 'createDeal',
    fields: [
      { field: 'name', max: 200, required: true },
      { field: 'customer', max: 200, required: true },
      { field: 'nextAction', max: 500 },
      { field: 'nextActionGoal', max: 500 },
    ],
    payload: (text) => ({
      name: text,
      customer: text,
      amount: null,
      closeDate: null,
      nextAction: text,
      nextActionDate: null,
      nextActionGoal: text,
    }),
  },
  {
    name: 'setNextAction',
    fields: [
      { field: 'nextAction', max: 500 },
      { field: 'nextActionGoal', max: 500 },
    ],
    payload: (text, tracker) => ({
      ...tracker.target(),
      nextAction: text,
      nextActionDate: null,
      nextActionGoal: text,
    }),
  },
  {
    name: 'logInteraction',
    fields: [{ field: 'lastContactSummary', max: 2000, required: true }],
    payload: (text, tracker) => ({
      ...tracker.target(),
      type: 'call',
      date: tracker.today,
      summary: text,
    }),
  },
  {
    name: 'moveStage',
    fields: [{ field: 'lostNote', max: 1000 }],
    payload: (text, tracker) => ({
      ...tracker.target(),
      to: tracker.lostStage,
      lostReason: tracker.lostReason,
      lostNote: text,
    }),
  },
  {
    name: 'updateDeal',
    fields: [
      { field: 'name', max: 200, required: true },
      { field: 'customer', max: 200, required: true },
      { field: 'owner', max: 200, lowerCase: true, input: ownerEmail },
    ],
    payload: (text, tracker) => ({
      ...tracker.target(),
      patch: { name: text, customer: text, owner: ownerEmail(text) },
    }),
  },
];

function callNamed(name: string): TextCall {
  const call = calls.find((c) => c.name === name);
  if (!call) throw new Error(`No call ${name}`);
  return call;
}

/** One set-up tracker in a file of the given locale, with one deal the update calls work on. */
class Tracker {
  readonly today: string;
  readonly lostStage: string;
  readonly openStage: string;
  readonly lostReason: string;
  private readonly language: Language;
  private view: DealView;

  private constructor(
    readonly rt: Runtime,
    readonly locale: string,
  ) {
    rt.run('setUpTracker');
    const boot = this.rpc('bootstrap', {}) as unknown as {
      ok: true;
      data: {
        language: Language;
        today: string;
        stages: Array<{ name: string; kind: string }>;
        lostReasons: Array<{ name: string; requiresNote: boolean }>;
      };
    };
    this.language = boot.data.language;
    this.today = boot.data.today;
    this.lostStage = boot.data.stages.find((stage) => stage.kind === 'lost')?.name ?? '';
    this.openStage = boot.data.stages[0]?.name ?? '';
    this.lostReason = boot.data.lostReasons.find((reason) => !reason.requiresNote)?.name ?? '';
    this.view = this.ok(
      this.rpc('createDeal', {
        name: 'Fleet renewal',
        customer: 'Acme',
        amount: 1000,
        closeDate: null,
        nextAction: 'Call',
        nextActionDate: null,
        nextActionGoal: '',
      }),
    );
  }

  static async open(locale: string): Promise<Tracker> {
    return new Tracker(await runtimeWith(undefined, { locale, user: seller }), locale);
  }

  rpc(method: string, payload: unknown): Answer {
    return this.rt.runFromClient('rpc', method, payload) as Answer;
  }

  ok(answer: Answer): DealView {
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return answer.data;
  }

  /** The deal the update calls write to, with the version the sidebar last saw. */
  target(): { id: string; version: string } {
    return { id: this.view.deal.id, version: this.view.version };
  }

  /** The deal as last read: the version the next write sends. */
  adopt(view: DealView): void {
    this.view = view;
  }

  /** A lost deal cannot be lost again: reopen it first, as a seller would. */
  prepare(call: TextCall): void {
    if (call.name === 'moveStage' && this.view.deal.stage === this.lostStage)
      this.view = this.ok(this.rpc('moveStage', { ...this.target(), to: this.openStage }));
  }

  /** Runs the call and reads the deal back right after, as the sidebar would. */
  write(call: TextCall, text: string): { answer: Answer; read?: DealView } {
    const answer = this.rpc(call.name, call.payload(text, this));
    if (!answer.ok) return { answer };
    const read = this.ok(this.rpc('getDeal', { id: answer.data.deal.id }));
    if (call.name !== 'createDeal') this.view = read;
    return { answer, read };
  }

  /** The cell a field of a deal is stored in, straight from the sheet model (no script involved). */
  cell(row: number, field: FieldKey): { value: unknown; formula?: string } {
    const sheet = this.sheet();
    const header = (sheet.rows[0] ?? []).map((cell) => cell?.value);
    const column = header.indexOf(fieldByKey[field].header[this.language]);
    if (column < 0) throw new Error(`No ${field} column in ${header.join(' | ')}`);
    const cell = sheet.rows[row - 1]?.[column];
    return { value: cell?.value ?? '', ...(cell?.formula ? { formula: cell.formula } : {}) };
  }

  /**
   * Keeps the file small so every case costs the same: the rows createDeal added are emptied (their
   * formats and validation stay) and History goes back to its header, as a user clearing them would.
   */
  tidy(): void {
    const sheet = this.sheet();
    for (const line of sheet.rows.slice(2)) {
      for (const cell of line ?? []) {
        if (!cell) continue;
        cell.value = '';
        delete cell.formula;
      }
    }
    const history = this.rt.spreadsheet.sheets.find((s) => /^(History|Historial)$/.test(s.name));
    if (history) history.rows.length = Math.min(history.rows.length, 1);
    this.rt.ledger.reset();
  }

  private sheet() {
    const sheet = this.rt.spreadsheet.sheets.find((s) =>
      /^(Opportunities|Oportunidades)$/.test(s.name),
    );
    if (!sheet) throw new Error('No tracker tab');
    return sheet;
  }
}

const timings: string[] = [];
afterAll(() => {
  if (timings.length > 0) console.info(`round trip: ${timings.join('; ')}`);
});

describe.each(['en_US', 'es_ES'])('Text typed in the sidebar of a %s file', (locale) => {
  it(`reads back exactly as saved through every call that takes text (${runs} cases)`, async () => {
    const tracker = await Tracker.open(locale);
    const started = performance.now();
    fc.assert(
      fc.property(fc.constantFrom(...calls.map((c) => c.name)), typedText, (name, text) => {
        const call = callNamed(name);
        tracker.prepare(call);
        const { answer, read } = tracker.write(call, text);
        try {
          const refused = call.fields.some(
            ({ max, required }) => required && sanitizeText(text, max) === '',
          );
          if (refused) {
            expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
            return;
          }
          if (!answer.ok || !read)
            throw new Error(
              `${call.name} refused ${JSON.stringify(text)}: ${JSON.stringify(answer)}`,
            );
          for (const { field, max, lowerCase, input } of call.fields) {
            const cleaned = sanitizeText(input ? input(text) : text, max);
            const saved = lowerCase ? cleaned.toLowerCase() : cleaned;
            expect(answer.data.deal[field], `${call.name} answer ${field}`).toBe(saved);
            expect(read.deal[field], `${call.name} getDeal ${field}`).toBe(saved);
            expect(tracker.cell(read.row, field), `${call.name} cell ${field}`).toEqual({
              value: saved,
            });
          }
          // The sidebar keeps working from the answer: a read right after must agree with it.
          expect(read.deal, `${call.name} deal read back`).toEqual(answer.data.deal);
          expect(read.version, `${call.name} version`).toBe(answer.data.version);
        } finally {
          tracker.tidy();
        }
      }),
      { numRuns: runs },
    );
    const seconds = (performance.now() - started) / 1000;
    timings.push(`${locale} ${runs} cases in ${seconds.toFixed(1)} s`);
  }, 3_600_000);

  it('answers with the version a read right after returns, for amounts and dates too', async () => {
    const tracker = await Tracker.open(locale);
    const amount = fc.oneof(
      fc.constant(null),
      fc.integer({ min: 0, max: 1e12 }),
      fc.double({ min: 0, max: 1e12, noNaN: true }),
    );
    const date = fc.option(
      fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10)),
    );
    fc.assert(
      fc.property(fc.boolean(), amount, date, date, (create, money, close, next) => {
        const request = create
          ? tracker.rpc('createDeal', {
              name: 'Vans',
              customer: 'Beta',
              amount: money,
              closeDate: close,
              nextAction: 'Call',
              nextActionDate: next,
              nextActionGoal: '',
              confirmPast: true,
            })
          : tracker.rpc('updateDeal', {
              ...tracker.target(),
              patch: { amount: money, closeDate: close },
              confirmPast: true,
            });
        const answer = tracker.ok(request);
        const read = tracker.ok(tracker.rpc('getDeal', { id: answer.deal.id }));
        if (!create) tracker.adopt(read);
        tracker.tidy();
        expect(read.deal).toEqual(answer.deal);
        expect(read.version).toBe(answer.version);
      }),
      { numRuns: reliabilityRuns(40, 2_000) },
    );
  }, 3_600_000);
});

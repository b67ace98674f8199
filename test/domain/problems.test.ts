// Row problems in words: one sentence per problem in English and Spanish, never a raw code on screen.

import { describe, expect, it } from 'vitest';
import { headerFor } from '../../src/domain/columns';
import { defaultSettings } from '../../src/domain/defaults';
import { fields } from '../../src/domain/fields';
import type { DataProblem } from '../../src/domain/model';
import { parseRow } from '../../src/domain/parse-row';
import { problemReason, problemSentence } from '../../src/domain/problems';

const codes: DataProblem[] = [
  'required',
  'notADate',
  'notANumber',
  'negative',
  'outOfRange',
  'unknownStage',
  'unknownLostReason',
  'unknownChoice',
  'notAnEmail',
  'notABoolean',
  'lostWithoutReason',
  'otherWithoutNote',
  'wonWithoutAmount',
  'duplicateId',
  'ownerWithoutEmail',
  'openWithoutAmount',
];

describe('problemSentence', () => {
  it('says what is wrong with the column and the value as found', () => {
    expect(
      problemSentence({ problem: 'notAnEmail', column: 'Deal owner', value: 'bob' }, 'en'),
    ).toBe('Deal owner: “bob” is not an email address.');
    expect(problemSentence({ problem: 'required', column: 'Customer', value: '' }, 'en')).toBe(
      'Customer is empty: every deal needs it.',
    );
    expect(problemSentence({ problem: 'notADate', column: 'Cierre', value: 'pronto' }, 'es')).toBe(
      'Cierre: «pronto» no es una fecha.',
    );
    expect(
      problemSentence({ problem: 'otherWithoutNote', column: 'Nota', value: 'Otro' }, 'es'),
    ).toBe('Nota está vacía: el motivo de pérdida «Otro» necesita una nota.');
  });

  it('says a note about many rows with the note as written', () => {
    expect(
      problemSentence(
        {
          problem: 'openWithoutAmount',
          column: 'Amount',
          value: '4 open deals (rows 2, 5, 9, 12)',
        },
        'en',
      ),
    ).toBe(
      'Amount is empty on 4 open deals (rows 2, 5, 9, 12): they count as 0 in the pipeline and the forecast until it is filled.',
    );
  });

  it('cuts a long value and names an empty one', () => {
    const long = 'x'.repeat(80);
    expect(problemSentence({ problem: 'notANumber', column: 'Amount', value: long }, 'en')).toBe(
      `Amount: “${'x'.repeat(59)}…” is not a number.`,
    );
    expect(problemSentence({ problem: 'notABoolean', column: 'Budget', value: ' ' }, 'en')).toBe(
      'Budget: (empty) is not a checkbox value (tick it or clear it).',
    );
  });

  it('has words for every problem code in both languages, and none of them is the code', () => {
    for (const language of ['en', 'es'] as const)
      for (const problem of codes) {
        const sentence = problemSentence({ problem, column: 'Col', value: 'v' }, language);
        const reason = problemReason(problem, language);
        // A camel-cased code ("notAnEmail") is what must never reach a screen.
        expect(sentence).not.toMatch(/[a-z][A-Z]/);
        expect(reason).not.toMatch(/[a-z][A-Z]/);
        expect(sentence.startsWith('Col')).toBe(true);
        expect(reason.length).toBeGreaterThan(5);
      }
  });

  it("turns parseRow's issues into sentences a seller can read", () => {
    const settings = defaultSettings('en');
    const headers = fields.map((field) => headerFor(field.key, 'en'));
    const cells = fields.map((field) =>
      field.key === 'id'
        ? 'OPP-1'
        : field.key === 'name'
          ? 'Fleet'
          : field.key === 'contactEmail'
            ? 'bob'
            : field.key === 'amount'
              ? 'lots'
              : field.key === 'stage'
                ? 'New'
                : '',
    );
    const byField = Object.fromEntries(fields.map((field, i) => [field.key, i]));
    const parsed = parseRow(cells, { headers, byField } as never, settings, 2);
    expect(parsed.issues.map((issue) => problemSentence(issue, 'en'))).toEqual([
      'Amount: “lots” is not a number.',
      'Contact email: “bob” is not an email address.',
    ]);
  });
});

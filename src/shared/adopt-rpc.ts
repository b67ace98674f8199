// The adoption dialog's contract with the server: the plan it shows and the choices it sends back.

import * as z from 'zod/mini';
import { optionalGroups } from '../domain/column-groups';
import { lazy } from '../domain/lazy';

z.config({ jitless: true });

const text = (max: number) => z.string().check(z.maxLength(max));

/** What a stage value of the sheet becomes: an open stage, Won, Lost, or folded into another. */
export const StageTargetSchema = lazy(() =>
  z.union([
    z.object({ kind: z.literal('open') }),
    z.object({ kind: z.literal('won') }),
    z.object({ kind: z.literal('lost') }),
    z.object({ kind: z.literal('fold'), into: text(200).check(z.minLength(1)) }),
  ]),
);
export type StageTargetWire = z.infer<ReturnType<typeof StageTargetSchema>>;

/**
 * What the team chose: column meanings by column index, stage targets by value, groups to add,
 * and owners' e-mails by the name the sheet gives them (absent from older dialogs: none).
 */
export const ChoicesSchema = lazy(() =>
  z.object({
    columns: z.record(z.string().check(z.regex(/^\d{1,4}$/)), text(40)),
    stages: z.record(text(200), StageTargetSchema()),
    groups: z.array(z.enum(optionalGroups)),
    owners: z.optional(z.record(text(200), text(254))),
  }),
);
export type ChoicesWire = z.infer<ReturnType<typeof ChoicesSchema>>;

const CountSchema = lazy(() => z.number().check(z.int(), z.gte(0)));

/** Everything the dialog shows; every text is already in the file's language. */
export const AdoptionViewSchema = lazy(() =>
  z.object({
    language: z.enum(['en', 'es']),
    sheetId: z.number(),
    sheet: z.string(),
    rows: CountSchema(),
    missingIds: CountSchema(),
    columns: z.array(
      z.object({
        index: CountSchema(),
        header: z.string(),
        target: z.string(),
        samples: z.array(z.string()),
        /** Why it means that: "header words, person names, 3 distinct", "dates, after Created". */
        why: z.string(),
      }),
    ),
    /** What a column can mean, for its dropdown: fields, status columns, keep. */
    targets: z.array(
      z.object({ value: z.string(), label: z.string(), kind: z.enum(['field', 'status', 'keep']) }),
    ),
    /** The team's stage values in pipeline order (open ones first), each kept as it is written. */
    stages: z.array(
      z.object({
        value: z.string(),
        rows: CountSchema(),
        won: CountSchema(),
        lost: CountSchema(),
        open: CountSchema(),
        /** What the add-on proposes. */
        kind: z.enum(['open', 'won', 'lost']),
        probability: z.number(),
        target: StageTargetSchema(),
        /** Why: "a step of the pipeline, 40 % (its deals' median)", "Won by its name". */
        why: z.string(),
      }),
    ),
    /** How the open stages were put in order, in words; '' when the sheet has no stage column. */
    order: z.string(),
    outcomesFrom: z.enum(['status', 'flags', 'names', 'none']),
    stageColumn: z.enum(['existing', 'added']),
    /** Each owner named in the sheet, with the e-mail the Team tab gets for that name on Apply. */
    owners: z.array(
      z.object({
        name: z.string(),
        deals: CountSchema(),
        email: z.string(),
        from: z.enum(['cell', 'team', 'column', 'chosen', 'none']),
      }),
    ),
    /** Where "In stage since" comes from for deals without one, in words ('' when nothing to say). */
    stageSince: z.string(),
    /** What the dialog must say about the sheet itself: no rows yet, mixed columns, unnamed columns. */
    notices: z.array(z.string()),
    add: z.array(z.object({ field: z.string(), header: z.string() })),
    groups: z.array(
      z.object({
        group: z.enum(optionalGroups),
        label: z.string(),
        headers: z.array(z.string()),
        ticked: z.boolean(),
      }),
    ),
    problems: z.object({
      rows: CountSchema(),
      count: CountSchema(),
      sample: z.array(
        z.object({
          row: CountSchema(),
          column: z.string(),
          problem: z.string(),
          value: z.string(),
        }),
      ),
    }),
    newStages: z.array(z.string()),
    newLostReasons: z.array(z.string()),
    fingerprint: z.string(),
  }),
);
export type AdoptionView = z.infer<ReturnType<typeof AdoptionViewSchema>>;

/** The dialog's calls, their schemas built on first use (adoption is rare; every execution loads this). */
const methods = {
  /** The plan again with the dialog's current choices (reads the sheet; writes nothing). */
  preview: lazy(() => ({
    request: z.object({ sheetId: z.number(), choices: ChoicesSchema() }),
    response: AdoptionViewSchema(),
  })),
  /** Adopts the sheet with the choices, unless it changed since the view the team looked at. */
  apply: lazy(() => ({
    request: z.object({ sheetId: z.number(), choices: ChoicesSchema(), fingerprint: text(40) }),
    response: z.union([
      z.object({
        status: z.literal('applied'),
        message: z.string(),
        added: CountSchema(),
        problemRows: CountSchema(),
      }),
      z.object({ status: z.literal('changed'), message: z.string(), view: AdoptionViewSchema() }),
    ]),
  })),
};

export const adoptMethods = {
  get preview() {
    return methods.preview();
  },
  get apply() {
    return methods.apply();
  },
};

export type AdoptMethod = keyof typeof adoptMethods;
export type AdoptRequest<M extends AdoptMethod> = z.input<(typeof adoptMethods)[M]['request']>;
export type AdoptResponse<M extends AdoptMethod> = z.output<(typeof adoptMethods)[M]['response']>;

export function isAdoptMethod(name: unknown): name is AdoptMethod {
  return typeof name === 'string' && Object.keys(adoptMethods).includes(name);
}

/** The id of the script element that carries the first view inside the dialog's HTML. */
export const adoptionViewElementId = 'adoption-view';

/**
 * The view as text safe inside a <script type="application/json"> element: "<" and the line
 * separators JavaScript treats as line ends are escaped, so no value can close the element.
 */
export function embeddedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// The RPC contract between the sidebar and the server: one zod/mini schema per request and response.

import * as z from 'zod/mini';
import { sanitizeText } from '../domain/cell-text';
import {
  isLocalDate,
  isTrackerDate,
  type LocalDate,
  type LocalDateTime,
  trackerDateRange,
} from '../domain/dates';
import { attentionOrder } from '../domain/follow-up';
import { lazy } from '../domain/lazy';
import { localDateSchema } from '../domain/model';
import type { RpcResult } from './rpc-result';

z.config({ jitless: true });

/** Messages of this contract's own checks; describeIssues puts them in words. */
const issueCodes = {
  empty: 'empty',
  notADate: 'notADate',
  dateOutOfRange: 'dateOutOfRange',
} as const;

const id = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
/** The row version the sidebar saw (see dealVersion): a write with a stale one gets CONFLICT. */
const version = z.string().check(z.minLength(1), z.maxLength(64));
const text = (max: number) => z.string().check(z.maxLength(max));
// ---- Bounds on what the sidebar sends: refused with a readable reason, never dropped on the way --
/** Text that must say something once cleaned (sanitizeText trims it and drops control characters). */
const requiredText = (max: number) =>
  text(max).check(z.refine((value) => sanitizeText(value, max) !== '', issueCodes.empty));
/**
 * A date the tracker keeps: a real yyyy-mm-dd day within trackerDateRange. Sheets would store
 * 0000-01-01 as something no read turns back into that date, so it is refused here instead.
 */
const date = z.pipe(
  z
    .string()
    .check(
      z.refine(isLocalDate, { error: issueCodes.notADate, abort: true }),
      z.refine(isTrackerDate, issueCodes.dateOutOfRange),
    ),
  z.transform((value) => value as LocalDate),
);
const nullableDate = z.nullable(date);
/** The largest amount a request carries; the sidebar says it in words when one is refused. */
export const amountLimit = 1e12;
/** Amounts: finite (zod refuses NaN and Infinity), zero or more, and exact in a cell (15 digits). */
const money = z.number().check(z.gte(0), z.lte(amountLimit));
/** The user saw that a date they set (next action, close date) is in the past, and keeps it. */
const confirmPast = z.optional(z.boolean());
/** The user saw that the amount they typed is far above the usual (or the Settings limit), and keeps it. */
const confirmAmount = z.optional(z.boolean());
const contactType = z.enum(['call', 'meeting', 'email', 'visit', 'demo']);
const rowHint = z.optional(z.number().check(z.int(), z.gte(2), z.lte(10_000_000)));

/** An opportunity as it crosses the wire: every date a yyyy-mm-dd string, never a Date. */
export const DealSchema = lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    customer: z.string(),
    owner: z.string(),
    stage: z.string(),
    amount: z.nullable(z.number()),
    probability: z.nullable(z.number()),
    closeDate: nullableDate,
    invoiceDate: nullableDate,
    created: nullableDate,
    stageEntered: nullableDate,
    nextAction: z.string(),
    nextActionDate: nullableDate,
    nextActionGoal: z.string(),
    lastContact: nullableDate,
    lastContactSummary: z.string(),
    contactType: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string(),
    contactRole: z.string(),
    influence: z.string(),
    decisionMaker: z.string(),
    decisionMakerMet: z.boolean(),
    products: z.string(),
    monthlyBilling: z.nullable(z.number()),
    units: z.nullable(z.number()),
    negotiationSummary: z.string(),
    tier: z.string(),
    segment: z.string(),
    competitor: z.string(),
    lostReason: z.string(),
    lostNote: z.string(),
    closedOn: nullableDate,
    budget: z.boolean(),
    authority: z.boolean(),
    timeline: z.boolean(),
    pain: z.boolean(),
    fit: z.boolean(),
    score: z.nullable(z.number()),
    stars: z.nullable(z.number()),
    closePushes: z.nullable(z.number()),
    lastReviewed: nullableDate,
    updated: z.nullable(
      z.pipe(
        z.string(),
        z.transform((value) => value as LocalDateTime),
      ),
    ),
  }),
);

const ScoreItemSchema = lazy(() =>
  z.object({
    field: z.enum(['budget', 'authority', 'timeline', 'pain', 'fit']),
    checked: z.boolean(),
    weight: z.number(),
    points: z.number(),
  }),
);

const HistoryItemSchema = lazy(() =>
  z.object({
    at: z.string(),
    user: z.string(),
    field: z.string(),
    old: z.string(),
    new: z.string(),
  }),
);

/** Everything the sidebar shows for one deal. */
export const DealViewSchema = lazy(() =>
  z.object({
    deal: DealSchema(),
    version,
    /**
     * 1-based row in the Opportunities tab right now (rows move: never send it back as identity);
     * 0 when a new deal's row could not be read back (it is saved; the next call finds it by ID).
     */
    row: z.number(),
    followUp: z.object({
      nextAction: z.enum(['overdue', 'today', 'upcoming', 'none', 'closed']),
      stale: z.enum(['fresh', 'amber', 'red']),
      daysInStage: z.nullable(z.number()),
      targetDays: z.nullable(z.number()),
      closePushes: z.number(),
      slipping: z.boolean(),
    }),
    score: z.object({ score: z.number(), stars: z.number(), items: z.array(ScoreItemSchema()) }),
    exitCriteria: z.array(z.string()),
    history: z.array(HistoryItemSchema()),
    /** Data-quality problems in this row, in words, so the seller can fix them. */
    problems: z.array(z.string()),
  }),
);

/** A line in "My day", the review queue and search results. */
export const DealSummarySchema = lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    customer: z.string(),
    stage: z.string(),
    amount: z.nullable(z.number()),
    closeDate: nullableDate,
    nextAction: z.string(),
    nextActionDate: nullableDate,
    stale: z.enum(['fresh', 'amber', 'red']),
    row: z.number(),
  }),
);

/** A My day line: why the deal is listed besides its group, and how long it has waited. */
export const AttentionLineSchema = lazy(() =>
  z.object({
    ...DealSummarySchema().shape,
    tags: z.array(z.enum(attentionOrder)),
    days: z.number(),
  }),
);

const StageInfoSchema = lazy(() =>
  z.object({
    name: z.string(),
    kind: z.enum(['open', 'won', 'lost']),
    probability: z.number(),
    targetDays: z.nullable(z.number()),
    exitCriteria: z.array(z.string()),
  }),
);

export const BootstrapSchema = lazy(() =>
  z.object({
    language: z.enum(['en', 'es']),
    user: z.string(),
    today: localDateSchema(),
    currency: z.string(),
    isSetUp: z.boolean(),
    stages: z.array(StageInfoSchema()),
    lostReasons: z.array(z.object({ name: z.string(), requiresNote: z.boolean() })),
    contactTypes: z.array(z.string()),
    scoringWeights: z.object({
      budget: z.number(),
      authority: z.number(),
      timeline: z.number(),
      pain: z.number(),
      fit: z.number(),
    }),
    /** The file's locale (en_US, es_ES...): the sidebar shows and reads dates the way the file does. */
    locale: z.optional(z.string()),
    reminders: z.object({
      enabled: z.boolean(),
      /** Who owns the one reminder trigger ('' when none is installed). */
      owner: z.string(),
      lastRunAt: z.nullable(z.string()),
      lastRunOk: z.nullable(z.boolean()),
      /** True when the last successful run is too old: triggers fail silently, so the sidebar says so. */
      overdue: z.boolean(),
      /** The last run's figures, as its Run log row says (null before the first run). */
      lastRun: z.nullable(
        z.object({
          sent: z.number(),
          deferred: z.number(),
          failed: z.number(),
          unconfirmed: z.number(),
          /** In the file's language, as the Run log shows them. */
          problems: z.array(z.string()),
        }),
      ),
      /** When the next run is expected, local wall time `yyyy-mm-dd HH:mm[:ss]`; null when off. */
      nextRunAt: z.nullable(z.string()),
    }),
    /** True when the Team tab names the user as someone's manager: the sidebar shows the Team tab. */
    manager: z.optional(z.boolean()),
    /**
     * What the sidebar asks about before saving an amount: the open deals' median (null until a
     * list read them, or too few) and the Settings limit (0: none). See domain/amount-check.
     */
    amountCheck: z.object({ usual: z.nullable(z.number()), limit: z.number() }),
  }),
);

/** One person in the team view: pipeline, coverage of their quota, and how many deals need attention. */
const TeamLineSchema = lazy(() =>
  z.object({
    owner: z.string(),
    name: z.string(),
    openCount: z.number(),
    openAmount: z.number(),
    weighted: z.number(),
    quota: z.nullable(z.number()),
    wonQuarter: z.number(),
    coverage: z.nullable(z.number()),
    overdue: z.number(),
    stale: z.number(),
    noNextAction: z.number(),
    slipping: z.number(),
    attention: z.number(),
  }),
);

export const TeamViewSchema = lazy(() =>
  z.object({
    /** False when the Team tab names the user as nobody's manager: nothing else is listed. */
    manager: z.boolean(),
    today: localDateSchema(),
    owners: z.array(TeamLineSchema()),
    total: z.nullable(TeamLineSchema()),
    /** The owner whose deals are listed (null when none was asked for or found). */
    owner: z.nullable(z.string()),
    deals: z.array(
      z.object({
        ...DealSummarySchema().shape,
        reasons: z.array(z.enum(['overdue', 'stale', 'noNextAction', 'slipping'])),
      }),
    ),
  }),
);
export type TeamLine = z.output<ReturnType<typeof TeamLineSchema>>;

const ChecklistSchema = z.object({
  budget: z.boolean(),
  authority: z.boolean(),
  timeline: z.boolean(),
  pain: z.boolean(),
  fit: z.boolean(),
});

/** Every server call: its request and its response. The server's `rpc(method, payload)` serves them. */
/**
 * The responses' schemas, built on first use: the server never parses its own answers, so an
 * execution builds only the request schema it parses (the bundle's load stays cheap).
 */
const responses = {
  selection: lazy(() =>
    z.object({
      id: z.nullable(z.string()),
      row: z.nullable(z.number()),
      onTracker: z.boolean(),
      /** The selected deal's version: a change shows without fetching the deal again. */
      version: z.nullable(z.string()),
      /** Changes whenever Settings change (language, stages...): the sidebar reloads itself. */
      settingsStamp: z.string(),
    }),
  ),
  moveStage: lazy(() => DealViewSchema()),
  setNextAction: lazy(() => DealViewSchema()),
  logInteraction: lazy(() => DealViewSchema()),
  setChecklist: lazy(() => DealViewSchema()),
  updateDeal: lazy(() => DealViewSchema()),
  createDeal: lazy(() => DealViewSchema()),
  /** Each deal that needs the user today once, under its most urgent reason (attentionOrder). */
  myDay: lazy(() =>
    z.object({
      overdue: z.array(AttentionLineSchema()),
      dueToday: z.array(AttentionLineSchema()),
      closeDatePassed: z.array(AttentionLineSchema()),
      noNextAction: z.array(AttentionLineSchema()),
      stale: z.array(AttentionLineSchema()),
    }),
  ),
  markDone: lazy(() => DealViewSchema()),
  undoMove: lazy(() => DealViewSchema()),
  reviewQueue: lazy(() =>
    z.object({ queue: z.array(DealSummarySchema()), flagged: z.array(z.string()) }),
  ),
  reviewDeal: lazy(() =>
    z.object({ view: DealViewSchema(), changed: z.boolean(), flagged: z.boolean() }),
  ),
  refreshMetrics: lazy(() =>
    z.object({
      tab: z.string(),
      deals: z.number(),
      charts: z.number(),
      snapshot: z.object({ week: z.string(), added: z.boolean(), tab: z.string() }),
      message: z.string(),
    }),
  ),
  teamView: lazy(() => TeamViewSchema()),
};

/** Each call's schemas, built the first time that call is served or made. */
const entries = {
  bootstrap: lazy(() => ({
    request: z.object({}),
    get response() {
      return BootstrapSchema();
    },
  })),
  selection: lazy(() => ({
    request: z.object({}),
    get response() {
      return responses.selection();
    },
  })),
  getDeal: lazy(() => ({
    request: z.object({ id, row: rowHint }),
    get response() {
      return DealViewSchema();
    },
  })),
  selectDeal: lazy(() => ({
    request: z.object({ id, row: rowHint }),
    get response() {
      return z.object({ row: z.number() });
    },
  })),
  moveStage: lazy(() => ({
    request: z.object({
      id,
      version,
      to: requiredText(100),
      lostReason: z.optional(text(100)),
      lostNote: z.optional(text(1000)),
      amount: z.optional(money),
      closedOn: z.optional(date),
      confirmAmount,
    }),
    get response() {
      return responses.moveStage();
    },
  })),
  setNextAction: lazy(() => ({
    request: z.object({
      id,
      version,
      nextAction: text(500),
      nextActionDate: nullableDate,
      nextActionGoal: text(500),
      confirmPast,
    }),
    get response() {
      return responses.setNextAction();
    },
  })),
  markDone: lazy(() => ({
    request: z.object({
      id,
      version,
      /** How the action on file was done; its text is the server's, read from the row. */
      type: contactType,
      nextAction: text(500),
      nextActionDate: nullableDate,
      nextActionGoal: text(500),
      confirmPast,
    }),
    get response() {
      return responses.markDone();
    },
  })),
  undoMove: lazy(() => ({
    request: z.object({
      /** The version the move answered with: anything saved since refuses the undo. */
      id,
      version,
      /** The fields as they were before the move (see domain/daily-loop moveFields). */
      restore: z.object({
        stage: requiredText(100),
        stageEntered: z.optional(nullableDate),
        probability: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(100)))),
        amount: z.optional(z.nullable(money)),
        closedOn: z.optional(nullableDate),
        lostReason: z.optional(text(100)),
        lostNote: z.optional(text(1000)),
        closePushes: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(1_000_000)))),
        score: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(100)))),
        stars: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(3)))),
        updated: z.optional(z.nullable(text(30))),
      }),
    }),
    get response() {
      return responses.undoMove();
    },
  })),
  logInteraction: lazy(() => ({
    request: z.object({
      id,
      version,
      type: contactType,
      date,
      summary: requiredText(2000),
    }),
    get response() {
      return responses.logInteraction();
    },
  })),
  setChecklist: lazy(() => ({
    request: z.object({ id, version, checklist: ChecklistSchema, decisionMakerMet: z.boolean() }),
    get response() {
      return responses.setChecklist();
    },
  })),
  updateDeal: lazy(() => ({
    request: z.object({
      id,
      version,
      patch: z.object({
        name: z.optional(requiredText(200)),
        customer: z.optional(requiredText(200)),
        amount: z.optional(z.nullable(money)),
        closeDate: z.optional(nullableDate),
        owner: z.optional(text(200)),
      }),
      confirmPast,
      confirmAmount,
    }),
    get response() {
      return responses.updateDeal();
    },
  })),
  createDeal: lazy(() => ({
    request: z.object({
      name: requiredText(200),
      customer: requiredText(200),
      amount: z.nullable(money),
      closeDate: nullableDate,
      nextAction: text(500),
      nextActionDate: nullableDate,
      nextActionGoal: text(500),
      confirmPast,
      confirmAmount,
    }),
    get response() {
      return responses.createDeal();
    },
  })),
  myDay: lazy(() => ({
    request: z.object({}),
    get response() {
      return responses.myDay();
    },
  })),
  reviewQueue: lazy(() => ({
    request: z.object({ mine: z.boolean() }),
    get response() {
      return responses.reviewQueue();
    },
  })),
  reviewDeal: lazy(() => ({
    request: z.object({
      id,
      version,
      nextAction: text(500),
      nextActionDate: nullableDate,
      nextActionGoal: text(500),
      closeDate: nullableDate,
      confirmPast,
    }),
    get response() {
      return responses.reviewDeal();
    },
  })),
  refreshMetrics: lazy(() => ({
    request: z.object({}),
    get response() {
      return responses.refreshMetrics();
    },
  })),
  teamView: lazy(() => ({
    request: z.object({ owner: z.optional(z.string().check(z.maxLength(200))) }),
    get response() {
      return responses.teamView();
    },
  })),
  // Issue 22: a deal moved to the archive file, shown read-only.
  getArchivedDeal: lazy(() => ({
    request: z.object({ id }),
    get response() {
      return z.object({
        deal: DealSchema(),
        readOnly: z.literal(true),
        /** The batch that moved it ("yyyymmdd-..."), and the archive file's URL. */
        batch: z.string(),
        file: z.string(),
        history: z.array(HistoryItemSchema()),
      });
    },
  })),
};

/** Every server call: its request and its response. The server's `rpc(method, payload)` serves them. */
export const rpcMethods = {
  get bootstrap() {
    return entries.bootstrap();
  },
  /** Cheap: what deal the user's selection is on (polled while the sidebar is open). */
  get selection() {
    return entries.selection();
  },
  /** `row`: where the sidebar last saw the deal; read first, so no search while rows stay put. */
  get getDeal() {
    return entries.getDeal();
  },
  get selectDeal() {
    return entries.selectDeal();
  },
  get moveStage() {
    return entries.moveStage();
  },
  get setNextAction() {
    return entries.setNextAction();
  },
  get logInteraction() {
    return entries.logInteraction();
  },
  /** The daily loop's one click: the next action on file logged as done, the next one saved. */
  get markDone() {
    return entries.markDone();
  },
  /** Sets back a Won or Lost move the user just made (offered for 10 s in its toast). */
  get undoMove() {
    return entries.undoMove();
  },
  get setChecklist() {
    return entries.setChecklist();
  },
  get updateDeal() {
    return entries.updateDeal();
  },
  get createDeal() {
    return entries.createDeal();
  },
  get myDay() {
    return entries.myDay();
  },
  get reviewQueue() {
    return entries.reviewQueue();
  },
  get reviewDeal() {
    return entries.reviewDeal();
  },
  // ---- Metrics and the team view (issue 12) ----
  /** Rebuilds the Metrics tab and adds the week's snapshot, as the menu item does. */
  get refreshMetrics() {
    return entries.refreshMetrics();
  },
  /** A manager's team: one line per person; with `owner`, that person's deals needing attention. */
  get teamView() {
    return entries.teamView();
  },
  /** Issue 22: an archived deal by its ID, read-only (nothing can be saved to the archive). */
  get getArchivedDeal() {
    return entries.getArchivedDeal();
  },
} as const;

export type RpcMethod = keyof typeof rpcMethods;
export type RpcRequest<M extends RpcMethod> = z.input<(typeof rpcMethods)[M]['request']>;
/** A request after its schema parsed it on the server (dates are LocalDate). */
export type RpcParsedRequest<M extends RpcMethod> = z.output<(typeof rpcMethods)[M]['request']>;
export type RpcResponse<M extends RpcMethod> = z.output<(typeof rpcMethods)[M]['response']>;
export type DealView = z.output<ReturnType<typeof DealViewSchema>>;
export type DealSummary = z.output<ReturnType<typeof DealSummarySchema>>;
export type AttentionLine = z.output<ReturnType<typeof AttentionLineSchema>>;
export type Bootstrap = z.output<ReturnType<typeof BootstrapSchema>>;
export type Deal = z.output<ReturnType<typeof DealSchema>>;

export function isRpcMethod(name: unknown): name is RpcMethod {
  return typeof name === 'string' && Object.keys(rpcMethods).includes(name);
}

/** What describeIssues reads of a zod issue (zod/mini leaves every message "Invalid input"). */
export interface ContractIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  expected?: string;
  values?: ReadonlyArray<unknown>;
}

type IssueWords = {
  [K in keyof typeof issueCodes]: string;
} & {
  tooLong: (max: string) => string;
  tooShort: (min: string) => string;
  atMost: (max: string) => string;
  atLeast: (min: string) => string;
  negative: string;
  number: string;
  text: string;
  boolean: string;
  missing: string;
  oneOf: (values: string) => string;
  list: string;
};

const issueWords: Record<'en' | 'es', IssueWords> = {
  en: {
    empty: 'cannot be empty',
    notADate: 'is not a real date (write it as yyyy-mm-dd)',
    dateOutOfRange: `must be between ${trackerDateRange.min} and ${trackerDateRange.max}`,
    tooLong: (max) => `is longer than ${max} characters`,
    tooShort: (min) => `needs at least ${min} characters`,
    atMost: (max) => `must be at most ${max}`,
    atLeast: (min) => `must be at least ${min}`,
    negative: 'cannot be negative',
    number: 'must be a number',
    text: 'must be text',
    boolean: 'must be true or false',
    missing: 'is missing',
    oneOf: (values) => `must be one of: ${values}`,
    list: 'must be a list',
  },
  es: {
    empty: 'no puede estar vacío',
    notADate: 'no es una fecha real (escríbela como aaaa-mm-dd)',
    dateOutOfRange: `debe estar entre ${trackerDateRange.min} y ${trackerDateRange.max}`,
    tooLong: (max) => `tiene más de ${max} caracteres`,
    tooShort: (min) => `necesita al menos ${min} caracteres`,
    atMost: (max) => `debe ser como mucho ${max}`,
    atLeast: (min) => `debe ser al menos ${min}`,
    negative: 'no puede ser negativo',
    number: 'debe ser un número',
    text: 'debe ser texto',
    boolean: 'debe ser verdadero o falso',
    missing: 'falta',
    oneOf: (values) => `debe ser uno de: ${values}`,
    list: 'debe ser una lista',
  },
};

function issueText(issue: ContractIssue, words: IssueWords, language: 'en' | 'es'): string {
  const own = (Object.keys(issueCodes) as Array<keyof typeof issueCodes>).find(
    (code) => code === issue.message,
  );
  if (own) return words[own];
  const bound = (value: unknown) =>
    typeof value === 'number' ? value.toLocaleString(language === 'es' ? 'es-ES' : 'en-US') : '';
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? words.tooLong(bound(issue.maximum))
        : words.atMost(bound(issue.maximum));
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1 ? words.empty : words.tooShort(bound(issue.minimum));
      return issue.minimum === 0 ? words.negative : words.atLeast(bound(issue.minimum));
    case 'invalid_type':
      if (issue.expected === 'number') return words.number;
      if (issue.expected === 'string') return words.text;
      if (issue.expected === 'boolean') return words.boolean;
      if (issue.expected === 'array') return words.list;
      return words.missing;
    case 'invalid_value':
      return words.oneOf((issue.values ?? []).map(String).join(', '));
    default:
      return issue.message;
  }
}

/**
 * Turns zod issues into one sentence a person can read, in the sidebar's language:
 * "amount: cannot be negative; nextActionDate: must be between 1900-01-01 and 2200-12-31".
 */
export function describeIssues(
  issues: ReadonlyArray<ContractIssue>,
  language: 'en' | 'es' = 'en',
): string {
  const words = issueWords[language];
  return issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      const what = issueText(issue, words, language);
      return where ? `${where}: ${what}` : what;
    })
    .join('; ');
}

// ---- Compile-time proof that everything crossing google.script.run is JSON-safe ----------------

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type IsJsonSafe<T> = T extends Json
  ? true
  : T extends readonly (infer U)[]
    ? IsJsonSafe<U>
    : T extends
          | Date
          | ((...args: never[]) => unknown)
          | undefined
          | bigint
          | symbol
          | Map<unknown, unknown>
          | Set<unknown>
      ? false
      : T extends object
        ? { [K in keyof T]-?: IsJsonSafe<T[K]> } extends Record<keyof T, true>
          ? true
          : false
        : false;
type AllJsonSafe = { [M in RpcMethod]: IsJsonSafe<RpcResponse<M>> };
/** Fails to compile if a response type could carry a Date, undefined, a function, a Map... */
export const responsesAreJsonSafe: AllJsonSafe extends Record<RpcMethod, true> ? true : never =
  true;
export type RpcResponseEnvelope<M extends RpcMethod> = RpcResult<RpcResponse<M>>;

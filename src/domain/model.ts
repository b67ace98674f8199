// The opportunity model: cells as the shell hands them over, typed opportunities, settings, team, history.

import * as z from 'zod/mini';
import { isLocalDate, type LocalDate, type LocalDateTime } from './dates';
import type { FieldKey } from './fields';
import type { Language } from './i18n';
import { lazy } from './lazy';

z.config({ jitless: true });

/**
 * A date or date-time cell, already turned by the shell into the spreadsheet's calendar
 * (Utilities.formatDate(value, spreadsheetTimeZone, ...)): the domain never sees a JS Date.
 */
export interface CellDate {
  readonly kind: 'date';
  readonly date: LocalDate;
  /** `HH:mm:ss` wall-clock time in the spreadsheet's zone; '00:00:00' for a plain date. */
  readonly time: string;
}

/** One cell as read from the sheet: '' when empty, numbers, booleans, dates; formulas' results. */
export type Cell = string | number | boolean | CellDate;

export function cellDate(date: LocalDate, time = '00:00:00'): CellDate {
  return { kind: 'date', date, time };
}

export function isCellDate(cell: unknown): cell is CellDate {
  return typeof cell === 'object' && cell !== null && (cell as CellDate).kind === 'date';
}

/** A typed opportunity: one row of the Opportunities tab once parsed. Empty optional text is ''. */
export interface Opportunity {
  id: string;
  name: string;
  customer: string;
  owner: string;
  stage: string;
  amount: number | null;
  probability: number | null;
  closeDate: LocalDate | null;
  invoiceDate: LocalDate | null;
  created: LocalDate | null;
  stageEntered: LocalDate | null;
  nextAction: string;
  nextActionDate: LocalDate | null;
  nextActionGoal: string;
  lastContact: LocalDate | null;
  lastContactSummary: string;
  contactType: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  contactRole: string;
  influence: string;
  decisionMaker: string;
  decisionMakerMet: boolean;
  products: string;
  monthlyBilling: number | null;
  units: number | null;
  negotiationSummary: string;
  tier: string;
  segment: string;
  competitor: string;
  lostReason: string;
  lostNote: string;
  closedOn: LocalDate | null;
  budget: boolean;
  authority: boolean;
  timeline: boolean;
  pain: boolean;
  fit: boolean;
  score: number | null;
  stars: number | null;
  closePushes: number | null;
  lastReviewed: LocalDate | null;
  updated: LocalDateTime | null;
}

/** A problem found in one cell of one row; the row is still usable where the field is optional. */
export interface DataIssue {
  /** 1-based row in the sheet, when known (parsing a row alone does not know it). */
  row?: number;
  id?: string;
  field: FieldKey;
  /** The column's header as the sheet shows it. */
  column: string;
  problem: DataProblem;
  /** The offending value as text, for the report. */
  value: string;
}

export type DataProblem =
  | 'required'
  | 'notADate'
  | 'notANumber'
  | 'negative'
  | 'outOfRange'
  | 'unknownStage'
  | 'unknownLostReason'
  | 'unknownChoice'
  | 'notAnEmail'
  | 'notABoolean'
  | 'lostWithoutReason'
  | 'otherWithoutNote'
  | 'wonWithoutAmount'
  | 'duplicateId'
  /** An owner name the Team tab gives no e-mail for: one issue per person, not per row. */
  | 'ownerWithoutEmail'
  /** Open deals without an amount: one note for all of them (they count as 0). */
  | 'openWithoutAmount';

/** One append-only line of the History tab. */
export interface HistoryEvent {
  at: LocalDateTime;
  user: string;
  dealId: string;
  /**
   * A field key, or 'interaction' (a logged contact), 'review' (weekly review), 'created', 'undo'
   * (a Won or Lost move set back: old is the stage left, new the stage back).
   */
  field: FieldKey | 'interaction' | 'review' | 'created' | 'undo';
  old: string;
  new: string;
}

// ---- Settings ----------------------------------------------------------------------------------

/** A zod schema for a yyyy-mm-dd calendar date string (used by the RPC contract too). */
export const localDateSchema = lazy(() =>
  z.pipe(
    z.string().check(z.refine(isLocalDate, 'must be a date as yyyy-mm-dd')),
    z.transform((value) => value as LocalDate),
  ),
);

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

export const StageSettingSchema = lazy(() =>
  z.object({
    name: z.string().check(z.trim(), z.minLength(1)),
    probability: z.number().check(z.gte(0), z.lte(100)),
    /** Days a deal should stay in the stage; null for closed stages. */
    targetDays: z.nullable(z.number().check(z.int(), z.gte(0))),
    kind: z.enum(stageKinds),
    exitCriteria: z.array(z.string()),
  }),
);
export type StageSetting = z.infer<ReturnType<typeof StageSettingSchema>>;

export const LostReasonSchema = lazy(() =>
  z.object({
    name: z.string().check(z.trim(), z.minLength(1)),
    requiresNote: z.boolean(),
  }),
);
export type LostReason = z.infer<ReturnType<typeof LostReasonSchema>>;

export const ScoringWeightsSchema = lazy(() =>
  z.object({
    budget: z.number().check(z.gte(0)),
    authority: z.number().check(z.gte(0)),
    timeline: z.number().check(z.gte(0)),
    pain: z.number().check(z.gte(0)),
    fit: z.number().check(z.gte(0)),
  }),
);
export type ScoringWeights = z.infer<ReturnType<typeof ScoringWeightsSchema>>;

export const StageEmailSchema = lazy(() =>
  z.object({
    /** Sent to the owner when a deal enters this stage, after `delayDays`. */
    stage: z.string(),
    delayDays: z.number().check(z.int(), z.gte(0)),
    subject: z.string(),
    body: z.string(),
  }),
);
export type StageEmail = z.infer<ReturnType<typeof StageEmailSchema>>;

export const SettingsSchema = lazy(() =>
  z.object({
    /** '' means: follow the spreadsheet's locale. */
    language: z.enum(['', 'en', 'es']),
    currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
    /** Local hour (spreadsheet time zone) at which the daily digest goes out. */
    reminderHour: z.number().check(z.int(), z.gte(0), z.lte(23)),
    stages: z.array(StageSettingSchema()).check(z.minLength(3)),
    lostReasons: z.array(LostReasonSchema()).check(z.minLength(1)),
    scoringWeights: ScoringWeightsSchema(),
    /** Sales quota per quarter for the whole sheet, in the currency; 0 when none. */
    quarterlyQuota: z.number().check(z.gte(0)),
    /** Stale is amber past targetDays x amber, red past targetDays x red. */
    staleAmberFactor: z.number().check(z.gt(0)),
    staleRedFactor: z.number().check(z.gt(0)),
    /** Close-date pushes at which a date is called unreliable. */
    slipThreshold: z.number().check(z.int(), z.gte(1)),
    remindersEnabled: z.boolean(),
    /**
     * The account whose trigger sends the reminders, written by Turn on/off reminders: a trigger
     * whose owner is not named here stops itself (another editor turned reminders off or took over).
     */
    remindersSender: z.string(),
    escalationsEnabled: z.boolean(),
    stageEmails: z.array(StageEmailSchema()),
    /** Won and Lost deals closed more than this many months ago go to the archive file (issue 22). */
    archiveMonths: z.number().check(z.int(), z.gte(3), z.lte(120)),
    /** Whether the morning reminder run archives too. */
    archiveDaily: z.boolean(),
    /** The archive spreadsheet's URL, written when Archive closed deals creates it; '' before. */
    archiveFile: z.string(),
    /** The week's first review day: 1 = Monday ... 7 = Sunday (ISO). */
    weekStartsOn: z.number().check(z.int(), z.gte(1), z.lte(7)),
    /**
     * An amount above this is saved only once the seller confirms it (0: no limit; amounts far
     * above the usual are asked about anyway, see amount-check). Absent in files set up before it.
     */
    amountConfirmAbove: z.optional(z.number().check(z.gte(0))),
  }),
);
export type Settings = z.infer<ReturnType<typeof SettingsSchema>>;

export const TeamMemberSchema = lazy(() =>
  z.object({
    email: z.string().check(z.trim(), z.toLowerCase(), z.email()),
    name: z.string(),
    managerEmail: z.union([z.literal(''), z.string().check(z.trim(), z.toLowerCase(), z.email())]),
    /** Reminders to this person stop through this date (9999-12-31: until the cell is cleared). */
    pausedUntil: z.optional(localDateSchema()),
    /** The seller's sales quota per quarter, in the currency (Team tab's Quota column); absent when none. */
    quota: z.optional(z.number().check(z.gte(0))),
  }),
);
export type TeamMember = z.infer<ReturnType<typeof TeamMemberSchema>>;
export const TeamSchema = lazy(() => z.array(TeamMemberSchema()));
export type Team = TeamMember[];

export type { Language };

// Which columns adoption adds: the ones the daily work needs, and optional groups a team ticks.

import type { FieldKey } from './fields';
import type { Language } from './i18n';

/**
 * The columns the daily loop writes (stage moves, next actions, Won and Lost, the review and
 * the history stamps), added when a sheet lacks them; without them a sidebar save would have
 * nowhere to go.
 */
export const dailyFields: readonly FieldKey[] = [
  'id',
  'name',
  'customer',
  'owner',
  'stage',
  'amount',
  'probability',
  'closeDate',
  'nextAction',
  'nextActionDate',
  'nextActionGoal',
  'stageEntered',
  'lastContact',
  'closedOn',
  'lostReason',
  'lostNote',
  'lastReviewed',
  'updated',
];

export const optionalGroups = ['scoring', 'contact', 'billing', 'details'] as const;
export type OptionalGroup = (typeof optionalGroups)[number];

/** Columns a team adds only if it wants them: the scoring checklist, contact details, billing, more. */
export const groupFields: Readonly<Record<OptionalGroup, readonly FieldKey[]>> = {
  scoring: ['budget', 'authority', 'timeline', 'pain', 'fit', 'decisionMakerMet', 'score', 'stars'],
  contact: [
    'contactName',
    'contactEmail',
    'contactPhone',
    'contactRole',
    'influence',
    'decisionMaker',
    'lastContactSummary',
    'contactType',
  ],
  billing: ['invoiceDate', 'monthlyBilling', 'units', 'products'],
  details: ['created', 'tier', 'segment', 'competitor', 'negotiationSummary', 'closePushes'],
};

/**
 * Said after a header the add-on adds when the sheet already has a column of that name the team
 * keeps for itself: "Stage (tracker)" beside an export's own "Stage".
 */
export const addedHeaderSuffix: Readonly<Record<Language, string>> = {
  en: 'tracker',
  es: 'seguimiento',
};

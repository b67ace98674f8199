// Small builders for domain tests: a valid deal, settings, team and history with only what a test cares about.
import type { LocalDate, LocalDateTime } from '../../src/domain/dates';
import { defaultSettings } from '../../src/domain/defaults';
import type { HistoryEvent, Opportunity, Settings, TeamMember } from '../../src/domain/model';

/** A calendar date literal, checked by the type only: `d('2026-11-23')`. */
export const d = (value: string): LocalDate => value as LocalDate;
export const dt = (value: string): LocalDateTime => value as LocalDateTime;

let counter = 0;

/** An open deal in "New" with no next action; override what the test is about. */
export function aDeal(overrides: Partial<Opportunity> = {}): Opportunity {
  counter += 1;
  return {
    id: `OPP-${String(counter).padStart(6, '0')}`,
    name: `Deal ${counter}`,
    customer: `Customer ${counter}`,
    owner: 'ana@example.com',
    stage: 'New',
    amount: 10_000,
    probability: null,
    closeDate: d('2026-12-31'),
    invoiceDate: null,
    created: d('2026-11-01'),
    stageEntered: d('2026-11-01'),
    nextAction: '',
    nextActionDate: null,
    nextActionGoal: '',
    lastContact: null,
    lastContactSummary: '',
    contactType: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    contactRole: '',
    influence: '',
    decisionMaker: '',
    decisionMakerMet: false,
    products: '',
    monthlyBilling: null,
    units: null,
    negotiationSummary: '',
    tier: '',
    segment: '',
    competitor: '',
    lostReason: '',
    lostNote: '',
    closedOn: null,
    budget: false,
    authority: false,
    timeline: false,
    pain: false,
    fit: false,
    score: null,
    stars: null,
    closePushes: null,
    lastReviewed: null,
    updated: null,
    ...overrides,
  };
}

/** The default English settings with overrides. */
export function aSettings(overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings('en'), ...overrides };
}

export function aTeamMember(overrides: Partial<TeamMember> = {}): TeamMember {
  return { email: 'ana@example.com', name: 'Ana', managerEmail: 'marta@example.com', ...overrides };
}

export function anEvent(overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    at: dt('2026-11-01T09:00:00'),
    user: 'ana@example.com',
    dealId: 'OPP-000001',
    field: 'stage',
    old: 'New',
    new: 'Qualified',
    ...overrides,
  };
}

/** The columns the seed 003 article lists, written as a Spanish team would head its sheet. */
export const seedSpanishHeaders = [
  'Nombre de la oportunidad',
  'Cliente',
  'Fecha de creación',
  'Importe total de la venta',
  'Fecha de venta',
  'Fecha de cierre',
  'Detalle de los productos y servicios',
  'Interlocutor',
  'Decisor',
  'Fecha de ultima visita o interacción',
  'Próxima fecha',
  'Objetivo próxima fecha',
  'Resumen proceso negociación',
];

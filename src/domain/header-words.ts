// The words CRM exports put around a column's name (vendor prefixes, units, currencies) and the status columns they carry.

import type { FieldKey } from './fields';

/**
 * Columns that are not tracker fields but tell what happened to a deal: a status (open / won /
 * lost), a "closed" flag and a "won" flag. Adoption reads them to put each deal in the right
 * stage; they are kept as they are.
 */
export const statusRoles = ['status', 'closedFlag', 'wonFlag'] as const;
export type StatusRole = (typeof statusRoles)[number];

export const statusRoleSynonyms: Readonly<Record<StatusRole, readonly string[]>> = {
  // Pipedrive "Deal - Status", Copper "Status", Dynamics "Status", Close "Status type".
  status: [
    'Status',
    'Deal status',
    'Opportunity status',
    'Status type',
    'Estado',
    'Estado del negocio',
    'Estado del trato',
    'Estado de la oportunidad',
    'Tipo de estado',
  ],
  // Salesforce "Closed" / IsClosed.
  closedFlag: ['Closed', 'Is closed', 'Cerrado', 'Cerrada', 'Está cerrado', 'Está cerrada'],
  // Salesforce "Won" / IsWon, HubSpot "Is Closed Won".
  wonFlag: ['Won', 'Is won', 'Is closed won', 'Ganado', 'Ganada', 'Está ganado', 'Está ganada'],
};

/** What a prefix like "Deal - ", "Account " or "Persona - " says the rest of the header is about. */
export type HeaderEntity = 'deal' | 'contact' | 'organization';

export interface EntityWords {
  /** The words (compared normalized) that name the entity, in English and Spanish. */
  readonly words: readonly string[];
  /** Fields a header about this entity may mean; 'any' for the deal itself. */
  readonly fields: readonly FieldKey[] | 'any';
  /** Bare words that mean a particular field once the entity is known: "Person - Name". */
  readonly bare: Readonly<Record<string, FieldKey>>;
}

export const headerEntities: Readonly<Record<HeaderEntity, EntityWords>> = {
  deal: {
    words: [
      'deal',
      'deals',
      'opportunity',
      'opportunities',
      'opp',
      'negocio',
      'negocios',
      'trato',
      'tratos',
      'oportunidad',
      'oportunidades',
      'acuerdo',
    ],
    fields: 'any',
    bare: {
      name: 'name',
      title: 'name',
      nombre: 'name',
      titulo: 'name',
      id: 'id',
    },
  },
  contact: {
    words: ['person', 'contact', 'persona', 'contacto', 'primary contact', 'contacto principal'],
    fields: ['contactName', 'contactEmail', 'contactPhone', 'contactRole'],
    bare: { name: 'contactName', 'full name': 'contactName', nombre: 'contactName' },
  },
  organization: {
    words: [
      'organization',
      'organisation',
      'account',
      'company',
      'organizacion',
      'empresa',
      'cuenta',
      'compania',
    ],
    fields: ['customer', 'segment'],
    // Salesforce's data export names the account only by its ID (AccountId).
    bare: { name: 'customer', nombre: 'customer', id: 'customer' },
  },
};

/** Spanish puts the entity last: "Propietario del negocio", "Nombre de la cuenta". */
export const entityConnectors: readonly string[] = ['de', 'del', 'de la', 'de las', 'de los'];

/**
 * Trailing words that only say which unit or currency a column is in: "Amount EUR",
 * "Amount in company currency", "Importe en moneda de la empresa". Compared normalized.
 */
export const unitSuffixes: readonly string[] = [
  'in company currency',
  'in home currency',
  'in base currency',
  'in your currency',
  'company currency',
  'home currency',
  'base',
  'converted',
  'en moneda de la empresa',
  'en moneda local',
  'en moneda base',
  'convertido',
  'convertida',
  'percent',
  'percentage',
  'pct',
  'porcentaje',
];

/** ISO 4217 codes a header may end with ("Amount USD"); the common ones, not the whole list. */
export const currencyCodes: readonly string[] = [
  'eur',
  'usd',
  'gbp',
  'chf',
  'cad',
  'aud',
  'nzd',
  'jpy',
  'cny',
  'inr',
  'brl',
  'mxn',
  'ars',
  'clp',
  'cop',
  'pen',
  'uyu',
  'sek',
  'nok',
  'dkk',
  'pln',
  'czk',
  'huf',
  'ron',
  'zar',
];

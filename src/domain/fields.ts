// The columns of the Opportunities tab: each field's kind, headers in English and Spanish, synonyms.

/** How a field's cells are read, validated and formatted. */
export type FieldKind =
  | 'id'
  | 'text'
  | 'longText'
  | 'email'
  | 'phone'
  | 'stage'
  | 'lostReason'
  | 'choice'
  | 'money'
  | 'number'
  | 'percent'
  | 'date'
  | 'timestamp'
  | 'checkbox'
  | 'score'
  | 'stars'
  | 'count';

export interface FieldSpec {
  readonly key: FieldKey;
  readonly kind: FieldKind;
  readonly header: { readonly en: string; readonly es: string };
  /** Other names a team may already use for this column (any language); compared normalized. */
  readonly synonyms: readonly string[];
  /** Fixed choices for a 'choice' field (stored in English; shown as written). */
  readonly choices?: readonly string[];
  /** Filled by the add-on, never typed: score, stars, close-date pushes, updated. */
  readonly computed?: boolean;
  /** Column width in pixels when the add-on creates the column. */
  readonly width: number;
}

export const fieldKeys = [
  'id',
  'name',
  'customer',
  'owner',
  'stage',
  'amount',
  'probability',
  'closeDate',
  'invoiceDate',
  'created',
  'stageEntered',
  'nextAction',
  'nextActionDate',
  'nextActionGoal',
  'lastContact',
  'lastContactSummary',
  'contactType',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactRole',
  'influence',
  'decisionMaker',
  'decisionMakerMet',
  'products',
  'monthlyBilling',
  'units',
  'negotiationSummary',
  'tier',
  'segment',
  'competitor',
  'lostReason',
  'lostNote',
  'closedOn',
  'budget',
  'authority',
  'timeline',
  'pain',
  'fit',
  'score',
  'stars',
  'closePushes',
  'lastReviewed',
  'updated',
] as const;

export type FieldKey = (typeof fieldKeys)[number];

export const contactTypes = ['call', 'meeting', 'email', 'visit', 'demo'] as const;
export const influenceLevels = ['high', 'medium', 'low'] as const;
export const tiers = ['A', 'B', 'C'] as const;

/** The scoring checklist's fields, in the order the sidebar shows them. */
export const scoringFields = ['budget', 'authority', 'timeline', 'pain', 'fit'] as const;
export type ScoringField = (typeof scoringFields)[number];

const f = (
  key: FieldKey,
  kind: FieldKind,
  en: string,
  es: string,
  synonyms: readonly string[] = [],
  extra: Partial<Pick<FieldSpec, 'choices' | 'computed' | 'width'>> = {},
): FieldSpec => ({ key, kind, header: { en, es }, synonyms, width: extra.width ?? 120, ...extra });

export const fields: readonly FieldSpec[] = [
  f('id', 'id', 'ID', 'ID', ['Opportunity ID', 'Deal ID', 'Ref', 'Referencia', 'Código'], {
    width: 90,
  }),
  f(
    'name',
    'text',
    'Opportunity',
    'Oportunidad',
    [
      'Opportunity name',
      'Deal',
      'Deal name',
      'Nombre de la oportunidad',
      'Nombre oportunidad',
      'Nombre',
    ],
    { width: 200 },
  ),
  f(
    'customer',
    'text',
    'Customer',
    'Cliente',
    ['Account', 'Company', 'Empresa', 'Razón social', 'Cuenta'],
    {
      width: 160,
    },
  ),
  f(
    'owner',
    'email',
    'Owner',
    'Responsable',
    ['Seller', 'Salesperson', 'Sales rep', 'Vendedor', 'Comercial', 'Propietario'],
    {
      width: 170,
    },
  ),
  f('stage', 'stage', 'Stage', 'Etapa', ['Status', 'Pipeline stage', 'Fase', 'Estado'], {
    width: 130,
  }),
  f(
    'amount',
    'money',
    'Amount',
    'Importe',
    ['Value', 'Deal value', 'Importe total', 'Importe total de la venta', 'Valor', 'Total'],
    {
      width: 110,
    },
  ),
  f(
    'probability',
    'percent',
    'Probability',
    'Probabilidad',
    ['Probability %', 'Win probability', 'Probabilidad %'],
    {
      width: 95,
    },
  ),
  f(
    'closeDate',
    'date',
    'Expected close',
    'Fecha de cierre prevista',
    ['Close date', 'Expected close date', 'Fecha de cierre', 'Fecha cierre', 'Cierre previsto'],
    { width: 115 },
  ),
  f(
    'invoiceDate',
    'date',
    'Invoice date',
    'Fecha de venta',
    ['Sale date', 'Billing date', 'Fecha de factura', 'Fecha factura'],
    {
      width: 105,
    },
  ),
  f(
    'created',
    'date',
    'Created',
    'Fecha de creación',
    ['Created on', 'Creation date', 'Date created', 'Creada', 'Fecha creación', 'Alta'],
    {
      width: 100,
    },
  ),
  f(
    'stageEntered',
    'date',
    'In stage since',
    'En etapa desde',
    ['Stage date', 'Stage entered', 'Fecha de etapa'],
    {
      width: 105,
    },
  ),
  f(
    'nextAction',
    'text',
    'Next action',
    'Próxima acción',
    ['Next step', 'Siguiente paso', 'Siguiente acción'],
    {
      width: 200,
    },
  ),
  f(
    'nextActionDate',
    'date',
    'Next action date',
    'Fecha próxima acción',
    [
      'Next date',
      'Next step date',
      'Follow-up date',
      'Próxima fecha',
      'Fecha siguiente paso',
      'Fecha de seguimiento',
    ],
    { width: 115 },
  ),
  f(
    'nextActionGoal',
    'text',
    'Next action goal',
    'Objetivo próxima acción',
    ['Next step goal', 'Objetivo próxima fecha', 'Objetivo siguiente paso', 'Objetivo'],
    { width: 200 },
  ),
  f(
    'lastContact',
    'date',
    'Last contact',
    'Última interacción',
    [
      'Last contact date',
      'Last interaction',
      'Last visit',
      'Fecha última interacción',
      'Última visita',
      'Fecha de última visita o interacción',
      'Último contacto',
    ],
    { width: 105 },
  ),
  f(
    'lastContactSummary',
    'longText',
    'Last contact summary',
    'Resumen última interacción',
    ['Last contact notes', 'Resumen', 'Resumen de la interacción'],
    { width: 220 },
  ),
  f(
    'contactType',
    'choice',
    'Contact type',
    'Tipo de interacción',
    ['Interaction type', 'Tipo interacción', 'Tipo de contacto'],
    {
      choices: contactTypes,
      width: 105,
    },
  ),
  f(
    'contactName',
    'text',
    'Contact',
    'Contacto',
    ['Contact name', 'Interlocutor', 'Nombre contacto', 'Persona de contacto'],
    {
      width: 150,
    },
  ),
  f(
    'contactEmail',
    'email',
    'Contact email',
    'Email contacto',
    ['Email', 'E-mail', 'Correo', 'Correo contacto', 'Mail contacto'],
    {
      width: 180,
    },
  ),
  f(
    'contactPhone',
    'phone',
    'Contact phone',
    'Teléfono contacto',
    ['Phone', 'Teléfono', 'Tel', 'Móvil'],
    { width: 120 },
  ),
  f(
    'contactRole',
    'text',
    'Contact role',
    'Cargo contacto',
    ['Role', 'Title', 'Job title', 'Cargo', 'Puesto'],
    { width: 130 },
  ),
  f(
    'influence',
    'choice',
    'Influence',
    'Influencia',
    ['Level of influence', 'Nivel de influencia'],
    {
      choices: influenceLevels,
      width: 90,
    },
  ),
  f(
    'decisionMaker',
    'text',
    'Decision maker',
    'Decisor',
    ['DM', 'Decision-maker', 'Quién decide'],
    { width: 150 },
  ),
  f(
    'decisionMakerMet',
    'checkbox',
    'DM met',
    'Reunión con decisor',
    ['Decision maker met', 'Met decision maker', 'Reunión decisor'],
    {
      width: 85,
    },
  ),
  f(
    'products',
    'longText',
    'Products',
    'Productos',
    [
      'Products and services',
      'Productos y servicios',
      'Detalle de los productos y servicios',
      'Detalle productos',
      'Servicios',
    ],
    { width: 200 },
  ),
  f(
    'monthlyBilling',
    'money',
    'Monthly billing',
    'Facturación mensual',
    ['MRR', 'Monthly revenue', 'Facturación mes'],
    {
      width: 110,
    },
  ),
  f(
    'units',
    'number',
    'Units',
    'Unidades',
    ['Quantity', 'Qty', 'Cantidad', 'Unidades de producto'],
    { width: 80 },
  ),
  f(
    'negotiationSummary',
    'longText',
    'Negotiation summary',
    'Resumen proceso negociación',
    [
      'Negotiation notes',
      'Notes',
      'History notes',
      'Resumen negociación',
      'Resumen del proceso de negociación',
      'Notas',
      'Observaciones',
    ],
    { width: 260 },
  ),
  f(
    'tier',
    'choice',
    'Tier',
    'Nivel',
    ['Customer type', 'Customer tier', 'Tipo de cliente', 'Valoración del cliente', 'Categoría'],
    {
      choices: tiers,
      width: 60,
    },
  ),
  f('segment', 'text', 'Segment', 'Segmento', ['Industry', 'Sector', 'Market'], { width: 110 }),
  f(
    'competitor',
    'text',
    'Competitor',
    'Competidor',
    ['Main competitor', 'Competencia', 'Competidor principal'],
    { width: 130 },
  ),
  f(
    'lostReason',
    'lostReason',
    'Lost reason',
    'Motivo de pérdida',
    ['Loss reason', 'Reason lost', 'Motivo pérdida', 'Motivo'],
    {
      width: 140,
    },
  ),
  f('lostNote', 'text', 'Lost note', 'Nota de pérdida', ['Loss note', 'Nota pérdida'], {
    width: 180,
  }),
  f(
    'closedOn',
    'date',
    'Closed on',
    'Fecha de cierre real',
    ['Actual close date', 'Closed date', 'Fecha cierre real', 'Cerrada el'],
    {
      width: 100,
    },
  ),
  f('budget', 'checkbox', 'Budget confirmed', 'Presupuesto confirmado', ['Budget', 'Presupuesto'], {
    width: 90,
  }),
  f(
    'authority',
    'checkbox',
    'DM identified',
    'Decisor identificado',
    ['Decision maker identified', 'Authority', 'Autoridad'],
    {
      width: 90,
    },
  ),
  f(
    'timeline',
    'checkbox',
    'Timeline defined',
    'Plazo definido',
    ['Timeline', 'Plazo', 'Calendario definido'],
    { width: 90 },
  ),
  f(
    'pain',
    'checkbox',
    'Pain identified',
    'Necesidad identificada',
    ['Pain', 'Need', 'Necesidad', 'Dolor identificado'],
    {
      width: 90,
    },
  ),
  f(
    'fit',
    'checkbox',
    'Size fits',
    'Tamaño encaja',
    ['Company size fits', 'Fit', 'Encaje', 'Tamaño de empresa encaja'],
    {
      width: 90,
    },
  ),
  f('score', 'score', 'Score', 'Puntuación', ['Lead score', 'Scoring'], {
    computed: true,
    width: 70,
  }),
  f('stars', 'stars', 'Stars', 'Estrellas', ['Rating'], { computed: true, width: 70 }),
  f(
    'closePushes',
    'count',
    'Close date pushes',
    'Aplazamientos',
    ['Pushes', 'Slips', 'Aplazamientos de cierre'],
    {
      computed: true,
      width: 95,
    },
  ),
  f(
    'lastReviewed',
    'date',
    'Last reviewed',
    'Última revisión',
    ['Reviewed', 'Review date', 'Revisada', 'Fecha revisión'],
    {
      width: 100,
    },
  ),
  f(
    'updated',
    'timestamp',
    'Updated',
    'Actualizado',
    ['Last updated', 'Modified', 'Modificado', 'Última modificación'],
    {
      computed: true,
      width: 140,
    },
  ),
];

export const fieldByKey: Readonly<Record<FieldKey, FieldSpec>> = Object.fromEntries(
  fields.map((spec) => [spec.key, spec]),
) as Record<FieldKey, FieldSpec>;

/** The fields a row cannot be an opportunity without. */
export const requiredFields: readonly FieldKey[] = ['id', 'name', 'customer', 'stage'];

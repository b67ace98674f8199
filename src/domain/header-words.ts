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

/**
 * Header vocabulary by meaning, English and Spanish: each concept lists words and word roots
 * ("oportunidad*" is any word starting so), space-separated, compared on normalized words. A header is read as the
 * set of concepts its words carry ("Fecha prevista de venta": date, expected, sale), and each field
 * is scored on combinations of concepts (see column-meaning.ts), so headers no vendor list names
 * are read by what their words mean.
 */
export const headerConcepts = {
  deal:
    'deal deals opportunit* oportunidad* opp opps oppty negotiation negotiations negocio ' +
    'negocios negociacion negociaciones trato tratos acuerdo acuerdos project proyecto box',
  name: 'name nombre title titulo topic tema subject asunto denominacion label',
  description: 'description descripcion desc detail details detalle',
  company:
    'company companies compania companias account accounts cuenta cuentas client clients ' +
    'cliente clientes customer customers organization organisation organizacion org empresa ' +
    'empresas firm business party entidad razon institution institucion',
  person:
    'person persona people contact contacts contacto contactos interlocutor lead prospect ' +
    'prospecto',
  owner:
    'owner owners propietario propietaria dueno rep reps representative representante agent ' +
    'agente seller vendedor vendedora comercial salesperson salesman saleswoman responsable ' +
    'responsible assigned assignee asignado asignada user usuario gestor gestora ejecutivo ' +
    'ejecutiva executive employee empleado empleada asesor asesora advisor consultant ' +
    'consultor manager encargado encargada',
  sales: 'sales sale venta ventas',
  amount:
    'amount value valor revenue revenues income ingreso ingresos monto importe total price ' +
    'precio worth size sum cuantia bid oferta potential potencial',
  probability:
    'probab* likelihood chance chances confidence confianza certainty certeza posibilidad* ' +
    'percent percentage porcentaje pct prob',
  stage: 'stage stages etapa etapas fase fases phase milestone hito step',
  pipeline: 'pipeline pipelines embudo funnel flujo proceso process',
  status: 'status estado state situacion result resultado outcome',
  date: 'date dates fecha fechas day dia on at time hora when',
  close: 'close closing cierre cerrar end fin final finalizacion termino decision signing firma',
  closed: 'closed cerrado cerrada finalizado finalizada ended',
  expected:
    'expected expect est estimated estimate estimada estimado forecast forecasted prevista ' +
    'previsto prevision esperada esperado target objetivo planned projected proyectada due ' +
    'anticipated probable',
  actual: 'actual real efectiva efectivo effective',
  won: 'won ganado ganada win successful exitosa exitoso',
  lost: 'lost perdido perdida loss perdidas',
  created:
    'created create creation creacion creado creada alta opened apertura start started inicio ' +
    'begin begindate engage engaged engagement added registered registro entrada',
  modified:
    'modified modify modificacion modificado modificada updated update actualizado ' +
    'actualizada actualizacion edited editado editada changed change cambio',
  moved: 'moved movido movida move',
  entered: 'entered since desde entrada in',
  last: 'last latest recent ultima ultimo ultimas ultimos previous',
  next: 'next proxima proximo proximas proximos siguiente upcoming',
  followUp: 'follow followup seguimiento',
  activity:
    'activity activities actividad actividades contacted interaction interaccion touch visit ' +
    'visita call llamada meeting reunion contact contacto',
  action: 'action actions accion acciones step steps paso pasos task tarea',
  goal: 'goal objetivo purpose proposito aim',
  reason: 'reason reasons motivo motivos razon cause causa why',
  notes:
    'note notes nota notas comment comments comentario comentarios observacion observaciones ' +
    'remarks summary resumen history historial',
  product:
    'product products producto productos service services servicio servicios item items ' +
    'articulo sku',
  segment: 'industry sector segment segmento vertical market mercado',
  id:
    'id identifier identificador ref reference referencia code codigo number numero no nro ' +
    'num key clave',
  email: 'email emails mail correo e',
  phone: 'phone telefono tel movil mobile cell',
  invoice: 'invoice invoiced factura facturacion billing billed',
  weighted: 'weighted ponderado ponderada factored',
  currency: 'currency moneda divisa curr',
  cents: 'cents cent centimos centimo centavos centavo pence minor',
  days: 'days dias age antiguedad duration duracion',
  quantity: 'quantity qty cantidad units unidades seats licencias licenses',
  competitor: 'competitor competitors competidor competidores competencia',
  source: 'source origen fuente channel canal campaign campana referral',
  role: 'role cargo puesto position job',
  type: 'type tipo category categoria kind class clase',
  priority: 'priority prioridad importance importancia',
  monthly: 'mrr monthly mensual month mes recurring recurrente',
} as const;

export type HeaderConcept = keyof typeof headerConcepts;

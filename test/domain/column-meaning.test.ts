// What each column means from its header words and its values together, with the reason the dialog gives.
import { describe, expect, it } from 'vitest';
import { inferMeanings } from '../../src/domain/column-meaning';
import type { LocalDate } from '../../src/domain/dates';
import { conceptsOf } from '../../src/domain/header-match';
import { type Cell, cellDate } from '../../src/domain/model';

const today = '2026-11-23' as LocalDate;
const d = (iso: string) => cellDate(iso as LocalDate);

/** The meaning of each header, as `header: target`, for the columns that got one. */
function read(header: string[], rows: Cell[][], dayFirst = false): Record<string, string> {
  const meanings = inferMeanings({ header, rows, today, dayFirst });
  return Object.fromEntries(meanings.map((m) => [m.header, String(m.target)]));
}

const owners = ['Ana Ruiz', 'Marta Díaz', 'Ana Ruiz', 'Pablo Gil', 'Marta Díaz', 'Ana Ruiz'];
const companies = [
  'Transportes Norte S.L.',
  'Acme Iberia',
  'Frío Express',
  'Hoteles Brisa S.A.',
  'Logística Sur',
  'Gráficas Levante',
];
const deals = [
  'Fleet renewal',
  'Warehouse sensors',
  'Cold chain pilot',
  'ERP integration',
  'Driver app',
  'Yard cameras',
];

describe('header words: synonym families and roots, English and Spanish', () => {
  it('reads headers no vendor list names by what their words mean', () => {
    const header = [
      'Nombre de la negociación',
      'Compañía',
      'Representante de ventas',
      'Etapa de ventas',
      'Monto de la Oportunidad',
      'Fecha prevista de venta',
      'Fecha de alta',
    ];
    const rows = owners.map((owner, i) => [
      deals[i] ?? '',
      companies[i] ?? '',
      owner,
      ['Prospección', 'Propuesta', 'Ganada', 'Propuesta', 'Prospección', 'Perdida'][i] ?? '',
      `${(i + 1) * 1000},00 €`,
      d(`2026-12-${String(10 + i).padStart(2, '0')}`),
      d(`2026-10-${String(10 + i).padStart(2, '0')}`),
    ]);
    expect(read(header, rows, true)).toEqual({
      'Nombre de la negociación': 'name',
      Compañía: 'customer',
      'Representante de ventas': 'owner',
      'Etapa de ventas': 'stage',
      'Monto de la Oportunidad': 'amount',
      'Fecha prevista de venta': 'closeDate',
      'Fecha de alta': 'created',
    });
  });

  it('reads English families the same way: client, rep, estimated value, target close', () => {
    const header = [
      'Project',
      'Client Name',
      'Account Executive',
      'Pipeline Step',
      'Estimated value',
      'Target close',
      'Win likelihood',
    ];
    const rows = owners.map((owner, i) => [
      deals[i] ?? '',
      companies[i] ?? '',
      owner,
      ['Discovery', 'Demo', 'Discovery', 'Negotiation', 'Demo', 'Discovery'][i] ?? '',
      `$${(i + 2) * 1250}.00`,
      d(`2027-01-${String(10 + i).padStart(2, '0')}`),
      `${(i + 1) * 10}%`,
    ]);
    expect(read(header, rows)).toEqual({
      Project: 'name',
      'Client Name': 'customer',
      'Account Executive': 'owner',
      'Pipeline Step': 'stage',
      'Estimated value': 'amount',
      'Target close': 'closeDate',
      'Win likelihood': 'probability',
    });
  });

  it('splits API names and words run together: DATE_CREATE, closeDate, CLOSEDATE', () => {
    expect([...conceptsOf('DATE_CREATE')].sort()).toEqual(['created', 'date']);
    expect([...conceptsOf('expectedCloseOn')].sort()).toEqual(['close', 'date', 'expected']);
    expect([...conceptsOf('CLOSEDATE')].sort()).toEqual(['close', 'date']);
  });
});

describe('values: what a column holds says what it is', () => {
  it('takes a column with no telling header by its values when a field every deal needs has none', () => {
    const header = ['Ref', 'Col B', 'Col C', 'Col D', 'Col E'];
    const rows = owners.map((owner, i) => [
      `Q-${100 + i}`,
      companies[i] ?? '',
      owner,
      ['Lead', 'Quote', 'Won', 'Quote', 'Lead', 'Lost'][i] ?? '',
      (i + 1) * 1500,
    ]);
    expect(read(header, rows)).toMatchObject({
      'Col B': 'customer',
      'Col C': 'owner',
      'Col D': 'stage',
      'Col E': 'amount',
    });
  });

  it('tells owners (few, repeated) from contacts (one per deal), e-mails included', () => {
    const header = ['Deal', 'Account', 'Person', 'Assigned'];
    const rows = deals.map((deal, i) => [
      deal,
      companies[i] ?? '',
      ['Laura Gómez', 'Pedro Martín', 'Irene Soto', 'Jorge Vidal', 'Sara Molina', 'Raúl Pardo'][
        i
      ] ?? '',
      [
        'ana@acme.es',
        'marta@acme.es',
        'ana@acme.es',
        'ana@acme.es',
        'marta@acme.es',
        'ana@acme.es',
      ][i] ?? '',
    ]);
    expect(read(header, rows)).toMatchObject({ Person: 'contactName', Assigned: 'owner' });
  });

  it('reads amounts in any usual form, and in cents when the header says so', () => {
    const header = ['Deal', 'Customer', 'Importe (céntimos)'];
    const rows = deals.map((deal, i) => [deal, companies[i] ?? '', 125000 * (i + 1)]);
    const meanings = inferMeanings({ header, rows, today, dayFirst: true });
    expect(meanings[2]?.target).toBe('amount');
    expect(meanings[2]?.because.cents).toBe(true);
    for (const amounts of [
      ['1.234,50 €', '12.500,00 €', '980,00 €'],
      ['$12,500.00', '$980.00', '$1,234.50'],
      [12500, 980, 1234.5],
    ]) {
      const cells = amounts.map((amount, i) => [deals[i] ?? '', companies[i] ?? '', amount]);
      expect(read(['Deal', 'Customer', 'Worth'], cells)).toMatchObject({ Worth: 'amount' });
    }
  });

  it('reads percentages written as 35 %, as 0.35 or as 35 in a chance column, never amounts', () => {
    for (const values of [
      ['35%', '60%', '10%'],
      [0.35, 0.6, 0.1],
    ]) {
      const rows = values.map((value, i) => [deals[i] ?? '', value, 1000 * (i + 1)]);
      expect(read(['Deal', 'Chance', 'Amount'], rows)).toMatchObject({
        Chance: 'probability',
        Amount: 'amount',
      });
    }
  });

  it('reads yes/no columns as closed and won flags, in Spanish too', () => {
    const rows = deals.map((deal, i) => [
      deal,
      companies[i] ?? '',
      i < 3 ? 'Sí' : 'No',
      i < 2 ? 'Sí' : 'No',
    ]);
    expect(read(['Negocio', 'Empresa', '¿Cerrada?', '¿Ganada?'], rows, true)).toMatchObject({
      '¿Cerrada?': 'closedFlag',
      '¿Ganada?': 'wonFlag',
    });
  });

  it('tells a status (only open / won / lost) from a stage (steps and outcomes)', () => {
    const rows = deals.map((deal, i) => [
      deal,
      ['Discovery', 'Proposal', 'Discovery', 'Proposal', 'Negotiation', 'Proposal'][i] ?? '',
      ['Open', 'Won', 'Open', 'Lost', 'Open', 'Won'][i] ?? '',
    ]);
    expect(read(['Deal', 'Phase', 'State'], rows)).toMatchObject({
      Phase: 'stage',
      State: 'status',
    });
  });
});

describe('dates: which date, by words and by how the dates relate', () => {
  // Six deals: four open (close dates ahead), two closed (a closing day only for them).
  const header = ['Deal', 'Customer', 'Result', 'Date A', 'Date B', 'Date C'];
  const rows: Cell[][] = deals.map((deal, i) => {
    const closed = i >= 4;
    return [
      deal,
      companies[i] ?? '',
      closed ? 'Won' : 'Open',
      d(`2026-0${3 + i}-0${1 + i}`),
      closed ? d(`2026-11-0${i}`) : '',
      d(`2027-0${1 + (i % 3)}-15`),
    ];
  });

  it('finds the created date (the earliest), the closing day (only on closed deals) and the expected close (ahead)', () => {
    expect(read(header, rows)).toMatchObject({
      'Date A': 'created',
      'Date B': 'closedOn',
      'Date C': 'closeDate',
    });
  });

  it('says why: "dates, the earliest date of each row", "only on closed deals"', () => {
    const meanings = inferMeanings({ header, rows, today, dayFirst: false });
    expect(meanings[3]?.because).toMatchObject({ look: 'dates', relation: 'earliest' });
    expect(meanings[4]?.because).toMatchObject({ look: 'dates', relation: 'onlyClosed' });
    expect(meanings[5]?.because).toMatchObject({ look: 'dates', relation: 'ahead' });
  });

  it('reads an engage date as when work began, and a close date filled only on closed deals as when they closed', () => {
    const maven: Cell[][] = [
      ['Moses Frase', 'Cancity', 'Won', d('2026-10-20'), d('2026-11-03'), 1054],
      ['Zane Levy', 'Hatfan', 'Lost', d('2026-08-30'), d('2026-11-09'), 0],
      ['Anna Snelling', 'Isdom', 'Engaging', d('2026-10-06'), '', ''],
      ['Vicki Laflamme', 'Konex', 'Engaging', d('2026-11-02'), '', ''],
      ['Moses Frase', '', 'Prospecting', '', '', ''],
    ];
    expect(
      read(
        ['sales_agent', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value'],
        maven,
      ),
    ).toEqual({
      sales_agent: 'owner',
      account: 'customer',
      deal_stage: 'stage',
      engage_date: 'created',
      close_date: 'closedOn',
      close_value: 'amount',
    });
  });

  it('says how many values of a mostly-date column are not dates', () => {
    const mixed: Cell[][] = deals.map((deal, i) => [
      deal,
      i === 1 ? 'next week' : i === 4 ? 'TBD' : d(`2027-01-1${i}`),
    ]);
    const meanings = inferMeanings({
      header: ['Deal', 'Close date'],
      rows: mixed,
      today,
      dayFirst: false,
    });
    expect(meanings[1]?.target).toBe('closeDate');
    expect(meanings[1]?.because).toMatchObject({ look: 'mixedDates', notDates: 2 });
  });
});

describe('two columns that look like the same field', () => {
  it('gives the field to the surer one and says so on the other', () => {
    const rows = deals.map((deal, i) => [deal, 1000 * (i + 1), 1100 * (i + 1)]);
    const meanings = inferMeanings({
      header: ['Deal', 'Amount', 'Amount in company currency'],
      rows,
      today,
      dayFirst: false,
    });
    expect(meanings.map((m) => m.target)).toEqual(['name', 'amount', 'keep']);
    expect(meanings[2]?.because.rival).toBe(1);
  });
});

// A small team's tracker for the metrics tests: six deals, their History and a Team tab with quotas.

import type { CellSnapshot, SheetSnapshot } from '../../scripts/runtime/snapshot';
import { fields } from '../../src/domain/fields';
import { adopt } from './adopt';
import {
  type CellInput,
  dateCell,
  manager,
  type Runtime,
  runtimeWith,
  seller,
  sheetOf,
} from './tracker';

export const luis = 'luis@example.com';
const headers = fields.map((f) => f.header.en);

/** One tracker row from the fields a test cares about (dates as yyyy-mm-dd). */
function row(values: Partial<Record<string, string | number | boolean>>): CellInput[] {
  return headers.map((header) => {
    const value = values[header];
    if (value === undefined) return '';
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dateCell(value);
    return value;
  });
}

/**
 * Monday 2026-11-23 in Madrid. Ana: OPP-1 Proposal 40,000 (closes 2026-12-10, next action
 * overdue), OPP-2 New 20,000 (closes 2027-02-01, no next action, in New since 2026-11-01), OPP-3 Won
 * 30,000 (2026-10-15, invoice 2026-12-01). Luis: OPP-4 Negotiation 10,000 (closes 2026-12-31, pushed
 * 3 times), OPP-5 Lost 15,000 (2026-11-05, Price), OPP-6 Won 5,000 (2026-11-10, invoiced 2026-11-15).
 */
export const fixtureRows: CellInput[][] = [
  headers,
  row({
    ID: 'OPP-000001',
    Opportunity: 'Fleet tracking',
    Customer: 'Acme',
    Owner: seller,
    Stage: 'Proposal',
    Amount: 40_000,
    'Expected close': '2026-12-10',
    Created: '2026-10-01',
    'In stage since': '2026-11-20',
    'Next action': 'Call the CFO',
    'Next action date': '2026-11-20',
  }),
  row({
    ID: 'OPP-000002',
    Opportunity: 'Support plan',
    Customer: 'Nordic Foods',
    Owner: seller,
    Stage: 'New',
    Amount: 20_000,
    'Expected close': '2027-02-01',
    Created: '2026-11-01',
    'In stage since': '2026-11-01',
  }),
  row({
    ID: 'OPP-000003',
    Opportunity: 'CRM rollout',
    Customer: 'Helix',
    Owner: seller,
    Stage: 'Won',
    Amount: 30_000,
    'Expected close': '2026-10-15',
    'Invoice date': '2026-12-01',
    Created: '2026-09-15',
    'In stage since': '2026-10-15',
    'Closed on': '2026-10-15',
  }),
  row({
    ID: 'OPP-000004',
    Opportunity: 'Training pack',
    Customer: 'Atlas',
    Owner: luis,
    Stage: 'Negotiation',
    Amount: 10_000,
    'Expected close': '2026-12-31',
    Created: '2026-10-10',
    'In stage since': '2026-11-18',
    'Next action': 'Send contract',
    'Next action date': '2026-11-30',
    'Close date pushes': 3,
  }),
  row({
    ID: 'OPP-000005',
    Opportunity: 'Hardware refresh',
    Customer: 'Grupo Norte',
    Owner: luis,
    Stage: 'Lost',
    Amount: 15_000,
    'Expected close': '2026-11-05',
    Created: '2026-10-01',
    'In stage since': '2026-11-05',
    'Closed on': '2026-11-05',
    'Lost reason': 'Price',
  }),
  row({
    ID: 'OPP-000006',
    Opportunity: 'Analytics add-on',
    Customer: 'Café Central',
    Owner: luis,
    Stage: 'Won',
    Amount: 5_000,
    'Expected close': '2026-11-10',
    'Invoice date': '2026-11-15',
    Created: '2026-10-20',
    'In stage since': '2026-11-10',
    'Closed on': '2026-11-10',
  }),
];

const text = (value: string): CellSnapshot => ({ value });

/** History as the add-on writes it: OPP-1 went New -> Qualified -> Proposal; OPP-6 was logged twice. */
const historyRows = [
  ['Time', 'User', 'Deal ID', 'Field', 'Old value', 'New value', 'Also changed'],
  ['2026-10-01 09:00:00', seller, 'OPP-000001', 'created', '', 'New', ''],
  ['2026-10-05 09:00:00', seller, 'OPP-000001', 'stage', 'New', 'Qualified', ''],
  ['2026-11-20 09:00:00', seller, 'OPP-000001', 'stage', 'Qualified', 'Proposal', ''],
  ['2026-11-02 09:00:00', luis, 'OPP-000006', 'interaction', '', 'call: price agreed', ''],
  ['2026-11-09 09:00:00', luis, 'OPP-000006', 'interaction', '', 'meeting: signed', ''],
].map((line) => line.map(text));

export const teamRows: CellInput[][] = [
  ['Email', 'Name', 'Manager email', 'Quarterly quota'],
  [seller, 'Ana García', manager, 100_000],
  [luis, 'Luis Pérez', manager, 50_000],
  [manager, 'Marta Ruiz', '', ''],
];

/** The default stage and lost-reason names a Spanish file starts with. */
const spanish: Record<string, string> = {
  New: 'Nuevo',
  Qualified: 'Calificado',
  Proposal: 'Propuesta enviada',
  Negotiation: 'Negociación',
  Won: 'Ganado',
  Lost: 'Perdido',
  Price: 'Precio',
};

/** The fixture, set up by the add-on itself, with the manager at the keyboard. */
export async function metricsFixture(
  options: { locale?: string; user?: string; more?: SheetSnapshot[] } = {},
): Promise<Runtime> {
  const inSpanish = (options.locale ?? '').startsWith('es');
  const translate = <T>(value: T): T =>
    inSpanish && typeof value === 'string' ? ((spanish[value] ?? value) as T) : value;
  const history = sheetOf('History', [], 3);
  history.rows = historyRows.map((line) =>
    line.map((cell) => ({ ...cell, value: translate(cell.value) })),
  );
  const rows = fixtureRows.map((line, i) => (i === 0 ? line : line.map(translate)));
  const rt = await runtimeWith(
    [
      sheetOf('Opportunities', rows, 0),
      sheetOf('Team', teamRows, 2),
      history,
      ...(options.more ?? []),
    ],
    { locale: options.locale, user: options.user ?? manager },
  );
  // A tab named Opportunities that the add-on did not make is adopted through the dialog.
  adopt(rt);
  return rt;
}

/** The Metrics tab's row whose first cell is `label`: its stored values (numbers stay numbers). */
export function metricsRow(rt: Runtime, tab: string, label: string): unknown[] {
  const found = rt.read(tab).find((line) => line[0] === label);
  if (!found) throw new Error(`No row "${label}" in ${tab}.`);
  return found;
}

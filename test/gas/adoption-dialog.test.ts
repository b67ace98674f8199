// The adoption dialog on any sheet: why each meaning, owners into the Team tab, bad input said plainly, status kept in step.
import { describe, expect, it } from 'vitest';
import { adopt, adoptCall, dialogView, noChoices } from '../support/adopt';
import { loadExport, sheetFromExport, sheetsDir } from '../support/exports';
import {
  column,
  dateCell,
  now,
  type Runtime,
  runtimeWith,
  sheetOf,
  storedValues,
  textGrid,
} from '../support/tracker';

const pipedrive = loadExport('pipedrive-deals.en.csv');
const maven = loadExport('maven-sales-pipeline.en.csv', sheetsDir);
const forcemanager = loadExport('forcemanager-oportunidades.es.csv', sheetsDir);

async function dialogOn(rt: Runtime) {
  const before = JSON.stringify(rt.snapshot());
  rt.run('setUpTracker');
  expect(JSON.stringify(rt.snapshot())).toBe(before);
  return dialogView(rt);
}

describe('the dialog says why it reads each column as it does', () => {
  it('in English: header words, what the values look like, how dates relate', async () => {
    const rt = await runtimeWith([sheetFromExport(maven)]);
    const view = await dialogOn(rt);
    const why = Object.fromEntries(view.columns.map((c) => [c.header, [c.target, c.why]]));
    expect(why).toEqual({
      opportunity_id: ['id', 'header words, codes'],
      sales_agent: ['owner', 'header words, person names, 6 distinct'],
      product: ['products', 'header words, a few repeated words, 8 distinct'],
      account: ['customer', 'header words, company names, 12 distinct'],
      deal_stage: ['stage', 'header words, a few repeated words, 4 distinct'],
      engage_date: ['created', 'header words, dates, the earliest date of each row'],
      // Its words say "close date"; its dates, only on closed deals, say when they closed.
      close_date: ['closedOn', 'dates, only on closed deals'],
      close_value: ['amount', 'header words, numbers'],
    });
  });

  it('in Spanish, with the stages in order, each with its probability and why', async () => {
    const rt = await runtimeWith([sheetFromExport(forcemanager)], { locale: 'es_ES' });
    const view = await dialogOn(rt);
    expect(view.columns.find((c) => c.header === 'Importe total')?.why).toBe(
      'palabras del encabezado, importes',
    );
    expect(view.stages.map((s) => [s.value, s.kind, s.probability, s.why])).toEqual([
      ['Contactado', 'open', 10, 'un paso del embudo, 10 % (la probabilidad de sus oportunidades)'],
      ['Visitado', 'open', 25, 'un paso del embudo, 25 % (la probabilidad de sus oportunidades)'],
      [
        'Presupuesto enviado',
        'open',
        50,
        'un paso del embudo, 50 % (la probabilidad de sus oportunidades)',
      ],
      [
        'Negociación',
        'open',
        75,
        'un paso del embudo, 75 % (la probabilidad de sus oportunidades)',
      ],
      ['Vendido', 'won', 100, 'por su nombre'],
      ['Perdido', 'lost', 0, 'por su nombre'],
    ]);
    expect(view.order).toBe('Etapas abiertas en orden de la probabilidad de sus oportunidades.');
    expect(view.stageSince).toBe(
      'La hoja no dice cuándo entró cada oportunidad en su etapa: para 7 abiertas se toma hoy, el día de la adopción, así que su antigüedad cuenta desde hoy y ninguna parece estancada el primer día.',
    );
  });
});

describe('owners: each name once, an e-mail for each, into the Team tab on Apply', () => {
  it('lists the owners with their deals, and writes the e-mails given into the Team tab, names kept in the cells', async () => {
    const rt = await runtimeWith([sheetFromExport(pipedrive)]);
    const view = await dialogOn(rt);
    expect(view.owners).toEqual([
      { name: 'Ana Ruiz', deals: 5, email: '', from: 'none' },
      { name: 'Marta Díaz', deals: 3, email: '', from: 'none' },
    ]);
    const owners = column(rt, 'Deals', 'Deal - Owner');
    adopt(rt, { ...noChoices, owners: { 'Ana Ruiz': 'ana@example.com' } });
    expect(textGrid(rt, 'Team').slice(1)).toEqual([['ana@example.com', 'Ana Ruiz', '', '', '']]);
    expect(column(rt, 'Deals', 'Deal - Owner')).toEqual(owners);
    // Marta has no e-mail yet: said once (Check & repair too), not a problem on each of her rows.
    rt.run('checkAndRepair');
    const report = textGrid(rt, 'Check report');
    expect(report.filter((line) => line[2] === 'Deal - Owner').map((line) => line[4])).toEqual([
      'Marta Díaz: 3 deals (rows 4, 5, 8)',
    ]);
  });

  it('adds owners below a Team tab that is already there, under its own columns', async () => {
    const team = sheetOf('Team', [
      ['Name', 'Email', 'Manager email'],
      ['Marta Díaz', 'marta@example.com', ''],
    ]);
    const rt = await runtimeWith([sheetFromExport(pipedrive), { ...team, sheetId: 7 }]);
    const view = await dialogOn(rt);
    expect(view.owners.find((o) => o.name === 'Marta Díaz')).toEqual({
      name: 'Marta Díaz',
      deals: 3,
      email: 'marta@example.com',
      from: 'team',
    });
    adopt(rt, { ...noChoices, owners: { 'Ana Ruiz': 'ana@example.com' } });
    expect(storedValues(rt, 'Team')).toEqual([
      ['Name', 'Email', 'Manager email'],
      ['Marta Díaz', 'marta@example.com', ''],
      ['Ana Ruiz', 'ana@example.com', ''],
    ]);
  });
});

describe('the team’s status stays in step with the tracker’s stage', () => {
  it('a deal won from the sidebar writes the status column in its own words, the stage cell as Won', async () => {
    const rt = await runtimeWith([sheetFromExport(pipedrive)]);
    adopt(rt);
    const deal = rt.run('rpc', 'getDeal', { id: '101' }) as {
      ok: boolean;
      data: { version: string; deal: { stage: string } };
    };
    expect(deal.data.deal.stage).toBe('Qualified');
    const moved = rt.run('rpc', 'moveStage', {
      id: '101',
      version: deal.data.version,
      to: 'Won',
      amount: 18000,
    }) as { ok: boolean; data: { deal: { stage: string } } };
    expect(moved.ok).toBe(true);
    const row = textGrid(rt, 'Deals')[1] ?? [];
    const header = textGrid(rt, 'Deals')[0] ?? [];
    expect(row[header.indexOf('Deal - Stage')]).toBe('Won');
    expect(row[header.indexOf('Deal - Status')]).toBe('won');
  });

  it('an adopted open deal is not stale on its first day', async () => {
    const rt = await runtimeWith([sheetFromExport(maven)]);
    adopt(rt);
    const deal = rt.run('rpc', 'getDeal', { id: 'OLK9LKZB' }) as {
      ok: boolean;
      data: { followUp: { stale: string; daysInStage: number } };
    };
    expect(deal.data.followUp).toMatchObject({ stale: 'fresh', daysInStage: 0 });
  });
});

describe('bad input gets a clear answer and nothing changed', () => {
  it('column names below row 1: says in which row, changes nothing', async () => {
    const rt = await runtimeWith([
      sheetOf('Deals', [
        ['Sales pipeline 2026'],
        [],
        ['Deal', 'Company', 'Owner', 'Stage', 'Amount'],
        ['Fleet renewal', 'Acme', 'Ana Ruiz', 'Proposal', 12000],
        ['Sensors', 'Beta', 'Marta Díaz', 'Won', 8000],
      ]),
    ]);
    const before = JSON.stringify(rt.snapshot());
    rt.run('setUpTracker');
    expect(rt.ui.dialogs).toEqual([]);
    expect(rt.ui.alerts.at(-1)?.prompt).toBe(
      'The column names of "Deals" seem to be in row 3, not row 1 (Deal, Company, Owner…). The tracker reads its column names from row 1: delete the rows above them (or move them), then run Set up tracker again. Nothing was changed.',
    );
    expect(JSON.stringify(rt.snapshot())).toBe(before);
  });

  it('a sheet too big to adopt inside 6 minutes: says so before reading it, changes nothing', async () => {
    // 40 named columns over 80,000 rows: 3,200,040 cells, past the 3,000,000 one adoption reads.
    const header = Array.from({ length: 40 }, (_, i) => `Field ${i + 1}`);
    const rows = Array.from({ length: 80_000 }, (_, i) => [`Deal ${i + 1}`]);
    const sheet = { ...sheetOf('Deals', [header, ...rows]), maxRows: 80_001 };
    const rt = await runtimeWith([sheet]);
    const before = JSON.stringify(rt.snapshot());
    rt.ledger.reset();
    rt.run('setUpTracker');
    expect(rt.ui.dialogs).toEqual([]);
    expect(rt.ui.alerts.at(-1)?.prompt).toBe(
      '"Deals" has 80,001 rows and 40 columns: more than one adoption can read safely (3,000,000 cells). Split it, or delete columns you do not need, then run Set up tracker again. Nothing was changed.',
    );
    expect(rt.ledger.summary().cellsRead).toBe(0);
    expect(JSON.stringify(rt.snapshot())).toBe(before);
  });

  it('merged header cells: says which, changes nothing', async () => {
    const sheet = sheetOf('Deals', [
      ['Deal', '', 'Owner', 'Stage'],
      ['Fleet renewal', 'Acme', 'Ana Ruiz', 'Proposal'],
    ]);
    const rt = await runtimeWith([{ ...sheet, merges: ['A1:B1'] }]);
    const before = JSON.stringify(rt.snapshot());
    rt.run('setUpTracker');
    expect(rt.ui.dialogs).toEqual([]);
    expect(rt.ui.alerts.at(-1)?.prompt).toBe(
      'Row 1 of "Deals" has merged cells (A1:B1). Each column needs its own name in row 1: unmerge them and give each column a name, then run Set up tracker again. Nothing was changed.',
    );
    expect(JSON.stringify(rt.snapshot())).toBe(before);
  });

  it('only a header row: the dialog says the meanings come from the headers alone, and Apply works', async () => {
    const rt = await runtimeWith([
      sheetOf('Deals', [
        ['Deal name', 'Company', 'Deal owner', 'Deal stage', 'Amount', 'Close date'],
      ]),
    ]);
    const view = await dialogOn(rt);
    expect(view.notices).toEqual([
      'No rows yet: each column’s meaning comes from its header alone.',
    ]);
    expect(view.columns.map((c) => c.target)).toEqual([
      'name',
      'customer',
      'owner',
      'stage',
      'amount',
      'closeDate',
    ]);
    const { message } = adopt(rt);
    expect(message).toMatch(/0 rows with problems/);
  });

  it('a column of dates and text: read as dates, the text said once and listed, nothing rewritten', async () => {
    const rt = await runtimeWith([
      sheetOf('Deals', [
        ['Deal', 'Company', 'Owner', 'Stage', 'Amount', 'Close date'],
        ['Fleet', 'Acme', 'Ana Ruiz', 'Proposal', 1000, dateCell('2027-01-10')],
        ['Sensors', 'Beta', 'Ana Ruiz', 'Discovery', 2000, 'next week'],
        ['Cameras', 'Gamma', 'Marta Díaz', 'Proposal', 3000, dateCell('2027-02-01')],
        ['Vans', 'Delta', 'Marta Díaz', 'Discovery', 4000, 'TBD'],
        ['Lights', 'Epsilon', 'Ana Ruiz', 'Proposal', 5000, dateCell('2027-03-01')],
      ]),
    ]);
    const view = await dialogOn(rt);
    expect(view.columns.find((c) => c.header === 'Close date')).toMatchObject({
      target: 'closeDate',
      why: 'header words, mostly dates (2 are not), mostly ahead of today',
    });
    expect(view.notices).toEqual([
      '"Close date": 2 values are not dates. They stay as written and are listed as problems.',
    ]);
    expect(view.problems.sample.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'Close date', 'next week'],
      [5, 'Close date', 'TBD'],
    ]);
    adopt(rt);
    expect(column(rt, 'Deals', 'Close date').slice(1, 2)).toEqual(['next week']);
  });

  it('two columns that look like one field: the surer one is used, the other kept and said why', async () => {
    const rt = await runtimeWith([
      sheetOf('Deals', [
        ['Deal', 'Company', 'Amount', 'Amount (EUR)'],
        ['Fleet', 'Acme', 1000, 900],
        ['Sensors', 'Beta', 2000, 1800],
      ]),
    ]);
    const view = await dialogOn(rt);
    expect(view.columns.map((c) => [c.header, c.target])).toEqual([
      ['Deal', 'name'],
      ['Company', 'customer'],
      ['Amount', 'amount'],
      ['Amount (EUR)', 'keep'],
    ]);
    expect(view.columns[3]?.why).toBe(
      'numbers, also looks like Amount, which "Amount" shows more surely',
    );
  });

  it('a choice in the dialog moves a meaning from one column to another', async () => {
    const rt = await runtimeWith([
      sheetOf('Deals', [
        ['Deal', 'Company', 'Amount', 'Amount (EUR)'],
        ['Fleet renewal', 'Acme', 1000, 900],
        ['Warehouse sensors', 'Beta', 2000, 1800],
      ]),
    ]);
    const view = await dialogOn(rt);
    const preview = adoptCall<{ columns: Array<{ header: string; target: string; why: string }> }>(
      rt,
      'preview',
      { sheetId: view.sheetId, choices: { ...noChoices, columns: { '3': 'amount' } } },
    );
    expect(preview.ok && preview.data.columns.map((c) => [c.header, c.target, c.why])).toEqual([
      ['Deal', 'name', 'header words, text, 2 distinct'],
      ['Company', 'customer', 'header words, company names, 2 distinct'],
      ['Amount', 'keep', 'header words, numbers, you chose "Amount (EUR)" as Amount'],
      ['Amount (EUR)', 'amount', 'your choice'],
    ]);
    expect(now).toBeDefined();
  });
});

// Adopting the trackers teams really have: every vendor export in test/fixtures/exports, through the dialog.
import { describe, expect, it } from 'vitest';
import { columnChoicesFrom, mapColumns } from '../../src/domain/columns';
import type { LocalDate } from '../../src/domain/dates';
import { type FieldKey, fields } from '../../src/domain/fields';
import { stageKindOf } from '../../src/domain/follow-up';
import { lostThisMonth, openPipelineByStage, wonThisPeriod } from '../../src/domain/metrics';
import { type Cell, cellDate } from '../../src/domain/model';
import { parseRows } from '../../src/domain/parse-row';
import { settingsFromRows } from '../../src/domain/settings-table';
import { adopt, adoptCall, dialogView, noChoices } from '../support/adopt';
import { allExports, type ExportFixture, sheetFromExport } from '../support/exports';
import {
  column,
  now,
  type Runtime,
  runtimeWith,
  seller,
  sheetOf,
  tab,
  textGrid,
} from '../support/tracker';

const fixtures = allExports();

/** The fields every export must give the tracker (stage may come from a status column). */
const required: FieldKey[] = ['name', 'customer', 'owner', 'amount', 'closeDate'];

/** Fields an export does not have at all: Close's opportunities have no name of their own. */
const absent: Record<string, FieldKey[]> = { 'close-opportunities.en': ['name'] };

/** Headers that say "next activity" in a fixture: that column must become the next action date. */
const nextActivity =
  /next activity date|next activity deadline|próxima actividad|siguiente actividad/i;

/** Each fixture holds 5 open deals, 2 won and 1 lost (see the files). */
const outcomes = { open: 5, won: 2, lost: 1 };

async function runtimeOn(fixture: ExportFixture): Promise<Runtime> {
  return runtimeWith([sheetFromExport(fixture)], {
    locale: fixture.language === 'es' ? 'es_ES' : 'en_US',
  });
}

function documentProperties(rt: Runtime): Map<string, string> {
  return rt.properties.document();
}

/** A tab's stored values and formulas, cell by cell, for the first `width` columns. */
function originalCells(rt: Runtime, name: string, width: number) {
  return tab(rt, name).rows.map((row) =>
    Array.from({ length: width }, (_, c) => ({
      value: row[c]?.value ?? '',
      formula: row[c]?.formula ?? '',
    })),
  );
}

/** The tracker as the add-on reads it: header map (with the stored reading), settings, deals. */
function readBack(rt: Runtime) {
  const grid = textGrid(rt, 'Deals');
  const header = grid[0] ?? [];
  const choices = columnChoicesFrom(documentProperties(rt).get('tracker.columnChoices'));
  const columns = mapColumns(header, fields, { choices });
  const names = rt.snapshot().sheets.map((sheet) => sheet.name);
  const settingsName = names.find((name) => name === 'Settings' || name === 'Configuración') ?? '';
  const settings = settingsFromRows(textGrid(rt, settingsName));
  if (!settings.ok) throw new Error(settings.issues.join('; '));
  const dateColumns = new Set(
    fields.filter((f) => f.kind === 'date').map((f) => columns.byField[f.key]),
  );
  // Date cells as the add-on reads them (the stored day, whatever the column's display format).
  const values = rt.read('Deals');
  const rows: Cell[][] = grid.slice(1).map((row, r) =>
    row.map((text, c) => {
      const value = values[r + 1]?.[c];
      if (!dateColumns.has(c) || !(value instanceof Date)) return text;
      return cellDate(
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(value) as LocalDate,
      );
    }),
  );
  const parsed = parseRows(rows, columns, settings.value, 2);
  return { columns, settings: settings.value, parsed };
}

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_, fixture) => {
  it('cites the vendor page its columns come from, or says none was found', () => {
    expect(fixture.notes.some((line) => /https:\/\/|no \w+ page/i.test(line))).toBe(true);
  });

  it('recognises the fields a tracker needs, the stage or status, and the next activity', async () => {
    const rt = await runtimeOn(fixture);
    rt.run('setUpTracker');
    const view = dialogView(rt);
    const meaning = new Map(view.columns.map((column) => [column.target, column.header]));
    for (const field of required) {
      if (!absent[fixture.name]?.includes(field)) expect(meaning.get(field), field).toBeDefined();
    }
    expect(meaning.has('stage') || meaning.has('status'), 'stage or status').toBe(true);
    if (fixture.header.some((header) => nextActivity.test(header)))
      expect(meaning.get('nextActionDate')).toMatch(nextActivity);
  });

  it('changes nothing at all until Apply: the dialog alone leaves the file byte-identical', async () => {
    const rt = await runtimeOn(fixture);
    const before = JSON.stringify(rt.snapshot());
    rt.run('setUpTracker');
    expect(rt.ui.dialogs).toHaveLength(1);
    expect(JSON.stringify(rt.snapshot())).toBe(before);
  });

  it('adopts without changing or moving an original value or formula, adding few columns', async () => {
    const rt = await runtimeOn(fixture);
    const width = fixture.header.length;
    const before = originalCells(rt, 'Deals', width);
    const { view } = adopt(rt);
    const after = originalCells(rt, 'Deals', width);
    // Empty cells may only be filled where the plan fills: missing IDs, probabilities, closed-on.
    const { columns } = readBack(rt);
    const fillable = new Set(
      (['id', 'probability', 'closedOn'] as const).map((field) => columns.byField[field]),
    );
    before.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell.value === '' && cell.formula === '' && fillable.has(c)) return;
        expect(after[r]?.[c], `${fixture.header[c]} row ${r + 1}`).toEqual(cell);
      });
    });
    expect(textGrid(rt, 'Deals')[0]?.slice(0, width)).toEqual(fixture.header);
    expect(view.add.length).toBeLessThanOrEqual(12);
  });

  it('puts closed deals in Won and Lost, so they count as closed in the metrics', async () => {
    const rt = await runtimeOn(fixture);
    adopt(rt);
    const { settings, parsed } = readBack(rt);
    const kinds = { open: 0, won: 0, lost: 0 };
    for (const deal of parsed.deals) kinds[stageKindOf(settings, deal.stage)] += 1;
    expect(kinds).toEqual(outcomes);
    const input = { deals: parsed.deals, history: [], settings, today: '2026-11-23' as LocalDate };
    expect(openPipelineByStage(input).total.count).toBe(outcomes.open);
    expect(wonThisPeriod(input).quarter.count).toBe(outcomes.won);
    expect(lostThisMonth(input).count).toBe(outcomes.lost);
  });

  it('gives every open deal its stage probability where the cell was empty, never over a value', async () => {
    const rt = await runtimeOn(fixture);
    adopt(rt);
    const { settings, parsed } = readBack(rt);
    for (const deal of parsed.deals) {
      const stage = settings.stages.find((s) => s.name === deal.stage);
      if (stage?.kind !== 'open') continue;
      expect(deal.probability, deal.name).not.toBeNull();
    }
  });

  it('changes nothing when set up runs again', async () => {
    const rt = await runtimeOn(fixture);
    adopt(rt);
    const first = JSON.stringify(rt.snapshot());
    rt.run('setUpTracker');
    expect(rt.ui.dialogs).toHaveLength(1);
    expect(JSON.stringify(rt.snapshot())).toBe(first);
  });

  it('moves an adopted deal to its next stage from the sidebar', async () => {
    const rt = await runtimeOn(fixture);
    adopt(rt);
    const { settings, parsed } = readBack(rt);
    const deal = parsed.deals.find((d) => stageKindOf(settings, d.stage) === 'open');
    if (!deal) throw new Error('no open deal');
    const view = rt.run('rpc', 'getDeal', { id: deal.id }) as {
      ok: boolean;
      data: { version: string; row: number };
    };
    expect(view.ok).toBe(true);
    const open = settings.stages.filter((s) => s.kind === 'open').map((s) => s.name);
    const to = open[open.indexOf(deal.stage) + 1] ?? open[0] ?? '';
    const moved = rt.run('rpc', 'moveStage', { id: deal.id, version: view.data.version, to }) as {
      ok: boolean;
      data: { deal: { stage: string } };
    };
    expect(moved.ok).toBe(true);
    expect(moved.data.deal.stage).toBe(to);
    expect(readBack(rt).parsed.deals.find((d) => d.id === deal.id)?.stage).toBe(to);
  });

  it('reports the same rows with problems in the done message as Check & repair', async () => {
    const rt = await runtimeOn(fixture);
    const { message } = adopt(rt);
    const said = Number(/(\d+) (rows with problems|filas con problemas)/.exec(message)?.[1]);
    rt.run('checkAndRepair');
    const report = textGrid(rt, fixture.language === 'es' ? 'Informe de revisión' : 'Check report');
    // Owner names without an e-mail are listed once each, on no row: they are not row problems.
    const rows = new Set(report.slice(2).flatMap((line) => (line[0] ? [line[0]] : [])));
    expect(rows.size).toBe(said);
  });
});

describe('the adoption dialog', () => {
  const pipedrive = fixtures.find((f) => f.name === 'pipedrive-deals.en');
  if (!pipedrive) throw new Error('pipedrive fixture missing');

  it('adopts an "Opportunities" tab the add-on did not make like any other: it asks first', async () => {
    const rt = await runtimeWith([sheetFromExport(pipedrive, 'Opportunities')]);
    const before = JSON.stringify(rt.snapshot());
    rt.run('setUpTracker');
    expect(rt.ui.dialogs).toHaveLength(1);
    expect(rt.ui.alerts).toEqual([]);
    expect(JSON.stringify(rt.snapshot())).toBe(before);
  });

  it('opens the deal in the selected row through its own ID column ("Deal - ID")', async () => {
    const rt = await runtimeOn(pipedrive);
    adopt(rt);
    rt.select('Deals', 'B3');
    const selection = rt.run('rpc', 'selection', {}) as {
      ok: boolean;
      data: { id: string | null };
    };
    expect(selection.data.id).toBe('102');
    const deal = rt.run('rpc', 'getDeal', { id: '102' }) as { ok: boolean };
    expect(deal.ok).toBe(true);
  });

  it('keeps a column as it is when the team says so, and remembers it on the next run', async () => {
    const rt = await runtimeOn(pipedrive);
    const notes = pipedrive.header.indexOf('Deal - Lost reason');
    adopt(rt, { ...noChoices, columns: { [String(notes)]: 'keep' } });
    expect(readBack(rt).columns.byField.lostReason).not.toBe(notes);
    const first = JSON.stringify(rt.snapshot());
    rt.run('setUpTracker');
    expect(JSON.stringify(rt.snapshot())).toBe(first);
  });

  it('previews a change without writing, and refuses to apply a plan the sheet no longer matches', async () => {
    const rt = await runtimeOn(pipedrive);
    rt.run('setUpTracker');
    const view = dialogView(rt);
    const before = JSON.stringify(rt.snapshot());
    const preview = adoptCall<{ add: unknown[] }>(rt, 'preview', {
      sheetId: view.sheetId,
      choices: { ...noChoices, groups: ['scoring'] },
    });
    expect(preview.ok && preview.data.add.length).toBe(view.add.length + 8);
    expect(JSON.stringify(rt.snapshot())).toBe(before);
    rt.edit('Deals', 'A10', '109');
    rt.edit('Deals', 'B10', 'A deal typed meanwhile');
    const answer = adoptCall<{ status: string }>(rt, 'apply', {
      sheetId: view.sheetId,
      choices: noChoices,
      fingerprint: view.fingerprint,
    });
    expect(answer.ok && answer.data.status).toBe('changed');
  });

  it('turns a stage the team maps to Won into Won, and a new stage into a stage of Settings', async () => {
    const rt = await runtimeOn(pipedrive);
    adopt(rt, {
      ...noChoices,
      stages: { 'Demo Scheduled': { kind: 'new', probability: 45 } },
    });
    const { settings } = readBack(rt);
    expect(settings.stages.find((s) => s.name === 'Demo Scheduled')).toMatchObject({
      kind: 'open',
      probability: 45,
    });
  });

  it('answers a bad payload with a clear error and changes nothing', async () => {
    const rt = await runtimeOn(pipedrive);
    rt.run('setUpTracker');
    const before = JSON.stringify(rt.snapshot());
    const answer = adoptCall(rt, 'apply', { sheetId: 'x', choices: {} });
    expect(answer.ok).toBe(false);
    const other = adoptCall(rt, 'apply', {
      sheetId: dialogView(rt).sheetId,
      choices: { ...noChoices, columns: { '0': 'notAField' } },
      fingerprint: 'x',
    });
    expect(other.ok).toBe(false);
    expect(JSON.stringify(rt.snapshot())).toBe(before);
  });

  it('speaks Spanish in a Spanish file', async () => {
    const spanish = fixtures.find((f) => f.name === 'hubspot-deals.es');
    if (!spanish) throw new Error('fixture missing');
    const rt = await runtimeOn(spanish);
    rt.run('setUpTracker');
    expect(rt.ui.dialogs[0]?.title).toBe('¿Usar "Deals" como hoja de seguimiento?');
    expect(dialogView(rt).targets.find((t) => t.value === 'keep')?.label).toMatch(
      /Dejar como está/,
    );
    expect(now).toBeDefined();
  });
});

describe('set up and Check & repair on the tracker the add-on keeps', () => {
  const headers = fields.map((field) => field.header.en);
  const row = (id: string, stage: string, probability: number | '' = '') =>
    headers.map((header) =>
      header === 'ID'
        ? id
        : header === 'Opportunity'
          ? `Deal ${id}`
          : header === 'Customer'
            ? 'Acme'
            : header === 'Owner'
              ? seller
              : header === 'Stage'
                ? stage
                : header === 'Amount'
                  ? 1000
                  : header === 'Probability'
                    ? probability
                    : '',
    );

  async function ownTracker() {
    const rt = await runtimeWith([
      sheetOf('Opportunities', [
        headers,
        row('OPP-000001', 'Qualified'),
        row('OPP-000002', 'Proposal', 45),
      ]),
    ]);
    adopt(rt);
    return rt;
  }

  it('gives an empty probability of an open deal its stage’s, and keeps a typed one', async () => {
    const rt = await ownTracker();
    expect(column(rt, 'Opportunities', 'Probability')).toEqual(['30', '45']);
  });

  it('says "nothing to fix" in a toast, not in a box to close', async () => {
    const rt = await ownTracker();
    rt.ui.toasts.length = 0;
    rt.run('checkAndRepair');
    expect(rt.ui.alerts.filter((a) => a.title === 'Check & repair')).toEqual([]);
    expect(rt.ui.toasts.at(-1)?.message).toBe('Checked 2 rows: nothing to fix.');
  });

  it('leaves the sidebar’s header cache matching the new header, and does not touch it again', async () => {
    const rt = await runtimeWith([sheetFromExport(fixtures[0] as ExportFixture)]);
    const store = rt.properties.document();
    store.set('tracker.columns', '{"stale":true}');
    adopt(rt);
    const cached = JSON.parse(store.get('tracker.columns') ?? '{}') as { headers?: string[] };
    expect(cached.headers).toEqual((textGrid(rt, 'Deals')[0] ?? []).filter((h) => h !== ''));
    const text = store.get('tracker.columns');
    rt.run('setUpTracker');
    rt.run('checkAndRepair');
    expect(store.get('tracker.columns')).toBe(text);
  });
});

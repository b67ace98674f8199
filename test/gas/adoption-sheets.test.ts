// Adopting sheets from vendors and templates no issue named: each read as its "# expect" lines say, measured and asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { columnChoicesFrom, mapColumns } from '../../src/domain/columns';
import type { LocalDate } from '../../src/domain/dates';
import { fields } from '../../src/domain/fields';
import { stageKindOf } from '../../src/domain/follow-up';
import { type Cell, cellDate } from '../../src/domain/model';
import { parseRows } from '../../src/domain/parse-row';
import { settingsFromRows } from '../../src/domain/settings-table';
import { adopt, dialogView } from '../support/adopt';
import {
  allExports,
  type ExportFixture,
  expectationOf,
  sheetFromExport,
  sheetsDir,
} from '../support/exports';
import { type Runtime, runtimeWith, tab, textGrid } from '../support/tracker';

const fixtures = allExports(sheetsDir);

/** The fields a tracker needs; the expectation says which column holds each, or that none does. */
const required = ['name', 'customer', 'owner', 'amount', 'closeDate', 'stage'] as const;

interface Measure {
  name: string;
  heldOut: boolean;
  /** Required fields whose column the dialog and the stored layout both read as expected. */
  requiredRight: number;
  /** Other expected meanings (dates, status columns, probability...) read as expected. */
  otherRight: number;
  otherOf: number;
  /** Closed deals (by the expectation) read as Won or Lost, and how many there are. */
  closedRight: number;
  closedOf: number;
  openRight: number;
  openOf: number;
  /** The team's open stages in the expected pipeline order (Settings after adoption). */
  orderRight: boolean;
  /** Original cells (value or formula) that differ after Apply: must be 0. */
  changed: number;
  rerunIdentical: boolean;
  added: number;
  /** Deals the sidebar opened with name, customer, owner, amount and close date equal to a plain reading of their cells. */
  sidebarRight: number;
  sidebarOf: number;
  wrong: string[];
  /** What is measured but not asserted (a stage order that differs from the source's). */
  notes: string[];
}

const measures: Measure[] = [];

async function runtimeOn(fixture: ExportFixture): Promise<Runtime> {
  return runtimeWith([sheetFromExport(fixture)], {
    locale: fixture.language === 'es' ? 'es_ES' : 'en_US',
  });
}

/** Stored value and formula of every original cell. */
function originalCells(rt: Runtime, width: number): string[] {
  return tab(rt, 'Deals').rows.flatMap((row) =>
    Array.from({ length: width }, (_, c) =>
      JSON.stringify([row[c]?.value ?? '', row[c]?.formula ?? '']),
    ),
  );
}

// ---- a deliberately plain reading of the fixtures' cells, to compare the sidebar with -------------

/** "$12,500.00", "18.400,00 €", "£4,500.00", "45000,00", 1250000 (cents when the header says so). */
function plainAmount(text: string, header: string): number | null {
  let t = text.replace(/[^\d.,-]/g, '');
  if (t === '') return null;
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma > dot && t.length - comma === 3) t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  const value = Number(t);
  return /cent/i.test(header) ? value / 100 : value;
}

/** ISO, m/d/yyyy (English files) or d/m/yyyy (Spanish files), time ignored. */
function plainDate(text: string, language: 'en' | 'es'): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (!slashed) return null;
  const [a = '', b = '', y = ''] = slashed.slice(1);
  const [m, d] = language === 'es' ? [b, a] : [a, b];
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function measure(rt: Runtime, fixture: ExportFixture): Measure {
  const expected = expectationOf(fixture);
  const width = fixture.header.length;
  const wrong: string[] = [];
  const before = JSON.stringify(rt.snapshot());
  rt.run('setUpTracker');
  const unchangedByDialog = JSON.stringify(rt.snapshot()) === before;
  if (!unchangedByDialog) wrong.push('the dialog changed the file');
  const view = dialogView(rt);
  const shown = new Map(view.columns.map((column) => [column.target, column.header]));
  const originals = originalCells(rt, width);
  const { view: applied } = adopt(rt);

  // The layout every later execution reads: header, stored reading.
  const grid = textGrid(rt, 'Deals');
  const header = grid[0] ?? [];
  const store = rt.properties.document();
  const columns = mapColumns(header, fields, {
    choices: columnChoicesFrom(store.get('tracker.columnChoices')),
  });
  const stored = new Map<string, string>();
  for (const [field, index] of Object.entries(columns.byField))
    stored.set(field, header[index] ?? '');
  for (const [role, index] of Object.entries(columns.roles ?? {}))
    stored.set(role, header[index] ?? '');
  const readAs = (target: string, want: string) => {
    const dialog = shown.get(target) ?? '-';
    // A field the sheet lacks may be a column the add-on adds: only the original columns count.
    const layoutHeader = stored.get(target);
    const layout =
      layoutHeader !== undefined && fixture.header.includes(layoutHeader) ? layoutHeader : '-';
    if (dialog !== want || layout !== want)
      wrong.push(`${target}: want "${want}", dialog "${dialog}", layout "${layout}"`);
    return dialog === want && layout === want;
  };
  let requiredRight = 0;
  for (const field of required) {
    const want = expected.columns[field] ?? '-';
    if (readAs(field, want)) requiredRight += 1;
  }
  const others = Object.entries(expected.columns).filter(
    ([key]) => !(required as readonly string[]).includes(key),
  );
  const otherRight = others.filter(([key, want]) => readAs(key, want)).length;

  // Deals as every feature reads them: the Settings tab, the layout, the rows.
  const names = rt.snapshot().sheets.map((sheet) => sheet.name);
  const settingsTab = names.find((name) => name === 'Settings' || name === 'Configuración') ?? '';
  const settings = settingsFromRows(textGrid(rt, settingsTab));
  if (!settings.ok) throw new Error(settings.issues.join('; '));
  const values = rt.read('Deals');
  const dateColumns = new Set(
    fields.filter((f) => f.kind === 'date').map((f) => columns.byField[f.key]),
  );
  const rows: Cell[][] = grid.slice(1).map((row, r) =>
    row.map((text, c) => {
      const value = values[r + 1]?.[c];
      if (dateColumns.has(c) && value instanceof Date)
        return cellDate(
          new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(
            value,
          ) as LocalDate,
        );
      return typeof value === 'number' || typeof value === 'boolean' ? value : text;
    }),
  );
  const parsed = parseRows(rows, columns, settings.value, 2);
  const openStages = settings.value.stages.filter((s) => s.kind === 'open').map((s) => s.name);
  const orderRight = JSON.stringify(openStages) === JSON.stringify(expected.stages);
  // Measured and reported, not asserted: an order read from words and ages can be wrong (the team
  // then reorders the stages in Settings).
  const orderNote = orderRight
    ? []
    : [`stages: want ${expected.stages.join(' > ')}, got ${openStages.join(' > ')}`];
  const kinds = { open: 0, won: 0, lost: 0 };
  for (const deal of parsed.deals) kinds[stageKindOf(settings.value, deal.stage)] += 1;
  const closedOf = expected.outcomes.won + expected.outcomes.lost;
  const closedRight =
    Math.min(kinds.won, expected.outcomes.won) + Math.min(kinds.lost, expected.outcomes.lost);
  if (kinds.won !== expected.outcomes.won || kinds.lost !== expected.outcomes.lost)
    wrong.push(
      `outcomes: want ${JSON.stringify(expected.outcomes)}, read ${JSON.stringify(kinds)}`,
    );

  // The sidebar, deal by deal, against a plain reading of the same cells.
  let sidebarRight = 0;
  const at = (field: string) => fixture.header.indexOf(expected.columns[field] ?? '');
  for (const [i, deal] of parsed.deals.entries()) {
    const r = (parsed.rows[i] ?? 0) - 2;
    const source = fixture.rows[r] ?? [];
    const cell = (field: string) => (at(field) < 0 ? '' : (source[at(field)] ?? '').trim());
    const answer = rt.run('rpc', 'getDeal', { id: deal.id }) as {
      ok: boolean;
      data?: { deal: Record<string, unknown> };
    };
    const got = answer.data?.deal ?? {};
    const want = {
      name: cell('name'),
      customer: cell('customer'),
      owner: cell('owner').toLowerCase(),
      amount: plainAmount(cell('amount'), expected.columns.amount ?? ''),
      closeDate: plainDate(cell('closeDate'), fixture.language),
    };
    const seen = {
      name: got.name,
      customer: got.customer,
      owner: String(got.owner ?? '').toLowerCase(),
      amount: got.amount,
      closeDate: got.closeDate,
    };
    if (answer.ok && JSON.stringify(seen) === JSON.stringify(want)) sidebarRight += 1;
    else if (wrong.length < 12)
      wrong.push(`sidebar ${deal.id}: want ${JSON.stringify(want)}, got ${JSON.stringify(seen)}`);
  }

  const after = originalCells(rt, width);
  const changed = originals.filter((cell, i) => cell !== after[i]).length;
  const adopted = JSON.stringify(rt.snapshot());
  rt.run('setUpTracker');
  const rerunIdentical = JSON.stringify(rt.snapshot()) === adopted;
  return {
    name: fixture.name,
    heldOut: expected.heldOut,
    requiredRight,
    otherRight,
    otherOf: others.length,
    closedRight,
    closedOf,
    openRight: Math.min(kinds.open, expected.outcomes.open),
    openOf: expected.outcomes.open,
    orderRight,
    changed,
    rerunIdentical,
    added: applied.add.length,
    sidebarRight,
    sidebarOf: parsed.deals.length,
    wrong,
    notes: orderNote,
  };
}

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_, fixture) => {
  it('is read as its expectation says, changes no original cell, and adopts again to the same file', async () => {
    const rt = await runtimeOn(fixture);
    const result = measure(rt, fixture);
    measures.push(result);
    expect(result.wrong).toEqual([]);
    expect(result.requiredRight).toBe(required.length);
    expect(result.closedRight).toBe(result.closedOf);
    expect(result.changed).toBe(0);
    expect(result.rerunIdentical).toBe(true);
  });
});

afterAll(() => {
  if (measures.length === 0) return;
  const line = (m: Measure) =>
    `| ${m.name}${m.heldOut ? ' (held out)' : ''} | ${m.requiredRight}/${required.length} | ${m.otherRight}/${m.otherOf} | ${m.closedRight}/${m.closedOf} | ${m.orderRight ? 'yes' : 'no'} | ${m.openRight}/${m.openOf} | ${m.sidebarRight}/${m.sidebarOf} | ${m.changed} | ${m.rerunIdentical ? 'yes' : 'no'} | ${m.added} |`;
  const total = (list: Measure[], label: string) => {
    const sum = (key: keyof Measure) => list.reduce((n, m) => n + Number(m[key]), 0);
    return `| **${label}** (${list.length}) | ${sum('requiredRight')}/${list.length * required.length} | ${sum('otherRight')}/${sum('otherOf')} | ${sum('closedRight')}/${sum('closedOf')} | ${list.filter((m) => m.orderRight).length}/${list.length} | ${sum('openRight')}/${sum('openOf')} | ${sum('sidebarRight')}/${sum('sidebarOf')} | ${sum('changed')} | ${list.filter((m) => m.rerunIdentical).length}/${list.length} | ${sum('added')} |`;
  };
  const developed = measures.filter((m) => !m.heldOut);
  const heldOut = measures.filter((m) => m.heldOut);
  const table = [
    '| sheet | required fields | other meanings | closed as Won/Lost | stage order | open | sidebar deals | original cells changed | re-run identical | columns added |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...measures.map(line),
    total(developed, 'developed on'),
    ...(heldOut.length > 0 ? [total(heldOut, 'held out')] : []),
    total(measures, 'all'),
  ].join('\n');
  const out = path.join(projectRoot, 'test-artifacts');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'adoption-sheets.md'), `${table}\n`);
  console.log(table);
  for (const m of measures.filter((x) => x.wrong.length + x.notes.length > 0))
    console.log(`${m.name}:\n  ${[...m.wrong, ...m.notes].join('\n  ')}`);
});

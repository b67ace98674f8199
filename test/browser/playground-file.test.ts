// The playground on a workbook of one's own: typing and dropdowns save back to the .xlsx; clock, user and outbox controls.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import type { Playground } from '../../scripts/playground/server';
import type { SheetSnapshot, SpreadsheetSnapshot } from '../../scripts/runtime/snapshot';
import { readXlsx, writeXlsx } from '../../scripts/runtime/xlsx';
import type { Browser } from '../support/browser';
import { openPlayground } from '../support/playground';

/** 09:30 on a Monday in Madrid. */
const now = new Date('2026-11-23T08:30:00Z');
const zone = { timeZone: 'Europe/Madrid', locale: 'en_US' };

/** A small workbook as a team might bring it: a header, two leads, a stage dropdown. */
function aWorkbook(): SpreadsheetSnapshot {
  const text = (value: string) => ({ value });
  const leads: SheetSnapshot = {
    name: 'Leads',
    sheetId: 0,
    rows: [
      [text('Name'), text('Stage')],
      [text('Bodegas Sierra'), text('New')],
      [text('Old name'), text('New')],
    ],
    maxRows: 100,
    maxColumns: 10,
    frozenRows: 1,
    frozenColumns: 0,
    columnWidths: {},
    hiddenColumns: [],
    validations: [
      {
        range: 'B2:B100',
        type: 'list',
        values: ['New', 'Won', 'Lost'],
        showDropdown: true,
        allowInvalid: false,
      },
    ],
    conditionalFormats: [],
    protections: [],
    charts: [],
  };
  return { id: 'leads', name: 'leads', ...zone, sheets: [leads], namedRanges: {} };
}

/** Polls wait this long: the sidebar polls the selection every 2.5 s, the page its state every second, saves are debounced. */
const eventually = { timeout: 10_000 };

let folder: string;
let workbook: string;
let playground: Playground;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'ot-playground-'));
  workbook = path.join(folder, 'leads.xlsx');
  await writeXlsx(aWorkbook(), workbook);
  ({ playground, browser, page } = await openPlayground({ now, xlsx: workbook }));
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('the playground on a workbook', () => {
  it('shows the workbook as it is, and the sidebar asks for set-up', async () => {
    await page.getByRole('tab', { name: 'Leads' }).waitFor();
    await page.getByRole('cell', { name: 'Bodegas Sierra' }).waitFor();
    const sidebar = page.frameLocator('iframe[title="Opportunity Tracker sidebar"]');
    await sidebar.getByRole('heading', { name: 'The tracker is not set up yet' }).waitFor();
  });

  it('saves typing (Enter) and dropdown choices back to the .xlsx, through onEdit', async () => {
    await page.getByRole('cell', { name: 'Old name' }).click();
    await page.keyboard.type('Typed in the grid');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'B2 dropdown' }).selectOption('Won');
    await expect
      .poll(() => page.getByRole('status').first().textContent(), eventually)
      .toBe(`All changes saved to ${workbook}`);

    const rt = playground.runtime;
    expect(rt.read('Leads', 'A2:B3')).toEqual([
      ['Bodegas Sierra', 'Won'],
      ['Typed in the grid', 'New'],
    ]);
    expect(rt.executions.filter((e) => e.fn === 'onEdit')).toHaveLength(2);
    const saved = await readXlsx(workbook, zone);
    const cells = saved.sheets[0]?.rows.map((row) => row.map((cell) => cell?.value));
    expect(cells?.slice(1, 3)).toEqual([
      ['Bodegas Sierra', 'Won'],
      ['Typed in the grid', 'New'],
    ]);
  });

  it('refuses a value the dropdown does not list, as Sheets does, and keeps the cell', async () => {
    await page.getByRole('cell', { name: 'Typed in the grid' }).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('Maybe');
    await page.keyboard.press('Enter');
    await page.getByText('Input must be an item on the specified list').waitFor();
    expect(playground.runtime.read('Leads', 'B3')).toEqual([['New']]);
  });

  it('moves the clock to tomorrow 09:00 in the spreadsheet time zone', async () => {
    await page.getByRole('button', { name: 'Tomorrow 09:00' }).click();
    await expect
      .poll(() =>
        page.getByTitle("The simulated clock, in the spreadsheet's time zone").textContent(),
      )
      .toBe('Tue 2026-11-24 09:00 · Europe/Madrid');
    // 09:00 in Madrid; the sidebar's calls after the move (it restarts) each take modeled time.
    const at = playground.runtime.clock.now() - Date.parse('2026-11-24T08:00:00Z');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(60_000);
  });

  it('switches the user at the keyboard to the manager', async () => {
    await page.getByLabel('User').selectOption('marta@example.com');
    await expect.poll(() => playground.runtime.user, eventually).toBe('marta@example.com');
  });

  it('lists sent mail and shows a body as text, never as HTML', async () => {
    playground.runtime.outbox.push({
      execution: 0,
      from: 'ana@example.com',
      to: ['ana@example.com'],
      cc: [],
      bcc: [],
      subject: '<b>2 deals need you today</b>',
      body: 'Call Bodegas Sierra\n<img src=x onerror="document.title=\'hacked\'">',
      sentAt: new Date('2026-11-24T07:12:00Z'),
    });
    await page.getByRole('button', { name: '+1 hour' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: /^Outbox/ }).textContent(), eventually)
      .toContain('1');

    await page.getByRole('button', { name: /^Outbox/ }).click();
    await page.getByRole('button', { name: /2 deals need you today/ }).click();
    const outbox = page.getByRole('complementary', { name: 'Outbox' });
    await outbox.getByRole('heading', { name: '<b>2 deals need you today</b>' }).waitFor();
    expect(await outbox.getByText('Call Bodegas Sierra').textContent()).toContain('<img src=x');
    expect(await outbox.locator('img').count()).toBe(0);
    expect(await page.title()).not.toBe('hacked');
    await page.screenshot({
      path: path.join(projectRoot, 'test-artifacts', 'playground-outbox.png'),
    });
  });
});

// The playground as two people in two browser tabs: a user per tab, typing kept, the clock followed, a blank start.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { type Playground, startPlayground } from '../../scripts/playground/server';
import { parseArguments } from '../../scripts/playground/start';
import { type Browser, launchBrowser } from '../support/browser';
import { openPlaygroundTab, type PlaygroundTab } from '../support/playground';

const artifacts = path.join(projectRoot, 'test-artifacts');
/** Monday morning in Madrid. */
const now = new Date('2026-11-23T08:30:00Z');
const eventually = { timeout: 10_000 };

let browser: Browser;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  browser = await launchBrowser({ width: 1400, height: 900 });
});

afterAll(async () => {
  await browser?.close();
});

function openTab(url: string): Promise<PlaygroundTab> {
  return openPlaygroundTab(browser, url);
}

/** The first deal owned by `owner` whose next action is due today: its ID and row. */
function dueToday(playground: Playground, owner: string): { id: string; row: number } {
  const [header = [], ...rows] = playground.runtime.read('Opportunities');
  const col = (name: string) => header.indexOf(name);
  const today = '2026-11-23';
  const index = rows.findIndex((row) => {
    const date = row[col('Next action date')];
    const iso =
      date instanceof Date
        ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(date)
        : '';
    return row[col('Owner')] === owner && iso === today && row[col('Next action')] !== '';
  });
  if (index < 0) throw new Error(`No deal of ${owner} is due today.`);
  return { id: String(rows[index]?.[col('ID')]), row: index + 2 };
}

describe('the playground with two browser tabs (#9)', () => {
  let playground: Playground;

  beforeAll(async () => {
    playground = await startPlayground({ port: 0, now });
  });

  afterAll(async () => {
    await playground?.close();
  });

  it('keeps the user per tab: a save in tab A is recorded as A’s user, whatever tab B chose', async () => {
    const a = await openTab(playground.url);
    const b = await openTab(playground.url);
    await a.page.getByLabel('User').selectOption('luis@example.com');
    await b.page.getByLabel('User').selectOption('sara@example.com');
    await expect
      .poll(() => a.page.getByLabel('User').inputValue(), eventually)
      .toBe('luis@example.com');
    // Tab A's sidebar logs a call on the deal it shows.
    await a.sidebar.getByRole('button', { name: '+ New' }).click();
    await a.sidebar.getByLabel('Opportunity (required)').fill('Per-tab check');
    await a.sidebar.getByLabel('Customer (required)').fill('Tabs SL');
    await a.sidebar.getByRole('button', { name: 'Create opportunity' }).click();
    await expect
      .poll(() => a.sidebar.locator('#deal-name').textContent(), eventually)
      .toBe('Per-tab check');
    const id = await a.sidebar.locator('[data-deal-id]').getAttribute('data-deal-id');
    const [, ...history] = playground.runtime.read('History');
    const created = history.find((line) => line[2] === id && line[3] === 'created');
    expect(created?.[1]).toBe('luis@example.com');
    await b.page.reload();
    await expect
      .poll(() => b.page.getByLabel('User').inputValue(), eventually)
      .toBe('sara@example.com');
    await a.page.screenshot({ path: path.join(artifacts, 'playground-tab-user.png') });
    await a.page.close();
    await b.page.close();
  });

  it('keeps what was typed in the sidebar when the user is switched', async () => {
    const { page, sidebar } = await openTab(playground.url);
    const deal = dueToday(playground, 'ana@example.com');
    await page.getByRole('rowheader', { name: String(deal.row), exact: true }).click();
    await expect
      .poll(() => sidebar.locator('[data-deal-id]').getAttribute('data-deal-id'), eventually)
      .toBe(deal.id);
    await sidebar.getByLabel('What').fill('Typed before switching');
    await page.getByLabel('User').selectOption('marta@example.com');
    await page.waitForTimeout(1500);
    expect(await sidebar.getByLabel('What').inputValue()).toBe('Typed before switching');
    await page.close();
  });

  it('refreshes the sidebar when the clock moves: due today becomes overdue tomorrow', async () => {
    const { page, sidebar } = await openTab(playground.url);
    const deal = dueToday(playground, 'ana@example.com');
    await page.getByRole('rowheader', { name: String(deal.row), exact: true }).click();
    await expect
      .poll(() => sidebar.locator('#follow-up').textContent(), eventually)
      .toContain('Next action due today');
    await page.getByRole('button', { name: 'Tomorrow 09:00' }).click();
    await expect
      .poll(() => sidebar.locator('#follow-up').textContent(), eventually)
      .toContain('Next action overdue by 1 d');
    await page.screenshot({ path: path.join(artifacts, 'playground-clock-moved.png') });
    await page.close();
  });
});

describe('npm start -- --empty (#9)', () => {
  it('reads --empty from the command line', () => {
    expect(parseArguments(['--empty'])).toEqual({ port: 8080, empty: true });
    expect(parseArguments(['--empty', 'mine.xlsx', '--port', '0'])).toEqual({
      port: 0,
      empty: true,
      xlsx: 'mine.xlsx',
    });
  });

  it('starts on a blank spreadsheet; Set up tracker from the menu makes the tracker and the sidebar opens itself', async () => {
    const playground = await startPlayground({ port: 0, now, empty: true });
    try {
      expect(playground.runtime.spreadsheet.sheets.map((sheet) => sheet.name)).toEqual(['Sheet1']);
      const { page, sidebar } = await openTab(playground.url);
      await expect
        .poll(() => sidebar.locator('#app').textContent(), eventually)
        .toContain('The tracker is not set up yet');
      await page.getByRole('button', { name: 'Extensions' }).click();
      await page.getByRole('menuitem', { name: 'Set up tracker' }).click();
      await expect.poll(() => sidebar.locator('nav.tabs').count(), { timeout: 15_000 }).toBe(1);
      expect(playground.runtime.read('Opportunities')).toHaveLength(1);
      await page.screenshot({ path: path.join(artifacts, 'playground-empty-set-up.png') });
      await page.close();
    } finally {
      await playground.close();
    }
  });
});

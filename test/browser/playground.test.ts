// A seller's day in the playground, clicked through in Chromium: the page, the menu and the real sidebar.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import type { Playground } from '../../scripts/playground/server';
import type { Runtime } from '../../scripts/runtime/index';
import type { Browser } from '../support/browser';
import { openPlayground } from '../support/playground';

const artifacts = path.join(projectRoot, 'test-artifacts');
/** Monday morning in Madrid. */
const now = new Date('2026-11-23T08:30:00Z');

/** Polls wait this long: the sidebar polls the selection every 2.5 s, the page its state every second, saves are debounced. */
const eventually = { timeout: 10_000 };

let playground: Playground;
let browser: Browser;
let page: Page;
let sidebar: FrameLocator;

/** The Opportunities tab as records keyed by header, one per deal, with the sheet's row number. */
function deals(rt: Runtime): Array<Record<string, string> & { row: string }> {
  const [header = [], ...lines] = rt.read('Opportunities');
  return lines
    .map((line, index) => {
      const record: Record<string, string> = { row: String(index + 2) };
      header.forEach((name, column) => {
        record[String(name)] = cellText(line[column]);
      });
      return record as Record<string, string> & { row: string };
    })
    .filter((deal) => deal.ID !== '');
}

function deal(rt: Runtime, where: (d: Record<string, string>) => boolean) {
  const found = deals(rt).find(where);
  if (!found) throw new Error('No such deal in the Opportunities tab.');
  return found;
}

/** History lines of one deal: what changed, from what, to what, and who did it. */
function historyOf(rt: Runtime, id: string) {
  const [, ...lines] = rt.read('History');
  return lines
    .map((line) => line.map(cellText))
    .filter((line) => line[2] === id)
    .map(([, user, , field, old, value]) => ({ user, field, old, new: value }));
}

function cellText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value ?? '');
}

/** A calendar date n days after `now`, as the date inputs take it. */
function daysFromNow(n: number): string {
  return new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
}

/** The yyyy-mm-dd a date cell holds, in the spreadsheet's zone (Madrid). */
function madridDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(new Date(iso));
}

/** Today in Madrid on the playground's simulated clock: the test's own reckoning, not the add-on's. */
function todayInMadrid(rt: Runtime): string {
  return madridDate(new Date(rt.clock.now()).toISOString());
}

async function screenshot(step: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `playground-${step}.png`) });
  await page
    .getByRole('complementary', { name: 'Add-on sidebar' })
    .screenshot({ path: path.join(artifacts, `playground-${step}-sidebar.png`) });
}

async function selectRow(row: string, expectedDeal: string): Promise<void> {
  await page.getByRole('rowheader', { name: row, exact: true }).click();
  await expect
    .poll(() => sidebar.getByRole('heading', { level: 2 }).first().textContent(), eventually)
    .toBe(expectedDeal);
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  ({ playground, browser, page, sidebar } = await openPlayground({ now }));
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

describe("the playground through a seller's day", () => {
  it('opens on a set-up tracker full of demo deals, and Set up tracker from the menu keeps them', async () => {
    const rt = playground.runtime;
    await expect
      .poll(() => page.getByRole('cell', { name: 'OPP-000001' }).count(), eventually)
      .toBe(1);
    const before = deals(rt).length;
    expect(before).toBeGreaterThanOrEqual(50);
    expect(new Set(deals(rt).map((d) => d.Stage))).toEqual(
      new Set(['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']),
    );

    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Set up tracker' }).click();
    const alerts: string[] = [];
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    while (await dialog.isVisible()) {
      alerts.push((await dialog.textContent()) ?? '');
      await dialog.getByRole('button', { name: 'OK' }).click();
      await page.waitForTimeout(1200);
    }
    expect(alerts.join('\n')).toContain('The tracker is ready');
    expect(deals(rt)).toHaveLength(before);
    await screenshot('1-set-up');
  });

  it('creates a deal from the sidebar: a new row owned by the seller, in the first stage', async () => {
    const rt = playground.runtime;
    await sidebar.getByRole('button', { name: '+ New' }).click();
    await sidebar.getByLabel('Opportunity (required)').fill('Fleet tracking pilot');
    await sidebar.getByLabel('Customer (required)').fill('Transportes Oca');
    await sidebar.getByLabel('Amount', { exact: true }).fill('12500');
    await sidebar.getByLabel('Expected close', { exact: true }).fill(daysFromNow(60));
    await sidebar.getByRole('button', { name: 'Create opportunity' }).click();
    await expect
      .poll(
        () => sidebar.getByRole('heading', { name: 'Fleet tracking pilot' }).count(),
        eventually,
      )
      .toBe(1);

    const created = deal(rt, (d) => d.Opportunity === 'Fleet tracking pilot');
    expect(created).toMatchObject({
      Customer: 'Transportes Oca',
      Owner: 'ana@example.com',
      Stage: 'New',
      Amount: '12500',
    });
    expect(created.ID).toMatch(/^OPP-\d{6}$/);
    expect(madridDate(created['Expected close'] ?? '')).toBe(daysFromNow(60));
    expect(historyOf(rt, created.ID ?? '').length).toBeGreaterThan(0);
    // The sidebar puts the sheet's selection on the new row, and the grid follows.
    await expect
      .poll(() => page.getByTitle('Selected cell').textContent(), eventually)
      .toBe(`A${created.row}`);
    await page.getByRole('cell', { name: 'Fleet tracking pilot' }).waitFor();
    await screenshot('2-created');
  });

  it('follows the selection: clicking another row shows that deal, clicking back shows ours', async () => {
    const rt = playground.runtime;
    const other = deal(rt, (d) => d.row === '3');
    await selectRow('3', other.Opportunity ?? '');
    const ours = deal(rt, (d) => d.Opportunity === 'Fleet tracking pilot');
    await selectRow(ours.row, 'Fleet tracking pilot');
    await expect
      .poll(() => page.getByTitle('Selected cell').textContent(), eventually)
      .toBe(`A${ours.row}`);
  });

  it('moves the deal to Proposal: the Stage cell changes and History records the move', async () => {
    const rt = playground.runtime;
    await sidebar
      .getByRole('group', { name: 'Move to stage' })
      .getByRole('button', { name: 'Proposal' })
      .click();
    await expect
      .poll(() => sidebar.getByRole('status').textContent(), eventually)
      .toBe('Moved to Proposal.');

    const moved = deal(rt, (d) => d.Opportunity === 'Fleet tracking pilot');
    expect(moved.Stage).toBe('Proposal');
    expect(historyOf(rt, moved.ID ?? '')).toContainEqual(
      expect.objectContaining({ user: 'ana@example.com', old: 'New', new: 'Proposal' }),
    );
    await expect
      .poll(
        () => page.getByRole('combobox', { name: `E${moved.row} dropdown` }).inputValue(),
        eventually,
      )
      .toBe('Proposal');
  });

  it('sets the next action with its date and goal', async () => {
    const rt = playground.runtime;
    await sidebar.getByLabel('What', { exact: true }).fill('Send the pilot proposal');
    await sidebar.getByLabel('When', { exact: true }).fill(daysFromNow(2));
    await sidebar.getByLabel('Goal of that contact').fill('Agree pilot scope and price');
    await sidebar.getByRole('button', { name: 'Save next action' }).click();
    await expect
      .poll(
        () => deal(rt, (d) => d.Opportunity === 'Fleet tracking pilot')['Next action'],
        eventually,
      )
      .toBe('Send the pilot proposal');

    const updated = deal(rt, (d) => d.Opportunity === 'Fleet tracking pilot');
    expect(madridDate(updated['Next action date'] ?? '')).toBe(daysFromNow(2));
    expect(updated['Next action goal']).toBe('Agree pilot scope and price');
    await screenshot('3-next-action');
  });

  it('loses another deal: "Other" is refused without a note, then recorded with it', async () => {
    const rt = playground.runtime;
    const target = deal(rt, (d) => d.Owner === 'ana@example.com' && d.Stage === 'Negotiation');
    await selectRow(target.row, target.Opportunity ?? '');

    await sidebar.getByRole('button', { name: 'Lost', exact: true }).click();
    await sidebar.getByLabel('Lost reason').selectOption('Other');
    await sidebar.getByRole('button', { name: 'Mark as lost' }).click();
    await expect
      .poll(() => sidebar.getByRole('alert').first().textContent(), eventually)
      .toContain('needs a note');
    expect(deal(rt, (d) => d.ID === target.ID).Stage).toBe('Negotiation');

    await sidebar.getByLabel('Note (required for this reason)').fill('They will build it in-house');
    await sidebar.getByRole('button', { name: 'Mark as lost' }).click();
    await expect.poll(() => deal(rt, (d) => d.ID === target.ID).Stage, eventually).toBe('Lost');

    const lost = deal(rt, (d) => d.ID === target.ID);
    expect(lost['Lost reason']).toBe('Other');
    expect(lost['Lost note']).toBe('They will build it in-house');
    expect(lost['Closed on']).not.toBe('');
    expect(historyOf(rt, target.ID ?? '')).toContainEqual(
      expect.objectContaining({ old: 'Negotiation', new: 'Lost' }),
    );
    await screenshot('4-lost');
  });

  it('runs a weekly review over two deals to its summary, stamping Last reviewed', async () => {
    const rt = playground.runtime;
    await sidebar.getByRole('button', { name: 'Review', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Start review' }).click();
    const reviewed: string[] = [];
    for (let n = 1; n <= 2; n++) {
      await sidebar.getByText(new RegExp(`^Deal ${n} of \\d+$`)).waitFor();
      reviewed.push((await sidebar.getByRole('heading', { level: 2 }).textContent()) ?? '');
      if (n === 1) await sidebar.getByLabel('What', { exact: true }).fill('Call to confirm budget');
      // The queue starts with the deals whose close date has passed: the seller keeps it, on purpose.
      const keep = sidebar.getByLabel('Keep this past date');
      if (await keep.isVisible()) await keep.check();
      await sidebar.getByRole('button', { name: 'Confirm and next' }).click();
    }
    await sidebar.getByText(/^Deal 3 of \d+$/).waitFor();
    await sidebar.getByRole('button', { name: 'End review' }).click();
    await sidebar.getByRole('heading', { name: 'Review done' }).waitFor();
    expect(await sidebar.locator('#review-count').textContent()).toMatch(/^2 \/ \d+$/);

    for (const name of reviewed) {
      const line = deal(rt, (d) => d.Opportunity === name);
      expect(line.Owner).toBe('ana@example.com');
      expect(madridDate(line['Last reviewed'] ?? '')).toBe(todayInMadrid(rt));
    }
    const first = deal(rt, (d) => d.Opportunity === reviewed[0]);
    expect(first['Next action']).toBe('Call to confirm budget');
    await screenshot('5-review');
  });
});

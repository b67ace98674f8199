// The demo's manager in the playground: refreshes metrics, sees the tab and its charts, and the team view.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import type { Playground } from '../../scripts/playground/server';
import type { Browser } from '../support/browser';
import { openPlayground } from '../support/playground';

const artifacts = path.join(projectRoot, 'test-artifacts');
/** Monday morning in Madrid. */
const now = new Date('2026-11-23T08:30:00Z');
const manager = 'marta@example.com';
const eventually = { timeout: 15_000 };

let playground: Playground;
let browser: Browser;
let page: Page;
let sidebar: FrameLocator;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  ({ playground, browser, page, sidebar } = await openPlayground(
    { now },
    { width: 1600, height: 1000 },
    15_000,
  ));
  await page.getByRole('cell', { name: 'OPP-000001' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

describe("the demo's manager and the metrics", () => {
  it('refreshes metrics from the menu and sees the Metrics tab with its charts drawn', async () => {
    await page.getByRole('combobox', { name: 'User' }).selectOption(manager);
    await expect.poll(() => playground.runtime.user, eventually).toBe(manager);
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Refresh metrics' }).click();
    // The add-on shows the Metrics tab it built; the page follows the selection there.
    await expect
      .poll(
        () => page.getByRole('tab', { name: 'Metrics' }).getAttribute('aria-selected'),
        eventually,
      )
      .toBe('true');
    await expect.poll(() => page.locator('.chart svg').count(), eventually).toBe(6);
    const titles = await page
      .locator('.chart svg')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')));
    expect(titles).toEqual([
      'Open pipeline by stage',
      'Weighted forecast by month',
      'Lost reasons (90 days)',
      'Won and created per month',
      'Pipeline trend (weekly snapshots)',
      'Win rate trend (weekly snapshots)',
    ]);
    // Bars for each stage with deals, and the pie has its slices.
    expect(await page.locator('.chart').nth(0).locator('rect[height]').count()).toBeGreaterThan(8);
    expect(await page.locator('.chart').nth(2).locator('path').count()).toBeGreaterThan(0);
    await page.getByRole('cell', { name: 'Open pipeline', exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(artifacts, 'playground-metrics.png') });
  });

  it('traces a figure to its deals: the IDs beside it are rows of the Opportunities tab', async () => {
    const rt = playground.runtime;
    const metrics = rt.read('Metrics');
    const open = metrics.find((line) => line[0] === 'Open pipeline');
    const ids = String(open?.[8]).split(', ');
    expect(ids).toHaveLength(Number(open?.[1]));
    const tracker = rt.read('Opportunities');
    const stageColumn = (tracker[0] ?? []).indexOf('Stage');
    for (const id of ids) {
      const row = tracker.find((line) => line[0] === id);
      expect(row?.[stageColumn], id).not.toMatch(/^(Won|Lost)$/);
    }
  });

  it('opens the Team tab in the sidebar: each seller, then the deals needing attention, then a row', async () => {
    await page.getByRole('button', { name: 'Extensions' }).click();
    await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
    await sidebar.getByRole('button', { name: 'Team' }).click();
    const ana = sidebar.locator('button.team-line[data-owner="ana@example.com"]');
    await ana.waitFor();
    expect(await sidebar.locator('button.team-line').count()).toBe(3);
    await ana.click();
    const firstDeal = sidebar.locator('.team-deals button.deal-line').first();
    await firstDeal.waitFor();
    const id = await firstDeal.getAttribute('data-deal-id');
    await page.screenshot({ path: path.join(artifacts, 'playground-team.png') });
    await firstDeal.click();
    const row = playground.runtime.read('Opportunities').findIndex((line) => line[0] === id) + 1;
    await expect
      .poll(() => page.getByTitle('Selected cell').textContent(), eventually)
      .toBe(`A${row}`);
  });

  it("shows the manager their team's overdue and stale deals in My day", async () => {
    await sidebar.getByRole('button', { name: 'My day' }).click();
    const summary = sidebar.getByRole('region', { name: 'Your team' });
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/\d+ overdue/);
    await sidebar.getByRole('button', { name: 'Open the Team tab' }).click();
    await sidebar.locator('button.team-line').first().waitFor();
  });
});

// Issue 22 in the sidebar: after Archive closed deals, a seller opens an archived deal by its ID and sees it read-only.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { type Browser, launchBrowser } from '../support/browser';
import { type SidebarServer, serveSidebar } from './serve-sidebar';
import { aDeal, d, pipeline, SidebarWorld } from './sidebar-world';

const artifacts = path.join(projectRoot, 'test-artifacts');
let browser: Browser;
let served: SidebarServer;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  browser = await launchBrowser();
  const old = aDeal({
    id: 'OPP-000090',
    name: 'Old fleet renewal',
    customer: 'Acme Logistics',
    stage: 'Won',
    amount: 48_000,
    created: d('2024-01-10'),
    stageEntered: d('2024-03-10'),
    closedOn: d('2024-03-10'),
  });
  const world = await SidebarWorld.create({ deals: [...pipeline('en'), old] });
  world.rt.open();
  world.rt.clickMenu('Archive closed deals');
  world.select(null);
  served = await serveSidebar(world);
}, 60_000);

afterAll(async () => {
  await served?.close();
  await browser?.close();
});

describe('an archived deal in the sidebar', () => {
  it('opens by its ID, read-only, with where it is now; an unknown ID says so', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(served.url);
    await page.locator('#archived-lookup summary').click();
    await page.fill('#archived-id', 'opp-000090');
    await page.click('#archived-lookup button[type=submit]');
    const card = page.locator('#archived-result section.archived');
    await card.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the test checks.
    const shown = await card.innerText();
    expect(shown).toContain('OPP-000090 · Old fleet renewal');
    expect(shown).toContain('Archived: read-only');
    expect(shown).toContain('Acme Logistics');
    expect(await card.locator('input, select, textarea, button').count()).toBe(0);
    await page.screenshot({
      path: path.join(artifacts, 'sidebar-archived-deal.png'),
      fullPage: true,
    });
    await page.fill('#archived-id', 'OPP-999999');
    await page.click('#archived-lookup button[type=submit]');
    await page.locator('#archived-result [role=alert]').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the test checks.
    expect(await page.locator('#archived-result').innerText()).toContain('no longer');
    expect(errors).toEqual([]);
    await page.close();
  });
});

// A seller's day in the sidebar, in Chromium at 300 px, against the real server in the runtime: every flow, every error code.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { type Browser, launchBrowser } from '../support/browser';
import { type SidebarServer, serveSidebar } from './serve-sidebar';
import { aDeal, d, SidebarWorld, type WorldOptions } from './sidebar-world';

const artifacts = path.join(projectRoot, 'test-artifacts');
let browser: Browser;
let served: SidebarServer;
let page: Page;
let pageErrors: string[] = [];
let dialogs: string[] = [];

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  browser = await launchBrowser();
  served = await serveSidebar(await SidebarWorld.create());
});

afterAll(async () => {
  await served?.close();
  await browser?.close();
});

afterEach(async () => {
  await page?.close();
  served.delayMs = 0;
  expect(pageErrors).toEqual([]);
  expect(dialogs).toEqual([]);
});

/** Opens the sidebar on a fresh spreadsheet with the user's cursor on `selected`. */
async function openSidebar(
  selected: string | null,
  options: WorldOptions = {},
): Promise<SidebarWorld> {
  return openSidebarOn(await SidebarWorld.create(options), selected);
}

async function openSidebarOn(world: SidebarWorld, selected: string | null): Promise<SidebarWorld> {
  if (world.rt.spreadsheet.sheetByName('Opportunities')) world.select(selected);
  served.world = world;
  pageErrors = [];
  dialogs = [];
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(served.url);
  await page.locator('nav.tabs, #app [role=alert]').first().waitFor();
  return world;
}

/** The deal under the user's cursor in the sheet, as the server's `selection` call reads it. */
function selectedId(world: SidebarWorld): string | null {
  const answer = world.rt.run('rpc', 'selection', {}) as { data: { id: string | null } };
  return answer.data.id;
}

/** Text as the user sees it: innerText keeps the line breaks between blocks that layout makes. */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the test checks.
const text = (selector: string) => page.locator(selector).innerText();
/** Runs an expression in the page (a string: the test's tsconfig has no DOM types). */
const inPage = <T>(expression: string) => page.evaluate(expression) as Promise<T>;
const dealName = () => text('#deal-name');
/** A full-page screenshot, or the viewport scrolled to `scrollTo` (the sticky tabs stay on top). */
async function shot(name: string, scrollTo?: string): Promise<void> {
  if (scrollTo) await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
  await page.screenshot({
    path: path.join(artifacts, `sidebar-${name}.png`),
    fullPage: scrollTo === undefined,
  });
}

async function noHorizontalScroll(): Promise<void> {
  const widths = await inPage<{ scroll: number; client: number }>(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  );
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

describe('the deal in the selected row', () => {
  it('shows stage, amount, close date, next action, stars and follow-up status', async () => {
    await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    expect(await text('.deal-head')).toContain('Qualified');
    const facts = await text('.facts');
    expect(facts).toContain('€48,000');
    expect(facts).toContain('12/15/2026');
    expect(await text('#deal-stars')).toBe('★★☆');
    expect(await page.locator('#next-what').inputValue()).toBe('Call Ana about the budget');
    expect(await page.locator('#next-date').inputValue()).toBe('11/20/2026');
    const followUp = await text('#follow-up');
    expect(followUp).toContain('Next action overdue by 3 d');
    expect(followUp).toContain('Very stale: 13 d in stage (target 7)');
    await noHorizontalScroll();
    await shot('deal');
  });

  it('follows the selection when the user moves, and loads a deal only when the id changes', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    world.select('OPP-000002');
    await expect.poll(dealName, { timeout: 6000 }).toBe('Warehouse sensors');
    const loads = world.callsOf('getDeal').length;
    await page.waitForTimeout(2800);
    expect(world.callsOf('selection').length).toBeGreaterThanOrEqual(3);
    expect(world.callsOf('getDeal').length).toBe(loads);
  });

  it('stops asking for the selection while the sidebar is hidden', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    await inPage(
      `Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
       document.dispatchEvent(new Event('visibilitychange'));`,
    );
    const polls = world.callsOf('selection').length;
    await page.waitForTimeout(3000);
    expect(world.callsOf('selection').length).toBe(polls);
  });

  it('keeps unsaved typing when another part saves, and does not follow the selection away from it', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    await page.getByLabel('What').fill('Call the CFO');
    await page.getByLabel('Pain identified').check();
    await expect.poll(() => text('#score-summary')).toBe('Score 70 of 100');
    expect(await page.getByLabel('What').inputValue()).toBe('Call the CFO');
    world.select('OPP-000002');
    await expect.poll(() => text('#status'), { timeout: 6000 }).toContain('save or refresh');
    expect(await dealName()).toBe('Fleet renewal');
    await page.getByLabel('What').press('Enter');
    await expect.poll(dealName, { timeout: 6000 }).toBe('Warehouse sensors');
    expect(world.deal('OPP-000001').nextAction).toBe('Call the CFO');
  });

  it('reloads the deal with the refresh button', async () => {
    const world = await openSidebar('OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    world.editAsSomeoneElse('OPP-000002', { name: 'Warehouse sensors (phase 2)' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(dealName).toBe('Warehouse sensors (phase 2)');
  });

  it('asks the user to select a row or create an opportunity when nothing is selected', async () => {
    await openSidebar(null);
    await expect
      .poll(() => text('#content'))
      .toContain('Select a row of the Opportunities tab, or create an opportunity.');
    await page.getByRole('button', { name: 'New opportunity' }).click();
    await page.getByLabel('Opportunity (required)').waitFor();
  });
});

describe('a seller working a deal', () => {
  it('moves a deal to Proposal and shows the new stage exit criteria', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    expect(await text('.exit-criteria')).toContain('Budget range confirmed');
    await page.getByRole('button', { name: 'Proposal', exact: true }).click();
    await expect.poll(() => text('#deal-stage')).toBe('Proposal');
    expect(await text('.exit-criteria')).toContain('Proposal walked through with the customer');
    expect(await text('#status')).toBe('Moved to Proposal.');
    expect(world.callsOf('moveStage')).toEqual([
      { id: 'OPP-000001', version: expect.any(String), to: 'Proposal' },
    ]);
    expect(world.deal('OPP-000001').stage).toBe('Proposal');
  });

  it('sets the next action, its date and goal; Enter submits', async () => {
    const world = await openSidebar('OPP-000003');
    await expect.poll(dealName).toBe('Pilot for 3 stores');
    expect(await text('#follow-up')).toContain('No next action');
    await page.getByLabel('What').fill('Visit the Gràcia store');
    await page.getByLabel('When').fill('2026-11-25');
    await page.getByLabel('Goal of that contact').fill('Agree the pilot scope');
    await page.getByLabel('Goal of that contact').press('Enter');
    await expect.poll(() => text('#follow-up')).toContain('Next action in 2 d');
    expect(world.deal('OPP-000003')).toMatchObject({
      nextAction: 'Visit the Gràcia store',
      nextActionDate: '2026-11-25',
      nextActionGoal: 'Agree the pilot scope',
    });
    // Focus comes back to where the user was, so the keyboard flow continues.
    expect(await inPage('document.activeElement?.id')).toBe('next-goal');
  });

  it('logs a call with its date and summary', async () => {
    const world = await openSidebar('OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    await page.getByLabel('Type').selectOption('call');
    await page.getByLabel('Summary').fill('Spoke to Marta: wants two quotes');
    await page.getByLabel('Summary').press('Enter');
    await expect.poll(() => text('#status')).toBe('Interaction logged.');
    expect(world.callsOf('logInteraction')).toEqual([
      {
        id: 'OPP-000002',
        version: expect.any(String),
        type: 'call',
        date: '2026-11-23',
        summary: 'Spoke to Marta: wants two quotes',
      },
    ]);
    expect(await text('#history-card summary')).toBe('History (1)');
  });

  it('refuses to log an interaction without a summary, without calling the server', async () => {
    const world = await openSidebar('OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    await page.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => text('.card [role=alert]')).toContain('Write a short summary');
    expect(world.callsOf('logInteraction')).toEqual([]);
  });

  it('ticks the scoring checklist and the stars follow', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    expect(await text('#deal-stars')).toBe('★★☆');
    await page.getByLabel('Timeline defined').check();
    await expect.poll(() => text('#score-summary')).toBe('Score 75 of 100');
    await page.getByLabel('Pain identified').check();
    await expect.poll(() => text('#deal-stars')).toBe('★★★');
    await page.getByLabel('Decision maker met').check();
    await expect.poll(() => world.deal('OPP-000001').decisionMakerMet).toBe(true);
    expect(world.callsOf('setChecklist').at(-1)).toEqual({
      id: 'OPP-000001',
      version: expect.any(String),
      checklist: { budget: true, authority: true, timeline: true, pain: true, fit: false },
      decisionMakerMet: true,
    });
    await shot('scoring');
  });

  it('loses a deal: asks for the reason, and Other demands a note', async () => {
    const world = await openSidebar('OPP-000004');
    await expect.poll(dealName).toBe('Annual support');
    await page.getByRole('button', { name: 'Lost', exact: true }).click();
    const panel = page.getByRole('group', { name: 'Why was it lost?' });
    await panel.getByRole('button', { name: 'Mark as lost' }).click();
    await expect.poll(() => text('.panel .failure-message')).toBe('Choose why the deal was lost.');
    await panel.getByLabel('Lost reason').selectOption('Other');
    expect(await text('label[for=lost-note]')).toBe('Note (required for this reason)');
    await panel.getByRole('button', { name: 'Mark as lost' }).click();
    await expect
      .poll(() => text('.panel .failure-message'))
      .toBe('This lost reason needs a note: say what happened.');
    await shot('lost-needs-note', '.panel');
    await panel.getByLabel('Note (required for this reason)').fill('Merged with their parent');
    await panel.getByRole('button', { name: 'Mark as lost' }).click();
    await expect.poll(() => text('#deal-stage')).toBe('Lost');
    expect(world.deal('OPP-000004')).toMatchObject({
      stage: 'Lost',
      lostReason: 'Other',
      lostNote: 'Merged with their parent',
      closedOn: '2026-11-23',
    });
    expect(await text('#follow-up')).toContain('Closed');
  });

  it('closes the Lost panel with Escape and gives focus back to the Lost button', async () => {
    await openSidebar('OPP-000004');
    await expect.poll(dealName).toBe('Annual support');
    await page.getByRole('button', { name: 'Lost', exact: true }).click();
    await page.getByLabel('Lost reason').press('Escape');
    expect(await page.locator('.panel').count()).toBe(0);
    expect(await inPage('document.activeElement?.textContent')).toBe('Lost');
  });

  it('asks for the amount and date to win a deal that has no amount, in plain words at the field (#5)', async () => {
    const world = await openSidebar('OPP-000007', {
      deals: [aDeal({ id: 'OPP-000007', name: 'Quick win', stage: 'Negotiation', amount: null })],
    });
    await expect.poll(dealName).toBe('Quick win');
    await page.getByRole('button', { name: 'Won', exact: true }).click();
    await page.getByRole('button', { name: 'Mark as won' }).click();
    const amountError = () => text('#won-amount-error');
    await expect.poll(amountError).toBe('A won deal needs an amount above 0.');
    await page.getByLabel('Amount won').fill('-5');
    await page.getByRole('button', { name: 'Mark as won' }).click();
    await expect.poll(amountError).toBe('Enter an amount of 0 or more.');
    await page.getByLabel('Amount won').fill('0');
    await page.getByRole('button', { name: 'Mark as won' }).click();
    await expect.poll(amountError).toBe('A won deal needs an amount above 0.');
    expect(await page.getByLabel('Amount won').getAttribute('aria-invalid')).toBe('true');
    await shot('won-amount-error', '.panel');
    expect(world.callsOf('moveStage')).toEqual([]);
    // The contract's upper bound refuses as BAD_REQUEST (checked before the trip with the
    // server's own schema), shown at the field, nothing sent.
    await page.getByLabel('Amount won').fill('1e13');
    await page.getByRole('button', { name: 'Mark as won' }).click();
    await expect.poll(amountError).toBe('Enter an amount from 0 to 1,000,000,000,000.');
    expect(world.callsOf('moveStage')).toEqual([]);
    expect(await inPage('document.activeElement?.id')).toBe('won-amount');
    await page.getByLabel('Amount won').fill('7200');
    await page.getByLabel('Closed on').fill('2026-11-22');
    await page.getByRole('button', { name: 'Mark as won' }).click();
    await expect.poll(() => text('#deal-stage')).toBe('Won');
    expect(world.deal('OPP-000007')).toMatchObject({ amount: 7200, closedOn: '2026-11-22' });
  });

  it('creates an opportunity and shows it on its new row', async () => {
    const world = await openSidebar(null);
    await page.getByRole('button', { name: '+ New' }).click();
    await page.getByLabel('Opportunity (required)').fill('Cold storage');
    await page.getByRole('button', { name: 'Create opportunity' }).click();
    await expect.poll(() => text('.new-deal [role=alert]')).toContain('name and a customer');
    await page.getByLabel('Customer (required)').fill('Frío Norte');
    await page.getByLabel('Amount').fill('15000');
    await page.getByLabel('Expected close').fill('2027-02-28');
    await page.getByLabel('Next action', { exact: true }).fill('Send the questionnaire');
    await page.getByLabel('Next action', { exact: true }).press('Enter');
    await expect.poll(dealName).toBe('Cold storage');
    expect(await text('.deal-head')).toContain('Row 8');
    expect(world.callsOf('createDeal')).toEqual([
      {
        name: 'Cold storage',
        customer: 'Frío Norte',
        amount: 15000,
        closeDate: '2027-02-28',
        nextAction: 'Send the questionnaire',
        nextActionDate: null,
        nextActionGoal: '',
      },
    ]);
    expect(selectedId(world)).toBe('OPP-000007');
  });
});

describe('My day and the weekly review', () => {
  it('lists overdue, due-today, stale and no-next-action deals; a click selects the row', async () => {
    const world = await openSidebar(null);
    await page.getByRole('button', { name: 'My day' }).click();
    await page.locator('.my-day').waitFor();
    expect(await text('.group-overdue')).toContain('Fleet renewal');
    expect(await text('.group-today')).toContain('Warehouse sensors');
    expect(await text('.group-stale')).toContain('Fleet renewal');
    expect(await text('.group-noNextAction')).toContain('Pilot for 3 stores');
    expect(await text('#content')).not.toContain('Bob’s deal');
    await noHorizontalScroll();
    await shot('my-day');
    await page
      .locator('.group-today')
      .getByRole('button', { name: /Warehouse sensors/ })
      .click();
    await expect.poll(dealName).toBe('Warehouse sensors');
    expect(world.callsOf('selectDeal')).toEqual([{ id: 'OPP-000002' }]);
    expect(selectedId(world)).toBe('OPP-000002');
  });

  it('walks the review by close date then amount, flags stuck deals, and sums up', async () => {
    const world = await openSidebar(null, {
      reviews: [
        { id: 'OPP-000004', on: '2026-11-09' },
        { id: 'OPP-000004', on: '2026-11-16' },
      ],
    });
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Start review' }).click();
    await expect.poll(() => text('#review-progress')).toBe('Deal 1 of 4');
    expect(await text('#review-deal-name')).toBe('Warehouse sensors'); // closes 30 Nov
    await page.getByRole('button', { name: 'Confirm and next' }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Annual support'); // 1 Dec
    expect(await text('.flag')).toContain('decide: push, re-qualify or lose');
    await noHorizontalScroll();
    await shot('review-flagged');
    await page.getByRole('button', { name: 'Confirm and next' }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Fleet renewal'); // 15 Dec
    await page.getByLabel('When').fill('2026-11-24');
    await page.getByLabel('Close date').fill('2027-01-15');
    await page.getByRole('button', { name: 'Confirm and next' }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Pilot for 3 stores');
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.locator('.review-summary').waitFor();
    const summary = await text('.review-summary');
    expect(summary).toMatch(/Reviewed\s+3 \/ 4/);
    expect(summary).toMatch(/Updated\s+1/);
    expect(summary).toMatch(/Flagged\s+1/);
    expect(summary).toContain('€82,500');
    expect(summary).toContain('Annual support');
    expect(world.deal('OPP-000001')).toMatchObject({
      closeDate: '2027-01-15',
      closePushes: 1,
      lastReviewed: '2026-11-23',
    });
    await shot('review-summary');
  });
});

describe('errors a user can act on', () => {
  it('shows what someone else changed, and "Keep theirs" shows their version', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    world.editAsSomeoneElse('OPP-000001', { nextAction: 'Email the CFO', amount: 50_000 });
    await page.getByLabel('What').fill('Call the CFO');
    await page.getByRole('button', { name: 'Save next action' }).click();
    await page.locator('.failure-conflict').waitFor();
    const diff = await text('.failure-conflict');
    expect(diff).toContain('Someone changed this deal since you opened it.');
    expect(diff).toMatch(/Next action\s+You saw: Call Ana about the budget\s+Now: Email the CFO/);
    expect(diff).toMatch(/Amount\s+You saw: €48,000\s+Now: €50,000/);
    await noHorizontalScroll();
    await shot('conflict', '.failure-conflict');
    await page.getByRole('button', { name: 'Keep theirs' }).click();
    await expect.poll(() => page.locator('#next-what').inputValue()).toBe('Email the CFO');
    expect(await text('.facts')).toContain('€50,000');
    expect(world.deal('OPP-000001').nextAction).toBe('Email the CFO');
  });

  it('"Apply mine again" resends the change with the new version', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    world.editAsSomeoneElse('OPP-000001', { amount: 50_000 });
    await page.getByLabel('What').fill('Call the CFO');
    await page.getByRole('button', { name: 'Save next action' }).click();
    await page.getByRole('button', { name: 'Apply mine again' }).click();
    await expect.poll(() => world.deal('OPP-000001').nextAction).toBe('Call the CFO');
    const versions = world.callsOf('setNextAction').map((p) => (p as { version: string }).version);
    expect(versions).toHaveLength(2);
    expect(versions[1]).not.toBe(versions[0]);
  });

  it('says someone else is saving and retries on request', async () => {
    const world = await openSidebar('OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    world.lockTakenForOneWrite();
    await page.getByRole('button', { name: 'Negotiation', exact: true }).click();
    await expect
      .poll(() => text('[data-code=BUSY]'))
      .toContain('Someone else is saving, try again.');
    expect(world.deal('OPP-000002').stage).toBe('Proposal');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => text('#deal-stage')).toBe('Negotiation');
  });

  it('turns a server exception into a message with a retry', async () => {
    const world = await openSidebar('OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    world.crashFor(1);
    await page.getByLabel('Pain identified').check();
    await expect.poll(() => text('[data-code=INTERNAL]')).toContain('Something went wrong');
    expect(await text('[data-code=INTERNAL]')).toContain('timed out');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => world.deal('OPP-000002').pain).toBe(true);
  });

  it('treats an answer that breaks the contract as an internal error, not as data', async () => {
    const world = await SidebarWorld.create();
    world.tamper = (method, result) =>
      method === 'getDeal' && result.ok
        ? { ok: true, data: { ...(result.data as object), version: 42 } }
        : result;
    await openSidebarOn(world, 'OPP-000001');
    await expect.poll(() => text('#notice')).toContain('did not match the contract');
    expect(await text('#notice')).toContain('version');
    expect(await page.locator('#deal-name').count()).toBe(0);
  });

  it('tells the user to set up the tracker when it is not set up', async () => {
    await openSidebar(null, { setUp: false });
    await expect
      .poll(() => text('#app'))
      .toContain('Set up the tracker from Extensions > Opportunity Tracker > Set up tracker.');
  });

  it('says so when the selected deal is no longer in the sheet', async () => {
    const world = await openSidebar('OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    world.deleteRow('OPP-000002');
    world.select(null);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => text('#notice')).toContain('no longer in the sheet');
  });

  it('shows a loading state while the server is slow', async () => {
    served.delayMs = 600;
    await openSidebar('OPP-000002');
    await expect.poll(() => text('#content')).toContain('Loading…');
    await expect.poll(dealName, { timeout: 5000 }).toBe('Warehouse sensors');
  });
});

describe('safety and language', () => {
  it('never parses text from the data as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    await openSidebar('OPP-000009', {
      deals: [
        aDeal({
          id: 'OPP-000009',
          name: evil,
          customer: '<b>Bold</b> & Co',
          nextAction: '<script>alert(2)</script>',
          nextActionDate: d('2026-11-23'),
        }),
      ],
    });
    await expect.poll(dealName).toBe(evil);
    expect(await text('.deal-head')).toContain('<b>Bold</b> & Co');
    expect(await page.locator('#content img, #content b, #content script').count()).toBe(0);
    await page.getByRole('button', { name: 'My day' }).click();
    await expect.poll(() => text('.group-today')).toContain(evil);
    expect(await page.locator('#content img').count()).toBe(0);
    await page.waitForTimeout(300);
    // afterEach checks that no alert() dialog opened and no script error happened.
  });

  it('speaks Spanish and writes dates and amounts the Spanish way', async () => {
    await openSidebar('OPP-000001', { locale: 'es_ES' });
    await expect.poll(dealName).toBe('Fleet renewal');
    expect(await text('.deal-head')).toContain('Calificado');
    const facts = await text('.facts');
    expect(facts).toContain('15/12/2026');
    expect(facts).toMatch(/48\.000\s€/);
    expect(await text('nav.tabs')).toContain('Mi día');
    expect(await inPage('document.documentElement.lang')).toBe('es');
    await noHorizontalScroll();
    await shot('deal-es');
  });
});

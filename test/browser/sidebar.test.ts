// A seller's day in the sidebar, in Chromium at 300 px, against the real server in the runtime: every flow, every error code.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { type Browser, launchBrowser } from '../support/browser';
import { type SidebarServer, serveSidebar } from './serve-sidebar';
import { aDeal, d, pipeline, SidebarWorld, today, type WorldOptions } from './sidebar-world';

const artifacts = path.join(projectRoot, 'test-artifacts');
/** A flow of a dozen saves takes ~3 s here; on a loaded shared machine it needs more room. */
const longFlowMs = 60_000;
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
  // Every timer the page arms is recorded, and runs window.timerScale times as long (1: as is).
  await page.addInitScript(`
    window.timers = [];
    window.timerScale = 1;
    const arm = window.setTimeout.bind(window);
    window.setTimeout = (run, ms = 0, ...rest) => {
      window.timers.push(ms);
      return arm(run, ms * window.timerScale, ...rest);
    };
  `);
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

/** The toasts at the bottom, one per answer, as the user reads them. */
async function toasts(): Promise<string[]> {
  const texts = await page
    .locator('#status .toast:not(.toast-progress) .toast-text')
    .allInnerTexts();
  return texts.map((line) => line.trim());
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
    await expect.poll(() => text('#lost-reason-error')).toBe('Choose why the deal was lost.');
    // Said once, at the field, and nothing was sent.
    expect(await page.getByText('Choose why the deal was lost.').count()).toBe(1);
    expect(await toasts()).toEqual([]);
    expect(world.callsOf('moveStage')).toEqual([]);
    await panel.getByLabel('Lost reason').selectOption('Other');
    expect(await text('label[for=lost-note]')).toBe('Note (required for this reason)');
    await panel.getByRole('button', { name: 'Mark as lost' }).click();
    await expect
      .poll(() => text('#lost-note-error'))
      .toBe('This lost reason needs a note: say what happened.');
    expect(await page.getByText('This lost reason needs a note').count()).toBe(1);
    expect(world.callsOf('moveStage')).toEqual([]);
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
  it('lists each deal once under its most urgent reason, the others as tags, with a legend; a click selects the row', async () => {
    const world = await openSidebar(null, {
      deals: [
        ...pipeline(),
        aDeal({
          id: 'OPP-000008',
          name: 'Late forecast',
          stage: 'Proposal',
          closeDate: d('2026-11-12'),
          stageEntered: d('2026-11-20'),
        }),
      ],
    });
    await page.getByRole('button', { name: 'My day' }).click();
    await page.locator('.my-day').waitFor();
    const group = async (reason: string) =>
      page
        .locator(`.group-${reason} .deal-line`)
        .evaluateAll((lines) =>
          lines.map((line) =>
            [
              line.querySelector('.line-name')?.textContent,
              line.querySelector('.tags')?.textContent ?? '',
              line.className,
            ].join(' | '),
          ),
        );
    expect(await group('overdue')).toEqual(['Fleet renewal | Also: stale | deal-line mood-late']);
    expect(await group('dueToday')).toEqual(['Warehouse sensors |  | deal-line mood-soon']);
    expect(await group('closeDatePassed')).toEqual([
      'Late forecast | Also: no next action | deal-line mood-late',
    ]);
    expect(await group('noNextAction')).toEqual(['Pilot for 3 stores |  | deal-line mood-none']);
    // Four deals, four lines: none twice; an empty group is not shown.
    expect(await page.locator('.my-day .deal-line').count()).toBe(4);
    expect(await page.locator('.group-stale').count()).toBe(0);
    expect(await text('#my-day-count')).toBe('To act on today: 4');
    expect(await text('#my-day-legend')).toMatch(/late\s+due today or stale\s+no next action/);
    expect(await text('#content')).not.toContain('Bob’s deal');
    await noHorizontalScroll();
    await shot('my-day');
    await page
      .locator('.group-dueToday')
      .getByRole('button', { name: /Warehouse sensors/ })
      .click();
    await expect.poll(dealName).toBe('Warehouse sensors');
    // With the row the list showed: the server reads it first instead of searching.
    expect(world.callsOf('selectDeal')).toEqual([{ id: 'OPP-000002', row: 3 }]);
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
    expect(await toasts()).toEqual(['Not saved: Someone changed this deal since you opened it.']);
    const diff = await text('.failure-conflict');
    expect(diff).toContain('What changed since you opened it:');
    expect(diff).toMatch(/Next action\s+You saw: Call Ana about the budget\s+Now: Email the CFO/);
    expect(diff).toMatch(/Amount\s+You saw: €48,000\s+Now: €50,000/);
    await noHorizontalScroll();
    await shot('conflict', '.failure-conflict');
    await page.getByRole('button', { name: 'Keep theirs' }).click();
    await expect.poll(() => page.locator('#next-what').inputValue()).toBe('Email the CFO');
    expect(await text('.facts')).toContain('€50,000');
    expect(world.deal('OPP-000001').nextAction).toBe('Email the CFO');
  });

  it('shows a change someone else saved on the deal on screen at the next poll, when nothing is typed', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    world.editAsSomeoneElse('OPP-000001', { nextAction: 'Email the CFO' });
    // The poll's answer carries the row's version: a new one brings the deal again.
    await expect
      .poll(() => page.locator('#next-what').inputValue(), { timeout: 8_000 })
      .toBe('Email the CFO');
    expect(world.callsOf('getDeal').at(-1)).toEqual({ id: 'OPP-000001', row: 2 });
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
    await expect.poll(toasts).toEqual(['Not saved: Someone else is saving, try again.']);
    expect(world.deal('OPP-000002').stage).toBe('Proposal');
    // The choice takes focus: Enter retries.
    expect(await inPage('document.activeElement?.textContent')).toBe('Try again');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => text('#deal-stage')).toBe('Negotiation');
  });

  it('turns a server exception into a message with a retry', async () => {
    const world = await openSidebar('OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    world.crashFor(1);
    await page.getByLabel('Pain identified').check();
    await expect
      .poll(toasts)
      .toEqual([
        'Not saved: Something went wrong: Service Spreadsheets timed out while accessing document.',
      ]);
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
    await expect.poll(() => text('.group-dueToday')).toContain(evil);
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

// ---- Issue 14: the sidebar a seller keeps open all day -----------------------------------------

/** True when the element's box is inside the window (the user sees it without scrolling). */
async function inViewport(selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.height > 0 && box.y >= 0 && box.y + box.height <= height;
}

/** Presses Tab until the focused element matches `selector` (the keyboard alone reaches it). */
async function tabTo(selector: string, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (
      await inPage<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The serious and critical accessibility problems axe-core finds in the page as it is now. */
async function seriousAxeViolations(): Promise<string[]> {
  if (!(await inPage<boolean>('typeof window.axe === "object"')))
    await page.addScriptTag({ path: path.join(projectRoot, 'node_modules/axe-core/axe.min.js') });
  const violations = await inPage<Array<{ id: string; impact: string; nodes: unknown[] }>>(
    'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })))',
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${JSON.stringify(v.nodes)}`);
}

describe('feedback where the eye is (#1)', () => {
  it('confirms a save by the user, keeps the deal in view while scrolling, and an error replaces the confirmation', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    await page.getByLabel('What').fill('Call the CFO');
    await page.getByRole('button', { name: 'Save next action' }).click();
    await expect.poll(() => text('#status')).toBe('Next action saved.');
    expect(await inViewport('#status')).toBe(true);
    // The pane scrolled down to the log form: the deal's name, stage and next action stay.
    await page.locator('#log-summary').scrollIntoViewIfNeeded();
    expect(await inViewport('#deal-name')).toBe(true);
    expect(await inViewport('#deal-stage')).toBe(true);
    expect(await text('#head-next')).toContain('Call the CFO');
    await shot('saved-toast', '#log-summary');
    await page.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => text('#log-summary-error')).toContain('Write a short summary');
    expect(await text('#status')).not.toContain('saved');
    expect(await page.locator('#log-summary').getAttribute('aria-invalid')).toBe('true');
    // The next action clears the error.
    await page.getByLabel('Summary').fill('Spoke to the CFO');
    await page.getByLabel('Summary').press('Enter');
    await expect.poll(() => text('#status')).toBe('Interaction logged.');
    expect(await page.locator('#log-summary-error').count()).toBe(0);
    expect(world.deal('OPP-000001').nextAction).toBe('Call the CFO');
  });
});

describe('the weekly review (#2)', () => {
  it('does not flag deals reviewed twice in the same week', async () => {
    await openSidebar(null);
    for (let run = 0; run < 2; run += 1) {
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      await page.getByRole('button', { name: run === 0 ? 'Start review' : 'Review again' }).click();
      if (run === 1) await page.getByRole('button', { name: 'Start review' }).click();
      await expect.poll(() => text('#review-progress')).toBe('Deal 1 of 4');
      expect(await page.locator('.flag').count()).toBe(0);
      await page.getByRole('button', { name: 'Confirm and next' }).click();
      await expect.poll(() => text('#review-progress')).toBe('Deal 2 of 4');
      await page.getByRole('button', { name: 'Confirm and next' }).click();
      await expect.poll(() => text('#review-progress')).toBe('Deal 3 of 4');
      await page.getByRole('button', { name: 'End review' }).click();
      await page.locator('.review-summary').waitFor();
      expect(await text('.review-summary')).toMatch(/Flagged\s+0/);
    }
    expect(await text('.review-summary')).toMatch(/Confirmed\s+2/);
  });

  it('moves, wins and loses inside the review; a passed close date is updated or kept on purpose', {
    timeout: longFlowMs,
  }, async () => {
    const world = await openSidebar(null, {
      deals: [
        aDeal({
          id: 'OPP-000011',
          name: 'Late forecast',
          stage: 'Proposal',
          closeDate: d('2026-11-10'),
          nextAction: 'Chase',
          nextActionDate: d('2026-11-25'),
        }),
        aDeal({
          id: 'OPP-000012',
          name: 'Ready to sign',
          stage: 'Negotiation',
          amount: 8_000,
          closeDate: d('2026-11-28'),
        }),
        aDeal({
          id: 'OPP-000013',
          name: 'Gone quiet',
          stage: 'Qualified',
          closeDate: d('2026-12-05'),
        }),
        aDeal({ id: 'OPP-000014', name: 'Early days', stage: 'New', closeDate: d('2026-12-20') }),
      ],
    });
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByRole('button', { name: 'Start review' }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Late forecast');
    expect(await text('#review-close-error')).toBe(
      'The close date has passed: set a new one, or keep it.',
    );
    await shot('review-close-passed');
    // Never clickable-then-refused: Confirm waits for a new date or a Keep.
    const confirm = page.getByRole('button', { name: 'Confirm and next' });
    expect(await confirm.isDisabled()).toBe(true);
    expect(await text('#review-confirm-hint')).toBe(
      'To confirm, set a new close date or tick Keep.',
    );
    await page.getByLabel('Keep this past date').check();
    expect(await confirm.isEnabled()).toBe(true);
    expect(await page.locator('#review-confirm-hint').isVisible()).toBe(false);
    await page.getByLabel('Keep this past date').uncheck();
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('Close date').fill('11/20/2026');
    // Another past date: asked again, still disabled.
    expect(await confirm.isDisabled()).toBe(true);
    expect(await page.getByLabel('Keep this past date').count()).toBe(1);
    expect(world.callsOf('reviewDeal')).toEqual([]);
    await page.getByLabel('Close date').fill('12/18/2026');
    expect(await confirm.isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Confirm and next' }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Ready to sign');
    expect(world.deal('OPP-000011').closeDate).toBe('2026-12-18');
    await page.getByRole('button', { name: 'Won', exact: true }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Gone quiet');
    expect(world.deal('OPP-000012')).toMatchObject({ stage: 'Won', closedOn: today });
    // Undone from its toast, the deal comes back to its step, as before the move.
    await page.locator('#status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Ready to sign');
    expect(world.deal('OPP-000012')).toMatchObject({ stage: 'Negotiation', closedOn: null });
    await page.getByRole('button', { name: 'Won', exact: true }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Gone quiet');
    await page.getByRole('button', { name: 'Lost', exact: true }).click();
    await page.getByLabel('Lost reason').selectOption('No response');
    await page.getByRole('button', { name: 'Mark as lost' }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Early days');
    await page.getByRole('button', { name: 'Qualified', exact: true }).click();
    await expect.poll(() => text('#review-next-what')).toBe('');
    await page.getByLabel('What').fill('Book the discovery call');
    await page.getByLabel('When').fill('11/26/2026');
    await page.getByRole('button', { name: 'Confirm and next' }).click();
    await page.locator('.review-summary').waitFor();
    const summary = await text('.review-summary');
    expect(summary).toMatch(/Reviewed\s+4 \/ 4/);
    expect(summary).toMatch(/Updated\s+1/);
    expect(summary).toMatch(/Moved\s+2/);
    expect(summary).toMatch(/Lost\s+1/);
    expect(world.deal('OPP-000013')).toMatchObject({ stage: 'Lost', lostReason: 'No response' });
    expect(world.deal('OPP-000014')).toMatchObject({
      stage: 'Qualified',
      nextAction: 'Book the discovery call',
      lastReviewed: today,
    });
    await shot('review-summary-moves');
  });

  it('keeps a passed close date only when the seller ticks Keep, and says so to the server', async () => {
    const world = await openSidebar(null, {
      deals: [aDeal({ id: 'OPP-000021', name: 'Slipped', closeDate: d('2026-11-02') })],
    });
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByRole('button', { name: 'Start review' }).click();
    await expect.poll(() => text('#review-deal-name')).toBe('Slipped');
    await page.getByLabel('Keep this past date').check();
    await page.getByRole('button', { name: 'Confirm and next' }).click();
    await page.locator('.review-summary').waitFor();
    expect(world.callsOf('reviewDeal')).toEqual([
      expect.objectContaining({ closeDate: '2026-11-02', confirmPast: true }),
    ]);
  });
});

describe('set up and language (#3, #7)', () => {
  it('opens by itself once Set up tracker has run, without a click', async () => {
    const world = await openSidebar(null, { setUp: false });
    await expect.poll(() => text('#app')).toContain('The tracker is not set up yet');
    world.rt.run('setUpTracker');
    await expect.poll(() => page.locator('nav.tabs').count(), { timeout: 8000 }).toBe(1);
    await expect.poll(() => text('#content')).toContain('Select a row of the Opportunities tab');
  });

  it('starts again in the new language when Settings change (settingsStamp), and shows every date the file’s way', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    // Dates one way, the en_US file's: 12/15/2026 in the facts, the date inputs, the header, the history.
    expect(await text('.facts')).toContain('12/15/2026');
    expect(await page.locator('#next-date').inputValue()).toBe('11/20/2026');
    expect(await text('#head-next')).toContain('11/20/2026');
    expect(await page.locator('input[type=date]').count()).toBe(0);
    expect(await text('#content')).not.toMatch(/\b(Nov|Dec) 20\d\d\b/);
    // The server's selection answer carries a stamp of Settings (the lead's change); a new one
    // means Settings changed: here the language, which the server reads at bootstrap.
    let stamp = 'settings-1';
    world.tamper = (method, result) =>
      method === 'selection' && result.ok
        ? { ok: true, data: { ...(result.data as object), settingsStamp: stamp } }
        : result;
    await page.waitForTimeout(3000);
    expect(await text('nav.tabs')).toContain('My day');
    world.rt.properties.document().set('settings.language', 'es');
    stamp = 'settings-2';
    await expect.poll(() => text('nav.tabs'), { timeout: 8000 }).toContain('Mi día');
    await expect.poll(dealName).toBe('Fleet renewal');
    expect(await text('#next-title')).toBe('Próxima acción');
    // Still the file's (en_US) dates: the language is not the locale.
    expect(await page.locator('#next-date').inputValue()).toBe('11/20/2026');
    await shot('language-switched');
  });
});

describe('data quality at the field (#4, #8)', () => {
  it('asks to keep a past next-action date, needs What with a date, and sends the confirmation', async () => {
    const world = await openSidebar('OPP-000003');
    await expect.poll(dealName).toBe('Pilot for 3 stores');
    await page.getByLabel('When').fill('2/2/2020');
    await page.getByRole('button', { name: 'Save next action' }).click();
    await expect
      .poll(() => text('#next-what-error'))
      .toBe('Say what the next action is, or clear its date.');
    await page.getByLabel('What').fill('Visit the store');
    await page.getByRole('button', { name: 'Save next action' }).click();
    await expect.poll(() => text('#next-date-error')).toBe('This date has passed.');
    expect(await inPage('document.activeElement?.id')).toBe('next-date-keep');
    await shot('past-date', '#next-date');
    expect(world.callsOf('setNextAction')).toEqual([]);
    await page.getByLabel('Keep this past date').check();
    await page.getByRole('button', { name: 'Save next action' }).click();
    await expect.poll(() => text('#status')).toBe('Next action saved.');
    expect(world.callsOf('setNextAction')).toEqual([
      expect.objectContaining({
        nextAction: 'Visit the store',
        nextActionDate: '2020-02-02',
        confirmPast: true,
      }),
    ]);
    // A date that is not a date says how to type one.
    await page.getByLabel('When').fill('31/31/2026');
    await page.getByRole('button', { name: 'Save next action' }).click();
    await expect.poll(() => text('#next-date-error')).toBe('Enter a date like 12/31/2026.');
  });

  it('warns about a new deal closing in the past before creating it', async () => {
    const world = await openSidebar(null);
    await page.getByRole('button', { name: '+ New' }).click();
    await page.getByLabel('Opportunity (required)').fill('Old lead');
    await page.getByLabel('Customer (required)').fill('Archivos SA');
    await page.getByLabel('Expected close').fill('1/1/2020');
    await page.getByRole('button', { name: 'Create opportunity' }).click();
    await expect.poll(() => text('#new-close-error')).toBe('This date has passed.');
    expect(world.callsOf('createDeal')).toEqual([]);
    await page.getByLabel('Keep this past date').check();
    await page.getByRole('button', { name: 'Create opportunity' }).click();
    await expect.poll(dealName).toBe('Old lead');
    expect(world.callsOf('createDeal')).toEqual([
      expect.objectContaining({ closeDate: '2020-01-01', confirmPast: true }),
    ]);
  });

  it('counts characters against the limit and refuses an over-long note instead of cutting it', async () => {
    const world = await openSidebar('OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    expect(await text('#log-summary-count')).toBe('0 / 2,000 characters');
    const long = 'x'.repeat(5000);
    await page.getByLabel('Summary').fill(long);
    expect(await text('#log-summary-count')).toBe('5,000 / 2,000 characters');
    await page.getByRole('button', { name: 'Log it' }).click();
    await expect
      .poll(() => text('#log-summary-error'))
      .toBe('Too long: 5,000 characters, the limit is 2,000.');
    expect((await page.getByLabel('Summary').inputValue()).length).toBe(5000);
    expect(world.callsOf('logInteraction')).toEqual([]);
    await shot('too-long', '#log-summary');
  });
});

describe('My day, clicks and keys', () => {
  it('does not redraw the deal already on screen when it is chosen again in My day (#10)', async () => {
    await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    await page.getByRole('button', { name: 'My day' }).click();
    served.delayMs = 500;
    await page.locator('.deal-line[data-deal-id=OPP-000001]').first().click();
    await page.getByRole('button', { name: 'Lost', exact: true }).click();
    await page.getByLabel('Lost reason').selectOption('Price');
    await page.waitForTimeout(1500);
    expect(await page.locator('.panel').count()).toBe(1);
    expect(await page.getByLabel('Lost reason').inputValue()).toBe('Price');
  });

  it('runs the daily loop from My day in 3 clicks per deal, each toast saying what was saved, and the sheet agrees', {
    timeout: longFlowMs,
  }, async () => {
    const world = await openSidebar(null);
    let clicks = 0;
    const click = async (locator: ReturnType<Page['locator']>) => {
      clicks += 1;
      await locator.click();
    };
    // Typing goes where the cursor is: a deal opened from My day puts it in its next action.
    const typeNext = async (what: string, when: string) => {
      expect(await inPage('document.activeElement?.id')).toBe('next-what');
      await page.keyboard.type(what);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(when);
    };
    await page.getByRole('button', { name: 'My day' }).click();
    await page.locator('.my-day').waitFor();
    const loop = [
      {
        id: 'OPP-000001',
        open: () => click(page.locator('.deal-line[data-deal-id=OPP-000001]')),
        next: 'Send the budget proposal',
        when: '11/25/2026',
        save: 'Mark done + save next',
        toast:
          'Logged “Call Ana about the budget” as done (call). Next action: Send the budget proposal, 11/25/2026.',
        stage: 'Proposal',
      },
      {
        id: 'OPP-000002',
        open: () => click(page.getByRole('button', { name: /^Next in My day: Warehouse sensors/ })),
        next: 'Call to walk through the proposal',
        when: '11/26/2026',
        save: 'Mark done + save next',
        toast:
          'Logged “Send the revised proposal” as done (email). Next action: Call to walk through the proposal, 11/26/2026.',
        stage: 'Negotiation',
      },
      {
        id: 'OPP-000003',
        open: () =>
          click(page.getByRole('button', { name: /^Next in My day: Pilot for 3 stores/ })),
        next: 'Book the discovery call',
        when: '11/24/2026',
        save: 'Save next action',
        toast: 'Next action saved.',
        stage: 'Qualified',
      },
    ];
    const perDeal: number[] = [];
    for (const step of loop) {
      clicks = 0;
      await step.open();
      await expect.poll(() => page.locator(`[data-deal-id=${step.id}] #deal-name`).count()).toBe(1);
      await expect.poll(() => inPage('document.activeElement?.id')).toBe('next-what');
      await typeNext(step.next, step.when);
      await click(page.getByRole('button', { name: step.save }));
      await expect.poll(toasts).toEqual([step.toast]);
      await click(page.getByRole('button', { name: step.stage, exact: true }));
      await expect.poll(toasts).toEqual([`Moved to ${step.stage}.`]);
      await expect.poll(() => text('#deal-stage')).toBe(step.stage);
      perDeal.push(clicks);
    }
    expect(perDeal).toEqual([3, 3, 3]);
    // The sheet says what the toasts said: each deal's next action, stage, and the done action
    // logged with its own kind, its old goal gone.
    expect(world.deal('OPP-000001')).toMatchObject({
      stage: 'Proposal',
      nextAction: 'Send the budget proposal',
      nextActionDate: '2026-11-25',
      nextActionGoal: '',
      lastContact: '2026-11-23',
      contactType: 'call',
    });
    expect(world.deal('OPP-000002')).toMatchObject({
      stage: 'Negotiation',
      nextAction: 'Call to walk through the proposal',
      nextActionDate: '2026-11-26',
      contactType: 'email',
    });
    expect(world.deal('OPP-000003')).toMatchObject({
      stage: 'Qualified',
      nextAction: 'Book the discovery call',
      nextActionDate: '2026-11-24',
    });
    expect(world.historyOf('OPP-000001').slice(-2)).toEqual([
      expect.objectContaining({ field: 'interaction', new: 'call: Call Ana about the budget' }),
      expect.objectContaining({ field: 'stage', old: 'Qualified', new: 'Proposal' }),
    ]);
    expect(world.historyOf('OPP-000002').slice(-2)).toEqual([
      expect.objectContaining({ field: 'interaction', new: 'email: Send the revised proposal' }),
      expect.objectContaining({ field: 'stage', old: 'Proposal', new: 'Negotiation' }),
    ]);
    // Back in My day, nothing is left overdue, due today or without a next action.
    await page.getByRole('button', { name: 'My day' }).click();
    await expect.poll(() => text('#content')).toContain('Nothing needs you today.');
    expect(await page.locator('.my-day .deal-line').count()).toBe(0);
  });

  it('works from the keyboard alone: My day, a deal, Mark done with the next action, a stage, Won undone with Ctrl+Z', async () => {
    const world = await openSidebar(null);
    await tabTo('#tab-myDay');
    await page.keyboard.press('Enter');
    await page.locator('.my-day').waitFor();
    await tabTo('.group-dueToday .deal-line');
    await page.keyboard.press('Enter');
    await expect.poll(dealName).toBe('Warehouse sensors');
    // The cursor is in the next action, its text selected: typing replaces it.
    await expect.poll(() => inPage('document.activeElement?.id')).toBe('next-what');
    await page.keyboard.type('Call Marta');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('11/24/2026');
    await tabTo('#next-done');
    await page.keyboard.press('Enter');
    await expect
      .poll(toasts)
      .toEqual([
        'Logged “Send the revised proposal” as done (email). Next action: Call Marta, 11/24/2026.',
      ]);
    await tabTo('#log-summary');
    await page.keyboard.type('Marta wants two quotes');
    await page.keyboard.press('Enter');
    await expect.poll(toasts).toEqual(['Interaction logged.']);
    await page.keyboard.press('Shift+Tab');
    await tabTo('#stage-3');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('#deal-stage')).toBe('Negotiation');
    await tabTo('#stage-4');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('#deal-stage')).toBe('Won');
    await page.keyboard.press('Control+z');
    await expect.poll(() => text('#deal-stage')).toBe('Negotiation');
    expect(await inPage('document.activeElement?.id')).toBe('stage-4');
    expect(world.deal('OPP-000002')).toMatchObject({
      nextAction: 'Call Marta',
      nextActionDate: '2026-11-24',
      lastContactSummary: 'Marta wants two quotes',
      stage: 'Negotiation',
      closedOn: null,
    });
  });
});

describe('the daily loop says what it saved (issue 26)', () => {
  const overdueMeeting = aDeal({
    id: 'OPP-000031',
    name: 'Board pack',
    customer: 'Gamma',
    stage: 'Proposal',
    amount: 20_000,
    closeDate: d('2026-12-20'),
    stageEntered: d('2026-11-20'),
    nextAction: 'Meeting with the CFO',
    nextActionDate: d('2026-11-07'),
    nextActionGoal: 'Budget range',
  });

  it('marks done with the fields as they are: logs it by its own kind, never re-saves it, and asks for the next one', async () => {
    const world = await openSidebar('OPP-000031', { deals: [overdueMeeting] });
    await expect.poll(dealName).toBe('Board pack');
    // The kind comes from the action's words, beside the button; the log form's dropdown is not read.
    expect(await page.locator('#next-done-type').inputValue()).toBe('meeting');
    await page.locator('#log-type').selectOption('demo');
    await page.getByRole('button', { name: 'Mark done + save next' }).click();
    await expect
      .poll(toasts)
      .toEqual([
        'Logged “Meeting with the CFO” as done (meeting). The deal now has no next action: type the next one and its date.',
      ]);
    expect(await inPage('document.activeElement?.id')).toBe('next-what');
    expect(await text('#head-next')).toBe('No next action');
    expect(world.deal('OPP-000031')).toMatchObject({
      nextAction: '',
      nextActionDate: null,
      nextActionGoal: '',
      contactType: 'meeting',
      lastContactSummary: 'Meeting with the CFO',
    });
    expect(world.historyOf('OPP-000031').at(-1)).toMatchObject({
      field: 'interaction',
      new: 'meeting: Meeting with the CFO',
    });
    await shot('done-no-next', '#next-what');
    // With no next action there is nothing to mark done; My day lists it there, once.
    expect(await page.locator('#next-done').count()).toBe(0);
    await page.getByRole('button', { name: 'My day' }).click();
    await expect.poll(() => text('.my-day')).toContain('No next action');
    expect(await page.locator('.group-noNextAction .deal-line').count()).toBe(1);
    expect(await page.locator('.group-overdue').count()).toBe(0);
  });

  it('logs the kind the seller picks, keeps a goal typed for the new action, and asks to keep its past date', async () => {
    const world = await openSidebar('OPP-000031', { deals: [overdueMeeting] });
    await expect.poll(dealName).toBe('Board pack');
    await page.locator('#next-done-type').selectOption('visit');
    await page.getByLabel('What', { exact: true }).fill('Send the minutes');
    await page.getByRole('button', { name: 'Mark done + save next' }).click();
    // A new action on the old overdue date is a past date set now.
    await expect.poll(() => text('#next-date-error')).toBe('This date has passed.');
    expect(world.callsOf('markDone')).toEqual([]);
    await page.getByLabel('When').fill('11/30/2026');
    await page.getByLabel('Goal of that contact').fill('Sign-off date');
    await page.getByRole('button', { name: 'Mark done + save next' }).click();
    await expect
      .poll(toasts)
      .toEqual([
        'Logged “Meeting with the CFO” as done (visit). Next action: Send the minutes, 11/30/2026.',
      ]);
    expect(world.deal('OPP-000031')).toMatchObject({
      nextAction: 'Send the minutes',
      nextActionDate: '2026-11-30',
      nextActionGoal: 'Sign-off date',
      contactType: 'visit',
    });
  });

  it('offers Undo for 10 s after Won; the closed deal shows its outcome and no next-action buttons', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    const before = world.deal('OPP-000001');
    await page.getByRole('button', { name: 'Won', exact: true }).click();
    await expect.poll(toasts).toEqual(['Moved to Won.']);
    expect(await text('#head-next')).toBe('Won on 11/23/2026 · €48,000');
    expect(await page.locator('#next-title, #next-done, #next-save').count()).toBe(0);
    expect(await inPage('window.timers.includes(10000)')).toBe(true);
    await shot('won-undo');
    await page.locator('#status').getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(toasts)
      .toEqual(['Undone: the deal is back in Qualified, as before the move to Won.']);
    expect(world.deal('OPP-000001')).toEqual(before);
    expect(world.historyOf('OPP-000001').at(-1)).toMatchObject({
      field: 'undo',
      old: 'Won',
      new: 'Qualified',
    });
    expect(await text('#head-next')).toContain('Call Ana about the budget');
    // Undo goes with its toast: after 10 s (run here 20 times faster) it is gone.
    await page.evaluate('window.timerScale = 0.05');
    await page.getByRole('button', { name: 'Lost', exact: true }).click();
    await page.getByLabel('Lost reason').selectOption('Price');
    await page.getByRole('button', { name: 'Mark as lost' }).click();
    await expect.poll(toasts).toEqual(['Moved to Lost.']);
    expect(await text('#head-next')).toBe('Lost on 11/23/2026: Price');
    await expect.poll(toasts, { timeout: 3000 }).toEqual([]);
    expect(world.deal('OPP-000001').stage).toBe('Lost');
  });

  it('does not undo over a change someone saved since, and says so', async () => {
    const world = await openSidebar('OPP-000004');
    await expect.poll(dealName).toBe('Annual support');
    await page.getByRole('button', { name: 'Lost', exact: true }).click();
    await page.getByLabel('Lost reason').selectOption('Price');
    await page.getByRole('button', { name: 'Mark as lost' }).click();
    await expect.poll(toasts).toEqual(['Moved to Lost.']);
    world.editAsSomeoneElse('OPP-000004', { name: 'Annual support 2027' });
    const lines = world.historyOf('OPP-000004').length;
    await page.locator('#status').getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(toasts)
      .toEqual(['Not undone, nothing changed: Someone changed this deal since you opened it.']);
    expect(world.deal('OPP-000004')).toMatchObject({ stage: 'Lost', name: 'Annual support 2027' });
    expect(world.historyOf('OPP-000004')).toHaveLength(lines);
    await expect.poll(dealName).toBe('Annual support 2027');
  });

  it('asks "Save €…?" once for an amount far above the usual, whether the sidebar or the server notices', async () => {
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    // My day reads every amount: from then on the server knows the usual one (13,000 here).
    world.rpc('myDay', {});
    await page.locator('#details-card summary').click();
    await page.getByLabel('Amount', { exact: true }).fill('1000000995');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(toasts).toEqual(['Not saved: see “Amount”.']);
    expect(await text('#details-amount-error')).toBe(
      'Save €1,000,000,995? That is more than 20 times the usual amount here (€13,000).',
    );
    await page.getByLabel('Yes, save €1,000,000,995').check();
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(toasts).toEqual(['Saved.']);
    expect(world.deal('OPP-000001').amount).toBe(1_000_000_995);
    // A sidebar opened now knows the usual amount: it asks before sending anything.
    await openSidebarOn(world, 'OPP-000002');
    await expect.poll(dealName).toBe('Warehouse sensors');
    await page.locator('#details-card summary').click();
    await page.getByLabel('Amount', { exact: true }).fill('125000000');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect
      .poll(() => text('#details-amount-error'))
      .toBe('Save €125,000,000? That is more than 20 times the usual amount here (€13,000).');
    expect(world.callsOf('updateDeal')).toHaveLength(2);
    await shot('amount-question', '#details-amount');
    await page.getByLabel('Amount', { exact: true }).fill('125000');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(toasts).toEqual(['Saved.']);
  });

  it('shows every message an answer carries as its own toast, after "saved" or "not saved"', async () => {
    const world = await SidebarWorld.create();
    const later = 'Saved. Its History line will be added by the next action (Google was busy).';
    world.tamper = (method, result) =>
      method === 'setNextAction' || method === 'logInteraction'
        ? { ...result, notice: later }
        : result;
    await openSidebarOn(world, 'OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    await page.getByLabel('What', { exact: true }).fill('Call the CFO');
    await page.getByRole('button', { name: 'Save next action' }).click();
    await expect.poll(toasts).toEqual(['Next action saved.', later]);
    expect(await page.locator('#status .toast').count()).toBe(2);
    // Several notices are each their own toast; the one-sentence `notice` beside them is not
    // said again.
    world.tamper = (method, result) =>
      method === 'setChecklist'
        ? { ...result, notice: 'One. Two.', notices: ['One.', 'Two.'] }
        : result;
    await page.getByLabel('Pain identified').check();
    await expect.poll(toasts).toEqual(['Checklist saved: 2 of 3 stars.', 'One.', 'Two.']);
    // A refused save's answer says "not saved", and its notice stands beside it.
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.getByLabel('Summary').fill('Spoke to the CFO');
    world.tamper = (method, result) =>
      method === 'logInteraction'
        ? {
            ok: false,
            error: { code: 'BUSY', message: 'busy' },
            notices: ['History completed: 1 line added.'],
          }
        : result;
    await page.getByRole('button', { name: 'Log it' }).click();
    await expect
      .poll(toasts)
      .toEqual([
        'Not saved: Someone else is saving, try again.',
        'History completed: 1 line added.',
      ]);
  });

  it('says what to fix in the row in words, never as codes', async () => {
    await openSidebar('OPP-000032', {
      deals: [
        aDeal({
          id: 'OPP-000032',
          name: 'Imported',
          // Pasted from a CRM: a word where the amount goes, a name where an e-mail goes.
          amount: 'about 40k' as never,
          contactEmail: 'Marta Ruiz',
        }),
      ],
    });
    await expect.poll(dealName).toBe('Imported');
    expect(await text('.problems')).toBe(
      'To fix in this row\nAmount: “about 40k” is not a number.\nContact email: “Marta Ruiz” is not an email address.',
    );
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe-core violations on the main views', async () => {
    const found: string[] = [];
    const check = async (view: string) => {
      for (const problem of await seriousAxeViolations()) found.push(`${view}: ${problem}`);
    };
    const world = await openSidebar('OPP-000001');
    await expect.poll(dealName).toBe('Fleet renewal');
    await page.locator('#details-card summary').click();
    await page.locator('#history-card summary').click();
    await check('deal');
    await page.getByRole('button', { name: 'Lost', exact: true }).click();
    await page.getByRole('button', { name: 'Mark as lost' }).click();
    await page.locator('#lost-reason-error').waitFor();
    await check('lost panel with an error');
    await page.getByLabel('When').fill('1/1/2020');
    await page.getByRole('button', { name: 'Save next action' }).click();
    await page.locator('#next-date-error').waitFor();
    await check('field errors');
    world.rpc('myDay', {});
    await page.getByLabel('Amount', { exact: true }).fill('90000000');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.locator('#details-amount-confirm').waitFor();
    await check('amount question with a refusal toast');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Won', exact: true }).click();
    await page.locator('#status').getByRole('button', { name: 'Undo' }).waitFor();
    await check('won deal with its undo toast');
    await page.getByRole('button', { name: 'My day' }).click();
    await page.locator('.my-day').waitFor();
    await check('my day');
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await check('review start');
    await page.getByRole('button', { name: 'Start review' }).click();
    await page.locator('#review-deal-name').waitFor();
    await check('review step');
    await page.getByRole('button', { name: 'End review' }).click();
    await page.locator('.review-summary').waitFor();
    await check('review summary');
    await page.getByRole('button', { name: '+ New' }).click();
    await check('new deal');
    await openSidebar(null, { setUp: false });
    await page.locator('#not-set-up').waitFor();
    await check('not set up');
    expect(found).toEqual([]);
  });
});

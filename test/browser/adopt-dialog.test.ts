// The adoption dialog in Chromium, talking to the real add-on in the local runtime: read, change, Apply.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { startPlayground } from '../../scripts/playground/server';
import { writeXlsx } from '../../scripts/runtime/xlsx';
import { type Browser, launchBrowser } from '../support/browser';
import { loadExport, sheetFromExport } from '../support/exports';
import { type Runtime, runtimeWith, spreadsheetOf } from '../support/tracker';

const artifacts = path.join(projectRoot, 'test-artifacts');

/**
 * google.script.run and google.script.host as HtmlService gives them to a dialog: adoptRpc goes
 * to the runtime through /rpc (JSON both ways, as in Apps Script); close() is remembered.
 */
const fakeHost = `
(function () {
  function runner(onSuccess, onFailure) {
    return {
      withSuccessHandler: function (f) { return runner(f, onFailure); },
      withFailureHandler: function (f) { return runner(onSuccess, f); },
      adoptRpc: function (method, payload) {
        fetch('/rpc', { method: 'POST', body: JSON.stringify({ method: method, payload: payload }) })
          .then(function (r) { return r.json(); })
          .then(function (answer) {
            if (answer.thrown) { if (onFailure) onFailure(new Error(answer.thrown)); }
            else if (onSuccess) onSuccess(answer.value);
          });
      },
    };
  }
  window.closedByScript = false;
  window.google = { script: { run: runner(null, null), host: { close: function () { window.closedByScript = true; } } } };
})();
`;

interface Served {
  url: string;
  calls: string[];
  close(): Promise<void>;
}

/** Serves the dialog exactly as the add-on showed it, bridged to the runtime that showed it. */
async function serveDialog(rt: Runtime): Promise<Served> {
  const dialog = rt.ui.dialogs.at(-1);
  if (!dialog) throw new Error('No dialog was shown.');
  const page = dialog.html.replace('<script>', () => `<script>${fakeHost}</script>\n<script>`);
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { method, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      calls.push(method);
      let body: unknown;
      try {
        body = { value: rt.runFromClient('adoptRpc', method, payload) };
      } catch (error) {
        body = { thrown: String(error) };
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let browser: Browser;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  // The size the add-on asks for: showModalDialog with 820 x 620.
  browser = await launchBrowser({ width: 820, height: 620 });
});

afterAll(async () => {
  await browser?.close();
});

async function openOn(fixture: string, locale = 'en_US') {
  const rt = await runtimeWith([sheetFromExport(loadExport(fixture))], { locale });
  rt.run('setUpTracker');
  const served = await serveDialog(rt);
  const page: Page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(served.url);
  await page.locator('#columns').waitFor();
  return { rt, served, page, errors };
}

// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the test checks.
const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe('the adoption dialog', () => {
  it('shows each column with what it will mean, the stages, the columns to add and the problems', async () => {
    const { rt, served, page, errors } = await openOn('pipedrive-deals.en.csv');
    const before = JSON.stringify(rt.snapshot());
    expect(await page.locator('#column-6').inputValue()).toBe('owner');
    expect(await page.locator('#column-9').inputValue()).toBe('status');
    expect(await page.locator('#column-19').inputValue()).toBe('contactEmail');
    expect(await text(page, '#stages')).toContain('Negotiations Started');
    // The team's own stages, kept as they are, in Pipedrive's order; why each column means what it does.
    expect(await page.locator('#stage-4').inputValue()).toBe('open');
    expect(await text(page, '#stages tbody tr:first-child')).toContain('Qualified');
    expect(await text(page, '#columns tr[data-column="Deal - Owner"] .why')).toBe(
      'header words, person names, 2 distinct',
    );
    expect(await text(page, '#owners')).toContain('Ana Ruiz');
    expect(await text(page, '#add-title')).toMatch(/Columns to add at the end \(\d+\)/);
    expect(await text(page, '#problems-title')).toMatch(/Rows with problems/);
    await page.screenshot({ path: path.join(artifacts, 'adopt-dialog.png') });
    await page.locator('#stages-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'adopt-dialog-stages.png') });
    await page.locator('#problems-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'adopt-dialog-problems.png') });
    // Looking is free: nothing was written to the file.
    expect(JSON.stringify(rt.snapshot())).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
    await served.close();
  });

  it('updates the plan when the team changes a choice, and adopts on Apply', async () => {
    const { rt, served, page, errors } = await openOn('pipedrive-deals.en.csv');
    const count = async () => Number(/\((\d+)\)/.exec(await text(page, '#add-title'))?.[1]);
    const added = await count();
    await page.getByLabel(/Scoring checklist/).check();
    await expect.poll(count).toBe(added + 8);
    await page.locator('#stage-1').selectOption('won');
    await expect.poll(() => served.calls.filter((c) => c === 'preview').length).toBe(2);
    await page.locator('#owner-0').fill('ana@example.com');
    await page.locator('#owner-0').press('Tab');
    await expect.poll(() => served.calls.filter((c) => c === 'preview').length).toBe(3);
    await page.locator('#apply').click();
    await page.locator('.done').waitFor();
    expect(await text(page, '.done')).toMatch(/The tracker is ready in "Deals": \d+ columns added/);
    expect(rt.properties.document().get('tracker.sheetId')).toBe(
      String(rt.spreadsheet.sheets[0]?.sheetId),
    );
    const header = rt.read('Deals')[0] ?? [];
    expect(header).toContain('Budget confirmed');
    expect(rt.read('Team')[1]?.slice(0, 2)).toEqual(['ana@example.com', 'Ana Ruiz']);
    await page.screenshot({ path: path.join(artifacts, 'adopt-dialog-done.png') });
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.evaluate('window.closedByScript')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
    await served.close();
  });

  it('speaks Spanish in a Spanish file, and Cancel closes without a change', async () => {
    const { rt, served, page, errors } = await openOn('hubspot-deals.es.csv', 'es_ES');
    const before = JSON.stringify(rt.snapshot());
    expect(await text(page, '.intro')).toContain('Nada cambia hasta que pulses Aplicar');
    expect(await page.locator('#column-5').inputValue()).toBe('owner');
    await page.screenshot({ path: path.join(artifacts, 'adopt-dialog-es.png') });
    await page.getByRole('button', { name: 'Cancelar' }).click();
    expect(await page.evaluate('window.closedByScript')).toBe(true);
    expect(served.calls).toEqual([]);
    expect(JSON.stringify(rt.snapshot())).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
    await served.close();
  });
});

describe('the adoption dialog in the playground', () => {
  it('opens from Set up tracker on a workbook, applies, and closes itself', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'ot-adopt-'));
    const workbook = path.join(folder, 'pipedrive.xlsx');
    await writeXlsx(
      spreadsheetOf([sheetFromExport(loadExport('pipedrive-deals.en.csv'))]),
      workbook,
    );
    const playground = await startPlayground({
      port: 0,
      xlsx: workbook,
      now: new Date('2026-11-23T09:00:00Z'),
    });
    const wide = await launchBrowser({ width: 1400, height: 900 });
    try {
      const page = await wide.context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(playground.url);
      await page.getByRole('tab', { name: 'Deals' }).waitFor();
      await page.getByRole('button', { name: 'Extensions' }).click();
      await page.getByRole('menuitem', { name: 'Set up tracker' }).click();
      const dialog = page.locator('#addon-dialog');
      await dialog.waitFor();
      expect(await dialog.getByRole('heading').textContent()).toBe('Adopt "Deals" as the tracker?');
      const frame = page.frameLocator('#addon-dialog-frame');
      await frame.locator('#columns').waitFor();
      await page.screenshot({ path: path.join(artifacts, 'adopt-dialog-playground.png') });
      await frame.getByRole('button', { name: 'Apply' }).click();
      await frame.locator('.done').waitFor();
      await frame.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The team's "Deal - Stage" is the Stage column: no second one is added.
      const header = playground.runtime.read('Deals')[0] ?? [];
      expect(header).toContain('In stage since');
      expect(header).not.toContain('Stage');
    } finally {
      await wide.close();
      await playground.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

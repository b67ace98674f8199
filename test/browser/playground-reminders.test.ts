// A new user turns reminders on in the playground, moves the clock to the next morning and reads the digests.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { type Playground, playgroundUsers } from '../../scripts/playground/server';
import type { Browser } from '../support/browser';
import { openPlayground } from '../support/playground';

const artifacts = path.join(projectRoot, 'test-artifacts');
const eventually = { timeout: 10_000 };

async function clickMenu(page: Page, item: string): Promise<string> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const text = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'OK' }).click();
  return text;
}

/** Opening the sidebar again loads it afresh: its panel shows the reminders as they are now. */
async function openSidebar(page: Page, locale: string): Promise<void> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page
    .getByRole('menuitem', {
      name: locale === 'en_US' ? 'Open sidebar' : 'Abrir panel',
      exact: true,
    })
    .click();
}

describe.each([
  [
    'en_US',
    'Turn on reminders',
    'Hello Ana García,',
    / needs? you today /,
    'Reminders on · last run',
  ],
  [
    'es_ES',
    'Activar recordatorios',
    'Hola Ana García:',
    / te necesitan? hoy /,
    'Recordatorios activados · última',
  ],
] as const)('reminders in the playground (%s)', (locale, turnOn, greeting, digestWords, panel) => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    // Monday 23 November 2026, 15:20 in Madrid.
    ({ playground, browser, page, sidebar } = await openPlayground({
      now: new Date('2026-11-23T14:20:00Z'),
      locale,
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  it('turns reminders on from the menu, with one trigger sent from the user', async () => {
    const said = await clickMenu(page, turnOn);
    expect(said).toContain('ana@example.com');
    const triggers = playground.runtime.triggers.filter((t) => t.handler === 'runReminders');
    expect(triggers.map((t) => t.owner)).toEqual(['ana@example.com']);
    await openSidebar(page, locale);
    await sidebar
      .getByText(
        locale === 'en_US' ? 'Reminders on · first run' : 'Recordatorios activados · primera',
      )
      .waitFor();
  });

  it('moves the clock to the next morning: one digest per owner with something due, in the file language', async () => {
    await page.getByRole('button', { name: 'Tomorrow 09:00' }).click();
    const outboxButton = page.getByRole('button', { name: /^Outbox/ });
    await expect
      .poll(async () => Number((await outboxButton.textContent())?.replace(/\D/g, '')), eventually)
      .toBeGreaterThan(0);
    const mails = playground.runtime.outbox;
    const digests = mails.filter((mail) => digestWords.test(mail.subject));
    const sellers = playgroundUsers.filter((u) => u.role === 'seller').map((u) => u.email);
    expect(digests.map((mail) => mail.to.join()).sort()).toEqual(sellers);
    expect(new Set(mails.map((mail) => `${mail.to.join()} ${mail.subject}`)).size).toBe(
      mails.length,
    );

    await outboxButton.click();
    const outbox = page.getByRole('complementary', { name: 'Outbox' });
    const first = digests.find((mail) => mail.to.includes('ana@example.com'));
    await outbox
      .getByRole('button', { name: new RegExp(first?.subject.replace(/[()]/g, '.') ?? '') })
      .click();
    await outbox.getByRole('heading', { name: first?.subject ?? '' }).waitFor();
    expect(await outbox.getByText(`to ana@example.com`).count()).toBeGreaterThan(0);
    const html = page.frameLocator('#mail-html');
    await html.getByText(greeting).waitFor();
    // The deal names are links to their rows; the HTML frame runs no script.
    const href = await html.getByRole('link').first().getAttribute('href');
    expect(href).toMatch(/#gid=0&range=A\d+$/);
    await page.screenshot({ path: path.join(artifacts, `playground-reminders-${locale}.png`) });
  });

  it('sends nothing more the same day, and the sidebar panel shows the run', async () => {
    const before = playground.runtime.outbox.length;
    await page.getByRole('button', { name: '+1 hour' }).click();
    await page.getByRole('button', { name: '+1 hour' }).click();
    await page.waitForTimeout(500);
    expect(playground.runtime.outbox).toHaveLength(before);
    // Moving the clock starts the sidebar again: its panel shows this morning's run.
    await sidebar.getByText(panel).waitFor(eventually);
    await sidebar.getByText(panel).click();
    await sidebar
      .getByText(
        locale === 'en_US'
          ? 'Sent from your account (ana@example.com).'
          : 'Se envían desde tu cuenta (ana@example.com).',
      )
      .waitFor();
    await page
      .getByRole('complementary', { name: 'Add-on sidebar' })
      .screenshot({ path: path.join(artifacts, `playground-reminders-${locale}-sidebar.png`) });
  });
});

// The playground as a user opens it in Chromium: the server on the demo (or a workbook), a browser,
// a page on the playground and the sidebar's frame inside it.

import type { FrameLocator, Page } from 'playwright-core';
import {
  type Playground,
  type PlaygroundOptions,
  startPlayground,
} from '../../scripts/playground/server';
import { type Browser, launchBrowser } from './browser';

export interface PlaygroundTab {
  page: Page;
  sidebar: FrameLocator;
}

/** A new browser tab on the playground at `url`. */
export async function openPlaygroundTab(
  browser: Browser,
  url: string,
  timeoutMs = 10_000,
): Promise<PlaygroundTab> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(timeoutMs);
  await page.goto(url);
  return { page, sidebar: page.frameLocator('iframe[title="Opportunity Tracker sidebar"]') };
}

/** A playground on any free port, and one browser tab on it; the caller closes browser and playground. */
export async function openPlayground(
  options: Omit<PlaygroundOptions, 'port'>,
  viewport = { width: 1400, height: 900 },
  timeoutMs = 10_000,
): Promise<PlaygroundTab & { playground: Playground; browser: Browser }> {
  const playground = await startPlayground({ ...options, port: 0 });
  try {
    const browser = await launchBrowser(viewport);
    return {
      playground,
      browser,
      ...(await openPlaygroundTab(browser, playground.url, timeoutMs)),
    };
  } catch (error) {
    await playground.close();
    throw error;
  }
}

// Test helper: a runtime over a small script written in the test, instead of the built add-on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRuntime, type RuntimeOptions } from '../../scripts/runtime/index';

export const allScopes = [
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/userinfo.email',
];

export const owner = 'owner@example.com';
export const editor = 'ed@example.com';

/**
 * A runtime whose Code.js is `code` (plain Apps Script functions), with the given scopes in its
 * manifest and a Page.html for HtmlService tests.
 */
export function runtimeFor(
  code: string,
  options: RuntimeOptions & { scopes?: string[]; scriptTimeZone?: string } = {},
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gas-runtime-'));
  writeFileSync(path.join(dir, 'Code.js'), code);
  writeFileSync(
    path.join(dir, 'appsscript.json'),
    JSON.stringify({
      timeZone: options.scriptTimeZone ?? 'Etc/UTC',
      oauthScopes: options.scopes ?? allScopes,
    }),
  );
  writeFileSync(path.join(dir, 'Page.html'), '<p>Hello <?= name ?>, <?!= raw ?></p>');
  return createRuntime({
    now: new Date('2026-03-02T09:00:00Z'),
    user: owner,
    ...options,
    distDir: dir,
  });
}

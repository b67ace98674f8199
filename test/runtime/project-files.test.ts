// A project of several script and HTML files loads in project order; scopes come from the manifest or the code.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRuntime, type ProjectFile } from '../../scripts/runtime/index';

const manifest = (extra: object = {}): ProjectFile => ({
  name: 'appsscript.json',
  source: JSON.stringify({ timeZone: 'Etc/UTC', ...extra }),
});

const project = (files: ProjectFile[], kind: 'bound' | 'standalone' = 'bound') =>
  createRuntime({ project: files, kind, now: new Date('2026-03-02T09:00:00Z') });

describe('a project of several files', () => {
  it('runs every file’s top level in project order, sharing one global scope', async () => {
    const rt = await project([
      manifest(),
      { name: 'Config.gs', source: "const PREFIX = 'OPP-'; var order = ['Config'];" },
      { name: 'Code.gs', source: "order.push('Code'); function nextId(n) { return PREFIX + n; }" },
      { name: 'Later.gs', source: "order.push('Later'); function loaded() { return order; }" },
    ]);
    expect(rt.run('nextId', 7)).toBe('OPP-7');
    expect(rt.run('loaded')).toEqual(['Config', 'Code', 'Later']);
  });

  it('fails a run when a file’s top level uses a file loaded after it, as V8 on Google does', async () => {
    const rt = await project([
      manifest(),
      { name: 'A.gs', source: 'const greeting = hello(); function main() { return greeting; }' },
      { name: 'B.gs', source: "const hello = () => 'hi';" },
    ]);
    expect(() => rt.run('main')).toThrow(/hello/);
  });

  it('serves the project’s HTML files to HtmlService by name', async () => {
    const rt = await project([
      manifest({ oauthScopes: [] }),
      {
        name: 'Code.gs',
        source:
          "function page() { var t = HtmlService.createTemplateFromFile('Email'); t.name = 'Ana <3'; return t.evaluate().getContent(); }\n" +
          "function missing() { return HtmlService.createHtmlOutputFromFile('Nope').getContent(); }",
      },
      { name: 'Email.html', source: '<p>Hello <?= name ?></p>' },
    ]);
    expect(rt.run('page')).toBe('<p>Hello Ana &lt;3</p>');
    expect(() => rt.run('missing')).toThrow('No HTML file named Nope was found.');
  });

  it('reads a folder in .clasp.json filePushOrder first, then by name', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gas-project-'));
    const dir = path.join(root, 'src');
    mkdirSync(dir);
    writeFileSync(
      path.join(root, '.clasp.json'),
      JSON.stringify({ rootDir: 'src', filePushOrder: ['src/Zeta.js'] }),
    );
    writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Etc/UTC' }));
    writeFileSync(path.join(dir, 'Zeta.js'), "var order = ['Zeta'];");
    writeFileSync(path.join(dir, 'Beta.js'), "order.push('Beta');");
    writeFileSync(
      path.join(dir, 'Alpha.js'),
      "order.push('Alpha'); function seen() { return order; }",
    );
    const rt = await createRuntime({ distDir: dir, kind: 'standalone' });
    expect(rt.run('seen')).toEqual(['Zeta', 'Alpha', 'Beta']);
  });
});

describe('errors carry their place in the project', () => {
  const files = [
    manifest(),
    {
      name: 'Code.gs',
      source: [
        'function main() {',
        '  return helper();',
        '}',
        'function readMissing() { return SpreadsheetApp.getActive().getRange("A1:B2").setValues([[1]]); }',
      ].join('\n'),
    },
    { name: 'Helpers.gs', source: "function helper() {\n  throw new Error('no deals');\n}" },
  ];

  it('gives the file, line and column of a thrown error, and the script’s own stack', async () => {
    const rt = await project(files);
    const error = (() => {
      try {
        rt.run('main');
      } catch (e) {
        return e as { message: string; at?: string; scriptStack: string[]; stack?: string };
      }
    })();
    expect(error?.message).toBe('no deals');
    expect(error?.at).toBe('Helpers.gs:2:9');
    expect(error?.scriptStack).toEqual(['helper (Helpers.gs:2:9)', 'main (Code.gs:2:10)']);
    expect(error?.stack).toContain('at helper (Helpers.gs:2:9)');
    expect(rt.executions.at(-1)).toMatchObject({ status: 'failed', at: 'Helpers.gs:2:9' });
  });

  it('gives the line of the call when a service refuses it', async () => {
    const rt = await project(files);
    expect(() => rt.run('readMissing')).toThrow(/number of rows in the data/);
    expect(rt.executions.at(-1)?.at).toMatch(/^Code\.gs:4:\d+$/);
  });
});

describe('OAuth scopes', () => {
  const code = (source: string): ProjectFile => ({ name: 'Code.gs', source });
  const calls = `
    function mail() { MailApp.sendEmail('a@example.com', 'Hi', 'text'); return MailApp.getRemainingDailyQuota(); }
    function other(id) { return SpreadsheetApp.openById(id).getName(); }
    function here() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }`;

  it('are inferred from the code when the manifest lists none, as Google does', async () => {
    const rt = await project([manifest(), code(calls)]);
    expect(rt.run('mail')).toBe(99);
    expect(rt.run('other', rt.spreadsheet.id)).toBe('Untitled spreadsheet');
  });

  it('are only this spreadsheet for a file marked @OnlyCurrentDoc', async () => {
    const rt = await project([manifest(), code(`/** @OnlyCurrentDoc */ ${calls}`)]);
    expect(rt.run('here')).toBe('Untitled spreadsheet');
    expect(() => rt.run('other', rt.spreadsheet.id)).toThrow(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
  });

  it('are exactly the manifest’s list when it has one', async () => {
    const rt = await project([
      manifest({ oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] }),
      code(calls),
    ]);
    expect(() => rt.run('mail')).toThrow(/Required permissions: .*script\.send_mail/);
  });
});

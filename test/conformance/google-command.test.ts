// npm run conformance:google stops at once without credentials, with the steps to take.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceBlocker, runFromOutput } from '../../scripts/conformance-google';

const projectRoot = path.resolve(import.meta.dirname, '../..');

describe('npm run conformance:google', () => {
  it('exits 1 within seconds without clasp credentials, naming every step', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'no-clasp-'));
    expect(conformanceBlocker({ HOME: home })).toMatch(/No clasp credentials/);
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/conformance-google.ts'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: home },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Conformance on Google stopped: No clasp credentials');
    for (const step of [
      'usersettings',
      'clasp login --creds',
      'Google Cloud Platform project',
      'google-results.json',
    ])
      expect(run.stderr).toContain(step);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reads the results out of what clasp prints, as a string or as JSON', () => {
    const run = { date: 'd', locale: 'es_ES', timeZone: 'Etc/UTC', results: { a: { value: 1 } } };
    expect(runFromOutput(JSON.stringify(run))).toEqual(run);
    expect(runFromOutput(`Running...\n${JSON.stringify(JSON.stringify(run))}\n`)).toEqual(run);
    expect(runFromOutput(JSON.stringify({ response: { result: JSON.stringify(run) } }))).toEqual(
      run,
    );
    expect(() => runFromOutput('Script function not found: runConformance')).toThrow(
      /No conformance results/,
    );
  });
});

// Proves `npm run deploy` stops at once, with a clear reason, when clasp has no credentials.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { deployBlocker } from '../../scripts/deploy';

describe('npm run deploy', () => {
  it('names the missing credentials and the command that fixes it', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'no-clasp-'));
    expect(deployBlocker({ HOME: home })).toMatch(/No clasp credentials .*npx clasp login/);
  });

  it('exits 1 before building or pushing anything when run without credentials', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'no-clasp-'));
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: home },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Deploy stopped: No clasp credentials');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses the placeholder scriptId even with credentials', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'clasp-'));
    writeFileSync(path.join(home, '.clasprc.json'), '{}');
    expect(deployBlocker({ HOME: home })).toMatch(/No scriptId in .clasp.json/);
  });
});

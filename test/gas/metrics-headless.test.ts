// refreshMetrics(spreadsheet, inputs) runs where the daily reminder run will call it: a time trigger, no UI, no active file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';
import { createRuntime } from '../../scripts/runtime/index';
import { allScopes } from '../runtime/script-runtime';
import { metricsFixture } from '../support/metrics-fixture';
import { now, textGrid } from '../support/tracker';

/**
 * A script that is only the metrics module and a trigger handler that runs the metrics daily job
 * as the reminder run does: it opens the file by ID (a trigger has no active spreadsheet).
 */
async function headlessScript(fileId: string): Promise<string> {
  const entry = `
    import { localDateTimeIn } from ${JSON.stringify(path.join(projectRoot, 'src/domain/dates.ts'))};
    import { defaultSettings } from ${JSON.stringify(path.join(projectRoot, 'src/domain/defaults.ts'))};
    import { metricsDailyJob } from ${JSON.stringify(path.join(projectRoot, 'src/gas/metrics-refresh.ts'))};
    export function install() {
      ScriptApp.newTrigger('dailyRun').timeBased().after(60 * 1000).create();
    }
    // As the reminder run calls its daily jobs (src/gas/daily-jobs.ts).
    export function dailyRun() {
      const spreadsheet = SpreadsheetApp.openById(${JSON.stringify(fileId)});
      const timeZone = spreadsheet.getSpreadsheetTimeZone();
      const line = metricsDailyJob.run({
        spreadsheet,
        timeZone,
        now: localDateTimeIn(Date.now(), timeZone),
        language: 'en',
        settings: defaultSettings('en'),
        deadlineMs: Date.now() + 240000,
      });
      console.log(line);
    }`;
  const built = await esbuild.build({
    stdin: { contents: entry, resolveDir: projectRoot, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'Headless',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2019',
    write: false,
    logLevel: 'silent',
  });
  const stubs = ['install', 'dailyRun']
    .map((name) => `function ${name}() { return Headless.${name}.apply(this, arguments); }`)
    .join('\n');
  return `${built.outputFiles[0]?.text ?? ''}\n${stubs}\n`;
}

describe('refreshMetrics without a UI (the daily job)', () => {
  it('refreshes the metrics from a time trigger, where getUi throws and no file is active', async () => {
    const file = (await metricsFixture()).snapshot();
    const dir = mkdtempSync(path.join(tmpdir(), 'metrics-headless-'));
    writeFileSync(path.join(dir, 'Code.js'), await headlessScript(file.id));
    writeFileSync(
      path.join(dir, 'appsscript.json'),
      JSON.stringify({ timeZone: 'Etc/UTC', oauthScopes: allScopes }),
    );
    const rt = await createRuntime({
      spreadsheet: file,
      distDir: dir,
      now,
      user: 'reminders@example.com',
    });
    rt.run('install');
    const [run] = rt.advanceBy(2 * 60 * 1000);
    expect(run).toMatchObject({ fn: 'dailyRun', status: 'completed' });
    expect(rt.logs.map((log) => String(log.message)).join('\n')).toContain(
      'Metrics refreshed in the "Metrics" tab: 6 deals, 6 charts.',
    );
    const banner = textGrid(rt, 'Metrics')[0]?.[0];
    expect(banner).toMatch(
      /Refreshed 2026-11-23 10:3\d \(Europe\/Madrid\) by reminders@example.com\.$/,
    );
    expect(textGrid(rt, 'Snapshots')).toHaveLength(3);
  });
});

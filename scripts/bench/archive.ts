// Issue 22 at 50,000 deals, 80 % closed more than a year ago: My day and the review queue before and after Archive closed deals, and the archive's runs.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bigTracker } from '../../test/support/big-tracker';
import { buildAddon, projectRoot } from '../build';
import type { Runtime } from '../runtime/index';

const deals = 50_000;
const s = (ms: number) => (ms / 1000).toFixed(2);

function list(rt: Runtime, method: 'myDay' | 'reviewQueue', payload: unknown): string {
  rt.ledger.reset();
  const result = rt.run('rpc', method, payload) as { ok: boolean };
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result)}`);
  const m = rt.ledger.summary();
  return `${m.costlyCalls} | ${m.cellsRead.toLocaleString('en-US')} | ${s(m.modeledMs.opt)} / ${s(m.modeledMs.pess)} | ${Math.round(m.cpuMs)}`;
}

async function main(): Promise<void> {
  await buildAddon();
  const rt = await bigTracker(deals, { closedLongAgo: 0.8 });
  rt.run('rpc', 'bootstrap', {});
  const rows: string[] = [];
  const lists = (when: string) => {
    rows.push(`| My day | ${when} | ${list(rt, 'myDay', {})} |`);
    rows.push(`| Review queue (mine) | ${when} | ${list(rt, 'reviewQueue', { mine: true })} |`);
  };
  lists('before archiving');
  rt.open();
  const runs: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    rt.ledger.reset();
    rt.clickMenu('Archive closed deals');
    const m = rt.ledger.summary();
    const message = String(rt.ui.alerts.at(-1)?.prompt ?? '');
    const moved = /^(?:.*?)(\d+) closed deals and (\d+) History lines/.exec(message);
    runs.push(
      `| ${i + 1} | ${moved ? Number(moved[1]).toLocaleString('en-US') : 0} | ${moved ? Number(moved[2]).toLocaleString('en-US') : 0} | ${m.costlyCalls} | ${s(m.modeledMs.opt)} / ${s(m.modeledMs.pess)} |`,
    );
    console.log(runs.at(-1));
    if (!/are left/.test(message)) break;
  }
  lists('after archiving');
  const text = [
    '# Issue 22: lists at 50,000 deals before and after Archive closed deals',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx scripts/bench/archive.ts\`: \`bigTracker(50000, { closedLongAgo: 0.8 })\` (the first 40,000 deals Won or Lost over a year ago, 10 History lines each; the rest across every stage), one seller of 50.`,
    '',
    '| List | When | Costly calls | Cells read | Modeled s, opt / pess (CPU in) | CPU ms |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Archive closed deals, one menu run after another until nothing is left (each stops starting batches after 3 minutes on its clock):',
    '',
    '| Run | Deals moved | History lines moved | Costly calls | Modeled s, opt / pess |',
    '| --- | --- | --- | --- | --- |',
    ...runs,
    '',
  ].join('\n');
  const out = path.join(projectRoot, 'scripts/bench/out');
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'archive.md'), text);
  console.log(text);
}

await main();

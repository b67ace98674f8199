// Refresh metrics at 100, 5,000 and 50,000 deals (10 History lines each): calls, cells and modeled time.

import { performance } from 'node:perf_hooks';
import { bigTracker } from '../../test/support/big-tracker';
import { buildAddon } from '../build';
import type { Runtime } from '../runtime/index';
import type { LedgerSummary } from '../runtime/ledger';

const sizes = [100, 5_000, 50_000];
/** The budget for one refresh at 50,000 deals, pessimistic, CPU included. */
const budgetMs = 36_000;

export interface RefreshMeasure {
  deals: number;
  summary: LedgerSummary;
  /** Wall time of the execution in this process (the local runtime's own work included). */
  wallMs: number;
  /** Modeled time, pessimistic: Google's side plus the script's measured CPU (ledger.summary). */
  totalPessMs: number;
}

/** One refresh of a set-up tracker of `deals` deals, measured from a fresh ledger. */
export async function measureRefresh(deals: number): Promise<RefreshMeasure> {
  return measureRun(await bigTracker(deals), deals, 'refreshMetrics');
}

/** Runs a global from a fresh ledger: its calls, cells and modeled time (the runtime meters the script's CPU). */
export function measureRun(
  rt: Runtime,
  deals: number,
  fn: string,
  ...args: unknown[]
): RefreshMeasure {
  rt.ledger.reset();
  const started = performance.now();
  rt.run(fn, ...args);
  const wallMs = performance.now() - started;
  const summary = rt.ledger.summary();
  return { deals, summary, wallMs, totalPessMs: summary.modeledMs.pess };
}

const readMethods =
  /^(Range\.getValues|Sheet\.getDataRange|Sheet\.getLastRow|Sheet\.getLastColumn)$/;

export function readCalls(summary: LedgerSummary): number {
  return Object.entries(summary.byMethod)
    .filter(([method]) => readMethods.test(method))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function main(): Promise<void> {
  await buildAddon();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    '| deals | History lines | costly calls | reads | cells read | cells written | server (pess) | script CPU | wall here | total (pess) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const deals of sizes) {
    const m = await measureRefresh(deals);
    lines.push(
      `| ${deals.toLocaleString('en')} | ${(deals * 10).toLocaleString('en')} | ${m.summary.costlyCalls} | ${readCalls(m.summary)} | ${m.summary.cellsRead.toLocaleString('en')} | ${m.summary.cellsWritten.toLocaleString('en')} | ${seconds(m.summary.serverMs.pess)} | ${seconds(m.summary.cpuMs)} | ${seconds(m.wallMs)} | ${seconds(m.totalPessMs)} |`,
    );
    console.error(`${deals} deals: ${JSON.stringify(m.summary.costlyByMethod)}`);
  }
  console.log('Refresh metrics (menu), one execution, from a fresh ledger:\n');
  console.log(lines.join('\n'));
  console.log(
    `\nBudget at 50,000 deals: ${seconds(budgetMs)} modeled (pessimistic, CPU included).`,
  );
}

if (process.argv[1]?.endsWith('metrics.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

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
  /** Wall time of the execution in this process: the script's CPU plus the local runtime's own work. */
  wallMs: number;
  /** The script's own JavaScript CPU time (CPU time minus CPU time inside the runtime's services). */
  scriptMs: number;
  /** Server time (pessimistic) plus CPU: the runtime's measured CPU when it records one, else the wall time. */
  totalPessMs: number;
}

/** One refresh of a set-up tracker of `deals` deals, measured from a fresh ledger. */
export async function measureRefresh(deals: number): Promise<RefreshMeasure> {
  return measureRun(await bigTracker(deals), deals, 'refreshMetrics');
}

/**
 * Runs a global and measures it. The script's own JavaScript time is the CPU time this process
 * spent in the execution minus the CPU time spent inside the local runtime's services (from the
 * moment a call is priced to the clock check that follows its work): what Google's V8 would spend
 * on our code. CPU time, not wall time, so other processes on a busy machine do not count. When
 * the runtime records CPU itself (ledger.recordCpu), that figure is used instead.
 */
export function measureRun(
  rt: Runtime,
  deals: number,
  fn: string,
  ...args: unknown[]
): RefreshMeasure {
  rt.ledger.reset();
  let serviceMs = 0;
  let callStarted: number | null = null;
  const price = rt.ledger.price.bind(rt.ledger);
  const now = rt.clock.now.bind(rt.clock);
  rt.ledger.price = (...priceArgs: Parameters<typeof price>) => {
    callStarted = cpuNow();
    return price(...priceArgs);
  };
  rt.clock.now = () => {
    if (callStarted !== null) {
      serviceMs += cpuNow() - callStarted;
      callStarted = null;
    }
    return now();
  };
  const started = performance.now();
  const cpuStarted = cpuNow();
  try {
    rt.run(fn, ...args);
  } finally {
    rt.ledger.price = price;
    rt.clock.now = now;
  }
  const wallMs = performance.now() - started;
  const cpuMs = cpuNow() - cpuStarted;
  const summary = rt.ledger.summary();
  const scriptMs = Math.max(cpuMs - serviceMs, 0);
  const cpu = summary.cpuMs > 0 ? summary.cpuMs : scriptMs;
  return { deals, summary, wallMs, scriptMs, totalPessMs: summary.serverMs.pess + cpu };
}

/** CPU time of this process (user and system), in ms. */
function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
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
    '| deals | History lines | costly calls | reads | cells read | cells written | server (pess) | script CPU (wall) | total (pess) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const deals of sizes) {
    const m = await measureRefresh(deals);
    lines.push(
      `| ${deals.toLocaleString('en')} | ${(deals * 10).toLocaleString('en')} | ${m.summary.costlyCalls} | ${readCalls(m.summary)} | ${m.summary.cellsRead.toLocaleString('en')} | ${m.summary.cellsWritten.toLocaleString('en')} | ${seconds(m.summary.serverMs.pess)} | ${seconds(m.summary.cpuMs > 0 ? m.summary.cpuMs : m.scriptMs)} (${seconds(m.wallMs)}) | ${seconds(m.totalPessMs)} |`,
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

// One measured execution: the ledger's costly calls, cells and modeled time, plus the script's own CPU time.

import { performance } from 'node:perf_hooks';
import { ScriptError } from '../runtime/index';
import type { LedgerSummary } from '../runtime/ledger';
import type { Runtime } from './scenarios';

export const sixMinutesMs = 6 * 60_000;

/** The ledger's summary of the first run (CPU: the median of the runs), and what the runs saw. */
export interface Measure
  extends Pick<
    LedgerSummary,
    | 'costlyCalls'
    | 'cellsRead'
    | 'cellsWritten'
    | 'cellsSearched'
    | 'serverMs'
    | 'cpuMs'
    | 'modeledMs'
    | 'costlyByMethod'
  > {
  /** Local wall time of the execution in this runtime (median of the runs). */
  wallMs: number;
  /** The runtime stopped the execution at its 6-minute limit (on the simulated, opt clock). */
  timedOut: boolean;
  /** Simulated time the execution reached (the 6-minute limit when it timed out). */
  reachedMs: number;
  /** The error the implementation failed with (not a timeout), if it did. */
  failed?: string;
  runs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Garbage left by earlier work is not the next run's CPU (npm run bench gives node --expose-gc). */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * The script CPU of an execution that does nothing but load the script (a function it does not
 * define), five times, the median: what every execution pays before its own work.
 */
export function loadCpuMs(rt: Runtime): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    collect();
    rt.ledger.reset();
    try {
      rt.run('benchNoSuchFunction');
    } catch {
      // "Script function not found": the script was loaded and nothing else ran.
    }
    times.push(rt.ledger.summary().cpuMs);
  }
  rt.ledger.reset();
  return median(times);
}

/** A call the add-on answered with a failure (its envelope's { ok: false }). */
export class FailedCall extends Error {}

export interface Run {
  /** Work before the measured execution (not measured), e.g. the version a write needs. */
  prepare?: () => unknown;
  /** The measured execution (exactly one). */
  execute: (prepared: unknown) => unknown;
  /** Looks at what the run did (not measured). */
  after?: (output: unknown) => void;
}

/**
 * Runs `runs(k)` for k = 0, 1, ... and measures each: the ledger of the first run, the median
 * CPU and wall time. Repeats only while a run takes under `repeatBelowMs` locally, at most 3 times.
 */
export function measure(
  rt: Runtime,
  runs: (k: number) => Run,
  options: { repeat: boolean; repeatBelowMs?: number } = { repeat: true },
): { measure: Measure; outputs: unknown[] } {
  const outputs: unknown[] = [];
  const walls: number[] = [];
  const cpus: number[] = [];
  let first: LedgerSummary | undefined;
  let timedOut = false;
  let failed: string | undefined;
  let reachedMs = 0;
  for (let k = 0; k < 3; k++) {
    const run = runs(k);
    const prepared = run.prepare?.();
    collect();
    rt.ledger.reset();
    const start = performance.now();
    let output: unknown;
    try {
      output = run.execute(prepared);
    } catch (error) {
      // The script's own failure is a result; anything else is the bench's bug.
      if (!(error instanceof ScriptError || error instanceof FailedCall)) throw error;
      if (error.message.includes('Exceeded maximum')) timedOut = true;
      else failed = error.message;
    }
    const wall = performance.now() - start;
    const exec = rt.executions[rt.executions.length - 1];
    walls.push(wall);
    cpus.push(rt.ledger.summary().cpuMs);
    outputs.push(output);
    if (!timedOut && !failed) run.after?.(output);
    if (!first) {
      first = rt.ledger.summary();
      reachedMs = exec ? (exec.endMs ?? exec.startMs) - exec.startMs : 0;
    }
    if (timedOut || failed || !options.repeat || wall >= (options.repeatBelowMs ?? 1_500)) break;
  }
  if (!first) throw new Error('nothing ran');
  const cpuMs = median(cpus);
  return {
    measure: {
      costlyCalls: first.costlyCalls,
      cellsRead: first.cellsRead,
      cellsWritten: first.cellsWritten,
      cellsSearched: first.cellsSearched,
      serverMs: first.serverMs,
      cpuMs,
      modeledMs: { opt: first.serverMs.opt + cpuMs, pess: first.serverMs.pess + cpuMs },
      wallMs: median(walls),
      timedOut,
      reachedMs,
      costlyByMethod: first.costlyByMethod,
      runs: walls.length,
      ...(failed === undefined ? {} : { failed }),
    },
    outputs,
  };
}

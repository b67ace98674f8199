// One measured execution: the ledger's costly calls, cells and modeled time, plus the script's own CPU time.

import { performance } from 'node:perf_hooks';
import { ScriptError } from '../runtime/index';
import type { LedgerSummary } from '../runtime/ledger';
import { ScriptRealm } from '../runtime/vm-loader';
import type { Runtime } from './scenarios';

export const sixMinutesMs = 6 * 60_000;

export interface Measure {
  costlyCalls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Cells a TextFinder looked through on Google's side (not read into the script). */
  cellsSearched: number;
  /** Google's side, from the cost model: T0 per execution plus every call. */
  serverMs: { opt: number; pess: number };
  /** The script's own JavaScript time (median of the runs), measured here in Node. */
  cpuMs: number;
  /** serverMs plus cpuMs: what the 6-minute limit sees. */
  modeledMs: { opt: number; pess: number };
  /** Local wall time of the execution in this runtime (median of the runs). */
  wallMs: number;
  /** The runtime stopped the execution at its 6-minute limit (on the simulated, opt clock). */
  timedOut: boolean;
  /** Simulated time the execution reached (the 6-minute limit when it timed out). */
  reachedMs: number;
  costlyByMethod: Record<string, number>;
  runs: number;
}

/**
 * Host time spent inside service calls (the runtime's in-memory Sheets, converting values between
 * realms). The cost model prices those calls; what is left of an execution's wall time, less the
 * fixed cost of starting one, is the script's own JavaScript.
 */
let serviceMs = 0;
let patched = false;

function countServiceTime(): void {
  if (patched) return;
  patched = true;
  const proto = ScriptRealm.prototype as unknown as { call: (...args: unknown[]) => unknown };
  const call = proto.call;
  proto.call = function timed(this: unknown, ...args: unknown[]) {
    const start = performance.now();
    try {
      return call.apply(this, args);
    } finally {
      serviceMs += performance.now() - start;
    }
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * What starting an execution costs in this runtime (a fresh vm context, loading the script) with
 * no work in it: a function the script does not define, five times, the median.
 */
export function startupMs(rt: Runtime): number {
  countServiceTime();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    try {
      rt.run('benchNoSuchFunction');
    } catch {
      // "Script function not found": the script was loaded and nothing else ran.
    }
    times.push(performance.now() - start);
  }
  return median(times);
}

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
  startup: number,
  runs: (k: number) => Run,
  options: { repeat: boolean; repeatBelowMs?: number } = { repeat: true },
): { measure: Measure; outputs: unknown[] } {
  countServiceTime();
  const outputs: unknown[] = [];
  const walls: number[] = [];
  const cpus: number[] = [];
  let first: LedgerSummary | undefined;
  let timedOut = false;
  let reachedMs = 0;
  for (let k = 0; k < 3; k++) {
    const run = runs(k);
    const prepared = run.prepare?.();
    // Garbage left by earlier runs is not this run's CPU (npm run bench starts node with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    rt.ledger.reset();
    serviceMs = 0;
    const start = performance.now();
    let output: unknown;
    try {
      output = run.execute(prepared);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ScriptError) || !message.includes('Exceeded maximum')) throw error;
      timedOut = true;
    }
    const wall = performance.now() - start;
    const exec = rt.executions[rt.executions.length - 1];
    walls.push(wall);
    cpus.push(Math.max(0, wall - serviceMs - startup));
    outputs.push(output);
    if (!timedOut) run.after?.(output);
    if (!first) {
      first = rt.ledger.summary();
      reachedMs = exec ? (exec.endMs ?? exec.startMs) - exec.startMs : 0;
    }
    if (timedOut || !options.repeat || wall >= (options.repeatBelowMs ?? 1_500)) break;
  }
  if (!first) throw new Error('nothing ran');
  const cpuMs = first.cpuMs > 0 ? first.cpuMs : median(cpus);
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
    },
    outputs,
  };
}

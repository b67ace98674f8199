// One size of the bench: every operation on every implementation, and what each one did.

import { performance } from 'node:perf_hooks';
import { differences } from './fairness';
import { loadCpuMs, measure } from './measure';
import { type Operation, operations } from './operations';
import { type Result, seconds } from './report';
import {
  type Dists,
  type Implementation,
  implementations,
  labels,
  type Runtime,
  teamRuntime,
  trackerFor,
} from './scenarios';

/** Progress lines go to `log` (none by default). */
export function newOutcomes(log: (text: string) => void = () => {}): Outcomes {
  return { byOperation: new Map(), loads: { addon: [], fair: [], strawman: [] }, log };
}

export interface Outcomes {
  /** `${operation}@${deals}` -> implementation -> what it did. */
  byOperation: Map<string, Partial<Record<Implementation, unknown>>>;
  /** The CPU of loading the script in an execution, per runtime, per implementation. */
  loads: Record<Implementation, number[]>;
  log: (text: string) => void;
}

function runOne(
  rt: Runtime,
  operation: Operation,
  implementation: Implementation,
  deals: number,
  outcomes: Outcomes,
): Result | null {
  const run = operation.run[implementation];
  if (!run) return null;
  const key = `${operation.key}@${deals}`;
  const started = performance.now();
  const { measure: m } = measure(
    rt,
    (k) => {
      const planned = run(rt, deals, k);
      return k > 0 || !operation.outcome
        ? planned
        : {
            ...planned,
            after: (output: unknown) => {
              const seen = outcomes.byOperation.get(key) ?? {};
              seen[implementation] = operation.outcome?.(rt, output, implementation, deals);
              outcomes.byOperation.set(key, seen);
            },
          };
    },
    { repeat: operation.repeat },
  );
  const took = ((performance.now() - started) / 1000).toFixed(1);
  outcomes.log(
    `  ${operation.label} × ${deals.toLocaleString('en-US')}, ${labels[implementation]}: ${m.costlyCalls} costly calls, ${m.failed ? `FAILED (${m.failed})` : m.timedOut ? 'timed out' : `${seconds(m.modeledMs.pess)} s pess`}, CPU ${Math.round(m.cpuMs)} ms (${took} s here)`,
  );
  return { operation, deals, implementation, measure: m };
}

export async function measureSize(
  deals: number,
  dists: Dists,
  outcomes: Outcomes,
  only: readonly Implementation[] = implementations,
): Promise<Result[]> {
  const results: Result[] = [];
  for (const implementation of only) {
    const onTracker = operations.filter((op) => op.start === 'tracker' && op.run[implementation]);
    if (onTracker.length > 0) {
      const rt = await trackerFor(implementation, deals, dists);
      outcomes.loads[implementation].push(loadCpuMs(rt));
      for (const operation of onTracker) {
        operation.before?.(rt, deals);
        const result = runOne(rt, operation, implementation, deals, outcomes);
        if (result) results.push(result);
      }
    }
    for (const operation of operations.filter(
      (op) => op.start === 'team' && op.run[implementation],
    )) {
      const rt = await teamRuntime(deals, implementation, dists);
      outcomes.loads[implementation].push(loadCpuMs(rt));
      const result = runOne(rt, operation, implementation, deals, outcomes);
      if (result) results.push(result);
    }
  }
  return results;
}

/** Where the fair baseline's outcome is not the add-on's: the comparison would be unfair. */
export function unfair(outcomes: Outcomes): string[] {
  const problems: string[] = [];
  for (const [key, seen] of outcomes.byOperation) {
    if (!('addon' in seen) || !('fair' in seen)) continue;
    const diff = differences(seen.addon, seen.fair);
    if (diff.length > 0) problems.push(`${key}: ${diff.join('; ')}`);
  }
  return problems;
}

export function orderResults(results: Result[]): Result[] {
  const order = (r: Result) =>
    operations.indexOf(r.operation) * 1e9 +
    r.deals * 10 +
    implementations.indexOf(r.implementation);
  return [...results].sort((a, b) => order(a) - order(b));
}

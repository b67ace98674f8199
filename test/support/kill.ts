// A kill between two service calls: the execution stops there, and nothing after it reaches Google, not even finally blocks.
// (Issue 22's smallest kill; the `writes` helper is adding a kill fault kind to the runtime itself.)

import type { LedgerEntry } from '../../scripts/runtime/ledger';
import type { Runtime } from './tracker';

/**
 * The `call`-th service call from now (1-based, counting every ledger entry) never happens: the
 * execution is killed just before it, as Apps Script ends a run at its time limit. Every later
 * call of that execution throws too, so no write after the kill reaches the files.
 */
export function killBeforeCall(rt: Runtime, call: number): void {
  const ledger = rt.ledger as unknown as { record: (entry: LedgerEntry) => void };
  const record = ledger.record.bind(ledger);
  let seen = 0;
  let fired = false;
  ledger.record = (entry) => {
    record(entry);
    if (fired) return;
    seen += 1;
    if (seen < call) return;
    fired = true;
    const exec = rt.executions.find((e) => e.id === entry.execution);
    if (exec) exec.killed = true;
    ledger.record = record;
    throw new Error('Exceeded maximum execution time');
  };
}

// Measures one daily reminder run on a big tracker: the ledger of the run that sends (shared by the budget test and the bench).
import type { LedgerSummary } from '../../scripts/runtime/ledger';
import type { Runtime } from './tracker';

/**
 * Turns reminders on as `owner` on Monday 23 November 2026 (bigTracker's clock), as if it had been
 * done the evening before (so Monday's digests and weekly summary are due), fires the next hourly
 * run and returns its ledger summary and the emails it sent.
 */
export function measureReminderRun(
  rt: Runtime,
  owner: string,
  /** Daily jobs counted as done today, so the run measures the reminders alone (metrics has its own budget). */
  jobsDone: readonly string[] = ['metrics'],
): { summary: LedgerSummary; emails: number } {
  rt.setUser(owner);
  rt.open({ authMode: 'LIMITED' });
  rt.clickMenu('Turn on reminders');
  const store = rt.properties.user(owner);
  const key = [...store.keys()].find((k) => k.startsWith('reminders.trigger.'));
  if (!key) throw new Error('Turning reminders on stored no trigger entry.');
  const entry = JSON.parse(store.get(key) ?? '{}') as Record<string, unknown>;
  const jobs = Object.fromEntries(jobsDone.map((job) => [job, '2026-11-23']));
  store.set(key, JSON.stringify({ ...entry, firstDay: '2026-11-23', nextCheckMs: 0, jobs }));
  const sentBefore = rt.outbox.length;
  const [run] = rt.advanceBy(3_600_000);
  if (run?.status !== 'completed') throw new Error(`The run failed: ${run?.error}`);
  return {
    summary: rt.ledger.summary({ execution: run.id }),
    emails: rt.outbox.length - sentBefore,
  };
}

// The reminder rows of `npm run bench`: one daily reminder run at 100, 5,000 and 50,000 deals.
//
// Run alone with `npx tsx scripts/bench/reminders.ts`; prints a Markdown table. Each size is a
// set-up tracker with 10 History lines per deal and 50 owners (test/support/big-tracker.ts), turned
// on as if the evening before, so the measured run sends Monday's digests, the escalation and the
// weekly summary. Modeled time is pessimistic (cost model) and includes the script's measured CPU.

import { bigTracker, ownerOf } from '../../test/support/big-tracker';
import { measureReminderRun } from '../../test/support/reminder-budget';
import { buildAddon } from '../build';

const sizes = [100, 5_000, 50_000];
/** MailApp.sendEmail in the cost model: the part of a run that grows with emails, not deals. */
const emailMs = 1_200;

export interface ReminderBenchRow {
  deals: number;
  emails: number;
  costlyCalls: number;
  cellsRead: number;
  cellsWritten: number;
  modeledSeconds: number;
  withoutEmailsSeconds: number;
  cpuSeconds: number;
}

export async function reminderBench(): Promise<ReminderBenchRow[]> {
  const rows: ReminderBenchRow[] = [];
  for (const deals of sizes) {
    const rt = await bigTracker(deals);
    const { summary, emails } = measureReminderRun(rt, ownerOf(0, 50));
    rows.push({
      deals,
      emails,
      costlyCalls: summary.costlyCalls - emails,
      cellsRead: summary.cellsRead,
      cellsWritten: summary.cellsWritten,
      modeledSeconds: summary.modeledMs.pess / 1000,
      withoutEmailsSeconds: (summary.modeledMs.pess - emails * emailMs) / 1000,
      cpuSeconds: summary.cpuMs / 1000,
    });
  }
  return rows;
}

function table(rows: ReminderBenchRow[]): string {
  const s = (n: number) => n.toFixed(1);
  return [
    '| deals | emails sent | costly calls (emails aside) | cells read | cells written | modeled run, pess (s) | without emails (s) | of which CPU (s) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.deals.toLocaleString('en-US')} | ${r.emails} | ${r.costlyCalls} | ${r.cellsRead.toLocaleString('en-US')} | ${r.cellsWritten} | ${s(r.modeledSeconds)} | ${s(r.withoutEmailsSeconds)} | ${s(r.cpuSeconds)} |`,
    ),
  ].join('\n');
}

if (process.argv[1]?.endsWith('reminders.ts')) {
  await buildAddon();
  console.log(
    'Daily reminder run (the run that sends; the other hourly runs read one property and stop)\n',
  );
  console.log(table(await reminderBench()));
}

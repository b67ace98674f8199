// The daily reminder run costs the same calls at 100 and 50,000 deals, and at 50,000 stays within 36 s modeled (emails aside).
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerSummary } from '../../scripts/runtime/ledger';
import { headerFor } from '../../src/domain/columns';
import { reminderFields } from '../../src/gas/reminder-run';
import { readBlocks } from '../../src/gas/tracker';
import { bigTracker, ownerOf, trackerHeaders } from '../support/big-tracker';
import { measureReminderRun } from '../support/reminder-budget';
import type { Runtime } from '../support/tracker';

const sizes = [100, 50_000] as const;
/** The budget for the run at 50,000 deals, emails aside (about 1.2 s each). */
const budgetMs = 36_000;

describe('the daily reminder run at 100 and 50,000 deals (10 History lines each, 50 owners)', () => {
  const runs = new Map<number, { summary: LedgerSummary; emails: number; rt: Runtime }>();

  beforeAll(async () => {
    for (const deals of sizes) {
      const rt = await bigTracker(deals);
      runs.set(deals, { ...measureReminderRun(rt, ownerOf(0, 50)), rt });
    }
  }, 600_000);

  it('reads each tab once, only the columns it needs, whatever the size', () => {
    const small = runs.get(100)?.summary;
    const large = runs.get(50_000)?.summary;
    // The tracker's needed columns are read in groups (readColumns): one block at 100 rows, one
    // read per run of adjacent columns at 50,000, where reading the gaps would cost more than a call.
    const columns = reminderFields.map((field) => trackerHeaders.indexOf(headerFor(field, 'en')));
    const groups = (rows: number) =>
      readBlocks(
        [...columns].sort((a, b) => a - b),
        rows,
      ).length;
    expect(groups(100)).toBe(1);
    const otherCalls = (summary: LedgerSummary | undefined, rows: number) => {
      const { 'MailApp.sendEmail': _mail, ...rest } = summary?.costlyByMethod ?? {};
      return { ...rest, 'Range.getValues': (rest['Range.getValues'] ?? 0) - groups(rows) };
    };
    // Everything else, call for call: the header, Settings, Team, the Sent log, the Run log.
    expect(otherCalls(large, 50_000)).toEqual(otherCalls(small, 100));
    expect(otherCalls(large, 50_000)['Range.getValues']).toBe(4);
    // Only the 17 needed columns of each row (History, 500,000 lines here, is never read); the
    // products name a deal that has no name (dealTitle).
    expect(large?.cellsRead).toBeLessThanOrEqual(50_000 * 17 + 5_000);
  });

  it('sends one digest per owner, an escalation and the Monday summary, within 36 s modeled at 50,000 deals', () => {
    const large = runs.get(50_000);
    const subjects = (large?.rt.outbox ?? []).map((mail) => mail.subject);
    expect(subjects.filter((s) => / need(s)? you today /.test(s))).toHaveLength(50);
    expect(subjects.filter((s) => /need a decision/.test(s))).toHaveLength(1);
    expect(subjects.filter((s) => /^Weekly pipeline summary/.test(s))).toHaveLength(1);
    for (const deals of sizes) {
      const run = runs.get(deals);
      const emails = run?.emails ?? 0;
      expect(emails, `${deals} deals`).toBeGreaterThan(0);
      const withoutMail = (run?.summary.modeledMs.pess ?? Infinity) - emails * 1_200;
      expect(
        withoutMail,
        `${deals} deals: ${JSON.stringify(run?.summary.costlyByMethod)}`,
      ).toBeLessThanOrEqual(budgetMs);
    }
  });
});

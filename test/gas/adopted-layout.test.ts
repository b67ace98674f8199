// What the adoption dialog decided reaches every run: the hourly trigger and the morning Metrics refresh of another user.
import { describe, expect, it } from 'vitest';
import { adopt } from '../support/adopt';
import { mails, menu, runReports, sentRows } from '../support/reminder-world';
import { rpc } from '../support/rpc';
import { dateCell, runtimeWith, sheetOf, textGrid } from '../support/tracker';

const marta = 'marta@example.com';
const ana = 'ana@example.com';
const luis = 'luis@example.com';
/** Tuesday 10:00 in Madrid: past the reminder hour (8:00). */
const tuesday = new Date('2026-11-24T09:00:00Z');

/**
 * A team's sheet with two person columns: "Account manager" (who looks after the customer) and
 * "Closer" (who sells). The team says in the dialog that the closer owns the deal. Names, not
 * e-mails, in any case: the Team tab says who is who.
 */
function teamSheet() {
  const header = ['Ref', 'Deal', 'Account manager', 'Closer', 'Stage', 'Amount', 'Close date'];
  const row = (
    ref: string,
    deal: string,
    am: string,
    closer: string,
    stage: string,
    amount: number,
  ) => [ref, deal, am, closer, stage, amount, dateCell('2026-12-15')];
  return sheetOf('Deals', [
    header,
    row('D-1', 'Fleet tracking', 'Marta', 'Ana Ruiz', 'Proposal', 40_000),
    row('D-2', 'Support plan', 'Marta', 'ana ruiz', 'New', 20_000),
    row('D-3', 'Training pack', 'Marta', 'Luis  Gil', 'Negotiation', 10_000),
    row('D-4', 'Old rollout', 'Marta', 'Luis Gil', 'Won', 30_000),
  ]);
}

/** A tab that is only called like the tracker: no run may take it for the tracker. */
const decoy = sheetOf(
  'Opportunities',
  [
    ['Idea', 'Notes'],
    ['Webinar', 'Ask Marta'],
  ],
  7,
);

async function adoptedByMarta() {
  const rt = await runtimeWith([teamSheet(), decoy], { user: marta });
  rt.setUser(marta);
  adopt(rt, { columns: { '2': 'keep', '3': 'owner' }, stages: {}, groups: [] });
  // The owners as the dialog's owners section writes them: names with their e-mails.
  rt.edit('Team', 'A2:C4', [
    [ana, 'Ana Ruiz', marta],
    [luis, 'Luis Gil', marta],
    [marta, 'Marta', ''],
  ]);
  return rt;
}

describe('the layout the team chose, in runs under another user', () => {
  // The file runs on 2026-11-23, a Monday, 10:30 in Madrid (runtimeWith's clock).
  it("Ana's hourly trigger reads Marta's choice of owner column, finds the tracker by ID and mails the right people", async () => {
    const rt = await adoptedByMarta();
    expect(menu(rt, 'Turn on reminders', ana)).toMatch(/^Reminders are on/);
    rt.advanceTo(tuesday);
    const runs = rt.executions.filter((e) => e.fn === 'runReminders');
    expect(runs.length).toBeGreaterThan(0);
    expect(new Set(runs.map((e) => e.user))).toEqual(new Set([ana]));
    expect(runs.every((e) => e.status === 'completed')).toBe(true);

    // Digests go to the closers (Ana: D-1, D-2; Luis: D-3), none to the account manager.
    const digests = sentRows(rt).filter(
      ([key, status]) => key.startsWith('digest:') && status === 'sent',
    );
    expect(digests.map(([key]) => key).sort()).toEqual([
      `digest:${ana}:2026-11-24`,
      `digest:${luis}:2026-11-24`,
    ]);
    const toAna = mails(rt).find((m) => m.to === ana)?.text ?? '';
    expect(toAna).toContain('Fleet tracking');
    expect(toAna).toContain('Support plan');
    expect(toAna).not.toContain('Training pack');

    // The morning Metrics refresh ran in the same run, on the "Deals" tab, per closer.
    const last = runReports(rt).at(-1);
    expect(last?.problems).toEqual([]);
    expect(last?.details).toContain('Metrics refreshed in the "Metrics" tab: 4 deals');
    const metrics = textGrid(rt, 'Metrics');
    expect(metrics.flat().join(' ')).toContain('Deals');
    const line = (label: string) => metrics.find((r) => r[0] === label);
    expect(line(`Ana Ruiz (${ana})`)?.[1]).toBe('2');
    expect(line(`Luis Gil (${luis})`)?.[1]).toBe('1');
    expect(metrics.some((r) => r[0]?.startsWith('Marta') && r[1] !== '0' && r[1] !== '')).toBe(
      false,
    );
    // The tab merely called "Opportunities" was never touched.
    expect(textGrid(rt, 'Opportunities')).toEqual([
      ['Idea', 'Notes'],
      ['Webinar', 'Ask Marta'],
    ]);
  });

  it('My day, the review and the Team view of the sidebar use the same reading', async () => {
    const rt = await adoptedByMarta();
    rt.setUser(ana);
    const day = rpc(rt, 'myDay', {});
    if (!day.ok) throw new Error(day.error.message);
    const listed = new Set(Object.values(day.data).flatMap((list) => list.map((d) => d.name)));
    expect(listed).toEqual(new Set(['Fleet tracking', 'Support plan']));
    const review = rpc(rt, 'reviewQueue', { mine: true });
    if (!review.ok) throw new Error(review.error.message);
    expect(review.data.queue.map((d) => d.name).sort()).toEqual(['Fleet tracking', 'Support plan']);
    rt.setUser(marta);
    const team = rpc(rt, 'teamView', {});
    if (!team.ok) throw new Error(team.error.message);
    expect(team.data.owners.map((o) => [o.owner, o.openCount])).toEqual([
      [ana, 2],
      [luis, 1],
    ]);
  });

  it('a daily job that fails is in the Run log and the sidebar, is not recorded as done, and runs again', async () => {
    const rt = await adoptedByMarta();
    menu(rt, 'Turn on reminders', ana);
    // The Metrics tab cannot be created at the first attempt (Google refuses the new tab).
    rt.failOn({ service: 'Spreadsheet', method: 'insertSheet' });
    // The first run from 8:00 in Madrid (the trigger fires at a random minute of the hour).
    rt.advanceTo(new Date('2026-11-24T07:59:00Z'));
    expect(runReports(rt).filter((r) => r.sent > 0)).toHaveLength(1);
    const failed = runReports(rt).at(-1);
    expect(failed?.problems.join('\n')).toMatch(/^Daily job "metrics" failed: /m);
    expect(failed?.details ?? '').not.toContain('Metrics refreshed');
    rt.setUser(marta);
    const boot = rpc(rt, 'bootstrap', {});
    if (!boot.ok) throw new Error(boot.error.message);
    expect(boot.data.reminders.lastRunOk).toBe(false);
    expect(boot.data.reminders.lastRun?.problems.join('\n')).toContain(
      'Daily job "metrics" failed',
    );
    // The next hourly run tries again, and this time the Metrics tab is there.
    rt.advanceTo(new Date('2026-11-24T08:59:00Z'));
    const again = runReports(rt).at(-1);
    expect(again?.problems).toEqual([]);
    expect(again?.details).toContain('Metrics refreshed');
    expect(mails(rt).filter((m) => m.to === ana)).toHaveLength(1);
  });
});

describe('the tabs a run generates', () => {
  it("never writes over a team's own Metrics tab: the morning run makes its own, found by ID after", async () => {
    const own = sheetOf('Metrics', [['Our KPIs'], ['Calls a week: 40']], 9);
    const rt = await runtimeWith([teamSheet(), own], { user: marta });
    rt.setUser(marta);
    adopt(rt, { columns: { '2': 'keep', '3': 'owner' }, stages: {}, groups: [] });
    menu(rt, 'Turn on reminders', ana);
    rt.advanceTo(tuesday);
    expect(runReports(rt).at(-1)?.details).toContain(
      'Metrics refreshed in the "Metrics (2)" tab: 4 deals',
    );
    expect(textGrid(rt, 'Metrics')).toEqual([['Our KPIs'], ['Calls a week: 40']]);
    // Marta's refresh from the menu updates the tab the run made (its ID is in the file).
    menu(rt, 'Refresh metrics', marta);
    expect(
      rt
        .snapshot()
        .sheets.map((s) => s.name)
        .filter((n) => n.startsWith('Metrics')),
    ).toEqual(['Metrics', 'Metrics (2)']);
    expect(textGrid(rt, 'Metrics (2)')[0]?.[0]).toMatch(/by marta@example\.com\.$/);
  });
});

describe('owner names the Team tab gives no e-mail', () => {
  it('are listed once by Check & repair and once in the Run log, never flagged on every row', async () => {
    const rt = await adoptedByMarta();
    const closer = (rt.read('Deals')[0] ?? []).indexOf('Closer');
    expect(closer).toBe(3);
    // Two deals of someone the Team tab does not list, spelled two ways.
    rt.edit('Deals', 'D2', 'Darcel Schlecht');
    rt.edit('Deals', 'D4', 'darcel  schlecht');
    rt.run('checkAndRepair');
    const alert = rt.ui.alerts.at(-1) as { prompt?: string; message?: string } | undefined;
    expect(String(alert?.prompt ?? alert?.message)).toContain(
      'No e-mail in the Team tab for Darcel Schlecht: 2 deals (rows 2, 4): add them there.',
    );
    const report = textGrid(rt, 'Check report').slice(2);
    expect(report.filter((line) => line.join(' ').toLowerCase().includes('darcel'))).toEqual([
      [
        '',
        '',
        'Closer',
        'has no e-mail in the Team tab: add it there so this person gets reminders and sees their deals',
        'Darcel Schlecht: 2 deals (rows 2, 4)',
      ],
    ]);
    menu(rt, 'Turn on reminders', ana);
    rt.advanceTo(tuesday);
    expect(runReports(rt).at(-1)?.details).toContain(
      'No e-mail in the Team tab for Darcel Schlecht (2): add',
    );
    expect(sentRows(rt).filter(([key]) => key.toLowerCase().includes('darcel'))).toEqual([]);
  });
});

// Every vendor export, adopted with the dialog's defaults, then the whole daily path on it, as its team would use it.
import { describe, expect, it } from 'vitest';
import { columnChoicesFrom, mapColumns } from '../../src/domain/columns';
import { fields } from '../../src/domain/fields';
import { stageKindOf } from '../../src/domain/follow-up';
import { foldName } from '../../src/domain/parse-row';
import { settingsFromRows } from '../../src/domain/settings-table';
import { adopt } from '../support/adopt';
import { allExports, type ExportFixture, sheetFromExport } from '../support/exports';
import { runReports, sentRows } from '../support/reminder-world';
import { rpc } from '../support/rpc';
import { letterOf, type Runtime, runtimeWith, textGrid } from '../support/tracker';

const boss = 'boss@example.com';
/** "Ana Ruiz" -> ana.ruiz@example.com; a CRM user ID gets one too. */
const emailOf = (owner: string) =>
  `${foldName(owner)
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')}@example.com`;

/** The tabs of a file in its language. */
function tabs(language: 'en' | 'es') {
  return language === 'es'
    ? {
        team: 'Equipo',
        settings: 'Configuración',
        history: 'Historial',
        report: 'Informe de revisión',
      }
    : { team: 'Team', settings: 'Settings', history: 'History', report: 'Check report' };
}

interface Deal {
  id: string;
  row: number;
  owner: string;
  stage: string;
  open: boolean;
}

/** The adopted tracker read back cell by cell, with the column reading the team confirmed. */
function trackerDeals(rt: Runtime, fixture: ExportFixture) {
  const grid = textGrid(rt, 'Deals');
  const header = grid[0] ?? [];
  const choices = columnChoicesFrom(rt.properties.document().get('tracker.columnChoices'));
  const columns = mapColumns(header, fields, { choices }).byField;
  const settings = settingsFromRows(textGrid(rt, tabs(fixture.language).settings));
  if (!settings.ok) throw new Error(settings.issues.join('; '));
  const at = (field: 'id' | 'stage' | 'owner') => {
    const column = columns[field];
    if (column === undefined) throw new Error(`No ${field} column in ${header.join(' | ')}`);
    return column;
  };
  const deals: Deal[] = grid.slice(1).flatMap((row, i) => {
    const id = row[at('id')] ?? '';
    if (id === '') return [];
    const stage = row[at('stage')] ?? '';
    const open = stageKindOf(settings.value, stage) === 'open';
    return [{ id, row: i + 2, owner: row[at('owner')] ?? '', stage, open }];
  });
  return { deals, stageColumn: at('stage'), settings: settings.value };
}

function ok<T>(answer: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** Wednesday 2026-11-25, 10:00 in Madrid: the next morning's run has gone. */
const nextMorning = new Date('2026-11-24T09:00:00Z');

describe.each(allExports())('$name: adopted with the defaults, then a day of work', (fixture) => {
  it('works in the sidebar, the grid, My day, the review, the Team view, reminders, Metrics and Check & repair', async () => {
    const language = fixture.language;
    const names = tabs(language);
    const rt = await runtimeWith([sheetFromExport(fixture)], {
      locale: language === 'es' ? 'es_ES' : 'en_US',
      user: boss,
    });
    rt.setUser(boss);
    const { view } = adopt(rt);
    const ownerColumn = view.columns.find((c) => c.target === 'owner')?.index;
    expect(ownerColumn, 'an owner column').toBeDefined();

    // The owners, as the dialog's owners section writes them in the Team tab: name and e-mail.
    const owners = [
      ...new Set(fixture.rows.map((row) => (row[ownerColumn ?? 0] ?? '').trim()).filter(Boolean)),
    ];
    const people = [...owners.map((o) => [emailOf(o), o, boss]), [boss, 'Boss', '']];
    rt.edit(names.team, `A2:C${people.length + 1}`, people);

    const { deals, stageColumn, settings } = trackerDeals(rt, fixture);
    const openOf = (owner: string) =>
      deals.filter((d) => d.open && foldName(d.owner) === foldName(owner)).map((d) => d.id);
    const seller = owners.find((o) => openOf(o).length >= 2) ?? owners[0] ?? '';
    const sellerEmail = emailOf(seller);
    const mine = openOf(seller);
    expect(mine.length, 'the seller has open deals').toBeGreaterThan(1);

    // ---- The seller's sidebar: bootstrap, the review, My day, a deal opened and saved.
    rt.setUser(sellerEmail);
    expect(ok(rpc(rt, 'bootstrap', {})).isSetUp).toBe(true);
    const review = ok(rpc(rt, 'reviewQueue', { mine: true }));
    expect(new Set(review.queue.map((d) => d.id))).toEqual(new Set(mine));
    const [first = '', second = ''] = mine;
    const opened = ok(rpc(rt, 'getDeal', { id: first }));
    const saved = ok(
      rpc(rt, 'setNextAction', {
        id: first,
        version: opened.version,
        nextAction: 'Call back',
        nextActionDate: '2026-11-23',
        nextActionGoal: 'Agree the next step',
      }),
    );
    expect(saved.deal.nextAction).toBe('Call back');
    // My day: only the seller's deals, the one due today among them.
    const day = ok(rpc(rt, 'myDay', {}));
    expect(day.today.map((d) => d.id)).toContain(first);
    for (const id of Object.values(day).flatMap((list) => list.map((d) => d.id)))
      expect(mine).toContain(id);
    const history = () => textGrid(rt, names.history).slice(1);
    expect(history().some((line) => line.includes(first) && line.includes(sellerEmail))).toBe(true);

    // ---- The grid: the seller moves another deal on by typing its stage; History records it.
    const other = deals.find((d) => d.id === second);
    const nextStage = settings.stages.find(
      (s) => s.kind === 'open' && s.name !== other?.stage,
    )?.name;
    const edit = rt.edit('Deals', `${letterOf(stageColumn)}${other?.row}`, nextStage);
    expect(edit.accepted).toBe(true);
    expect(history().some((line) => line.includes(second) && line.includes(nextStage ?? '?'))).toBe(
      true,
    );

    // ---- The manager's Team view: every owner's open deals, found through the Team tab.
    rt.setUser(boss);
    const team = ok(rpc(rt, 'teamView', {}));
    for (const owner of owners) {
      const line = team.owners.find((l) => l.owner === emailOf(owner));
      expect(line?.openCount ?? 0, owner).toBe(openOf(owner).length);
    }

    // ---- Reminders, turned on by the seller: the next morning's run mails the seller and
    // refreshes the Metrics tab (the trigger runs as the seller, without document properties).
    rt.setUser(sellerEmail);
    rt.run('turnOnReminders');
    rt.advanceTo(nextMorning);
    const run = runReports(rt).at(-1);
    expect(run?.problems).toEqual([]);
    expect(run?.details).toMatch(/Metrics|Métricas/);
    expect(sentRows(rt)).toContainEqual([`digest:${sellerEmail}:2026-11-24`, 'sent']);
    // The digest links the deal's row: it is there, overdue since yesterday.
    const digest = rt.outbox.find((mail) => mail.to.includes(sellerEmail));
    expect(digest?.body).toContain(`&range=A${deals.find((d) => d.id === first)?.row}`);

    // ---- Metrics from the menu, by the manager: the open pipeline, and a line per owner.
    rt.setUser(boss);
    rt.run('refreshMetrics');
    const metrics = textGrid(rt, language === 'es' ? 'Métricas' : 'Metrics');
    const openRow = metrics.find((line) => /^(Open pipeline|Cartera abierta)$/.test(line[0] ?? ''));
    expect(Number(openRow?.[1])).toBe(deals.filter((d) => d.open).length);
    for (const owner of owners)
      expect(
        metrics.some((line) => line[0]?.endsWith(`(${emailOf(owner)})`)),
        owner,
      ).toBe(true);

    // ---- Check & repair: no owner is left without an e-mail, nothing failed on the way.
    rt.run('checkAndRepair');
    const report = rt.snapshot().sheets.some((s) => s.name === names.report)
      ? textGrid(rt, names.report)
      : [];
    expect(report.filter((line) => /Team tab|pestaña Equipo/.test(line[3] ?? ''))).toEqual([]);
    expect(rt.executionSummary().failures).toEqual([]);
  });
});

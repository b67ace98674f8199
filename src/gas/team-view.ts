// The sidebar's Team tab: a manager's people, their pipeline, coverage and the deals that need attention.

import type { FieldKey } from '../domain/fields';
import {
  isManager,
  type OwnerFigures,
  ownerFigures,
  reportsOf,
  teamTotal,
} from '../domain/metrics-team';
import type { Opportunity, Settings, Team } from '../domain/model';
import { parseRows } from '../domain/parse-row';
import type { DealSummary, RpcParsedRequest, RpcResponse } from '../shared/rpc';
import type { CallContext } from './context';
import { resolveOwners, teamOnce } from './owners';
import { loadSettings } from './settings-cache';
import { firstDataRow, readColumns } from './tracker';
import { trackerLayout, trackerSheet } from './tracker-layout';

/** What the team view reads of the tracker: My day's columns, plus what coverage needs. */
const teamFields: readonly FieldKey[] = [
  'id',
  'name',
  'customer',
  'owner',
  'stage',
  'amount',
  'probability',
  'closeDate',
  'created',
  'stageEntered',
  'nextAction',
  'nextActionDate',
  'lastContact',
  'closedOn',
  'closePushes',
  'updated',
  'products',
];

type TeamView = RpcResponse<'teamView'>;
type Reason = TeamView['deals'][number]['reasons'][number];

/** True when the Team tab names this person as someone's manager (one read of the Team tab). */
export function managesSomeone(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  user: string,
): boolean {
  return isManager(teamOnce(spreadsheet), user);
}

/**
 * The team of the caller: everyone who reports to them in the Team tab (directly or through other
 * managers) and the caller's own deals. Not a manager: `manager: false` and no one listed.
 * With `owner`, that owner's deals that need attention, most urgent first.
 */
/** A deal as the sidebar lists it (My day's line): the rpc server's own, so both lists agree. */
export type Summarize = (
  deal: Opportunity,
  row: number,
  settings: Settings,
  today: string,
) => DealSummary;

export function teamView(
  ctx: CallContext,
  request: RpcParsedRequest<'teamView'>,
  summarize: Summarize,
): TeamView | null {
  const layout = trackerLayout(trackerSheet(ctx.spreadsheet));
  if (!layout) return null;
  const team = teamOnce(ctx.spreadsheet);
  const reports = reportsOf(team, ctx.user);
  const empty: TeamView = {
    manager: false,
    today: ctx.now.date,
    owners: [],
    total: null,
    owner: null,
    deals: [],
  };
  if (reports.length === 0) return empty;
  const { settings } = loadSettings(ctx.spreadsheet, ctx.language);
  const slice = readColumns(layout, teamFields, ctx.timeZone);
  const parsed = parseRows(slice.rows, slice.columns, settings, firstDataRow);
  const people = new Set([...reports, ctx.user]);
  // Owner cells may hold names: the Team tab (already read) says whose e-mail each is.
  const deals = resolveOwners(parsed.deals, ctx.spreadsheet);
  const mine = deals.filter((deal) => people.has(deal.owner.trim().toLowerCase()));
  const lines = ownerFigures({
    deals: mine,
    settings,
    today: ctx.now.date,
    team: teamOf(team, people),
  });
  const owner = request.owner?.trim().toLowerCase() ?? null;
  const line = owner === null ? undefined : lines.find((l) => l.owner === owner);
  const rows = new Map(deals.map((deal, i) => [deal.id, parsed.rows[i] ?? 0]));
  return {
    manager: true,
    today: ctx.now.date,
    // The caller's own line only when they own deals: a manager who sells shows up, one who does not, not.
    owners: lines.filter((l) => l.owner !== ctx.user || l.openCount > 0).map(summary),
    total: summary(teamTotal(lines)),
    owner: line ? line.owner : null,
    deals: line
      ? attention(line, mine, (deal) =>
          summarize(deal, rows.get(deal.id) ?? 0, settings, ctx.now.date),
        )
      : [],
  };
}

/** The Team tab restricted to these people, in its order, the caller included. */
function teamOf(team: Team, people: ReadonlySet<string>): Team {
  const listed = team.filter((member) => people.has(member.email));
  const missing = [...people].filter((email) => !listed.some((m) => m.email === email));
  return [...listed, ...missing.map((email) => ({ email, name: '', managerEmail: '' }))];
}

function summary(line: OwnerFigures): TeamView['owners'][number] {
  return {
    owner: line.owner,
    name: line.name,
    openCount: line.openCount,
    openAmount: line.openAmount,
    weighted: line.weighted,
    quota: line.quota,
    wonQuarter: line.wonQuarter,
    coverage: line.coverage,
    overdue: line.overdueIds.length,
    stale: line.staleIds.length,
    noNextAction: line.noNextActionIds.length,
    slipping: line.slippingIds.length,
    attention: line.attentionIds.length,
  };
}

/** An owner's deals that need attention: overdue first, then stale, then the rest; each with why. */
function attention(
  line: OwnerFigures,
  deals: readonly Opportunity[],
  summarize: (deal: Opportunity) => DealSummary,
): TeamView['deals'] {
  const byId = new Map(deals.map((deal) => [deal.id, deal]));
  const lists: Array<[Reason, readonly string[]]> = [
    ['overdue', line.overdueIds],
    ['stale', line.staleIds],
    ['noNextAction', line.noNextActionIds],
    ['slipping', line.slippingIds],
  ];
  const rank = (id: string) => lists.findIndex(([, ids]) => ids.includes(id));
  return [...line.attentionIds]
    .sort((a, b) => rank(a) - rank(b))
    .flatMap((id) => {
      const deal = byId.get(id);
      if (!deal) return [];
      const reasons = lists.filter(([, ids]) => ids.includes(id)).map(([reason]) => reason);
      return [{ ...summarize(deal), reasons }];
    });
}

// Owner cells resolved to people through the Team tab, which is read at most once per execution.

import type { Opportunity, Team } from '../domain/model';
import { namesAnyone, type People, peopleOf, withOwnerEmails } from '../domain/people';
import { readTeam } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

let memo: { id: string; team: Team; people: People } | null = null;

/** The Team tab of this file, read once per execution (Apps Script starts each with fresh globals). */
export function teamOnce(spreadsheet: Spreadsheet): Team {
  return peopleOnce(spreadsheet).team;
}

function peopleOnce(spreadsheet: Spreadsheet): { team: Team; people: People } {
  const id = spreadsheet.getId();
  if (memo?.id !== id) {
    const team = readTeam(spreadsheet);
    memo = { id, team, people: peopleOf(team) };
  }
  return memo;
}

/** The Team tab changed in this execution (the demo, adoption's owners): read it again on next use. */
export function forgetTeam(): void {
  memo = null;
}

/**
 * Deals with each owner as the person's e-mail (else their name), for lists and figures. The Team
 * tab is read only when some owner cell holds a name, or when the caller already needs the team.
 */
export function resolveOwners<T extends Pick<Opportunity, 'owner'>>(
  deals: readonly T[],
  spreadsheet: Spreadsheet,
): T[] {
  if (!namesAnyone(deals) && memo?.id !== spreadsheet.getId()) return [...deals];
  return withOwnerEmails(deals, peopleOnce(spreadsheet).people);
}

/** The people of this file (reads the Team tab once). */
export function peopleIn(spreadsheet: Spreadsheet): People {
  return peopleOnce(spreadsheet).people;
}

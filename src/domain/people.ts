// Who a deal's owner cell names: an e-mail, or a person's name that the Team tab maps to an e-mail.

import type { Opportunity, Team, TeamMember } from './model';
import { foldName, isEmail } from './parse-row';

/** The person an owner cell names, as every feature sees them. */
export interface Person {
  /** Their e-mail, lowercase; '' when neither the cell nor the Team tab gives one. */
  email: string;
  /** How they are shown: the Team tab's name, else the cell as first written (spaces tidied). */
  name: string;
  /** One key per person: the e-mail, else the folded name ('' for an empty cell). */
  key: string;
  member?: TeamMember;
}

export interface People {
  /** The person a cell names; the same cell (or spelling) always gives the same answer. */
  resolve(cell: string): Person;
}

const nobody: Person = { email: '', name: '', key: '' };

/** "Doe, Jane" and "Jane Doe" name the same person: the words of a name, folded and sorted. */
const wordsOf = (folded: string) =>
  folded
    .split(/[\s,;.]+/)
    .filter(Boolean)
    .sort()
    .join(' ');

/** "Jane Doe <jane@example.com>": the e-mail inside, if any. */
const bracketed = /<\s*([^<>\s]+@[^<>\s]+\.[^<>\s]+)\s*>/;

/**
 * The one rule that turns owner cells into people, for every feature (My day, the review, reminders,
 * the Team view, metrics, Check & repair). An e-mail is the person; a name is looked up among the
 * Team tab's names, ignoring case, accents, extra spaces and word order; a name two members share,
 * or none has, is a person without an e-mail (shown and counted under the name, never mailed).
 */
export function peopleOf(team: Team): People {
  const byEmail = new Map<string, TeamMember>();
  const byName = new Map<string, TeamMember | null>();
  const byWords = new Map<string, TeamMember | null>();
  const add = (map: Map<string, TeamMember | null>, key: string, member: TeamMember) => {
    if (key !== '') map.set(key, map.has(key) && map.get(key) !== member ? null : member);
  };
  for (const member of team) {
    const email = member.email.trim().toLowerCase();
    if (!byEmail.has(email)) byEmail.set(email, member);
    const folded = foldName(member.name);
    add(byName, folded, member);
    add(byWords, wordsOf(folded), member);
  }
  const known = new Map<string, Person>();
  const spelled = new Map<string, Person>();
  const ofEmail = (email: string): Person => {
    const member = byEmail.get(email);
    return member
      ? { email, name: member.name.trim(), key: email, member }
      : { email, name: '', key: email };
  };
  const resolve = (cell: string): Person => {
    const seen = known.get(cell);
    if (seen) return seen;
    const text = cell.replace(/\s+/g, ' ').trim();
    const lower = text.toLowerCase();
    const inside = bracketed.exec(lower)?.[1];
    const folded = foldName(text);
    let person: Person;
    if (text === '') person = nobody;
    else if (isEmail(lower)) person = ofEmail(lower);
    else if (inside) person = ofEmail(inside);
    else {
      const member = byName.get(folded) ?? byWords.get(wordsOf(folded));
      if (member) person = ofEmail(member.email.trim().toLowerCase());
      else {
        // Unknown names keep the spelling first met, so "ana  garcía" and "Ana García" are one line.
        const key = `name:${wordsOf(folded)}`;
        person = spelled.get(key) ?? { email: '', name: text, key };
        spelled.set(key, person);
      }
    }
    known.set(cell, person);
    return person;
  };
  return { resolve };
}

/** True when some owner cell is a name, so the Team tab must be read to know who it is. */
export function namesAnyone(deals: readonly Pick<Opportunity, 'owner'>[]): boolean {
  return deals.some((deal) => {
    const text = deal.owner.trim();
    return text !== '' && !isEmail(text.toLowerCase());
  });
}

/**
 * Deals whose owner is the person's e-mail where there is one, else the person's name as first
 * written: what every list, email and figure groups and compares by. The cells are not touched.
 */
export function withOwnerEmails<T extends Pick<Opportunity, 'owner'>>(
  deals: readonly T[],
  people: People,
): T[] {
  return deals.map((deal) => {
    const person = people.resolve(deal.owner);
    const owner = person.email || person.name;
    return owner === deal.owner ? deal : { ...deal, owner };
  });
}

/** An owner the Team tab gives no e-mail for: listed once, with the deals that name them. */
export interface OwnerWithoutEmail {
  name: string;
  ids: string[];
  /** 1-based sheet rows of those deals, when the caller knows them. */
  rows: number[];
}

/** Every owner name without an e-mail, once each, in order of first appearance. */
export function ownersWithoutEmail(
  deals: readonly Pick<Opportunity, 'owner' | 'id'>[],
  people: People,
  rows: readonly number[] = [],
): OwnerWithoutEmail[] {
  const found = new Map<string, OwnerWithoutEmail>();
  deals.forEach((deal, i) => {
    const person = people.resolve(deal.owner);
    if (person.key === '' || person.email !== '') return;
    const entry = found.get(person.key) ?? { name: person.name, ids: [], rows: [] };
    entry.ids.push(deal.id);
    const row = rows[i];
    if (row !== undefined) entry.rows.push(row);
    found.set(person.key, entry);
  });
  return [...found.values()];
}

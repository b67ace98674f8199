// What one header means: a field or a status column, found through vendor prefixes, units and currencies.

import { type FieldKey, type FieldSpec, fields } from './fields';
import {
  currencyCodes,
  entityConnectors,
  type HeaderConcept,
  type HeaderEntity,
  headerConcepts,
  headerEntities,
  type StatusRole,
  statusRoleSynonyms,
  statusRoles,
  unitSuffixes,
} from './header-words';
import { lazy } from './lazy';

/** What a column can mean: one of the tracker's fields, or a status column adoption reads. */
export type ColumnTarget = FieldKey | StatusRole;

/**
 * How sure a match is, so two columns claiming one field are settled by meaning, not order:
 * the add-on's own header (3) beats a listed synonym (2), which beats a header understood only
 * after dropping a prefix, a unit or a currency (1).
 */
export type MatchQuality = 1 | 2 | 3;

export interface HeaderMatch {
  target: ColumnTarget;
  quality: MatchQuality;
}

export function isStatusRole(target: string): target is StatusRole {
  return (statusRoles as readonly string[]).includes(target);
}

/**
 * The comparable form of a header: lowercase, accents dropped, punctuation and symbols as
 * spaces, spaces collapsed. "  EXPECTED   close-date " and "expected close date" are one name.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** API-style names have no spaces: "StageName" and "IsClosed" are read as "Stage Name", "Is Closed". */
function splitCamelCase(text: string): string {
  if (/\s/.test(text.trim())) return text;
  return text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
}

interface Lookup {
  own: Map<string, FieldKey>;
  synonyms: Map<string, ColumnTarget>;
  entityByWord: Map<string, HeaderEntity>;
  units: string[];
}

const lookups = new WeakMap<readonly FieldSpec[], Lookup>();

function lookupFor(catalog: readonly FieldSpec[]): Lookup {
  const cached = lookups.get(catalog);
  if (cached) return cached;
  const own = new Map<string, FieldKey>();
  const synonyms = new Map<string, ColumnTarget>();
  for (const spec of catalog) {
    for (const name of [spec.header.en, spec.header.es]) {
      const key = normalizeHeader(name);
      if (!own.has(key)) own.set(key, spec.key);
    }
  }
  for (const spec of catalog) {
    for (const name of spec.synonyms) {
      const key = normalizeHeader(name);
      if (!synonyms.has(key)) synonyms.set(key, spec.key);
    }
  }
  for (const role of statusRoles) {
    for (const name of statusRoleSynonyms[role]) {
      const key = normalizeHeader(name);
      if (!synonyms.has(key)) synonyms.set(key, role);
    }
  }
  const entityByWord = new Map<string, HeaderEntity>();
  for (const [entity, words] of Object.entries(headerEntities) as Array<
    [HeaderEntity, (typeof headerEntities)[HeaderEntity]]
  >) {
    for (const word of words.words) entityByWord.set(normalizeHeader(word), entity);
  }
  // Longest first, so "in company currency" goes before "company currency".
  const units = [...unitSuffixes.map(normalizeHeader), ...currencyCodes].sort(
    (a, b) => b.length - a.length,
  );
  const lookup = { own, synonyms, entityByWord, units };
  lookups.set(catalog, lookup);
  return lookup;
}

/** "Amount (EUR)" -> "Amount"; "Valor (€) [total]" -> "Valor". */
function withoutBrackets(text: string): string {
  let rest = text.trim();
  for (;;) {
    const next = rest.replace(/\s*[([{][^()[\]{}]*[)\]}]\s*$/u, '').trim();
    if (next === rest || next === '') return rest;
    rest = next;
  }
}

/** "amount eur" -> "amount"; "amount in company currency" -> "amount" (normalized text). */
function withoutUnits(key: string, units: readonly string[]): string {
  let rest = key;
  for (let changed = true; changed; ) {
    changed = false;
    for (const unit of units) {
      if (rest.endsWith(` ${unit}`)) {
        rest = rest.slice(0, -unit.length - 1).trim();
        changed = true;
      }
    }
  }
  return rest;
}

interface Candidate {
  key: string;
  derived: boolean;
  entity?: HeaderEntity;
}

/** The names a header could be read as, most literal first. */
function candidates(header: string, lookup: Lookup): Candidate[] {
  const list: Candidate[] = [];
  const seen = new Set<string>();
  const add = (key: string, derived: boolean, entity?: HeaderEntity) => {
    const id = `${entity ?? ''}|${key}`;
    if (key === '' || seen.has(id)) return;
    seen.add(id);
    list.push(entity ? { key, derived, entity } : { key, derived });
  };
  const text = splitCamelCase(header);
  const simplified = (raw: string) => {
    const full = normalizeHeader(raw);
    const bare = normalizeHeader(withoutBrackets(raw));
    return [full, bare, withoutUnits(bare, lookup.units)];
  };

  const [full = '', ...plainer] = simplified(text);
  add(full, false);
  for (const key of plainer) add(key, true);

  // "Deal - Title", "Oportunidad - Nombre", "Person: Email".
  const separated = /^\s*([^-–—:]+?)\s*[-–—:]\s+(.+)$/u.exec(text);
  if (separated) {
    const entity = lookup.entityByWord.get(normalizeHeader(separated[1] ?? ''));
    if (entity) for (const key of simplified(separated[2] ?? '')) add(key, true, entity);
  }
  // "Deal Stage", "Opportunity Owner", "Account Name", "Associated Company" (English: entity first).
  for (const key of [...new Set([full, ...plainer])]) {
    const words = key.split(' ');
    for (let n = Math.min(2, words.length - 1); n >= 1; n -= 1) {
      const entity = lookup.entityByWord.get(words.slice(0, n).join(' '));
      if (entity) add(words.slice(n).join(' '), true, entity);
    }
    // "Propietario del negocio", "Nombre de la cuenta" (Spanish: entity last).
    for (const connector of entityConnectors) {
      const at = key.lastIndexOf(` ${connector} `);
      if (at <= 0) continue;
      const entity = lookup.entityByWord.get(key.slice(at + connector.length + 2));
      if (entity) add(key.slice(0, at), true, entity);
    }
  }
  return list;
}

function allowed(entity: HeaderEntity | undefined, target: ColumnTarget): boolean {
  if (entity === undefined) return true;
  const fieldsOf = headerEntities[entity].fields;
  if (fieldsOf === 'any') return true;
  return (fieldsOf as readonly string[]).includes(target);
}

/**
 * What a header means, or null. General rules, not a table of vendor headers: the literal name
 * first; then without a trailing unit or currency ("Amount (EUR)", "Valor (€)", "Amount
 * (converted)", "Amount in company currency"); then with the entity it is about taken off
 * ("Deal - Value", "Opportunity Owner", "Oportunidad - Nombre", "Propietario del negocio"),
 * where a contact's or a company's header may only mean a contact or company field.
 */
export function matchHeader(
  header: string,
  catalog: readonly FieldSpec[] = fields,
): HeaderMatch | null {
  const lookup = lookupFor(catalog);
  // The add-on rewrites its computed columns, so only a literal name may claim one: "Opportunity
  // Score" from Salesforce stays the vendor's, never overwritten by the add-on's score.
  const computed = new Set<string>(catalog.filter((spec) => spec.computed).map((spec) => spec.key));
  for (const candidate of candidates(header, lookup)) {
    const bare = candidate.entity
      ? headerEntities[candidate.entity].bare[candidate.key]
      : undefined;
    if (bare && catalog.some((spec) => spec.key === bare)) return { target: bare, quality: 1 };
    const own = lookup.own.get(candidate.key);
    if (own && allowed(candidate.entity, own) && !(candidate.derived && computed.has(own))) {
      return { target: own, quality: candidate.derived ? 1 : 3 };
    }
    const synonym = lookup.synonyms.get(candidate.key);
    if (
      synonym &&
      allowed(candidate.entity, synonym) &&
      !(candidate.derived && computed.has(synonym))
    ) {
      return { target: synonym, quality: candidate.derived ? 1 : 2 };
    }
  }
  return null;
}

// ---- header words by meaning (adoption's reading; see column-meaning.ts) -------------------------

/** Built on first use: Apps Script runs the bundle's top level on every execution. */
const conceptIndex = lazy(() => {
  const exact = new Map<string, HeaderConcept[]>();
  const roots: Array<[string, HeaderConcept]> = [];
  for (const [concept, words] of Object.entries(headerConcepts) as Array<[HeaderConcept, string]>) {
    for (const word of words.split(' ')) {
      if (word.endsWith('*')) roots.push([word.slice(0, -1), concept]);
      else exact.set(word, [...(exact.get(word) ?? []), concept]);
    }
  }
  return { exact, roots };
});

/** A header's words: camelCase, snake_case and punctuation split, accents dropped. */
export function headerWords(header: string): string[] {
  const spaced = header
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/[_%#]/g, (c) => (c === '%' ? ' percent ' : c === '#' ? ' number ' : ' '));
  return normalizeHeader(spaced).split(' ').filter(Boolean);
}

function conceptsOfWord(word: string): HeaderConcept[] {
  const found = [...(conceptIndex().exact.get(word) ?? [])];
  for (const [root, concept] of conceptIndex().roots)
    if (word.startsWith(root)) found.push(concept);
  return found;
}

/**
 * The concepts a header's words carry: "Fecha prevista de venta" is date, expected and sales. A
 * word written as two known words run together ("CLOSEDATE", "closevalue") counts as both.
 */
export function conceptsOf(header: string): Set<HeaderConcept> {
  const found = new Set<HeaderConcept>();
  for (const word of headerWords(header)) {
    let concepts = conceptsOfWord(word);
    if (concepts.length === 0 && word.length >= 6) {
      for (let at = 2; at <= word.length - 2 && concepts.length === 0; at += 1) {
        const [head, tail] = [word.slice(0, at), word.slice(at)];
        const both = [conceptIndex().exact.get(head), conceptIndex().exact.get(tail)];
        if (both[0] && both[1]) concepts = [...both[0], ...both[1]];
      }
    }
    for (const concept of concepts) found.add(concept);
  }
  return found;
}

// What a column's values look like: e-mails, person or company names, dates, amounts, percentages, a small set of words.

import { dayNumber, isLocalDate, type LocalDate } from './dates';
import { lazy } from './lazy';
import { type Cell, isCellDate } from './model';
import { outcomeOfName } from './outcome-words';
import { cellToText, parseNumberText } from './parse-row';

/** The shares are of the column's filled cells (0-1); counts are over the rows sampled. */
export interface ColumnProfile {
  /** Rows sampled (the same rows for every column, so rows can be compared across columns). */
  rows: number;
  filled: number;
  distinct: number;
  /** The most frequent values with their counts, most frequent first (at most 24). */
  top: Array<[string, number]>;
  email: number;
  date: number;
  number: number;
  /** Numbers written with a currency sign or code, or with thousands groups ("12,500.00"). */
  money: number;
  /** "35 %" text, or numbers all between 0 and 1 with fractions. */
  percent: number;
  boolean: number;
  /** Two to four capitalised words without digits or company marks ("Ana Ruiz", "James O'Neil"). */
  person: number;
  /** Of the person-like values, those whose first word is a common given name. */
  givenName: number;
  /** A legal form or company word ("S.L.", "Inc", "Group"), or a short capitalised name that is not a person's. */
  company: number;
  /** Of all values, those with a legal form or company word, or "&": surely a company's. */
  companyMark: number;
  /** Codes: unique-looking letters and digits ("OPP-0041", "1C1I7A6R"). */
  code: number;
  /** Values that state an outcome (won, lost, closed, open) in either language. */
  outcome: number;
  /** Text of several words or long: notes, descriptions. */
  long: number;
  /** Plain text (not a number, date, e-mail or yes/no). */
  text: number;
  averageLength: number;
  /** Numbers seen (numeric cells and numeric text). */
  min: number | null;
  max: number | null;
  integers: boolean;
  /** The day number of each sampled row's date (null when not a date), for comparing date columns. */
  days: Array<number | null>;
  /** Whether each sampled row's cell is filled. */
  present: boolean[];
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const booleanWords = lazy(() => new Set('true false verdadero falso yes no y n si x'.split(' ')));
/** Legal forms and company words, normalized: their presence makes a name a company's. */
const companyMarks = lazy(
  () =>
    new Set(
      (
        'inc llc ltd ltda limited corp corporation co company companies group grupo holding ' +
        'holdings plc gmbh ag bv nv sa sl slu sau sas srl sc spa cia sociedad asociados ' +
        'associates partners hermanos industries industrias systems sistemas solutions ' +
        'soluciones services servicios technologies tecnologias labs trust foundation fundacion'
      ).split(' '),
    ),
);
/** Small words a company's name may hold between capitalised ones. */
const companyParticles = lazy(
  () => new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'of', 'the', 'and', 'for']),
);
/** Lowercase words a person's name may hold between capitalised ones. */
const nameParticles = lazy(
  () => new Set(['de', 'del', 'la', 'las', 'los', 'van', 'von', 'da', 'di', 'y']),
);

/**
 * Common given names in English and Spanish (normalized). A name column whose values start with
 * these is people; a name column whose values do not (transport firms, shops) is companies.
 */
const givenNames = lazy(
  () =>
    new Set(
      `aaron adam adrian adriana agustin alan albert alberto alejandra alejandro alex alexander alexandra
alfonso alfredo alice alicia alvaro amanda amber amir amy ana andrea andres andrew angel angela angie
anna anne antonio ariana arturo ashley barbara beatriz ben benjamin beth betty bill blanca bob brandon
brenda brian bruno camila carla carlos carmen carol carolina catalina catherine cecilia charles
charlotte chris christian christina christine claudia clara cristina cynthia dan dana daniel daniela
david deborah debra denise diana diego dolores donald donna dorothy douglas edgar eduardo edward elena
elizabeth ellen emily emma enrique eric erica esteban esther eva evelyn fabian federico felipe felix
fernanda fernando florencia francisco frank gabriel gabriela gary george gerardo gloria gonzalo grace
gregory guadalupe guillermo gustavo hannah harold harriet harry hector helen henry hugo ignacio irene
isabel isabella ivan jack jacob james jamie jane janet jason javier jeffrey jennifer jeremy jerry
jesus jessica jim joan joaquin joe john jonathan jordi jorge jose joseph joshua juan julia julian
julie julio justin karen kate katherine kathleen kelly kenneth kevin kieran kimberly laura lauren
lawrence leo leonardo leticia linda lisa lorena lorenzo louis lucas lucia luis luisa luz manuel marc
marco marcos margaret maria mariana mario mark marta martha martin mary mateo matthew maya megan
melissa mercedes mia michael michelle miguel mike monica nancy natalia nathan nicholas nicolas nina
noah noelia nora nuria olga olivia oliver omar oscar pablo pamela patricia patrick paul paula pedro
peter pilar priya rachel rafael raj ramon randy raquel raul rebecca richard ricardo rita robert
roberto rocio rodrigo ronald rosa rose ruben ruth ryan sam samuel sandra santiago sara sarah scott
sean sebastian sergio sharon shirley silvia simon sofia sonia stephanie stephen steven susan teresa
thomas tim timothy tom tomas tony valentina valeria vanessa veronica vicente vicki victor victoria
virginia walter william xavier yolanda zane`.split(/\s+/),
    ),
);

function normalizedWords(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // "S.L.", "S.A.", "Inc." are one word each.
      .replace(/(?<=\b\p{L})\.(?=\p{L}\b)/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}&]+/gu, ' ')
      .trim()
      .split(' ')
      .filter(Boolean)
  );
}

/** "Ana Ruiz", "Ana Belén Ruiz", "James O'Neil": capitalised words, no digits or company marks. */
function personLike(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  if (/[\d@&/]/.test(text)) return false;
  let capitalised = 0;
  for (const word of words) {
    if (nameParticles().has(word)) continue;
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(word)) return false;
    capitalised += 1;
  }
  return capitalised >= 2 && !normalizedWords(text).some((word) => companyMarks().has(word));
}

function companyLike(text: string, person: boolean): boolean {
  const words = normalizedWords(text);
  if (words.length === 0 || words.length > 6 || /@/.test(text)) return false;
  if (words.some((word) => companyMarks().has(word)) || text.includes('&')) return true;
  // A short capitalised name that is not a person's: "Cancity", "Transportes Norte", "Acme Iberia"
  // (shaped like "Ana Ruiz", but no given name starts it).
  if (person || words.length > 4) return false;
  // Title case: every word capitalised (or a digit, or a small word like "de", "of", "the").
  return text
    .trim()
    .split(/\s+/)
    .every((word) => /^[\p{Lu}\d]/u.test(word) || companyParticles().has(word.toLowerCase()));
}

/** A day number from a date cell or date text (ISO, d/m/y or m/d/y, a time after it ignored). */
export function dayOfCell(cell: Cell, dayFirst: boolean): number | null {
  if (isCellDate(cell)) return isLocalDate(cell.date) ? dayNumber(cell.date) : null;
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/.exec(text);
  const slashed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/.exec(text);
  let parts: [string, string, string] | null = null;
  if (iso) parts = [iso[1] ?? '', iso[2] ?? '', iso[3] ?? ''];
  else if (slashed) {
    const [a = 0, b = 0] = [Number(slashed[1]), Number(slashed[2])];
    const first = a > 12 || (b <= 12 && dayFirst);
    const [day, month] = first ? [a, b] : [b, a];
    parts = [slashed[3] ?? '', String(month), String(day)];
  }
  if (!parts) return null;
  const date = `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
  return isLocalDate(date) ? dayNumber(date as LocalDate) : null;
}

const emptyCell = (cell: Cell | undefined) =>
  cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');

/** Which rows to look at: all of them up to `limit`, else that many spread evenly. */
export function sampleRows(count: number, limit = 2000): number[] {
  if (count <= limit) return Array.from({ length: count }, (_, i) => i);
  const step = count / limit;
  return Array.from({ length: limit }, (_, i) => Math.floor(i * step));
}

/** The profile of one column over the sampled rows. */
export function profileColumn(
  rows: readonly (readonly Cell[])[],
  sample: readonly number[],
  column: number,
  dayFirst: boolean,
): ColumnProfile {
  const counts = new Map<string, number>();
  const days: Array<number | null> = [];
  const present: boolean[] = [];
  const tally = {
    email: 0,
    date: 0,
    number: 0,
    money: 0,
    percent: 0,
    boolean: 0,
    person: 0,
    givenName: 0,
    company: 0,
    companyMark: 0,
    code: 0,
    outcome: 0,
    long: 0,
    text: 0,
  };
  let filled = 0;
  let length = 0;
  let min: number | null = null;
  let max: number | null = null;
  let integers = true;
  let fractions = 0;
  for (const index of sample) {
    const cell = rows[index]?.[column];
    if (emptyCell(cell)) {
      days.push(null);
      present.push(false);
      continue;
    }
    const value = cell as Cell;
    filled += 1;
    present.push(true);
    const text = cellToText(value).trim();
    length += text.length;
    counts.set(text, (counts.get(text) ?? 0) + 1);
    const day = dayOfCell(value, dayFirst);
    days.push(day);
    if (day !== null) {
      tally.date += 1;
      continue;
    }
    if (typeof value === 'boolean' || booleanWords().has(normalizedWords(text).join(' '))) {
      tally.boolean += 1;
      continue;
    }
    const percentText = /%\s*$/.test(text);
    const number = parseNumberText(percentText ? text.replace(/%\s*$/, '') : value);
    if (typeof number === 'number') {
      tally.number += 1;
      if (percentText) tally.percent += 1;
      else if (
        typeof value === 'string' &&
        (/\p{Sc}|[A-Z]{3}/u.test(text) || /\d[.,]\d{3}/.test(text))
      )
        tally.money += 1;
      min = min === null ? number : Math.min(min, number);
      max = max === null ? number : Math.max(max, number);
      if (!Number.isInteger(number)) integers = false;
      if (number > 0 && number < 1) fractions += 1;
      continue;
    }
    if (emailPattern.test(text)) {
      tally.email += 1;
      continue;
    }
    tally.text += 1;
    const person = personLike(text);
    const given = person && givenNames().has(normalizedWords(text)[0] ?? '');
    if (person) {
      tally.person += 1;
      if (given) tally.givenName += 1;
    }
    if (companyLike(text, given)) tally.company += 1;
    if (text.includes('&') || normalizedWords(text).some((word) => companyMarks().has(word)))
      tally.companyMark += 1;
    if (/^(?=.*\d)[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)*$/.test(text) && !/\s/.test(text))
      tally.code += 1;
    if (outcomeOfName(text) !== null) tally.outcome += 1;
    if (text.length >= 40 || text.split(/\s+/).length >= 6) tally.long += 1;
  }
  // Numbers that are all fractions of one are percentages stored as such (35 % is 0.35).
  if (tally.number > 0 && fractions > 0 && max !== null && max <= 1 && tally.percent === 0)
    tally.percent = tally.number;
  const share = (n: number) => (filled === 0 ? 0 : n / filled);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 24);
  return {
    rows: sample.length,
    filled,
    distinct: counts.size,
    top,
    email: share(tally.email),
    date: share(tally.date),
    number: share(tally.number),
    money: share(tally.money),
    percent: share(tally.percent),
    boolean: share(tally.boolean),
    person: share(tally.person),
    givenName: tally.person === 0 ? 0 : tally.givenName / tally.person,
    company: share(tally.company),
    companyMark: share(tally.companyMark),
    code: share(tally.code),
    outcome: share(tally.outcome),
    long: share(tally.long),
    text: share(tally.text),
    averageLength: filled === 0 ? 0 : length / filled,
    min,
    max,
    integers,
    days,
    present,
  };
}

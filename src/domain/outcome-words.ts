// What a stage or status value says of a deal's outcome, read by word families in English and Spanish.

import { normalizeHeader } from './header-match';
import { lazy } from './lazy';

export type Outcome = 'won' | 'lost' | 'open';
/** An outcome, or 'closed': a value that says the deal is over without saying how. */
export type StatedOutcome = Outcome | 'closed';

/*
 * Word families, compared on normalized words (lowercase, no accents). A family lists the forms
 * of a few roots (participles in both genders and numbers, nouns, verbs), not stage names: any
 * value built from them is read, whatever else it says ("Negociación exitosa", "Deal lost to a
 * competitor", "Venta cerrada", "Not interested").
 */
const families = {
  won:
    'won win wins winning success successful succeeded sold signed booked accepted awarded ' +
    'ganado ganada ganados ganadas ganar vendido vendida vendidos vendidas exito exitoso ' +
    'exitosa exitosos exitosas firmado firmada aceptado aceptada adjudicado adjudicada ' +
    'conseguido conseguida closedwon',
  lost:
    'lost lose loss losing failed fail failure unsuccessful rejected declined cancelled ' +
    'canceled abandoned dead disqualified churned outsold perdido perdida perdidos perdidas ' +
    'perder fallido fallida fracasado fracasada rechazado rechazada declinado declinada ' +
    'cancelado cancelada abandonado abandonada descartado descartada desestimado ' +
    'desestimada descalificado descalificada muerto muerta closedlost',
  closed:
    'closed cerrado cerrada cerrados cerradas finalizado finalizada terminado terminada ' +
    'concluido concluida',
  open:
    'open opened active pending suspended ongoing abierto abierta activo activa pendiente ' +
    'suspendido suspendida vigente',
} as const;

/** Two-word forms of the open family: "in progress", "on hold", "en curso", "en proceso"... */
const openPhrases = ['in progress', 'on hold', 'en curso', 'en proceso', 'en espera', 'in play'];
/** Words that turn what follows around: "not won", "no ganado", "sin éxito", "out-sold". */
const negations = new Set(['no', 'not', 'non', 'sin', 'never', 'nunca', 'out']);
/** What a negation may deny besides a won word: interest or a sale. */
const deniable = new Set([
  'interested',
  'interest',
  'interesado',
  'interesada',
  'interes',
  'sale',
  'venta',
  'deal',
  'response',
  'respuesta',
]);
/** A closed sale is a won one: "Venta cerrada", "Closed sale", "Pedido cerrado". */
const saleNouns = new Set(['sale', 'venta', 'order', 'pedido', 'contract', 'contrato']);

/** Each word's family, built on first use (the bundle's top level runs on every execution). */
const byWord = lazy(() => {
  const map = new Map<string, 'won' | 'lost' | 'closed' | 'open'>();
  for (const family of ['won', 'lost', 'closed', 'open'] as const)
    for (const word of families[family].split(' ')) map.set(word, family);
  return map;
});

/** The normalized words of a value, "closed-won" and "Closed/Won" as two words. */
function wordsOf(text: string): string[] {
  return normalizeHeader(text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'))
    .split(' ')
    .filter(Boolean);
}

/**
 * The outcome a stage or status value states, or null when it names a step of the pipeline. A
 * lost word anywhere, or a negated won word ("No ganada"), is Lost; a won word is Won; a closed
 * word is 'closed' (Won with a sale noun: "Venta cerrada"); an open word in a short value is open.
 */
export function outcomeOfName(text: string): StatedOutcome | null {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  let won = false;
  let closed = false;
  let open = false;
  for (const [i, word] of words.entries()) {
    const family = byWord().get(word);
    const negated = i > 0 && negations.has(words[i - 1] ?? '');
    if (family === 'lost') return 'lost';
    if (negated && (family === 'won' || deniable.has(word))) return 'lost';
    if (family === 'won') won = true;
    else if (family === 'closed') closed = true;
    else if (family === 'open') open = true;
  }
  if (won) return 'won';
  if (closed) return words.some((word) => saleNouns.has(word)) ? 'won' : 'closed';
  const phrase = words.join(' ');
  if ((open || openPhrases.some((p) => phrase.includes(p))) && words.length <= 3) return 'open';
  return null;
}

/** True when the value reads as an outcome (won, lost, closed or open) rather than a step. */
export function isOutcomeWord(text: string): boolean {
  return outcomeOfName(text) !== null;
}

/** What the add-on writes in a status column for an outcome, in the column's language and case. */
export function statusWord(outcome: Outcome, like: string, language: 'en' | 'es'): string {
  const spanish = language === 'es' || /[áéíóúñ]|abiert|ganad|perdid/i.test(like);
  const word = spanish
    ? { won: 'Ganado', lost: 'Perdido', open: 'Abierto' }[outcome]
    : { won: 'Won', lost: 'Lost', open: 'Open' }[outcome];
  if (like !== '' && like === like.toLowerCase()) return word.toLowerCase();
  if (like !== '' && like === like.toUpperCase()) return word.toUpperCase();
  return word;
}

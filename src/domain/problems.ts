// A row's data problems in words, English and Spanish: the one source for the sidebar, the adoption dialog, onEdit, the Check report and Metrics.

import type { Language } from './i18n';
import type { DataIssue, DataProblem } from './model';

/** What a problem needs to be said: its code, the column as the sheet names it, the value found. */
export type ProblemFacts = Pick<DataIssue, 'problem' | 'column' | 'value'>;

interface Words {
  /** The reason alone, for a table that shows the column and the value in their own cells. */
  reason: string;
  /**
   * A sentence that stands alone: {column} and {value} (quoted, as found) are filled in; {raw} is
   * the value as the caller wrote it (a note such as "Ana: 3 deals (rows 2, 5, 9)").
   */
  sentence: string;
}

const words: Record<Language, Record<DataProblem, Words>> = {
  en: {
    required: { reason: 'is required', sentence: '{column} is empty: every deal needs it.' },
    notADate: { reason: 'is not a date', sentence: '{column}: {value} is not a date.' },
    notANumber: { reason: 'is not a number', sentence: '{column}: {value} is not a number.' },
    negative: { reason: 'cannot be negative', sentence: '{column}: {value} cannot be negative.' },
    outOfRange: {
      reason: 'is out of range',
      sentence: '{column}: {value} is out of range (0 to 100).',
    },
    unknownStage: {
      reason: 'is not a stage in the list',
      sentence: '{column}: {value} is not a stage in the list (Settings tab).',
    },
    unknownLostReason: {
      reason: 'is not a lost reason in the list',
      sentence: '{column}: {value} is not a lost reason in the list (Settings tab).',
    },
    unknownChoice: {
      reason: 'is not one of the choices',
      sentence: '{column}: {value} is not one of the choices of its dropdown.',
    },
    notAnEmail: {
      reason: 'is not an email address',
      sentence: '{column}: {value} is not an email address.',
    },
    notABoolean: {
      reason: 'is not a checkbox value',
      sentence: '{column}: {value} is not a checkbox value (tick it or clear it).',
    },
    lostWithoutReason: {
      reason: 'Lost needs a lost reason',
      sentence: '{column} is empty: a lost deal needs one.',
    },
    otherWithoutNote: {
      reason: 'this lost reason needs a note',
      sentence: '{column} is empty: the lost reason {value} needs a note.',
    },
    wonWithoutAmount: {
      reason: 'Won needs an amount',
      sentence: '{column} is empty or 0: a won deal needs its amount.',
    },
    duplicateId: {
      reason: 'this ID is used by more than one row',
      sentence: '{column}: {value} is used by more than one row.',
    },
    ownerWithoutEmail: {
      reason:
        'has no e-mail in the Team tab: add it there so this person gets reminders and sees their deals',
      sentence:
        '{column}: no e-mail in the Team tab for {raw}. Add it there so this person gets reminders and sees their deals.',
    },
    openWithoutAmount: {
      reason:
        'is empty on open deals: they count as 0 in the pipeline and the forecast until it is filled',
      sentence:
        '{column} is empty on {raw}: they count as 0 in the pipeline and the forecast until it is filled.',
    },
  },
  es: {
    required: {
      reason: 'es obligatorio',
      sentence: '{column} está vacío: toda oportunidad lo necesita.',
    },
    notADate: { reason: 'no es una fecha', sentence: '{column}: {value} no es una fecha.' },
    notANumber: { reason: 'no es un número', sentence: '{column}: {value} no es un número.' },
    negative: {
      reason: 'no puede ser negativo',
      sentence: '{column}: {value} no puede ser negativo.',
    },
    outOfRange: {
      reason: 'está fuera de rango',
      sentence: '{column}: {value} está fuera de rango (de 0 a 100).',
    },
    unknownStage: {
      reason: 'no es una etapa de la lista',
      sentence: '{column}: {value} no es una etapa de la lista (pestaña Configuración).',
    },
    unknownLostReason: {
      reason: 'no es un motivo de pérdida de la lista',
      sentence: '{column}: {value} no es un motivo de pérdida de la lista (pestaña Configuración).',
    },
    unknownChoice: {
      reason: 'no es una de las opciones',
      sentence: '{column}: {value} no es una de las opciones de su desplegable.',
    },
    notAnEmail: {
      reason: 'no es un email',
      sentence: '{column}: {value} no es una dirección de email.',
    },
    notABoolean: {
      reason: 'no es un valor de casilla',
      sentence: '{column}: {value} no es un valor de casilla (márcala o desmárcala).',
    },
    lostWithoutReason: {
      reason: 'Perdido necesita un motivo de pérdida',
      sentence: '{column} está vacío: una oportunidad perdida lo necesita.',
    },
    otherWithoutNote: {
      reason: 'este motivo de pérdida necesita una nota',
      sentence: '{column} está vacía: el motivo de pérdida {value} necesita una nota.',
    },
    wonWithoutAmount: {
      reason: 'Ganado necesita un importe',
      sentence: '{column} está vacío o es 0: una oportunidad ganada necesita su importe.',
    },
    duplicateId: {
      reason: 'este ID lo usa más de una fila',
      sentence: '{column}: {value} lo usa más de una fila.',
    },
    ownerWithoutEmail: {
      reason:
        'no tiene email en la pestaña Equipo: añádelo allí para que reciba recordatorios y vea sus oportunidades',
      sentence:
        '{column}: sin email en la pestaña Equipo para {raw}. Añádelo allí para que reciba recordatorios y vea sus oportunidades.',
    },
    openWithoutAmount: {
      reason:
        'está vacío en oportunidades abiertas: cuentan como 0 en la cartera y la previsión hasta que se rellene',
      sentence:
        '{column} está vacío en {raw}: cuentan como 0 en la cartera y la previsión hasta que se rellene.',
    },
  },
};

/** The reason alone ("is not an email address"), for a table with the column and value beside it. */
export function problemReason(problem: DataProblem, language: Language): string {
  return words[language][problem].reason;
}

/**
 * The problem as a sentence a seller can act on: "Deal owner: “bob” is not an email address."
 * The value is quoted as found (cut when long); an empty one is said as such.
 */
export function problemSentence(facts: ProblemFacts, language: Language): string {
  const value = quoted(facts.value, language);
  return words[language][facts.problem].sentence.replace(
    /\{(column|value|raw)\}/g,
    (_, name: string) =>
      name === 'column' ? facts.column : name === 'raw' ? facts.value.trim() : value,
  );
}

const longest = 60;

function quoted(value: string, language: Language): string {
  const text = value.trim();
  if (text === '') return language === 'es' ? '(vacío)' : '(empty)';
  const cut = text.length > longest ? `${text.slice(0, longest - 1)}…` : text;
  return language === 'es' ? `«${cut}»` : `“${cut}”`;
}

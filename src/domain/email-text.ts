// The words of the reminder emails in English and Spanish, HTML escaping, amounts, dates and templates.

import { dateParts, type LocalDate } from './dates';
import type { Language } from './i18n';

/** Escapes text for HTML content and attribute values (every value from the sheet goes through it). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}

const htmlEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const locales: Record<Language, string> = { en: 'en-US', es: 'es-ES' };

const amountFormats = new Map<string, Intl.NumberFormat>();

/** An amount in the sheet's currency ("€12,500.00" / "12.500,00 €"); a dash when there is none. */
export function formatAmount(amount: number | null, currency: string, language: Language): string {
  if (amount === null) return '—';
  // Building a NumberFormat costs far more than using one: a digest formats hundreds of amounts.
  const key = `${language}:${currency}`;
  let format = amountFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locales[language], { style: 'currency', currency });
    } catch {
      // A currency code Intl does not accept still shows the amount, with the code beside it.
      return `${new Intl.NumberFormat(locales[language]).format(amount)} ${currency}`;
    }
    amountFormats.set(key, format);
  }
  return format.format(amount);
}

/** A date as the reader expects it: 2026-11-23 in English, 23/11/2026 in Spanish. */
export function formatDate(date: LocalDate | null, language: Language): string {
  if (date === null) return '—';
  if (language === 'en') return date;
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** Fills `{{name}}` placeholders (spaces inside the braces allowed); unknown ones stay visible. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  // A Map, so a placeholder such as {{constructor}} is not mistaken for a known name.
  const known = new Map(Object.entries(values));
  return template.replace(
    /\{\{\s*(\w+)\s*\}\}/g,
    (whole, name: string) => known.get(name) ?? whole,
  );
}

export type DigestSection = 'overdue' | 'dueToday' | 'noNextAction' | 'stale' | 'closeDatePassed';

export interface EmailWords {
  digestSubject: (count: number, date: string) => string;
  greeting: (name: string) => string;
  digestIntro: string;
  sections: Record<DigestSection, string>;
  overdueDetail: (action: string, date: string, days: number) => string;
  dueTodayDetail: (action: string) => string;
  noNextActionDetail: (stage: string) => string;
  staleDetail: (days: number, stage: string, target: number | null) => string;
  closeDatePassedDetail: (date: string) => string;
  escalationSubject: (count: number, date: string) => string;
  escalationIntro: string;
  redStaleDetail: (owner: string, days: number, stage: string) => string;
  pastTargetDetail: (owner: string, days: number, stage: string, target: number) => string;
  weeklySubject: (weekStart: string) => string;
  weeklyIntro: (weekStart: string) => string;
  weeklyOwnerLine: (owner: string, open: number, amount: string, weighted: string) => string;
  weeklyFigures: {
    open: string;
    weighted: string;
    newLastWeek: string;
    movedLastWeek: string;
    wonLastWeek: string;
    lostLastWeek: string;
    overdueActions: string;
    redStale: string;
    slipping: string;
  };
  /** The heading of one owner's stale and slipping deals. */
  weeklyAttention: (owner: string) => string;
  weeklyStaleTag: string;
  weeklySlippingTag: string;
  /** The last line of a list cut short. */
  andMore: (count: number) => string;
  noAction: string;
  openInSheet: string;
  footer: string;
}

const en: EmailWords = {
  digestSubject: (count, date) =>
    `${count} ${count === 1 ? 'opportunity needs' : 'opportunities need'} you today (${date})`,
  greeting: (name) => `Hello ${name},`,
  digestIntro: 'Here is what needs your attention in the opportunity tracker today.',
  sections: {
    overdue: 'Overdue next actions',
    dueToday: 'Due today',
    noNextAction: 'Open deals with no next action',
    stale: 'Stale deals',
    closeDatePassed: 'Expected close date already passed',
  },
  overdueDetail: (action, date, days) =>
    `${action} was due ${date} (${days} ${days === 1 ? 'day' : 'days'} ago)`,
  dueTodayDetail: (action) => action,
  noNextActionDetail: (stage) => `in ${stage}: plan the next step`,
  staleDetail: (days, stage, target) =>
    `${days} days without progress in ${stage}${target === null ? '' : ` (target ${target})`}`,
  closeDatePassedDetail: (date) => `expected to close ${date}: update the date or the stage`,
  escalationSubject: (count, date) =>
    `${count} ${count === 1 ? 'deal needs' : 'deals need'} a decision (${date})`,
  escalationIntro: 'These deals in your team are stuck and may need your help.',
  redStaleDetail: (owner, days, stage) => `${owner}: ${days} days without progress in ${stage}`,
  pastTargetDetail: (owner, days, stage, target) =>
    `${owner}: ${days} days in ${stage}, target ${target}`,
  weeklySubject: (weekStart) => `Weekly pipeline summary, week of ${weekStart}`,
  weeklyIntro: (weekStart) => `Your team's pipeline at the start of the week of ${weekStart}.`,
  weeklyOwnerLine: (owner, open, amount, weighted) =>
    `${owner}: ${open} open, ${amount} (weighted ${weighted})`,
  weeklyFigures: {
    open: 'Open deals',
    weighted: 'Weighted pipeline',
    newLastWeek: 'New in the last week',
    movedLastWeek: 'Changed stage in the last week',
    wonLastWeek: 'Won in the last 7 days',
    lostLastWeek: 'Lost in the last 7 days',
    overdueActions: 'Overdue next actions',
    redStale: 'Stale deals (red)',
    slipping: 'Slipping close dates',
  },
  weeklyAttention: (owner) => `${owner}: stale or slipping`,
  weeklyStaleTag: 'stale',
  weeklySlippingTag: 'close date slipping',
  andMore: (count) => `…and ${count} more: see the sheet or My day in the sidebar`,
  noAction: '(no next action)',
  openInSheet: 'Open in the sheet',
  footer:
    'Sent by Opportunity Tracker. Pause your reminders in the Team tab; turn them off for everyone in Extensions > Opportunity Tracker.',
};

const es: EmailWords = {
  digestSubject: (count, date) =>
    `${count} ${count === 1 ? 'oportunidad te necesita' : 'oportunidades te necesitan'} hoy (${date})`,
  greeting: (name) => `Hola ${name}:`,
  digestIntro: 'Esto es lo que requiere tu atención hoy en el seguimiento de oportunidades.',
  sections: {
    overdue: 'Próximas acciones vencidas',
    dueToday: 'Para hoy',
    noNextAction: 'Oportunidades abiertas sin próxima acción',
    stale: 'Oportunidades estancadas',
    closeDatePassed: 'Fecha de cierre prevista ya pasada',
  },
  overdueDetail: (action, date, days) =>
    `${action}: vencía el ${date} (hace ${days} ${days === 1 ? 'día' : 'días'})`,
  dueTodayDetail: (action) => action,
  noNextActionDetail: (stage) => `en ${stage}: planifica el siguiente paso`,
  staleDetail: (days, stage, target) =>
    `${days} días sin avances en ${stage}${target === null ? '' : ` (objetivo ${target})`}`,
  closeDatePassedDetail: (date) => `cierre previsto el ${date}: actualiza la fecha o la etapa`,
  escalationSubject: (count, date) =>
    `${count} ${count === 1 ? 'oportunidad necesita' : 'oportunidades necesitan'} una decisión (${date})`,
  escalationIntro: 'Estas oportunidades de tu equipo están atascadas y pueden necesitar tu ayuda.',
  redStaleDetail: (owner, days, stage) => `${owner}: ${days} días sin avances en ${stage}`,
  pastTargetDetail: (owner, days, stage, target) =>
    `${owner}: ${days} días en ${stage}, objetivo ${target}`,
  weeklySubject: (weekStart) => `Resumen semanal del embudo, semana del ${weekStart}`,
  weeklyIntro: (weekStart) => `El embudo de tu equipo al empezar la semana del ${weekStart}.`,
  weeklyOwnerLine: (owner, open, amount, weighted) =>
    `${owner}: ${open} abiertas, ${amount} (ponderado ${weighted})`,
  weeklyFigures: {
    open: 'Oportunidades abiertas',
    weighted: 'Embudo ponderado',
    newLastWeek: 'Nuevas en la última semana',
    movedLastWeek: 'Cambiaron de etapa en la última semana',
    wonLastWeek: 'Ganadas en los últimos 7 días',
    lostLastWeek: 'Perdidas en los últimos 7 días',
    overdueActions: 'Próximas acciones vencidas',
    redStale: 'Estancadas (rojo)',
    slipping: 'Fechas de cierre aplazadas',
  },
  weeklyAttention: (owner) => `${owner}: estancadas o aplazadas`,
  weeklyStaleTag: 'estancada',
  weeklySlippingTag: 'fecha de cierre aplazada',
  andMore: (count) => `…y ${count} más: míralas en la hoja o en Mi día del panel`,
  noAction: '(sin próxima acción)',
  openInSheet: 'Abrir en la hoja',
  footer:
    'Enviado por Opportunity Tracker. Pausa tus recordatorios en la pestaña Equipo; se desactivan para todos en Extensiones > Opportunity Tracker.',
};

const words: Record<Language, EmailWords> = { en, es };

export function emailWords(language: Language): EmailWords {
  return words[language];
}

// The add-on's words in English and Spanish, and how the language is chosen.

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

const en = {
  'addon.name': 'Opportunity Tracker',
  'menu.openSidebar': 'Open sidebar',
  'menu.setUp': 'Set up tracker',
  'menu.checkAndRepair': 'Check & repair',
  'menu.refreshMetrics': 'Refresh metrics',
  'menu.loadDemo': 'Load demo data',
  'menu.reminders': 'Daily reminders…',
} as const;

export type MessageKey = keyof typeof en;

const es: Record<MessageKey, string> = {
  'addon.name': 'Opportunity Tracker',
  'menu.openSidebar': 'Abrir panel',
  'menu.setUp': 'Configurar seguimiento',
  'menu.checkAndRepair': 'Revisar y reparar',
  'menu.refreshMetrics': 'Actualizar métricas',
  'menu.loadDemo': 'Cargar datos de ejemplo',
  'menu.reminders': 'Recordatorios diarios…',
};

const catalogs: Record<Language, Record<MessageKey, string>> = { en, es };

/** Looks up a message and fills `{name}` placeholders; an unknown placeholder stays visible. */
export function translate(
  language: Language,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The language for a setting ('en', 'es', or '' for automatic) and a locale such as 'es_ES'. */
export function resolveLanguage(setting: string | undefined, locale: string | undefined): Language {
  const chosen = (setting ?? '').trim().toLowerCase();
  if (isLanguage(chosen)) return chosen;
  return (locale ?? '').toLowerCase().startsWith('es') ? 'es' : 'en';
}

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

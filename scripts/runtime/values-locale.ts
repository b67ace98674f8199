// What a spreadsheet locale ('es_ES', 'en_US') changes: separators, date order, default date and time formats.

/** Separators and default formats a Sheets locale uses when parsing and showing values. */
export interface LocaleConventions {
  /** BCP 47 tag for Intl, e.g. 'es-ES'. */
  tag: string;
  decimal: string;
  group: string;
  /** Order of day, month and year in typed short dates. */
  dateOrder: 'dmy' | 'mdy' | 'ymd';
  shortDateFormat: string;
  timeFormat: string;
  dateTimeFormat: string;
}

// Locales whose typed dates are month first (Sheets follows the country's convention).
const monthFirstRegions = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'BZ']);
const yearFirstLanguages = new Set(['ja', 'zh', 'ko', 'hu', 'lt', 'sv']);

const conventionsCache = new Map<string, LocaleConventions>();

/** 'es_ES' -> 'es-ES'; anything Intl rejects falls back to 'en-US'. */
export function localeTag(locale: string): string {
  const tag = locale.replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

/** The conventions of a Sheets locale such as 'es_ES' or 'en_US'. */
export function localeConventions(locale: string): LocaleConventions {
  const cached = conventionsCache.get(locale);
  if (cached) return cached;
  const tag = localeTag(locale);
  const [language = 'en', region = ''] = tag.split('-');
  const parts = new Intl.NumberFormat(tag, { useGrouping: true }).formatToParts(1234567.5);
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  const group = parts.find((part) => part.type === 'group')?.value ?? (decimal === ',' ? '.' : ',');
  const dateOrder = yearFirstLanguages.has(language)
    ? 'ymd'
    : monthFirstRegions.has(region.toUpperCase()) || tag === 'en'
      ? 'mdy'
      : 'dmy';
  const shortDateFormat =
    dateOrder === 'mdy'
      ? 'm/d/yyyy'
      : dateOrder === 'ymd'
        ? 'yyyy/mm/dd'
        : language === 'de' || language === 'ru' || language === 'pl'
          ? 'dd.mm.yyyy'
          : language === 'es'
            ? 'd/m/yyyy'
            : 'dd/mm/yyyy';
  const twelveHour = dateOrder === 'mdy';
  const conventions: LocaleConventions = {
    tag,
    decimal,
    group,
    dateOrder,
    shortDateFormat,
    timeFormat: twelveHour ? 'h:mm:ss am/pm' : 'h:mm:ss',
    dateTimeFormat: `${shortDateFormat} h:mm:ss`,
  };
  conventionsCache.set(locale, conventions);
  return conventions;
}

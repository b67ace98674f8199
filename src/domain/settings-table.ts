// The Settings and Team tabs as tables a manager can read and edit, and back into checked settings.

import { headerFor, headerText, normalizeHeader } from './columns';
import type { LocalDate } from './dates';
import { defaultSettings } from './defaults';
import { type ScoringField, scoringFields } from './fields';
import type { Language } from './i18n';
import {
  type Cell,
  type LostReason,
  type Settings,
  SettingsSchema,
  type StageEmail,
  type StageKind,
  type StageSetting,
  type Team,
  type TeamMember,
} from './model';
import {
  isEmail,
  parseCheckbox,
  parseDateCell,
  parseNumberText,
  parsePercentCell,
} from './parse-row';

export type TableRow = (string | number | boolean)[];

type Words = Readonly<Record<Language, string>>;

/** Settings stored as one labelled row each, in the order the tab shows them. */
type ScalarKey =
  | 'language'
  | 'currency'
  | 'reminderHour'
  | 'quarterlyQuota'
  | 'staleAmberFactor'
  | 'staleRedFactor'
  | 'slipThreshold'
  | 'remindersEnabled'
  | 'remindersSender'
  | 'escalationsEnabled'
  | 'weekStartsOn'
  | 'amountConfirmAbove'
  // The archive of closed deals (issue 22).
  | 'archiveMonths'
  | 'archiveDaily'
  | 'archiveFile';

const scalarLabels: Readonly<Record<ScalarKey, Words>> = {
  language: {
    en: 'Language (en, es; blank = spreadsheet locale)',
    es: 'Idioma (en, es; vacío = el de la hoja)',
  },
  currency: { en: 'Currency', es: 'Moneda' },
  reminderHour: { en: 'Reminder hour (0-23)', es: 'Hora de los recordatorios (0-23)' },
  quarterlyQuota: { en: 'Quarterly quota', es: 'Cuota trimestral' },
  staleAmberFactor: { en: 'Stale amber factor', es: 'Factor de estancado ámbar' },
  staleRedFactor: { en: 'Stale red factor', es: 'Factor de estancado rojo' },
  slipThreshold: { en: 'Close date pushes to flag', es: 'Aplazamientos para avisar' },
  remindersEnabled: { en: 'Daily reminders', es: 'Recordatorios diarios' },
  remindersSender: {
    en: 'Reminders sent from (set by Turn on reminders)',
    es: 'Recordatorios enviados desde (lo pone Activar recordatorios)',
  },
  escalationsEnabled: { en: 'Manager escalations', es: 'Avisos al responsable' },
  weekStartsOn: { en: 'Week starts on (1 = Monday)', es: 'La semana empieza (1 = lunes)' },
  amountConfirmAbove: {
    en: 'Confirm amounts above (0 = no limit)',
    es: 'Confirmar importes mayores que (0 = sin límite)',
  },
  archiveMonths: {
    en: 'Archive deals closed more than N months ago (3-120)',
    es: 'Archivar oportunidades cerradas hace más de N meses (3-120)',
  },
  archiveDaily: {
    en: 'Archive closed deals every morning',
    es: 'Archivar las cerradas cada mañana',
  },
  archiveFile: {
    en: 'Archive file (created by Archive closed deals)',
    es: 'Archivo histórico (lo crea Archivar oportunidades cerradas)',
  },
};
const scalarKeys = Object.keys(scalarLabels) as ScalarKey[];

const weightLabel = (field: ScoringField, language: Language) =>
  `${language === 'es' ? 'Peso' : 'Weight'}: ${headerFor(field, language)}`;

const sections = {
  settings: { en: ['Setting', 'Value'], es: ['Ajuste', 'Valor'] },
  stages: {
    en: ['Stage', 'Probability', 'Target days', 'Kind', 'Exit criteria'],
    es: ['Etapa', 'Probabilidad', 'Días objetivo', 'Tipo', 'Criterios de salida'],
  },
  lostReasons: { en: ['Lost reason', 'Requires note'], es: ['Motivo de pérdida', 'Requiere nota'] },
  stageEmails: {
    en: ['Stage email', 'Delay days', 'Subject', 'Body'],
    es: ['Email de etapa', 'Días de espera', 'Asunto', 'Mensaje'],
  },
} as const;
type Section = keyof typeof sections;

const kindWords: Readonly<Record<StageKind, Words>> = {
  open: { en: 'open', es: 'abierta' },
  won: { en: 'won', es: 'ganada' },
  lost: { en: 'lost', es: 'perdida' },
};
const kindByWord: Readonly<Record<string, StageKind>> = {
  open: 'open',
  abierta: 'open',
  abierto: 'open',
  won: 'won',
  ganada: 'won',
  ganado: 'won',
  lost: 'lost',
  perdida: 'lost',
  perdido: 'lost',
};

const criteriaSeparator = ' | ';
const width = 5;

function padded(cells: TableRow): TableRow {
  return [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')];
}

/** The Settings tab: a key/value table, then the stages, lost reasons and stage emails tables. */
export function settingsToRows(settings: Settings, language: Language): TableRow[] {
  const rows: TableRow[] = [[...sections.settings[language]]];
  for (const key of scalarKeys) rows.push([scalarLabels[key][language], settings[key] ?? 0]);
  for (const field of scoringFields) {
    rows.push([weightLabel(field, language), settings.scoringWeights[field]]);
  }
  rows.push([], [...sections.stages[language]]);
  for (const stage of settings.stages) {
    rows.push([
      stage.name,
      stage.probability,
      stage.targetDays ?? '',
      kindWords[stage.kind][language],
      stage.exitCriteria.join(criteriaSeparator),
    ]);
  }
  rows.push([], [...sections.lostReasons[language]]);
  for (const reason of settings.lostReasons) rows.push([reason.name, reason.requiresNote]);
  rows.push([], [...sections.stageEmails[language]]);
  for (const email of settings.stageEmails) {
    rows.push([email.stage, email.delayDays, email.subject, email.body]);
  }
  return rows.map(padded);
}

const sectionByHeader = new Map<string, Section>(
  (Object.keys(sections) as Section[]).flatMap((section) =>
    (['en', 'es'] as const).map((lang) => [normalizeHeader(sections[section][lang][0]), section]),
  ),
);

const scalarByLabel = new Map<string, ScalarKey | ScoringField>([
  ...scalarKeys.flatMap((key) =>
    (['en', 'es'] as const).flatMap((lang) => {
      const label = scalarLabels[key][lang];
      // The short form before any explanation in brackets is accepted too.
      const short = label.replace(/\s*\(.*\)\s*$/, '');
      return [
        [normalizeHeader(label), key],
        [normalizeHeader(short), key],
        [normalizeHeader(key), key],
      ] as [string, ScalarKey][];
    }),
  ),
  ...scoringFields.flatMap((field) =>
    (['en', 'es'] as const).map(
      (lang) => [normalizeHeader(weightLabel(field, lang)), field] as [string, ScoringField],
    ),
  ),
]);

type Say = (en: string, es: string) => string;

/**
 * Where a setting's row is in the Settings tab as read (0-based), so one cell can be written
 * without rewriting a manager's layout; null when the tab has no such row. `insertAfter` is the
 * last row of the settings table, where a missing row can go.
 */
export function settingRow(
  rows: readonly (readonly Cell[])[],
  key: ScalarKey,
): { row: number | null; insertAfter: number } {
  let section: Section | undefined;
  let insertAfter = 0;
  for (const [index, cells] of rows.entries()) {
    const first = normalizeHeader(headerText(cells[0]));
    const header = sectionByHeader.get(first);
    if (header !== undefined) section = header;
    if (section !== undefined && section !== 'settings') break;
    if (first !== '') insertAfter = index;
    if (header === undefined && scalarByLabel.get(first) === key)
      return { row: index, insertAfter };
  }
  return { row: null, insertAfter };
}

export type SettingKey = ScalarKey;

/** The label a setting's row carries in the Settings tab. */
export function settingLabel(key: ScalarKey, language: Language): string {
  return scalarLabels[key][language];
}

/**
 * Reads the Settings tab back, tolerating a manager's edits: blank rows, keys in any order,
 * English or Spanish labels. Each bad value is reported in words and replaced by its default;
 * a stages or lost reasons table that cannot work falls back to the default one.
 * ok: false only when the rows hold nothing recognisable as settings.
 */
export function settingsFromRows(
  rows: readonly (readonly Cell[])[],
  language: Language = 'en',
): { ok: true; value: Settings; issues: string[] } | { ok: false; issues: string[] } {
  const issues: string[] = [];
  const say: Say = (en, es) => (language === 'es' ? es : en);
  const raw = new Map<ScalarKey | ScoringField, Cell>();
  const stageRows: (readonly Cell[])[] = [];
  const reasonRows: (readonly Cell[])[] = [];
  const emailRows: (readonly Cell[])[] = [];
  let section: Section | undefined;
  let recognised = false;

  for (const cells of rows) {
    const first = headerText(cells[0]);
    if (cells.every((cell) => headerText(cell) === '')) continue;
    const header = sectionByHeader.get(normalizeHeader(first));
    if (header !== undefined) {
      section = header;
      recognised = true;
      continue;
    }
    const scalar = scalarByLabel.get(normalizeHeader(first));
    if (scalar !== undefined && (section === undefined || section === 'settings')) {
      recognised = true;
      if (raw.has(scalar))
        issues.push(
          say(
            `"${first}" appears twice: the first is used.`,
            `"${first}" aparece dos veces: se usa la primera.`,
          ),
        );
      else raw.set(scalar, cells[1] ?? '');
      continue;
    }
    if (section === 'stages') stageRows.push(cells);
    else if (section === 'lostReasons') reasonRows.push(cells);
    else if (section === 'stageEmails') emailRows.push(cells);
    else
      issues.push(
        say(`Unknown setting "${first}" ignored.`, `Ajuste desconocido "${first}" ignorado.`),
      );
  }
  if (!recognised) {
    return {
      ok: false,
      issues: [
        say('The Settings tab holds no settings.', 'La pestaña de ajustes no contiene ajustes.'),
      ],
    };
  }

  const languageCell = headerText(raw.get('language')).toLowerCase();
  const chosenLanguage: Settings['language'] =
    languageCell === 'en' || languageCell === 'es' || languageCell === '' ? languageCell : '';
  if (!['en', 'es', ''].includes(languageCell)) {
    issues.push(
      say(
        `Language "${languageCell}" is not en or es: the spreadsheet's is used.`,
        `El idioma "${languageCell}" no es en ni es: se usa el de la hoja.`,
      ),
    );
  }
  const defaults = defaultSettings(chosenLanguage === '' ? language : chosenLanguage);
  const settings: Settings = { ...defaults, language: chosenLanguage };

  const labelOf = (key: ScalarKey | ScoringField) =>
    key in scalarLabels
      ? scalarLabels[key as ScalarKey][language]
      : weightLabel(key as ScoringField, language);
  const number = (
    key: ScalarKey | ScoringField,
    fallback: number,
    ok: (value: number) => boolean,
  ) => {
    const cell = raw.get(key);
    if (cell === undefined) {
      issues.push(
        say(
          `"${labelOf(key)}" is missing: ${fallback} is used.`,
          `Falta "${labelOf(key)}": se usa ${fallback}.`,
        ),
      );
      return fallback;
    }
    const value = parseNumberText(cell);
    if (value === undefined || value === null || !ok(value)) {
      issues.push(
        say(
          `"${labelOf(key)}" cannot be "${headerText(cell)}": ${fallback} is used.`,
          `"${labelOf(key)}" no puede ser "${headerText(cell)}": se usa ${fallback}.`,
        ),
      );
      return fallback;
    }
    return value;
  };
  const flag = (key: ScalarKey, fallback: boolean) => {
    const cell = raw.get(key);
    const value = cell === undefined ? undefined : parseCheckbox(cell);
    if (value === undefined) {
      issues.push(
        say(
          `"${labelOf(key)}" should be true or false: ${fallback} is used.`,
          `"${labelOf(key)}" debe ser verdadero o falso: se usa ${fallback}.`,
        ),
      );
      return fallback;
    }
    return value;
  };
  const isInt = Number.isInteger;

  const currency = headerText(raw.get('currency')).toUpperCase();
  if (/^[A-Z]{3}$/.test(currency)) settings.currency = currency;
  else
    issues.push(
      say(
        `Currency "${currency}" is not a three-letter code: ${defaults.currency} is used.`,
        `La moneda "${currency}" no es un código de tres letras: se usa ${defaults.currency}.`,
      ),
    );
  settings.reminderHour = number(
    'reminderHour',
    defaults.reminderHour,
    (v) => isInt(v) && v >= 0 && v <= 23,
  );
  settings.quarterlyQuota = number('quarterlyQuota', defaults.quarterlyQuota, (v) => v >= 0);
  settings.staleAmberFactor = number('staleAmberFactor', defaults.staleAmberFactor, (v) => v > 0);
  settings.staleRedFactor = number('staleRedFactor', defaults.staleRedFactor, (v) => v > 0);
  settings.slipThreshold = number(
    'slipThreshold',
    defaults.slipThreshold,
    (v) => isInt(v) && v >= 1,
  );
  settings.weekStartsOn = number(
    'weekStartsOn',
    defaults.weekStartsOn,
    (v) => isInt(v) && v >= 1 && v <= 7,
  );
  // Newer than most Settings tabs: a missing row means no limit, without a warning.
  settings.amountConfirmAbove = raw.has('amountConfirmAbove')
    ? number('amountConfirmAbove', 0, (v) => v >= 0)
    : 0;
  settings.remindersEnabled = flag('remindersEnabled', defaults.remindersEnabled);
  // Written by the menu, not by people: blank (or missing, in a tab older than the row) means none.
  const sender = headerText(raw.get('remindersSender')).trim().toLowerCase();
  settings.remindersSender = isEmail(sender) ? sender : '';
  settings.escalationsEnabled = flag('escalationsEnabled', defaults.escalationsEnabled);
  // The archive's rows (issue 22): a tab older than them keeps the defaults without a word.
  settings.archiveMonths =
    raw.get('archiveMonths') === undefined
      ? defaults.archiveMonths
      : number('archiveMonths', defaults.archiveMonths, (v) => isInt(v) && v >= 3 && v <= 120);
  settings.archiveDaily =
    raw.get('archiveDaily') === undefined
      ? defaults.archiveDaily
      : flag('archiveDaily', defaults.archiveDaily);
  settings.archiveFile = headerText(raw.get('archiveFile')).trim();
  settings.scoringWeights = { ...defaults.scoringWeights };
  for (const field of scoringFields) {
    settings.scoringWeights[field] = number(field, defaults.scoringWeights[field], (v) => v >= 0);
  }

  settings.stages = readStages(stageRows, defaults.stages, say, issues);
  settings.lostReasons = readLostReasons(reasonRows, defaults.lostReasons, say, issues);
  settings.stageEmails = readStageEmails(emailRows, settings.stages, say, issues);

  const checked = SettingsSchema().safeParse(settings);
  if (!checked.success) {
    issues.push(
      say(
        'The settings do not hold together: the defaults are used.',
        'Los ajustes no son coherentes: se usan los de por defecto.',
      ),
    );
    return { ok: true, value: defaults, issues };
  }
  return { ok: true, value: checked.data, issues };
}

function readStages(
  rows: readonly (readonly Cell[])[],
  defaults: StageSetting[],
  say: Say,
  issues: string[],
): StageSetting[] {
  const stages: StageSetting[] = [];
  for (const cells of rows) {
    const name = headerText(cells[0]);
    if (name === '') {
      issues.push(
        say(
          'A stage row has no name: it is ignored.',
          'Una fila de etapa no tiene nombre: se ignora.',
        ),
      );
      continue;
    }
    if (stages.some((stage) => normalizeHeader(stage.name) === normalizeHeader(name))) {
      issues.push(
        say(
          `Stage "${name}" appears twice: the first is used.`,
          `La etapa "${name}" aparece dos veces: se usa la primera.`,
        ),
      );
      continue;
    }
    const kindText = normalizeHeader(headerText(cells[3]));
    let kind = kindByWord[kindText];
    if (kind === undefined) {
      kind = 'open';
      issues.push(
        say(
          `Stage "${name}": kind "${kindText}" is not open, won or lost: open is used.`,
          `Etapa "${name}": el tipo "${kindText}" no es abierta, ganada ni perdida: se usa abierta.`,
        ),
      );
    }
    const fallbackProbability = kind === 'won' ? 100 : kind === 'lost' ? 0 : 50;
    let probability = parsePercentCell(cells[1] ?? '');
    if (probability === undefined || probability === null || probability < 0 || probability > 100) {
      issues.push(
        say(
          `Stage "${name}": probability "${headerText(cells[1])}" is not 0-100: ${fallbackProbability} is used.`,
          `Etapa "${name}": la probabilidad "${headerText(cells[1])}" no está entre 0 y 100: se usa ${fallbackProbability}.`,
        ),
      );
      probability = fallbackProbability;
    }
    let targetDays: number | null = null;
    const days = parseNumberText(cells[2] ?? '');
    if (kind === 'open') {
      if (days === undefined || days === null || !Number.isInteger(days) || days < 0) {
        issues.push(
          say(
            `Stage "${name}": target days "${headerText(cells[2])}" is not a whole number: 7 is used.`,
            `Etapa "${name}": los días objetivo "${headerText(cells[2])}" no son un número entero: se usa 7.`,
          ),
        );
        targetDays = 7;
      } else targetDays = days;
    }
    const exitCriteria = headerText(cells[4])
      .split('|')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    stages.push({ name, probability, targetDays, kind, exitCriteria });
  }
  const kinds = new Set(stages.map((stage) => stage.kind));
  if (stages.length < 3 || !kinds.has('open') || !kinds.has('won') || !kinds.has('lost')) {
    issues.push(
      say(
        'The stages need at least three rows with an open, a won and a lost stage: the default stages are used.',
        'Las etapas necesitan al menos tres filas con una abierta, una ganada y una perdida: se usan las de por defecto.',
      ),
    );
    return defaults;
  }
  return stages;
}

function readLostReasons(
  rows: readonly (readonly Cell[])[],
  defaults: LostReason[],
  say: Say,
  issues: string[],
): LostReason[] {
  const reasons: LostReason[] = [];
  for (const cells of rows) {
    const name = headerText(cells[0]);
    if (name === '') continue;
    if (reasons.some((reason) => normalizeHeader(reason.name) === normalizeHeader(name))) {
      issues.push(
        say(
          `Lost reason "${name}" appears twice: the first is used.`,
          `El motivo "${name}" aparece dos veces: se usa el primero.`,
        ),
      );
      continue;
    }
    let requiresNote = parseCheckbox(cells[1] ?? '');
    if (requiresNote === undefined) {
      issues.push(
        say(
          `Lost reason "${name}": "${headerText(cells[1])}" should be true or false: false is used.`,
          `Motivo "${name}": "${headerText(cells[1])}" debe ser verdadero o falso: se usa falso.`,
        ),
      );
      requiresNote = false;
    }
    reasons.push({ name, requiresNote });
  }
  if (reasons.length === 0) {
    issues.push(
      say(
        'There are no lost reasons: the default ones are used.',
        'No hay motivos de pérdida: se usan los de por defecto.',
      ),
    );
    return defaults;
  }
  return reasons;
}

function readStageEmails(
  rows: readonly (readonly Cell[])[],
  stages: StageSetting[],
  say: Say,
  issues: string[],
): StageEmail[] {
  const emails: StageEmail[] = [];
  for (const cells of rows) {
    const stageText = headerText(cells[0]);
    const stage = stages.find((s) => normalizeHeader(s.name) === normalizeHeader(stageText));
    if (stage === undefined) {
      issues.push(
        say(
          `Stage email for "${stageText}": there is no such stage, it is ignored.`,
          `Email de etapa para "${stageText}": no existe esa etapa, se ignora.`,
        ),
      );
      continue;
    }
    let delayDays = parseNumberText(cells[1] ?? '');
    if (delayDays === null) delayDays = 0;
    if (delayDays === undefined || !Number.isInteger(delayDays) || delayDays < 0) {
      issues.push(
        say(
          `Stage email for "${stage.name}": delay "${headerText(cells[1])}" is not a whole number of days: 0 is used.`,
          `Email de etapa para "${stage.name}": la espera "${headerText(cells[1])}" no es un número entero de días: se usa 0.`,
        ),
      );
      delayDays = 0;
    }
    emails.push({
      stage: stage.name,
      delayDays,
      subject: headerText(cells[2]),
      body: headerText(cells[3]),
    });
  }
  return emails;
}

// ---- Team ---------------------------------------------------------------------------------------

const teamHeaders = {
  en: ['Email', 'Name', 'Manager email', 'Reminders paused until', 'Quarterly quota'],
  es: [
    'Email',
    'Nombre',
    'Email del responsable',
    'Recordatorios en pausa hasta',
    'Cuota trimestral',
  ],
} as const;

/** What the pause column holds for "until someone clears the cell". */
export const pausedForever = '9999-12-31' as LocalDate;

const teamColumnWords: Readonly<Record<keyof TeamMember, readonly string[]>> = {
  quota: [
    'quarterly quota',
    'quota',
    'cuota trimestral',
    'cuota',
    'objetivo trimestral',
    'objetivo',
  ],
  email: ['email', 'e mail', 'correo', 'seller email', 'owner email', 'email del vendedor'],
  name: ['name', 'nombre', 'seller', 'vendedor'],
  managerEmail: [
    'manager email',
    'manager',
    'email del responsable',
    'responsable',
    'email del jefe',
    'jefe',
    'correo del responsable',
  ],
  pausedUntil: [
    'reminders paused until',
    'paused until',
    'pause reminders',
    'paused',
    'recordatorios en pausa hasta',
    'en pausa hasta',
    'pausar recordatorios',
    'en pausa',
  ],
};

/** The Team tab: one row per seller (email, name, manager's email, reminders paused until, quarterly quota). */
export function teamToRows(team: Team, language: Language): TableRow[] {
  return [
    [...teamHeaders[language]],
    ...team.map((member) => [
      member.email,
      member.name,
      member.managerEmail,
      member.pausedUntil === undefined
        ? ''
        : member.pausedUntil === pausedForever
          ? true
          : member.pausedUntil,
      member.quota ?? '',
    ]),
  ];
}

/**
 * Rows for team members to append to a Team tab whose header row is `header`: each member's
 * e-mail and name under the tab's own Email and Name columns (found by header, in either
 * language), the rest blank. Without those columns, the rows follow teamToRows' order.
 */
export function teamRowsFor(
  header: readonly string[],
  members: Team,
  language: Language,
): TableRow[] {
  const at = (key: 'email' | 'name') =>
    header.findIndex((cell) => teamColumnWords[key].includes(normalizeHeader(cell)));
  const [email, name] = [at('email'), at('name')];
  if (email < 0) return teamToRows(members, language).slice(1);
  const width = Math.max(header.length, email + 1, name + 1);
  return members.map((member) => {
    const row: Array<string | number | boolean> = Array(width).fill('');
    row[email] = member.email;
    if (name >= 0) row[name] = member.name;
    return row;
  });
}

/**
 * Where the pause column goes in a Team tab that has a header row but no pause column yet (a tab
 * older than the column): the header's 0-based row and column, and its text. Null when none is due.
 */
export function missingPauseColumn(
  rows: readonly (readonly Cell[])[],
  language: Language,
): { row: number; column: number; header: string } | null {
  const row = rows.findIndex((cells) => cells.some((cell) => headerText(cell) !== ''));
  const header = rows[row];
  if (!header || header.some((cell) => isEmail(headerText(cell).toLowerCase()))) return null;
  const known = (cell: Cell) =>
    teamColumnWords.pausedUntil.includes(normalizeHeader(headerText(cell)));
  if (header.some(known)) return null;
  let width = header.length;
  while (width > 0 && headerText(header[width - 1]) === '') width -= 1;
  return { row, column: width, header: teamHeaders[language][3] };
}

/**
 * Reads the Team tab: columns found by header in either language (in the written order when
 * there is no header row); rows with a bad email are reported and skipped, a bad manager email
 * is reported and left blank. The Quota column is optional (tabs made before it existed have
 * none); a quota that is not a number of zero or more is reported and left out.
 * ok: false when no column holds the sellers' emails.
 */
export function teamFromRows(
  rows: readonly (readonly Cell[])[],
  language: Language = 'en',
): { ok: true; value: Team; issues: string[] } | { ok: false; issues: string[] } {
  const say: Say = (en, es) => (language === 'es' ? es : en);
  const issues: string[] = [];
  const nonBlank = rows.filter((cells) => cells.some((cell) => headerText(cell) !== ''));
  const first = nonBlank[0];
  if (first === undefined) return { ok: true, value: [], issues };

  const columnOf = (key: keyof TeamMember, header: readonly Cell[]) =>
    header.findIndex((cell) => teamColumnWords[key].includes(normalizeHeader(headerText(cell))));
  let columns = { email: 0, name: 1, managerEmail: 2, pausedUntil: 3, quota: 4 };
  let data = nonBlank;
  // A first row with an email in it is data: the team was written without headers.
  if (!first.some((cell) => isEmail(headerText(cell).toLowerCase()))) {
    const email = columnOf('email', first);
    if (email < 0) {
      return {
        ok: false,
        issues: [
          say('The Team tab has no Email column.', 'La pestaña Equipo no tiene columna Email.'),
        ],
      };
    }
    columns = {
      email,
      name: columnOf('name', first),
      managerEmail: columnOf('managerEmail', first),
      pausedUntil: columnOf('pausedUntil', first),
      quota: columnOf('quota', first),
    };
    data = nonBlank.slice(1);
  }

  const team: Team = [];
  for (const cells of data) {
    const cell = (index: number) => (index < 0 ? '' : headerText(cells[index]));
    const email = cell(columns.email).toLowerCase();
    if (!isEmail(email)) {
      issues.push(
        say(
          `"${email}" is not an email address: that row is skipped.`,
          `"${email}" no es una dirección de email: se omite esa fila.`,
        ),
      );
      continue;
    }
    if (team.some((member) => member.email === email)) {
      issues.push(
        say(
          `${email} appears twice: the first row is used.`,
          `${email} aparece dos veces: se usa la primera fila.`,
        ),
      );
      continue;
    }
    let managerEmail = cell(columns.managerEmail).toLowerCase();
    if (managerEmail !== '' && !isEmail(managerEmail)) {
      issues.push(
        say(
          `Manager of ${email}: "${managerEmail}" is not an email address, left blank.`,
          `Responsable de ${email}: "${managerEmail}" no es una dirección de email, se deja vacío.`,
        ),
      );
      managerEmail = '';
    }
    const member: TeamMember = { email, name: cell(columns.name), managerEmail };
    const pause = columns.pausedUntil < 0 ? '' : (cells[columns.pausedUntil] ?? '');
    const pausedUntil = readPause(pause);
    if (pausedUntil === undefined)
      issues.push(
        say(
          `Reminders of ${email}: "${headerText(pause)}" is neither a date nor yes/no, so they are not paused.`,
          `Recordatorios de ${email}: "${headerText(pause)}" no es una fecha ni sí/no, así que no se pausan.`,
        ),
      );
    else if (pausedUntil !== null) member.pausedUntil = pausedUntil;
    const quotaCell = columns.quota < 0 ? '' : (cells[columns.quota] ?? '');
    const quota = parseNumberText(quotaCell);
    if (quota !== null && quota !== undefined && quota >= 0) member.quota = quota;
    else if (quota !== null)
      issues.push(
        say(
          `Quota of ${email}: "${headerText(quotaCell)}" is not an amount, left out.`,
          `Cuota de ${email}: "${headerText(quotaCell)}" no es un importe, se omite.`,
        ),
      );
    team.push(member);
  }
  return { ok: true, value: team, issues };
}

/** A pause cell: a date (paused through it), yes/TRUE (until cleared), blank/no (not paused). */
function readPause(cell: Cell): LocalDate | null | undefined {
  const flag = typeof cell === 'string' && cell.trim() !== '' ? parseCheckbox(cell) : undefined;
  if (typeof cell === 'boolean' || flag !== undefined) return (flag ?? cell) ? pausedForever : null;
  if (typeof cell === 'string' && cell.trim() === '') return null;
  // A date cell, or a date typed as text; a number is not taken for a date here.
  const date = typeof cell === 'number' ? undefined : parseDateCell(cell);
  return date ?? undefined;
}

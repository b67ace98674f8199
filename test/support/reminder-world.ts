// A set-up tracker built from domain deals, team and settings, for the reminder runs; and readers of what they did.

import { createRuntime, type RuntimeOptions } from '../../scripts/runtime/index';
import type {
  CellSnapshot,
  SheetSnapshot,
  SpreadsheetSnapshot,
} from '../../scripts/runtime/snapshot';
import { technicalHeaders } from '../../src/domain/columns';
import { defaultSettings } from '../../src/domain/defaults';
import { type FieldKey, fields } from '../../src/domain/fields';
import type { Language } from '../../src/domain/i18n';
import type { Opportunity, Settings, Team } from '../../src/domain/model';
import { parseRunReport, type RunReport } from '../../src/domain/reminder-log';
import { settingsToRows, teamToRows } from '../../src/domain/settings-table';
import { dateCell, type Runtime, sheetOf } from './tracker';

export const seller = 'ana@example.com';
export const otherSeller = 'luis@example.com';
export const manager = 'marta@example.com';

export const defaultTeam: Team = [
  { email: seller, name: 'Ana', managerEmail: manager },
  { email: otherSeller, name: 'Luis', managerEmail: manager },
  { email: manager, name: 'Marta', managerEmail: '' },
];

export interface World {
  deals: Opportunity[];
  team?: Team;
  settings?: Settings;
  language?: Language;
  timeZone?: string;
  locale?: string;
  id?: string;
}

const headers = (language: Language) => [
  ...fields.map((field) => field.header[language]),
  technicalHeaders[language],
];

function cellOf(field: FieldKey, value: unknown): CellSnapshot | null {
  if (value === null || value === '' || value === undefined) return null;
  const kind = fields.find((f) => f.key === field)?.kind;
  if (kind === 'date' && typeof value === 'string') return dateCell(value, 'yyyy-mm-dd');
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  return { value: String(value) };
}

/** The spreadsheet as set up leaves it: Opportunities, Settings, Team and History tabs. */
export function worldSnapshot(world: World): SpreadsheetSnapshot {
  const language = world.language ?? 'en';
  const header = headers(language);
  const rows: Array<Array<CellSnapshot | null>> = [header.map((value) => ({ value }))];
  for (const deal of world.deals)
    rows.push([...fields.map((field) => cellOf(field.key, deal[field.key])), null]);
  const tracker: SheetSnapshot = {
    ...sheetOf(language === 'es' ? 'Oportunidades' : 'Opportunities', [], 0),
    rows,
    maxRows: world.deals.length + 100,
    maxColumns: header.length,
    frozenRows: 1,
  };
  const settings = world.settings ?? defaultSettings(language);
  return {
    id: world.id ?? 'reminders-file',
    name: 'Pipeline',
    timeZone: world.timeZone ?? 'Europe/Madrid',
    locale: world.locale ?? (language === 'es' ? 'es_ES' : 'en_US'),
    namedRanges: {},
    sheets: [
      tracker,
      sheetOf(
        language === 'es' ? 'Configuración' : 'Settings',
        settingsToRows(settings, language),
        1,
      ),
      sheetOf(
        language === 'es' ? 'Equipo' : 'Team',
        teamToRows(world.team ?? defaultTeam, language),
        2,
      ),
      sheetOf(
        language === 'es' ? 'Historial' : 'History',
        [['Time', 'User', 'Deal ID', 'Field', 'Old value', 'New value', 'Also changed']],
        3,
      ),
    ],
  };
}

/** The document properties set up leaves behind (sheet IDs, the next ID). */
export function setUpProperties(rt: Runtime, world: World, fileId = rt.spreadsheet.id): void {
  const props = rt.properties.document(fileId);
  props.set('tracker.sheetId', '0');
  props.set('settings.sheetId', '1');
  props.set('team.sheetId', '2');
  props.set('history.sheetId', '3');
  props.set('tracker.nextId', String(world.deals.length + 1));
  props.set('settings.language', world.settings?.language ?? '');
}

/** A runtime open on the world's spreadsheet, as `user`, at `now`. */
export async function worldRuntime(
  world: World,
  options: Omit<RuntimeOptions, 'spreadsheet'> & { now: Date },
): Promise<Runtime> {
  const snapshot = worldSnapshot(world);
  const rt = await createRuntime({
    timeZone: snapshot.timeZone,
    locale: snapshot.locale,
    user: seller,
    ...options,
    spreadsheet: snapshot,
  });
  setUpProperties(rt, world);
  return rt;
}

/** A runtime on the world at `now`, where the seller has just turned reminders on from the menu. */
export async function turnedOn(
  world: World,
  now: Date,
  options: Omit<RuntimeOptions, 'spreadsheet' | 'now'> = {},
): Promise<Runtime> {
  const rt = await worldRuntime(world, { now, ...options });
  menu(rt, world.language === 'es' ? 'Activar recordatorios' : 'Turn on reminders', seller);
  return rt;
}

/** Clicks a menu item as `user` (the file open in the runtime) and returns what the alert said. */
export function menu(rt: Runtime, caption: string, user = rt.user): string {
  rt.setUser(user);
  rt.open({ authMode: 'LIMITED' });
  const before = rt.ui.alerts.length;
  rt.clickMenu(caption);
  const alert = rt.ui.alerts[before] as { prompt?: string; message?: string } | undefined;
  return String(alert?.prompt ?? alert?.message ?? '');
}

export const reminderTriggers = (rt: Runtime) =>
  rt.triggers.filter((trigger) => trigger.handler === 'runReminders');

/** The emails sent so far: who to, what subject, and the local wall time they went. */
export function mails(rt: Runtime, timeZone = rt.spreadsheet.timeZone) {
  return rt.outbox.map((mail) => ({
    to: mail.to.join(','),
    subject: mail.subject,
    from: mail.from,
    local: new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(mail.sentAt),
    text: mail.body,
    html: mail.htmlBody ?? '',
  }));
}

/** The Run log's rows as reports (file open in the runtime unless `fileId`). */
export function runReports(rt: Runtime, fileId = rt.spreadsheet.id): RunReport[] {
  const file = rt.files.get(fileId);
  const sheet = file?.sheets.find((s) => ['Run log', 'Registro de ejecuciones'].includes(s.name));
  if (!sheet) return [];
  const rows: RunReport[] = [];
  for (let row = 3; row <= sheet.lastRow(); row += 1) {
    const cells = Array.from({ length: 10 }, (_, c) => {
      const value = sheet.cell(row, c + 1)?.value;
      return typeof value === 'string' || typeof value === 'number' ? value : '';
    });
    const report = parseRunReport(cells);
    if (report) rows.push(report);
  }
  return rows;
}

/** The Sent log's rows as [key, status] pairs. */
export function sentRows(rt: Runtime, fileId = rt.spreadsheet.id): Array<[string, string]> {
  const file = rt.files.get(fileId);
  const sheet = file?.sheets.find((s) => ['Sent log', 'Registro de envíos'].includes(s.name));
  if (!sheet) return [];
  const rows: Array<[string, string]> = [];
  for (let row = 3; row <= sheet.lastRow(); row += 1)
    rows.push([String(sheet.cell(row, 2)?.value ?? ''), String(sheet.cell(row, 3)?.value ?? '')]);
  return rows;
}

/** Emails sent more than once (same file, recipient and subject): must stay empty. */
export function duplicates(rt: Runtime): string[] {
  const seen = new Map<string, number>();
  for (const mail of rt.outbox) {
    const file = /\/spreadsheets\/d\/([^/]+)\//.exec(mail.body)?.[1] ?? '';
    const key = `${file} · ${mail.to.join(',')} · ${mail.subject}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([key]) => key);
}

// The add-on menu (Extensions > Opportunity Tracker): its items and the language they speak.

import { type Language, type MessageKey, resolveLanguage, translate } from '../domain/i18n';
import { documentProperties, propertyKeys } from './properties';

/** Each item names the global function it runs; the bundle test checks that each one exists. */
export const menuItems: ReadonlyArray<{ label: MessageKey; functionName: string } | 'separator'> = [
  { label: 'menu.openSidebar', functionName: 'showSidebar' },
  'separator',
  { label: 'menu.setUp', functionName: 'setUpTracker' },
  { label: 'menu.checkAndRepair', functionName: 'checkAndRepair' },
  { label: 'menu.refreshMetrics', functionName: 'refreshMetrics' },
  // Issue 22: closed deals to the archive file.
  { label: 'menu.archive', functionName: 'archiveClosedDeals' },
  'separator',
  // Reminders (issue 11): one trigger per spreadsheet, whoever clicks.
  { label: 'menu.remindersOn', functionName: 'turnOnReminders' },
  { label: 'menu.remindersOff', functionName: 'turnOffReminders' },
  'separator',
  { label: 'menu.loadDemo', functionName: 'loadDemoData' },
];

/**
 * Builds the menu. In AuthMode.NONE nothing but the Ui may be touched (no properties, no
 * spreadsheet), so the menu falls back to English until the add-on is enabled in the file.
 */
export function buildMenu(authMode: GoogleAppsScript.Script.AuthMode | undefined): void {
  const none = authMode === ScriptApp.AuthMode.NONE;
  const language = none ? 'en' : documentLanguage();
  // The demo is for an empty file: once a tracker exists it is not offered (unknown in NONE).
  const hasTracker =
    !none && Boolean(documentProperties()?.getProperty(propertyKeys.trackerSheetId));
  const items = hasTracker
    ? menuItems.filter((item) => item === 'separator' || item.functionName !== 'loadDemoData')
    : menuItems;
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  items.forEach((item, i) => {
    if (item !== 'separator') menu.addItem(translate(language, item.label), item.functionName);
    else if (i < items.length - 1) menu.addSeparator();
  });
  menu.addToUi();
}

/** Builds the menu again after set up or adoption, so it follows the file at once (never throws). */
export function refreshMenu(): void {
  try {
    buildMenu(ScriptApp.AuthMode.FULL);
  } catch (error) {
    console.error(`Rebuilding the menu failed: ${String(error)}`);
  }
}

/** The language chosen in Settings (mirrored in document properties), else the file's locale. */
export function documentLanguage(): Language {
  const setting = documentProperties()?.getProperty(propertyKeys.language) ?? null;
  return resolveLanguage(setting ?? '', SpreadsheetApp.getActive().getSpreadsheetLocale());
}

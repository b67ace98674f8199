// Every function Apps Script can call: triggers, menu items and the sidebar's server calls.
// Nothing runs at load time; each call builds what it needs.

import { translate } from '../domain/i18n';
import { buildMenu, documentLanguage } from './menu';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e?.authMode);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function showSidebar(): void {
  const title = translate(documentLanguage(), 'addon.name');
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

// Document properties the add-on keeps: where its tabs are, the ID counter, the language mirror.

export const propertyKeys = {
  trackerSheetId: 'tracker.sheetId',
  historySheetId: 'history.sheetId',
  settingsSheetId: 'settings.sheetId',
  teamSheetId: 'team.sheetId',
  nextId: 'tracker.nextId',
  language: 'settings.language',
  setUpVersion: 'tracker.setUpVersion',
} as const;

/** The document's property store, or null where Apps Script gives none (a time-driven trigger). */
export function documentProperties(): GoogleAppsScript.Properties.Properties | null {
  return PropertiesService.getDocumentProperties();
}

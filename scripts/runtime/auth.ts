// Who may call what: AuthMode (NONE, LIMITED, FULL) and the OAuth scopes declared in appsscript.json.

import { messages, ScriptException } from './errors';

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';

export const scopes = {
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  currentOnly: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  userEmail: 'https://www.googleapis.com/auth/userinfo.email',
  bigquery: 'https://www.googleapis.com/auth/bigquery',
  cloudPlatform: 'https://www.googleapis.com/auth/cloud-platform',
} as const;

/** Calls that work in AuthMode.NONE: building menus, and the services that need no authorization. */
const allowedInNone = new Set([
  'SpreadsheetApp.getUi',
  'Ui.createAddonMenu',
  'Ui.createMenu',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addSubMenu',
  'Menu.addToUi',
]);
const freeServices = new Set(['Logger', 'console', 'Utilities']);

/** Calls a simple trigger (LIMITED) may not make: other files, mail, trigger management. */
const refusedInLimited = new Set([
  'SpreadsheetApp.openById',
  'SpreadsheetApp.openByUrl',
  'SpreadsheetApp.create',
  'MailApp.sendEmail',
  'MailApp.getRemainingDailyQuota',
  'ScriptApp.newTrigger',
  'ScriptApp.getProjectTriggers',
  'ScriptApp.getUserTriggers',
  'ScriptApp.deleteTrigger',
  'PropertiesService.getUserProperties',
  'PropertiesService.getScriptProperties',
]);

const spreadsheetServices = new Set([
  'Spreadsheet',
  'Sheet',
  'Range',
  'Protection',
  'Selection',
  'EmbeddedChart',
  'TextFinder',
]);

/** The scope a call needs, if any; any one of the listed scopes is enough. */
function requiredScopes(service: string, method: string): string[] {
  const call = `${service}.${method}`;
  if (
    call === 'SpreadsheetApp.openById' ||
    call === 'SpreadsheetApp.openByUrl' ||
    call === 'SpreadsheetApp.create'
  )
    return [scopes.spreadsheets];
  if (service === 'SpreadsheetApp' && /^(getActive|flush)/.test(method))
    return [scopes.spreadsheets, scopes.currentOnly];
  if (spreadsheetServices.has(service)) return [scopes.spreadsheets, scopes.currentOnly];
  if (service === 'Ui' && /^(show|alert|prompt)/.test(method)) return [scopes.containerUi];
  if (service === 'MailApp') return [scopes.sendMail];
  if (service === 'ScriptApp' && /Trigger/.test(method)) return [scopes.scriptApp];
  if (service === 'ClockTriggerBuilder' || service === 'SpreadsheetTriggerBuilder')
    return method === 'create' ? [scopes.scriptApp] : [];
  if (service === 'User' && method === 'getEmail') return [scopes.userEmail];
  // Advanced services (issue 22): the Sheets API reads with the spreadsheets scope.
  if (service.startsWith('Sheets.')) return [scopes.spreadsheets];
  if (service.startsWith('BigQuery.')) return [scopes.bigquery, scopes.cloudPlatform];
  return [];
}

/** Throws Google's permission error when the mode or the declared scopes do not allow the call. */
export function checkPermission(
  authMode: AuthMode,
  declaredScopes: ReadonlySet<string>,
  service: string,
  method: string,
): void {
  const call = `${service}.${method}`;
  const needed = requiredScopes(service, method);
  if (authMode === 'NONE' && !allowedInNone.has(call) && !freeServices.has(service)) {
    throw new ScriptException(messages.permission(call, needed[0]));
  }
  if (authMode === 'LIMITED' && refusedInLimited.has(call)) {
    throw new ScriptException(messages.permission(call, needed[0]));
  }
  if (needed.length > 0 && !needed.some((scope) => declaredScopes.has(scope))) {
    throw new ScriptException(messages.permission(call, needed[0]));
  }
}

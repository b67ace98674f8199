// What Google's classes have (google-api.json, from @types/google-apps-script): members and enums.

import { readFileSync } from 'node:fs';

/** The namespaces of @types/google-apps-script whose classes the runtime models, searched in order. */
export const namespaces = [
  'Spreadsheet',
  'Base',
  'Script',
  'Lock',
  'Cache',
  'Properties',
  'Utilities',
  'Mail',
  'HTML',
  'Charts',
] as const;

interface GoogleApiFile {
  classes: Record<string, { methods: string[]; properties: string[] }>;
  enums: Record<string, string[]>;
}

let loaded: GoogleApiFile | null = null;

/** google-api.json, read once when first needed. */
function api(): GoogleApiFile {
  loaded ??= JSON.parse(
    readFileSync(new URL('./google-api.json', import.meta.url), 'utf8'),
  ) as GoogleApiFile;
  return loaded;
}

/** The runtime's class name as Google's ("console" is the Console class). */
function googleClass(
  service: string,
): { name: string; members: GoogleApiFile['classes'][string] } | null {
  const name = service === 'console' ? 'Console' : service;
  const { classes } = api();
  // Console lives in no namespace of the types ('.Console').
  for (const ns of [...namespaces, '']) {
    const members = classes[`${ns}.${name}`];
    if (members) return { name: `${ns}.${name}`, members };
  }
  return null;
}

/** Whether Google's class has this member, as a method or as an enum property; null if not. */
export function googleMember(service: string, key: string): 'method' | 'enum' | 'property' | null {
  const found = googleClass(service);
  if (!found) return null;
  if (found.members.methods.includes(key)) return 'method';
  if (!found.members.properties.includes(key)) return null;
  return googleEnum(service, key) ? 'enum' : 'property';
}

/** An enum Google's class offers as a property (SpreadsheetApp.AutoFillSeries): name -> name. */
export function googleEnum(service: string, key: string): Record<string, string> | null {
  const found = googleClass(service);
  if (!found) return null;
  const ns = found.name.split('.')[0];
  const values = api().enums[`${ns}.${key}`];
  return values ? Object.fromEntries(values.map((v) => [v, v])) : null;
}

/** Google's methods of a class (for the conformance coverage and for tests). */
export function googleMethods(service: string): string[] {
  return googleClass(service)?.members.methods ?? [];
}

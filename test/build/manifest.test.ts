// Keeps appsscript.json deliberate: the runtime, the time zone policy and every OAuth scope.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'appsscript.json'), 'utf8'));
const shipped = JSON.parse(readFileSync(path.join(projectRoot, 'dist/appsscript.json'), 'utf8'));

describe('appsscript.json', () => {
  it('runs on V8 and logs exceptions', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  it('pins the project time zone to UTC; dates always use the spreadsheet time zone instead', () => {
    // An add-on serves spreadsheets in every zone, so the project's zone must never decide a date.
    // UTC makes any accidental use of it visible in tests run with spreadsheets in other zones.
    expect(manifest.timeZone).toBe('Etc/UTC');
  });

  it('asks for exactly these scopes, each one needed by a named feature', () => {
    expect(manifest.oauthScopes).toEqual([
      // menus, the sidebar and alerts
      'https://www.googleapis.com/auth/script.container.ui',
      // the daily reminder trigger (create, list, delete)
      'https://www.googleapis.com/auth/script.scriptapp',
      // reminder and escalation emails through MailApp
      'https://www.googleapis.com/auth/script.send_mail',
      // the trigger has no active spreadsheet and must open this one by ID
      'https://www.googleapis.com/auth/spreadsheets',
      // the current user's email: the owner of new deals and the author in History
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });

  it('has no keys Apps Script does not know (an unknown key fails clasp push)', () => {
    const known = [
      'timeZone',
      'runtimeVersion',
      'exceptionLogging',
      'dependencies',
      'oauthScopes',
      'urlFetchWhitelist',
      'sheets',
    ];
    expect(Object.keys(manifest).filter((key) => !known.includes(key))).toEqual([]);
  });

  it('ships to dist/ unchanged', () => {
    expect(shipped).toEqual(manifest);
  });
});

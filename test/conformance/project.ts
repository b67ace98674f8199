// The conformance project: the same files run in the local runtime and pushed to Google.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { ProjectFile } from '../../scripts/runtime/index';

export const conformanceDir = path.dirname(fileURLToPath(import.meta.url));
export const googleResultsPath = path.join(conformanceDir, 'google-results.json');

/** The scopes the cases need, and the Apps Script API access scripts.run requires. */
export const conformanceManifest = {
  timeZone: 'Etc/UTC',
  runtimeVersion: 'V8',
  exceptionLogging: 'STACKDRIVER',
  oauthScopes: [
    'https://www.googleapis.com/auth/spreadsheets',
    'https://www.googleapis.com/auth/script.scriptapp',
    'https://www.googleapis.com/auth/script.send_mail',
    'https://www.googleapis.com/auth/script.container.ui',
    'https://www.googleapis.com/auth/userinfo.email',
  ],
  executionApi: { access: 'MYSELF' },
};

export function conformanceFiles(): ProjectFile[] {
  return [
    { name: 'appsscript.json', source: JSON.stringify(conformanceManifest, null, 2) },
    { name: 'Cases.js', source: readFileSync(path.join(conformanceDir, 'cases.js'), 'utf8') },
    { name: 'Conformance.html', source: '<p>Conformance</p>' },
  ];
}

export interface CaseSpec {
  name: string;
  ref: string;
  covers: string[];
  expected: unknown;
  local?: string;
}

/** The cases' descriptions (their functions are not run here). */
export function conformanceCases(): CaseSpec[] {
  const context = vm.createContext({});
  vm.runInContext(readFileSync(path.join(conformanceDir, 'cases.js'), 'utf8'), context);
  const cases = (context as { CONFORMANCE_CASES: CaseSpec[] }).CONFORMANCE_CASES;
  return JSON.parse(
    JSON.stringify(
      cases.map(({ name, ref, covers, expected, local }) => ({
        name,
        ref,
        covers,
        expected,
        local,
      })),
    ),
  );
}

/** One case's outcome as runConformance reports it. */
export type CaseResult = { value: unknown } | { throws: string } | { skipped: string };

export interface ConformanceRun {
  date: string;
  locale: string;
  timeZone: string;
  results: Record<string, CaseResult>;
}

/** The result a case's expected answer calls for. */
export function expectedResult(expected: unknown): CaseResult {
  if (expected && typeof expected === 'object' && !Array.isArray(expected) && 'throws' in expected)
    return { throws: String((expected as { throws: unknown }).throws) };
  return { value: expected };
}

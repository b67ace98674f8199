// Conformance: each case's answer in the local runtime equals Google's (the reference's, and Google's own run when recorded).

import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { googleMember } from '../../scripts/runtime/google-api';
import { createRuntime } from '../../scripts/runtime/index';
import { addonCalls } from './addon-calls';
import {
  type CaseResult,
  type ConformanceRun,
  conformanceCases,
  conformanceFiles,
  expectedResult,
  googleResultsPath,
} from './project';

const cases = conformanceCases();

/** Runs every case locally: standalone as on Google, the Ui cases in a run from an open file. */
async function runLocally(): Promise<ConformanceRun> {
  const standalone = await createRuntime({ kind: 'standalone', project: conformanceFiles() });
  const run = JSON.parse(standalone.run('runConformance') as string) as ConformanceRun;
  const bound = await createRuntime({ kind: 'bound', project: conformanceFiles() });
  const local = cases.filter((c) => c.local).map((c) => c.name);
  for (const _ of local) bound.ui.answer('OK');
  const boundRun = JSON.parse(bound.run('runConformance', local) as string) as ConformanceRun;
  return { ...run, results: { ...run.results, ...boundRun.results } };
}

let local: ConformanceRun;
beforeAll(async () => {
  local = await runLocally();
});

describe('conformance cases in the local runtime', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, spec) => {
    expect(local.results[spec.name]).toEqual(expectedResult(spec.expected));
  });
});

describe('Google’s own answers (test/conformance/google-results.json, from npm run conformance:google)', () => {
  const recorded = existsSync(googleResultsPath)
    ? (JSON.parse(readFileSync(googleResultsPath, 'utf8')) as ConformanceRun)
    : null;
  it.runIf(recorded)('every case recorded on Google gives the same answer locally', () => {
    if (!recorded) return;
    const english = /^en/i.test(recorded.locale);
    const differences: string[] = [];
    for (const [name, google] of Object.entries(recorded.results)) {
      if ('skipped' in google) continue;
      const mine: CaseResult | undefined = local.results[name];
      // Apps Script localizes error texts: on a non-English account only "it threw" is comparable.
      const same =
        !english && 'throws' in google
          ? mine !== undefined && 'throws' in mine
          : JSON.stringify(mine) === JSON.stringify(google);
      if (!same)
        differences.push(
          `${name}: Google ${JSON.stringify(google)}, local ${JSON.stringify(mine)}`,
        );
    }
    expect(differences).toEqual([]);
  });
});

describe('coverage of the add-on’s calls', () => {
  // Type-checking src/gas takes a few seconds (more on a busy machine).
  it('every Apps Script method the add-on calls (src/gas, by type) is covered by a case', {
    timeout: 90_000,
  }, () => {
    const covered = new Set(cases.flatMap((c) => c.covers));
    const calls = addonCalls();
    expect(calls.length).toBeGreaterThan(100);
    const missing = calls.filter((call) => !covered.has(call));
    expect(missing).toEqual([]);
  });

  it('every method a case covers is one Google offers', () => {
    const unknown = cases
      .flatMap((c) => c.covers)
      .filter((call) => {
        const [service = '', method = ''] = call.split('.');
        return googleMember(service, method) !== 'method';
      });
    expect(unknown).toEqual([]);
  });

  it('every case names its reference', () => {
    expect(cases.filter((c) => !/https:\/\/|gas-fakes/.test(c.ref)).map((c) => c.name)).toEqual([]);
  });
});

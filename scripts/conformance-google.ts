// npm run conformance:google: runs test/conformance's cases on Google (clasp push + scripts.run) and records the answers.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ConformanceRun,
  conformanceDir,
  conformanceFiles,
  googleResultsPath,
} from '../test/conformance/project';

/** Where the scratch standalone project lives (its .clasp.json keeps the script ID; not committed). */
export const scratchDir = path.join(conformanceDir, '.scratch');

export const setupSteps = `To run the conformance cases on Google (once per machine):
  1. Turn on the Apps Script API for your account: https://script.google.com/home/usersettings
  2. In a Google Cloud project of yours, enable the Apps Script API and create an OAuth client of
     type "Desktop app"; download its JSON (client_secret.json).
  3. npx clasp login --creds client_secret.json --use-project-scopes
     (scripts.run must be called with the project's own OAuth client.)
  4. npm run conformance:google: the first run creates a scratch standalone project ("Opportunity
     Tracker conformance") and stops; open it (npx clasp open-script -P test/conformance/.scratch),
     Project Settings > Google Cloud Platform project > Change project: enter that project's number.
  5. npm run conformance:google again: it pushes the cases, runs runConformance there and writes
     test/conformance/google-results.json (date, account locale, every answer). Commit that file:
     from then on npm test fails on any difference between the local runtime and Google.`;

/** Why the run cannot go ahead from here, or null. */
export function conformanceBlocker(env: NodeJS.ProcessEnv = process.env): string | null {
  const authFile = env.clasp_config_auth
    ? path.resolve(env.clasp_config_auth)
    : path.join(env.HOME ?? os.homedir(), '.clasprc.json');
  const authPath = authFile.endsWith('.json') ? authFile : path.join(authFile, '.clasprc.json');
  if (!existsSync(authPath)) return `No clasp credentials at ${authPath}.`;
  return null;
}

function clasp(args: string[], capture = false) {
  const run = spawnSync('npx', ['clasp', ...args], {
    cwd: scratchDir,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
  });
  if (run.status !== 0) {
    console.error(`clasp ${args[0]} failed (exit ${run.status}).`);
    process.exit(1);
  }
  return run.stdout ?? '';
}

/** The run's JSON out of what clasp printed (the function returns it as a string). */
export function runFromOutput(output: string): ConformanceRun {
  const attempts: unknown[] = [output.trim(), ...output.split('\n').map((line) => line.trim())];
  const start = output.indexOf('{');
  if (start >= 0) attempts.push(output.slice(start, output.lastIndexOf('}') + 1));
  for (const attempt of attempts) {
    let value: unknown = attempt;
    try {
      for (let i = 0; i < 3 && typeof value === 'string'; i++) value = JSON.parse(value);
    } catch {
      continue;
    }
    if (value && typeof value === 'object') {
      const found =
        (value as { result?: unknown; response?: { result?: unknown } }).response?.result ??
        (value as { result?: unknown }).result ??
        value;
      const run = typeof found === 'string' ? JSON.parse(found) : found;
      if (run && typeof run === 'object' && 'results' in run) return run as ConformanceRun;
    }
  }
  throw new Error(`No conformance results in clasp's output:\n${output.slice(0, 2000)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const blocker = conformanceBlocker();
  if (blocker) {
    console.error(`Conformance on Google stopped: ${blocker}\n\n${setupSteps}`);
    process.exit(1);
  }
  mkdirSync(scratchDir, { recursive: true });
  const claspFile = path.join(scratchDir, '.clasp.json');
  if (!existsSync(claspFile)) {
    clasp([
      'create-script',
      '--type',
      'standalone',
      '--title',
      'Opportunity Tracker conformance',
      '--rootDir',
      '.',
    ]);
    console.log(`Created the scratch project. Now do step 4:\n\n${setupSteps}`);
    process.exit(0);
  }
  for (const file of conformanceFiles())
    writeFileSync(path.join(scratchDir, file.name), file.source);
  clasp(['push', '--force']);
  const output = clasp(['run-function', 'runConformance', '--params', '[null,"google"]'], true);
  const run = runFromOutput(output);
  writeFileSync(googleResultsPath, `${JSON.stringify(run, null, 2)}\n`);
  const scriptId = JSON.parse(readFileSync(claspFile, 'utf8')).scriptId;
  console.log(
    `Wrote ${path.relative(process.cwd(), googleResultsPath)}: ${Object.keys(run.results).length} cases, locale ${run.locale}, script ${scriptId}. Run npm test to compare.`,
  );
}

// npm run mutate: breaks each rule of scripts/mutations.ts in a copy of the project, runs the tests that claim it, reports caught or survived.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Mutation, mutations } from './mutations';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A run that takes longer is stopped and counted as caught (a mutation that hangs a test). */
const runTimeoutMs = 5 * 60_000;

type Outcome = 'caught' | 'survived' | 'timed out' | 'build failed';

interface Result {
  mutation: Mutation;
  outcome: Outcome;
  /** The failing tests' names, for the report. */
  failed: string[];
  seconds: number;
}

interface RunOutput {
  code: number | null;
  timedOut: boolean;
  output: string;
}

// ---- The copy everything happens in: the project itself is never touched ------------------------

let copy: string | null = null;
let child: ChildProcess | null = null;
let stopping = false;

/** Stops the running test or build (its whole process group) and deletes the copy. */
async function cleanUp(): Promise<void> {
  const running = child;
  if (running?.pid) {
    const closed = new Promise((resolve) => {
      running.once('close', resolve);
      setTimeout(resolve, 3_000).unref();
    });
    try {
      process.kill(-running.pid, 'SIGKILL');
      await closed;
    } catch {
      // Already gone.
    }
  }
  if (copy && !process.argv.includes('--keep'))
    // Not rmSync: the event loop stays free to answer the signals a Ctrl-C brings from npm.
    await rm(copy, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // The terminal and npm may each pass the same Ctrl-C on: clean up once.
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping; the project's files were never changed.`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** The project's files as git sees them (tracked and new, not ignored), copied to a fresh directory. */
async function makeCopy(): Promise<string> {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'ot-mutate-'));
  copy = dir;
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(root, file);
    // A tracked file deleted in the working tree is not part of what is tested.
    if (!existsSync(from)) continue;
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await cp(from, path.join(dir, file));
  }
  await symlink(realpathSync(path.join(root, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}

// ---- Running things in the copy ------------------------------------------------------------------

/** Runs a command in its own process group (so a stop kills vitest's workers too). */
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<RunOutput> {
  return new Promise((resolve) => {
    // Stopping: nothing new starts while the copy is being deleted.
    if (stopping) return resolve({ code: null, timedOut: false, output: 'stopped' });
    const started = spawn(command, args, {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SKIP_BUILD: '1', FORCE_COLOR: '0' },
    });
    child = started;
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (started.pid) process.kill(-started.pid, 'SIGKILL');
    }, timeoutMs);
    started.on('close', (code) => {
      clearTimeout(timer);
      child = null;
      resolve({ code, timedOut, output });
    });
  });
}

const bin = (dir: string, name: string) => path.join(dir, 'node_modules', '.bin', name);

async function build(dir: string): Promise<RunOutput> {
  return run(bin(dir, 'tsx'), ['scripts/build.ts'], dir, runTimeoutMs);
}

/** dist/ as the unmutated build made it, put back after a mutation that rebuilt it. */
async function restoreDist(dir: string): Promise<void> {
  await rm(path.join(dir, 'dist'), { recursive: true, force: true });
  await cp(path.join(dir, '.dist-clean'), path.join(dir, 'dist'), { recursive: true });
  // The company export (issue 22) is built by the same command.
  await rm(path.join(dir, 'dist-export'), { recursive: true, force: true });
  await cp(path.join(dir, '.dist-export-clean'), path.join(dir, 'dist-export'), {
    recursive: true,
  });
}

interface TestRun {
  passed: number;
  failed: string[];
  ok: boolean;
  timedOut: boolean;
  output: string;
}

async function runTests(dir: string, mutation: Mutation): Promise<TestRun> {
  const report = path.join(dir, '.mutate-report.json');
  await rm(report, { force: true });
  const args = ['run', ...mutation.tests, '--reporter=json', `--outputFile=${report}`];
  if (mutation.only) args.push('-t', mutation.only);
  const result = await run(bin(dir, 'vitest'), args, dir, runTimeoutMs);
  let passed = 0;
  const failed: string[] = [];
  if (existsSync(report)) {
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      testResults?: Array<{
        message?: string;
        assertionResults?: Array<{ status: string; fullName: string }>;
      }>;
    };
    for (const file of json.testResults ?? []) {
      for (const test of file.assertionResults ?? []) {
        if (test.status === 'passed') passed += 1;
        if (test.status === 'failed') failed.push(test.fullName);
      }
      // A file that fails before its tests run (a throw at import, in beforeAll) has no results.
      if ((file.assertionResults ?? []).length === 0 && file.message) failed.push(file.message);
    }
  }
  return {
    passed,
    failed,
    ok: result.code === 0 && !result.timedOut,
    timedOut: result.timedOut,
    output: result.output,
  };
}

// ---- The mutations ---------------------------------------------------------------------------------

function occurrences(text: string, find: string): number {
  let count = 0;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) count += 1;
  return count;
}

/** Every chosen mutation must still fit the code: the runner stops before running anything if not. */
async function checkFits(chosen: readonly Mutation[]): Promise<string[]> {
  const problems: string[] = [];
  for (const mutation of chosen) {
    const file = path.join(root, mutation.file);
    if (!existsSync(file)) {
      problems.push(`${mutation.id}: ${mutation.file} does not exist`);
      continue;
    }
    const count = occurrences(await readFile(file, 'utf8'), mutation.find);
    if (count !== 1)
      problems.push(
        `${mutation.id}: its text occurs ${count} times in ${mutation.file} (must be once)`,
      );
    for (const test of mutation.tests)
      if (!existsSync(path.join(root, test))) problems.push(`${mutation.id}: no ${test}`);
  }
  return problems;
}

/** A mutation of the add-on's source or of its build is only seen by tests of dist/ once it is built again. */
function needsBuild(mutation: Mutation): boolean {
  const inBundle =
    mutation.file.startsWith('src/') ||
    mutation.file.startsWith('bigquery/') ||
    mutation.file === 'scripts/build.ts';
  return inBundle && mutation.tests.some((test) => !test.startsWith('test/domain/'));
}

async function applyAndTest(dir: string, mutation: Mutation): Promise<Result> {
  const started = Date.now();
  const file = path.join(dir, mutation.file);
  const original = await readFile(file, 'utf8');
  const done = (outcome: Outcome, failed: string[] = []): Result => ({
    mutation,
    outcome,
    failed,
    seconds: (Date.now() - started) / 1000,
  });
  // A function, so a $ in the replacement is taken as it is.
  await writeFile(
    file,
    original.replace(mutation.find, () => mutation.replace),
  );
  try {
    if (needsBuild(mutation)) {
      const built = await build(dir);
      if (built.code !== 0) {
        console.error(built.output.slice(-2_000));
        return done('build failed');
      }
    }
    const tests = await runTests(dir, mutation);
    if (tests.timedOut) return done('timed out');
    return tests.ok ? done('survived') : done('caught', tests.failed);
  } finally {
    await writeFile(file, original);
    if (needsBuild(mutation)) await restoreDist(dir);
  }
}

/** Each distinct test command must pass on the unmutated code, and run at least one test. */
async function baseline(dir: string, chosen: readonly Mutation[]): Promise<boolean> {
  const seen = new Map<string, Mutation>();
  for (const mutation of chosen) {
    const key = `${mutation.tests.join(' ')} -t ${mutation.only ?? ''}`;
    if (!seen.has(key)) seen.set(key, mutation);
  }
  let good = true;
  for (const [key, mutation] of seen) {
    const started = Date.now();
    const tests = await runTests(dir, mutation);
    if (stopping) return false;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!tests.ok || tests.passed === 0) {
      good = false;
      console.error(
        `Unmutated, ${key} ${tests.passed === 0 && tests.ok ? 'runs no test' : 'fails'}:`,
      );
      console.error(tests.failed.join('\n') || tests.output.slice(-3_000));
    } else console.log(`  unmutated: ${key} (${tests.passed} tests, ${seconds} s)`);
  }
  return good;
}

// ---- The report ------------------------------------------------------------------------------------

function table(results: readonly Result[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '| # | Mutation | Rule broken | File | Tests run | Result | First failing test | s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  results.forEach((result, i) => {
    const { mutation } = result;
    const tests = mutation.tests.join(', ') + (mutation.only ? ` -t "${mutation.only}"` : '');
    const first = result.failed[0] ?? '';
    const more = result.failed.length > 1 ? ` (+${result.failed.length - 1})` : '';
    lines.push(
      `| ${i + 1} | ${mutation.id} | ${cell(mutation.rule)} | ${mutation.file} | ${cell(tests)} | ${result.outcome.toUpperCase() === 'CAUGHT' ? 'caught' : `**${result.outcome}**`} | ${cell(first.slice(0, 90) + more)} | ${result.seconds.toFixed(1)} |`,
    );
  });
  return lines.join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const filters = args.filter((arg) => !arg.startsWith('--'));
  const chosen = mutations.filter(
    (m) => filters.length === 0 || filters.some((filter) => m.id.includes(filter)),
  );
  if (args.includes('--list')) {
    for (const m of chosen) console.log(`${m.id.padEnd(36)} ${m.rule}`);
    return 0;
  }
  if (chosen.length === 0) {
    console.error(`No mutation matches ${filters.join(', ')} (npm run mutate -- --list).`);
    return 2;
  }
  const problems = await checkFits(chosen);
  if (problems.length > 0) {
    console.error(`scripts/mutations.ts no longer fits the code:\n  ${problems.join('\n  ')}`);
    return 2;
  }
  const started = Date.now();
  const dir = await makeCopy();
  console.log(`Mutating a copy of the project in ${dir}`);
  const built = await build(dir);
  if (built.code !== 0) {
    console.error(`The unmutated build fails:\n${built.output.slice(-3_000)}`);
    return 2;
  }
  await cp(path.join(dir, 'dist'), path.join(dir, '.dist-clean'), { recursive: true });
  await cp(path.join(dir, 'dist-export'), path.join(dir, '.dist-export-clean'), {
    recursive: true,
  });
  if (!(await baseline(dir, chosen))) return 2;

  const results: Result[] = [];
  for (const [i, mutation] of chosen.entries()) {
    const result = await applyAndTest(dir, mutation);
    if (stopping) break;
    results.push(result);
    const detail = result.failed.length > 0 ? ` (${result.failed.length} failing)` : '';
    console.log(
      `[${i + 1}/${chosen.length}] ${mutation.id.padEnd(36)} ${result.outcome}${detail}, ${result.seconds.toFixed(1)} s`,
    );
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const caught = results.filter((r) => r.outcome === 'caught' || r.outcome === 'timed out');
  const summary = `${caught.length} of ${results.length} mutations caught in ${minutes} min.`;
  const report = `# npm run mutate\n\n${summary}\n\n${table(results)}\n`;
  await mkdir(path.join(root, 'test-artifacts'), { recursive: true });
  await writeFile(path.join(root, 'test-artifacts', 'mutate.md'), report);
  console.log(`\n${table(results)}\n\n${summary} (test-artifacts/mutate.md)`);
  return caught.length === results.length ? 0 : 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    return 2;
  })
  .then(async (code) => {
    // A signal's handler cleans up and exits on its own.
    if (stopping) return;
    await cleanUp();
    process.exit(code);
  });

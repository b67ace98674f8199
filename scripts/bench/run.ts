// npm run bench: the add-on against a fair Google-samples-style baseline and a per-row strawman, side by side.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../build';
import { checkBaselineConstants, differences } from './fairness';
import { measure, startupMs } from './measure';
import { type Operation, operations } from './operations';
import { compactTable, fullTable, type Result, seconds, svgPlot } from './report';
import {
  type Dists,
  type Implementation,
  implementations,
  labels,
  prepareDists,
  type Runtime,
  teamRuntime,
  trackerFor,
} from './scenarios';

const chosen = process.argv.find((arg) => arg.startsWith('--sizes='));
/** --quick: 100 and 5,000 deals; --sizes=100,1000: any sizes (neither is committed). */
const quick = process.argv.includes('--quick') || chosen !== undefined;
const sizes = chosen
  ? chosen
      .slice('--sizes='.length)
      .split(',')
      .map((s) => Number(s.replace(/_/g, '')))
  : quick
    ? [100, 5_000]
    : [100, 5_000, 50_000];
/** Full runs are committed (and copied into README); quick runs stay in test-artifacts/. */
const outDir = quick
  ? path.join(projectRoot, 'test-artifacts', 'bench')
  : path.join(projectRoot, 'scripts', 'bench', 'out');

const log = (text: string) => process.stderr.write(`${text}\n`);

interface Outcomes {
  /** `${operation}@${deals}` -> implementation -> what it did. */
  byOperation: Map<string, Partial<Record<Implementation, unknown>>>;
  /** What starting an execution cost in each runtime, per implementation. */
  startups: Record<Implementation, number[]>;
}

function runOne(
  rt: Runtime,
  startup: number,
  operation: Operation,
  implementation: Implementation,
  deals: number,
  outcomes: Outcomes,
): Result | null {
  const run = operation.run[implementation];
  if (!run) return null;
  const key = `${operation.key}@${deals}`;
  const started = performance.now();
  const { measure: m } = measure(
    rt,
    startup,
    (k) => {
      const planned = run(rt, deals, k);
      return k > 0 || !operation.outcome
        ? planned
        : {
            ...planned,
            after: (output: unknown) => {
              const seen = outcomes.byOperation.get(key) ?? {};
              seen[implementation] = operation.outcome?.(rt, output, implementation, deals);
              outcomes.byOperation.set(key, seen);
            },
          };
    },
    { repeat: operation.repeat },
  );
  const took = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `  ${operation.label} × ${deals.toLocaleString('en-US')}, ${labels[implementation]}: ${m.costlyCalls} costly calls, ${m.timedOut ? 'timed out' : `${seconds(m.modeledMs.pess)} s pess`}, CPU ${Math.round(m.cpuMs)} ms (${took} s here)`,
  );
  return { operation, deals, implementation, measure: m };
}

async function measureSize(deals: number, dists: Dists, outcomes: Outcomes): Promise<Result[]> {
  const results: Result[] = [];
  for (const implementation of implementations) {
    const onTracker = operations.filter((op) => op.start === 'tracker' && op.run[implementation]);
    if (onTracker.length > 0) {
      const rt = await trackerFor(implementation, deals, dists);
      const startup = startupMs(rt);
      outcomes.startups[implementation].push(startup);
      for (const operation of onTracker) {
        operation.before?.(rt, deals);
        const result = runOne(rt, startup, operation, implementation, deals, outcomes);
        if (result) results.push(result);
      }
    }
    for (const operation of operations.filter(
      (op) => op.start === 'team' && op.run[implementation],
    )) {
      const rt = await teamRuntime(deals, implementation, dists);
      const startup = startupMs(rt);
      outcomes.startups[implementation].push(startup);
      const result = runOne(rt, startup, operation, implementation, deals, outcomes);
      if (result) results.push(result);
    }
  }
  return results;
}

/** Where the fair baseline's outcome is not the add-on's: the comparison would be unfair. */
function unfair(outcomes: Outcomes): string[] {
  const problems: string[] = [];
  for (const [key, seen] of outcomes.byOperation) {
    if (!('addon' in seen) || !('fair' in seen)) continue;
    const diff = differences(seen.addon, seen.fair);
    if (diff.length > 0) problems.push(`${key}: ${diff.join('; ')}`);
  }
  return problems;
}

function orderResults(results: Result[]): Result[] {
  const order = (r: Result) =>
    operations.indexOf(r.operation) * 1e9 +
    r.deals * 10 +
    implementations.indexOf(r.implementation);
  return [...results].sort((a, b) => order(a) - order(b));
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const notes = (durationS: number, startups: Outcomes['startups']) => `Notes:
- **Costly calls**: every call the cost model prices above 8 ms (pessimistic) plus every call that
  writes cells (\`scripts/runtime/ledger.ts\`, \`isCostly\`). **Modeled s** = the cost model of
  \`shared/design/cost-model.md\` (T0 per execution + every call, opt / pess) **plus the script's
  own CPU**, which the bench measures itself (the runtime does not put CPU on its clock yet): an
  execution's local wall time minus the time spent inside the runtime's service calls minus the
  cost of starting an execution (a fresh context and loading the script, measured per runtime).
  Apps Script's V8 is not faster than Node, so that CPU counts against the 6-minute limit as it is.
  **Local ms** is the wall time in the local runtime (median of up to 3 runs on different deals).
  Starting an execution here (a fresh context, loading the script) took a median
  ${Math.round(median(startups.addon))} ms for the add-on's bundle and ${Math.round(median(startups.fair))} ms for the fair baseline; that is not in the
  CPU column (Apps Script loads the project on every execution too, at a cost not measured here).
- **Data**: \`bigTracker(n)\` (test/support/big-tracker.ts): n deals across every stage, 50 owners,
  10 History lines per deal (500,000 History rows at 50,000 deals). The baselines run on the same
  tab without the add-on's hidden activity column. Sidebar operations act on deals near the end of
  the sheet (the worst case for a scan); My day and the review queue are those of one of the 50
  sellers. Set up adopts a team's 10-column "Pipeline" tab (every 50th ID missing) and adds the
  other 34 columns, validation, colours, a protected header and the Settings, Team and History
  tabs; Check & repair runs on the tracker with planted problems (cleared IDs, unknown stages,
  text in a date column, negative amounts) and writes a report tab.
- **Fair baseline** (\`scripts/bench/baseline-code.js\`): written the way Google's samples are
  (equipment-requests, mail-merge, the Sheets add-on template, the LockService example): each
  sidebar function reads the tabs it needs with \`getDataRange().getValues()\` (the tracker, and
  the Settings tab for stages and weights), finds the row with a loop, writes each changed cell
  with \`setValue\`, appends History with \`appendRow\`, all under \`LockService\` with a flush
  before the lock is released. The bench checks, at every size, that it changes the same cells
  and History line and lists the same deals as the add-on (\`scripts/bench/fairness.ts\`). What it
  does not do, as the samples do not: no version check (a concurrent change in between is
  overwritten), no write-ahead journal, no cached header or settings; to show a deal's recent
  activity it reads the History tab (the add-on keeps it in the row's activity cell). Its selection
  poll reads the header row and the selected row. It renames an adopted tab to "Opportunities"
  (it finds its tab by name; the add-on stores the tab's ID).
- **Strawman** (\`scripts/bench/naive-code.js\`): one \`getValue\`/\`setValue\` per row or cell,
  written only for set up, the stage move and repair. "timed out" = the runtime stopped it at 6
  minutes on its simulated (optimistic) clock; its costly calls are those made until then.
- Full run: ${Math.round(durationS)} s on a shared 2-core machine (\`npm run bench -- --quick\`
  measures 100 and 5,000 deals only, in about a minute).`;

async function main(): Promise<void> {
  const started = performance.now();
  const constants = await checkBaselineConstants();
  if (constants.length > 0) throw new Error(constants.join('\n'));
  const dists = await prepareDists();
  const outcomes: Outcomes = {
    byOperation: new Map(),
    startups: { addon: [], fair: [], strawman: [] },
  };
  const results: Result[] = [];
  for (const deals of sizes) {
    log(`${deals.toLocaleString('en-US')} deals`);
    results.push(...(await measureSize(deals, dists, outcomes)));
  }
  const problems = unfair(outcomes);
  if (problems.length > 0)
    throw new Error(
      `The fair baseline did not do the add-on's work, so the comparison is void:\n${problems.join('\n')}`,
    );
  const ordered = orderResults(results);
  const durationS = (performance.now() - started) / 1000;
  const date = new Date().toISOString().slice(0, 10);
  const compact = compactTable(ordered, operations, sizes);
  const full = fullTable(ordered);
  const markdown = [
    '# `npm run bench`: the add-on against a fair baseline and a strawman',
    '',
    `Measured on ${date} in the local runtime at ${sizes.map((s) => s.toLocaleString('en-US')).join(' / ')} deals.`,
    '',
    compact,
    '',
    notes(durationS, outcomes.startups),
    '',
    '## Every figure',
    '',
    "`÷ fair baseline`: this implementation's figure divided by the fair baseline's (below 1 is cheaper).",
    '',
    full,
    '',
  ].join('\n');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'bench.md'), markdown);
  await writeFile(path.join(outDir, 'bench.svg'), svgPlot(ordered, operations, sizes));
  await writeFile(
    path.join(projectRoot, 'test-artifacts', 'bench', 'results.json'),
    JSON.stringify(
      ordered.map((r) => ({ ...r, operation: r.operation.key })),
      null,
      2,
    ),
  );
  console.log(compact);
  if (!quick) await updateReadme(compact, date, durationS);
  log(
    `\nWrote ${path.relative(projectRoot, outDir)}/bench.md and bench.svg${quick ? '' : ', and the table in README.md'} (${Math.round(durationS)} s).`,
  );
}

const start = '<!-- bench:table:start -->';
const end = '<!-- bench:table:end -->';

/** Copies the table into README.md between its bench markers (the section is written by hand). */
async function updateReadme(table: string, date: string, durationS: number): Promise<void> {
  const file = path.join(projectRoot, 'README.md');
  const readme = await readFile(file, 'utf8');
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    log(`README.md has no ${start} … ${end} markers: table not copied.`);
    return;
  }
  const block = `${start}\n_Measured ${date} by \`npm run bench\` (${Math.round(durationS)} s); notes and every figure: [scripts/bench/out/bench.md](scripts/bench/out/bench.md)._\n\n${table}\n`;
  await writeFile(file, readme.slice(0, from) + block + readme.slice(to));
}

await main();

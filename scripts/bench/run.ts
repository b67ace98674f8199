// npm run bench: the add-on against a fair Google-samples-style baseline and a per-row strawman, side by side.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../build';
import { checkBaselineConstants } from './fairness';
import { operations } from './operations';
import { compactTable, failures, fullTable, type Result, svgPlot } from './report';
import { labels, prepareDists } from './scenarios';
import { measureSize, newOutcomes, type Outcomes, orderResults, unfair } from './suite';

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

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Operations the fairness check could not compare: one side failed or timed out. */
function uncompared(results: Result[]): string {
  const missed = results
    .filter((r) => r.implementation !== 'strawman' && (r.measure.failed || r.measure.timedOut))
    .map(
      (r) =>
        `${r.operation.label} at ${r.deals.toLocaleString('en-US')} deals (the ${labels[r.implementation]} ${r.measure.failed ? 'failed' : 'timed out'})`,
    );
  return missed.length === 0 ? '' : `, except ${missed.join(', ')}`;
}

const notes = (durationS: number, loads: Outcomes['loads'], results: Result[]) => `Notes:
- **Costly calls**: every call the cost model prices above 8 ms (pessimistic) plus every call that
  writes cells (\`scripts/runtime/ledger.ts\`, \`isCostly\`). **Modeled s** = the cost model of
  \`shared/design/cost-model.md\` (T0 per execution + every call, opt / pess) **plus the script's
  own CPU** (\`rt.ledger.summary()\`): the runtime meters the process CPU time while the script's
  code runs, loading the script included, and puts it on its clock (factor 1: Apps Script's V8 is
  taken to be as fast as this machine). Loading the script took a median
  ${Math.round(median(loads.addon))} ms of CPU per execution for the add-on's bundle and ${Math.round(median(loads.fair))} ms for the fair baseline. **Local ms**
  is the wall time of the execution in the local runtime; CPU and local ms are medians of up to 3
  runs on different deals, on a shared machine (expect ±30 %).
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
  before the lock is released. The bench checked that it changes the same cells and History line
  and lists the same deals as the add-on (\`scripts/bench/fairness.ts\`) for every operation at
  every size${uncompared(results)}. What it
  does not do, as the samples do not: no version check (a concurrent change in between is
  overwritten), no write-ahead journal, no cached header or settings; to show a deal's recent
  activity it reads the History tab (the add-on keeps it in the row's activity cell). Its selection
  poll reads the header row and the selected row. It renames an adopted tab to "Opportunities"
  (it finds its tab by name; the add-on stores the tab's ID).
- **Costly calls of single-cell writes**: the fair baseline writes each changed cell with its own
  \`setValue\`. Each counts as a costly call (it writes a cell), but the cost model prices it at
  1.2 / 7 ms (Google batches such writes until a read or flush), so the baseline makes more costly
  calls than the add-on for a stage move while its modeled time at 100 deals is about the same.
- **Strawman** (\`scripts/bench/naive-code.js\`): one \`getValue\`/\`setValue\` per row or cell,
  written only for set up, the stage move and repair. "timed out" = the runtime stopped it at 6
  minutes on its simulated clock (optimistic call prices plus CPU); its costly calls are those made
  until then.
- Full run: ${Math.round(durationS)} s on a shared 2-core machine (\`npm run bench -- --quick\`
  measures 100 and 5,000 deals only, in about a minute).`;

async function main(): Promise<void> {
  const started = performance.now();
  const constants = await checkBaselineConstants();
  if (constants.length > 0) throw new Error(constants.join('\n'));
  const dists = await prepareDists();
  const outcomes = newOutcomes(log);
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
  const failed = failures(ordered);
  const compact = `${compactTable(ordered, operations, sizes)}${failed ? `\n\nFailed runs:\n${failed}` : ''}`;
  const full = fullTable(ordered);
  const markdown = [
    '# `npm run bench`: the add-on against a fair baseline and a strawman',
    '',
    `Measured on ${date} in the local runtime at ${sizes.map((s) => s.toLocaleString('en-US')).join(' / ')} deals.`,
    '',
    compact,
    '',
    notes(durationS, outcomes.loads, ordered),
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

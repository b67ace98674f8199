// The company export's globals: a standalone script a company admin deploys once (dist-export/), never part of the add-on.

import {
  type ExportConfig,
  readConfig,
  runExport as run,
  saveConfig,
  setUpDataset,
} from './export';

/**
 * Once, from the script editor: which BigQuery project and dataset, and which team files (by ID,
 * with the team's name), e.g. configureExport({ projectId: 'acme-sales', dataset: 'opportunities',
 * files: [{ id: '1AbC…', team: 'Iberia' }] }). Then creates the dataset, tables and views that are
 * missing, and the daily trigger.
 */
export function configureExport(config: ExportConfig): string {
  saveConfig(config);
  const made = setUpDataset(readConfig());
  installExportTrigger();
  return made.length > 0 ? `Created ${made.join(', ')}.` : 'Everything was already there.';
}

/** One time-driven trigger, every day at 02:00 (project zone), whatever ran before. */
export function installExportTrigger(): void {
  for (const trigger of ScriptApp.getProjectTriggers())
    if (trigger.getHandlerFunction() === 'runExport') ScriptApp.deleteTrigger(trigger);
  ScriptApp.newTrigger('runExport').timeBased().everyDays(1).atHour(2).create();
}

/** The daily trigger's handler (and a manual rerun: it adds nothing twice). */
export function runExport(): string {
  const result = run();
  const lines = result.done.map(
    (f) =>
      `${f.team} ${f.day}: ${f.skipped ? 'already exported' : `${f.openDeals} open deals, ${f.closedDeals} closed deals, ${f.historyLines} History lines`}`,
  );
  if (result.failed.length > 0)
    lines.push(`Failed (the next run tries again): ${result.failed.join('; ')}`);
  if (result.left > 0) lines.push(`${result.left} files left for the next run.`);
  console.log(lines.join('\n'));
  if (result.failed.length > 0) throw new Error(lines.join('\n'));
  return lines.join('\n');
}

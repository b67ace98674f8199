// Archive closed deals from the menu (progress in toasts, a summary, a Run log line) and in the morning run.

import type { Language } from '../domain/i18n';
import { type ArchiveOutcome, archiveClosedDeals } from './archive';
import { activeContext, fileLock } from './context';
import type { DailyJob } from './daily-jobs';
import { appendRunReport, ensureLogTab } from './reminder-logs';
import { loadSettings } from './settings-cache';

/**
 * A run stops starting batches after this long. Apps Script ends a run at 6 minutes; at 50,000
 * deals a run is ~1.7 times longer on the cost model's pessimistic prices than on its optimistic
 * ones (the clock a run sees), and a batch takes ~20 s: 3 minutes keeps the pessimistic run under 6.
 */
export const archiveBudgetMs = 3 * 60_000;

/** What the run did, in one sentence (the toast, the alert and the Run log say the same). */
export function archiveMessage(language: Language, outcome: ArchiveOutcome): string {
  const es = language === 'es';
  const parts: string[] = [];
  if (outcome.recovered === 'finished')
    parts.push(
      es ? 'Se terminó un lote que quedó a medias.' : 'A batch left half done was finished.',
    );
  if (outcome.recovered === 'rolledBack')
    parts.push(
      es
        ? 'Un lote que quedó a medias se deshizo: sus oportunidades siguen en el seguimiento.'
        : 'A batch left half done was undone: its deals are still in the tracker.',
    );
  if (outcome.archived === 0 && outcome.left === 0)
    parts.push(es ? 'No hay oportunidades cerradas que archivar.' : 'No closed deals to archive.');
  else
    parts.push(
      es
        ? `${outcome.archived} oportunidades cerradas y ${outcome.historyLines} líneas del historial se movieron al archivo ${outcome.fileUrl}.`
        : `${outcome.archived} closed deals and ${outcome.historyLines} History lines moved to the archive ${outcome.fileUrl}.`,
    );
  if (outcome.left > 0)
    parts.push(
      es
        ? `Quedan ${outcome.left}: se siguen en la próxima ejecución (vuelva a elegir Archivar, o lo hace la ejecución de la mañana si está activada).`
        : `${outcome.left} are left: they continue in the next run (choose Archive again, or the morning run does it when switched on).`,
    );
  if (outcome.withProblems > 0)
    parts.push(
      es
        ? `${outcome.withProblems} se quedan porque su fila tiene un problema (Revisar y reparar).`
        : `${outcome.withProblems} stay because their row has a problem (Check & repair).`,
    );
  return parts.join(' ');
}

/** Menu: Archive closed deals. */
export function archiveFromMenu(): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const title = ctx.language === 'es' ? 'Archivar' : 'Archive';
  const started = `${ctx.now.date} ${ctx.now.time.slice(0, 5)}`;
  let message: string;
  let outcome: ArchiveOutcome | null = null;
  try {
    outcome = archiveClosedDeals({
      spreadsheet: ctx.spreadsheet,
      timeZone: ctx.timeZone,
      now: ctx.now,
      language: ctx.language,
      settings: loadSettings(ctx.spreadsheet, ctx.language).settings,
      deadlineMs: Date.now() + archiveBudgetMs,
      lock: fileLock,
      progress: (text) => ctx.spreadsheet.toast(text, title, 5),
    });
    message = archiveMessage(ctx.language, outcome);
  } catch (error) {
    message =
      (ctx.language === 'es' ? 'No se pudo archivar: ' : 'Archiving stopped: ') +
      (error instanceof Error ? error.message : String(error)) +
      (ctx.language === 'es'
        ? ' Cada oportunidad sigue en un solo archivo; la próxima ejecución termina el lote.'
        : ' Every deal is in exactly one of the two files; the next run finishes the batch.');
  }
  try {
    const log = ensureLogTab(ctx.spreadsheet, ctx.spreadsheet.getSheets(), 'runLog', ctx.language);
    appendRunReport(log, {
      started,
      finished: `${ctx.now.date} ${ctx.now.time.slice(0, 5)}`,
      from: ctx.user,
      sent: 0,
      deferred: 0,
      failed: 0,
      unconfirmed: 0,
      problems: outcome ? [] : [message],
      next: '',
      details: message,
    });
  } catch (error) {
    console.error(`Run log line for the archive failed: ${String(error)}`);
  }
  ui.alert(title, message, ui.ButtonSet.OK);
}

/**
 * The morning run's job (Settings: "Archive closed deals every morning"): archives until the run's
 * deadline; what is left is taken up by the next hourly run (`again`).
 */
export const archiveDailyJob: DailyJob = {
  name: 'archive',
  // Switched off, it costs nothing and must never be "postponed": it asks for time itself.
  needsMs: 0,
  run(ctx) {
    if (!ctx.settings.archiveDaily) return undefined;
    if (ctx.deadlineMs - Date.now() < 60_000)
      return {
        line:
          ctx.language === 'es'
            ? 'Archivar: sin tiempo en esta ejecución; sigue en la próxima.'
            : 'Archive: no time left in this run; the next one goes on.',
        again: true,
      };
    const outcome = archiveClosedDeals({
      spreadsheet: ctx.spreadsheet,
      timeZone: ctx.timeZone,
      now: ctx.now,
      language: ctx.language,
      settings: ctx.settings,
      deadlineMs: Math.min(ctx.deadlineMs - 30_000, Date.now() + archiveBudgetMs),
      lock: fileLock,
    });
    if (outcome.archived === 0 && outcome.left === 0 && outcome.recovered === 'none')
      return undefined;
    const line = archiveMessage(ctx.language, outcome);
    return outcome.left > 0 ? { line, again: true } : line;
  },
};

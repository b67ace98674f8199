// The one-line mutations `npm run mutate` applies: each breaks a rule that matters, and names the tests that claim to prove it.

export interface Mutation {
  /** Short and stable: `npm run mutate -- stale` runs the mutations whose id contains "stale". */
  id: string;
  /** The broken rule, in words: what the named tests must notice. */
  rule: string;
  /** Path from the project root. */
  file: string;
  /**
   * Text that occurs exactly once in the file (a line, with a neighbour when the line alone is not
   * unique). The runner stops before running anything when it does not: the code moved on, update
   * the mutation.
   */
  find: string;
  replace: string;
  /** The test files that claim to prove the rule (run alone, in one vitest run). */
  tests: string[];
  /** vitest's -t: only the tests whose name matches (the cheap part of a slow file). */
  only?: string;
}

/** The export's job ID line (issue 22), and the same with the time in it: template literals' source. */
const exportJobId = {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
  find: "      const jobId = `${base}_c${c}_a${attempt}`.replace(/[^A-Za-z0-9_-]/g, '_');",
  replace:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    "      const jobId = `${base}_c${c}_a${attempt}_${Date.now()}`.replace(/[^A-Za-z0-9_-]/g, '_');",
};

export const mutations: Mutation[] = [
  // ---- Stage rules -------------------------------------------------------------------------------
  {
    id: 'stage.lost-without-reason',
    rule: 'a deal moves to Lost without a lost reason',
    file: 'src/domain/stage-rules.ts',
    find: "  if (target.kind === 'lost') {",
    replace: "  if (target.kind === 'lost' && (request.lostReason ?? '').trim() !== '') {",
    tests: ['test/domain/stage-rules.test.ts'],
  },
  {
    id: 'stage.won-without-amount',
    rule: 'a deal with no amount moves to Won',
    file: 'src/domain/stage-rules.ts',
    find: '    if (!(after.amount !== null && after.amount > 0)) {',
    replace: '    if (after.amount !== null && !(after.amount > 0)) {',
    tests: ['test/domain/stage-rules.test.ts'],
  },
  {
    id: 'stage.back-move-unrecorded',
    rule: 'a move to an earlier stage (from the sidebar) writes no History event',
    file: 'src/domain/stage-rules.ts',
    find: '  return { ok: true, value: change(deal, after, context, stageMoveEventFields) };',
    replace:
      '  return { ok: true, value: change(deal, after, context, settings.stages.findIndex((s) => s.name === to) < settings.stages.findIndex((s) => s.name === deal.stage) ? [] : stageMoveEventFields) };',
    tests: ['test/domain/stage-rules.test.ts'],
  },
  {
    id: 'stage.back-move-typed-unrecorded',
    rule: 'a stage typed back to an earlier one in the grid is not recorded in History',
    file: 'src/gas/on-edit.ts',
    find: '    const [old, next] = [text(before), text(after)];\n    return old === next ? null : { old, new: next };',
    replace:
      '    const [old, next] = [text(before), text(after)];\n    return old === next || settings.stages.findIndex((s) => s.name === next) < settings.stages.findIndex((s) => s.name === old) ? null : { old, new: next };',
    tests: ['test/gas/tracker-sheet.test.ts'],
    only: 'History from edits',
  },

  // ---- Stale -------------------------------------------------------------------------------------
  {
    id: 'stale.amber-off-by-one',
    rule: 'a deal exactly at its amber threshold turns amber',
    file: 'src/domain/follow-up.ts',
    find: "    else if (days > targetDays * settings.staleAmberFactor) level = 'amber';",
    replace: "    else if (days >= targetDays * settings.staleAmberFactor) level = 'amber';",
    tests: ['test/domain/follow-up.test.ts'],
  },
  {
    id: 'stale.red-off-by-one',
    rule: 'a deal exactly at its red threshold turns red',
    file: 'src/domain/follow-up.ts',
    find: "    if (days > targetDays * settings.staleRedFactor) level = 'red';",
    replace: "    if (days >= targetDays * settings.staleRedFactor) level = 'red';",
    tests: ['test/domain/follow-up.test.ts'],
  },
  {
    id: 'stale.due-today-not-excusing',
    rule: 'a next action due today no longer excuses an old deal',
    file: 'src/domain/follow-up.ts',
    find: '  const excused = deal.nextActionDate !== null && deal.nextActionDate >= today;',
    replace: '  const excused = deal.nextActionDate !== null && deal.nextActionDate > today;',
    tests: ['test/domain/follow-up.test.ts'],
  },
  {
    id: 'stale.future-not-excusing',
    rule: 'a next action in the future no longer excuses an old deal',
    file: 'src/domain/follow-up.ts',
    find: '  const excused = deal.nextActionDate !== null && deal.nextActionDate >= today;',
    replace: '  const excused = deal.nextActionDate !== null && deal.nextActionDate === today;',
    tests: ['test/domain/follow-up.test.ts'],
  },

  // ---- The review flag ---------------------------------------------------------------------------
  {
    id: 'review.same-week-counted',
    rule: 'two reviews in the same week flag a deal for a decision',
    file: 'src/domain/review.ts',
    find: '  if (deal.lastReviewed >= startOfWeek(today, settings.weekStartsOn)) return false;',
    replace: '',
    tests: ['test/domain/review.test.ts'],
  },
  {
    id: 'review.week-start-counted',
    rule: "a review on the week's first day counts as an earlier week",
    file: 'src/domain/review.ts',
    find: '  if (deal.lastReviewed >= startOfWeek(today, settings.weekStartsOn)) return false;',
    replace: '  if (deal.lastReviewed > startOfWeek(today, settings.weekStartsOn)) return false;',
    tests: ['test/domain/review.test.ts'],
  },
  {
    id: 'review.summary-counts-stamps',
    rule: "the review summary counts a deal the seller only confirmed as updated (the add-on's stamps)",
    file: 'src/domain/review.ts',
    find: '    (key) => !bookkeeping.has(key) && was[key] !== now[key],',
    replace: '    (key) => was[key] !== now[key],',
    tests: ['test/domain/review.test.ts'],
  },

  // ---- The version check -------------------------------------------------------------------------
  {
    id: 'version.stale-accepted',
    rule: 'a save with a version someone else changed since is written',
    file: 'src/gas/rpc-server.ts',
    find: '  if (dealVersion(found.deal) !== token.hash) {',
    replace: '  if (false && dealVersion(found.deal) !== token.hash) {',
    tests: ['test/gas/rpc.test.ts'],
    only: 'concurrency',
  },
  {
    id: 'version.field-left-out',
    rule: "the version ignores the amount, so another editor's new amount is overwritten unseen",
    file: 'src/domain/version.ts',
    find: "    .filter((key) => key !== 'updated')",
    replace: "    .filter((key) => key !== 'updated' && key !== 'amount')",
    tests: ['test/gas/rpc.test.ts'],
    only: 'concurrency',
  },

  // ---- The risky-text guard ----------------------------------------------------------------------
  {
    id: 'text.leading-equals',
    rule: 'text starting with = is written unprotected, so Sheets runs it as a formula',
    file: 'src/domain/cell-text.ts',
    find: '  return needsQuote(text) ?',
    replace: "  return needsQuote(text) && !text.startsWith('=') ?",
    tests: ['test/gas/rpc.test.ts'],
    only: 'bad input',
  },
  {
    id: 'text.scientific-notation',
    rule: 'text in scientific notation (1e3) is written unprotected, so Sheets stores the number 1000',
    file: 'src/domain/cell-text.ts',
    find: '  return words.every((word) => word.length <= 3 || dateWords.has(word.toLowerCase()));',
    replace:
      "  return words.every((word) => (word.length <= 3 && word.toLowerCase() !== 'e') || dateWords.has(word.toLowerCase()));",
    tests: ['test/gas/text-protection.test.ts'],
    only: 'quotes the shapes',
  },

  // ---- Writing a row -----------------------------------------------------------------------------
  {
    id: 'row.formula-column-rewritten',
    rule: "a save joins its writes across a column that holds formulas, replacing the user's formulas with values",
    file: 'src/gas/deal-row.ts',
    find: '    mapped.has(column) && layout.plainColumns.has(column) && column < raw.length;',
    replace: '    mapped.has(column) && column < raw.length;',
    tests: ['test/gas/rpc.test.ts'],
    only: 'writing a row',
  },
  {
    id: 'row.split-save-not-undone',
    rule: 'a save split in two by a formula column keeps its first part when the second fails',
    file: 'src/gas/deal-row.ts',
    find: '      for (const done of writes.slice(0, i)) {',
    replace: '      for (const done of writes.slice(0, 0)) {',
    tests: ['test/gas/rpc.test.ts'],
    only: 'writing a row',
  },
  {
    id: 'row.foreign-activity-accepted',
    rule: "a deal's row shows the activity log of another deal (a copied row)",
    file: 'src/gas/deal-row.ts',
    find: "    activity: decodeActivity(layout.activity === null ? '' : raw[layout.activity], parsed.value.id),",
    replace:
      '    activity: decodeActivity(layout.activity === null ? \'\' : raw[layout.activity], /"i":"([^"]*)"/.exec(String(raw[layout.activity ?? 0]))?.[1] ?? parsed.value.id),',
    tests: ['test/gas/rpc.test.ts'],
    only: 'writing a row',
  },

  {
    id: 'row.moved-columns-trusted',
    rule: 'after a column is inserted by hand, an edit stamps the wrong cells and a save writes under the wrong headers',
    file: 'src/gas/deal-row.ts',
    find: "    readActivityCell(raw[layout.activity], id).kind === 'ours'",
    replace: "    readActivityCell(raw[layout.activity], id).kind !== 'foreign'",
    tests: ['test/gas/columns-moved.test.ts'],
  },

  // ---- History -----------------------------------------------------------------------------------
  {
    id: 'history.line-per-field',
    rule: 'an action that changes several fields appends one History line per field',
    file: 'src/domain/history-lines.ts',
    find: "  if (events.length <= 1) return events.map((event) => ({ event, also: '' }));",
    replace: "  if (events.length >= 1) return events.map((event) => ({ event, also: '' }));",
    tests: ['test/domain/history-lines.test.ts'],
  },
  {
    id: 'history.close-date-merged',
    rule: 'a close-date change shares its line with a stage move (pushes are counted from their own lines)',
    file: 'src/domain/history-lines.ts',
    find: "    (event) => event.field === 'stage' || event.field === 'closeDate',",
    replace: "    (event) => event.field === 'stage',",
    tests: ['test/domain/history-lines.test.ts'],
  },

  // ---- The journal -------------------------------------------------------------------------------
  {
    id: 'journal.skips-lines',
    rule: 'recovering kept History lines skips every second line',
    file: 'src/gas/journal.ts',
    find: '        lines.shift();',
    replace: '        lines.splice(0, 2);',
    tests: ['test/gas/journal.test.ts'],
  },
  {
    id: 'journal.skips-entries',
    rule: 'recovering skips every second action kept while Google was busy',
    file: 'src/gas/journal.ts',
    find: '    for (const key of keys) {',
    replace: '    for (const key of keys.filter((_, i) => i % 2 === 0)) {',
    tests: ['test/gas/journal.test.ts'],
  },
  {
    id: 'journal.first-line-only',
    rule: 'recovering appends only the first kept line of each entry',
    file: 'src/gas/journal.ts',
    find: '      while (history && lines.length > 0) {',
    replace: '      if (history && lines.length > 0) {',
    tests: ['test/gas/journal.test.ts'],
  },
  {
    id: 'journal.progress-forgotten',
    rule: 'a recovery that fails midway appends its first lines again next time',
    file: 'src/gas/journal.ts',
    find: '        if (lines.length > 0) store.setProperty(key, JSON.stringify(lines));',
    replace: '',
    tests: ['test/gas/journal.test.ts'],
  },

  // ---- Budgets -----------------------------------------------------------------------------------
  {
    id: 'budget.getDeal-reads-tracker',
    rule: 'opening a deal also reads the whole tracker',
    file: 'src/gas/rpc-server.ts',
    find: '    const { found, settings } = findDeal(ctx, request);\n    return view(',
    replace:
      '    const { found, settings } = findDeal(ctx, request); found.layout.sheet.getDataRange().getValues();\n    return view(',
    tests: ['test/gas/sidebar-budgets.test.ts'],
    only: 'getDeal',
  },
  {
    id: 'budget.selection-reads-rows-above',
    rule: 'the selection poll reads rows 1 to the selected row',
    file: 'src/gas/rpc-server.ts',
    find: '    const raw = layout ? readRowValues(layout, row) : null;',
    replace:
      '    const raw = layout ? (layout.sheet.getRange(1, 1, row, Math.max(layout.headers.length, 1)).getValues()[row - 1] ?? null) : null;',
    tests: ['test/gas/sidebar-budgets.test.ts'],
    only: 'selection poll',
  },
  {
    id: 'budget.edit-reads-rows-above',
    rule: 'a stage typed in the grid reads every row above it too',
    file: 'src/gas/on-edit.ts',
    find: '    return sheet.getRange(top, 1, rows, width).getValues();',
    replace: '    return sheet.getRange(1, 1, top + rows - 1, width).getValues().slice(top - 1);',
    tests: ['test/gas/tracker-sheet.test.ts'],
    only: 'typed on the last row',
  },

  // ---- Reminders and metrics -----------------------------------------------------------------------
  {
    id: 'reminders.sent-twice',
    rule: 'an email already in the Sent log is sent again (a second run the same day)',
    file: 'src/domain/reminders.ts',
    find: '    if (input.sentKeys.has(email.key) || planned.has(email.key))',
    replace: '    if (planned.has(email.key))',
    tests: ['test/domain/reminders.test.ts'],
  },
  {
    id: 'reminders.before-the-hour',
    rule: 'reminders go out an hour before the reminder hour in Settings',
    file: 'src/domain/reminders.ts',
    find: '  if (now.hour < settings.reminderHour) {',
    replace: '  if (now.hour < settings.reminderHour - 1) {',
    tests: ['test/domain/reminders.test.ts'],
  },
  {
    id: 'reminders.pause-ends-early',
    rule: 'a person paused until today gets reminders today',
    file: 'src/domain/reminders.ts',
    find: '      return until !== undefined && until !== null && until >= today;',
    replace: '      return until !== undefined && until !== null && until > today;',
    tests: ['test/domain/reminders.test.ts'],
  },
  {
    id: 'metrics.forecast-unweighted',
    rule: "the weighted forecast ignores each deal's probability",
    file: 'src/domain/metrics.ts',
    find: '    month.weighted += amountOf(deal) * probabilityOf(deal, settings);',
    replace: '    month.weighted += amountOf(deal);',
    tests: ['test/domain/metrics.test.ts'],
  },
  {
    id: 'metrics.win-rate-window',
    rule: 'the win rate counts deals closed 90 days ago, one day more than its 90-day window',
    file: 'src/domain/metrics.ts',
    find: '  const from = addDays(to, -(winRateDays - 1));',
    replace: '  const from = addDays(to, -winRateDays);',
    tests: ['test/domain/metrics.test.ts'],
  },

  // ---- Issue 24, part 2: everything works on an adopted tracker --------------------------------
  {
    id: 'owners.names-not-looked-up',
    rule: 'an owner cell holding a name is never looked up among the Team tab names',
    file: 'src/domain/people.ts',
    find: '      const member = byName.get(folded) ?? byWords.get(wordsOf(folded));',
    replace: '      const member = undefined as TeamMember | undefined;',
    tests: ['test/domain/people.test.ts', 'test/gas/adopted-layout.test.ts'],
  },
  {
    id: 'owners.accents-matter',
    rule: 'a name written without its accents ("Helene Nunez") is someone else',
    file: 'src/domain/people.ts',
    find: '    const folded = foldName(text);',
    replace: '    const folded = text.toLowerCase();',
    tests: ['test/domain/people.test.ts', 'test/gas/public-dataset.test.ts'],
  },
  {
    id: 'owners.my-day-by-cell',
    rule: 'My day and the review\'s "mine" compare the owner cell to the user\'s e-mail, names missed',
    file: 'src/gas/rpc-server.ts',
    find: '  const deals = resolveOwners(parsed.deals, ctx.spreadsheet);\n  return { deals, rows: parsed.rows, settings: loaded.settings };',
    replace:
      '  const deals = parsed.deals;\n  return { deals, rows: parsed.rows, settings: loaded.settings };',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'same reading',
  },
  {
    id: 'owners.reminders-by-cell',
    rule: 'the reminder run mails the owner cell, so owners written as names get nothing',
    file: 'src/gas/reminder-run.ts',
    find: '  const deals = withOwnerEmails(parsed.deals, people);',
    replace: '  const deals = parsed.deals;',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'hourly trigger',
  },
  {
    id: 'owners.metrics-by-cell',
    rule: 'the Metrics per-owner figures group by the owner cell, not by the person',
    file: 'src/gas/metrics-refresh.ts',
    find: '  const deals = resolveOwners(parsed.deals, spreadsheet);',
    replace: '  const deals = parsed.deals;',
    tests: ['test/gas/public-dataset.test.ts'],
  },
  {
    id: 'owners.team-view-by-cell',
    rule: "the managers' Team view counts only deals whose owner cell is an e-mail",
    file: 'src/gas/team-view.ts',
    find: '  const deals = resolveOwners(parsed.deals, ctx.spreadsheet);',
    replace: '  const deals = parsed.deals;',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'same reading',
  },
  {
    id: 'owners.flagged-on-every-row',
    rule: 'an owner name is a "not an email" problem on every row again',
    file: 'src/domain/parse-row.ts',
    find: "      return field === 'owner' ? { value: text } : { value: text, problem: 'notAnEmail' };",
    replace: "      return { value: text, problem: 'notAnEmail' };",
    tests: ['test/domain/parse-row.test.ts', 'test/gas/public-dataset.test.ts'],
  },
  {
    id: 'owners.repair-silent',
    rule: 'Check & repair says nothing of owner names the Team tab gives no e-mail',
    file: 'src/gas/menu-actions.ts',
    find: '  if (!namesAnyone(deals)) return [];',
    replace: '  return [];',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'listed once',
  },
  {
    id: 'deals.name-or-customer-required',
    rule: 'a row with neither a name nor a customer is not a deal ("Row N is not an opportunity")',
    file: 'src/domain/parse-row.ts',
    find: '  if (!dealData) {',
    replace: "  if (!dealData || (opportunity.name === '' && opportunity.customer === '')) {",
    tests: ['test/domain/parse-row.test.ts', 'test/gas/public-dataset.test.ts'],
  },
  {
    id: 'deals.missing-amount-unnoted',
    rule: 'Check & repair says nothing of open deals without an amount (they count as 0)',
    file: 'src/gas/menu-actions.ts',
    find: '  if (rows.length === 0) return [];',
    replace: '  return [];',
    tests: ['test/gas/public-dataset.test.ts'],
  },
  {
    id: 'layout.trigger-without-choices',
    rule: "a run without document properties (the hourly trigger) ignores the team's column choices",
    file: 'src/gas/column-choices.ts',
    find: '  return record?.choices ?? {};',
    replace: '  return {};',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'hourly trigger',
  },
  {
    id: 'layout.not-kept-in-file',
    rule: 'the layout is kept in document properties only, where a time-driven run cannot read it',
    file: 'src/gas/file-record.ts',
    find: '  if (store.getProperty(writtenKey) === text) return;',
    replace: '  return;',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'hourly trigger',
  },
  {
    id: 'jobs.tracker-by-name',
    rule: 'the reminder run takes a tab called "Opportunities" for the tracker',
    file: 'src/gas/reminder-run.ts',
    find: '  const tracker = sheetByIdOrName(sheets, known.tracker, []);',
    replace: '  const tracker = sheetByIdOrName(sheets, null, Object.values(tabNames.tracker));',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'hourly trigger',
  },
  {
    id: 'jobs.failure-recorded-done',
    rule: 'a daily job that failed is recorded as done, so it waits a day instead of running again',
    file: 'src/gas/reminder-run.ts',
    find: '      allDone = false;\n    }\n  }\n  return { done, allDone };',
    replace: '      done[job.name] = file.now.date;\n    }\n  }\n  return { done, allDone };',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'daily job that fails',
  },
  {
    id: 'jobs.generated-tab-by-name',
    rule: "a refresh writes its figures over a team's own tab that is called Metrics",
    file: 'src/gas/generated-tabs.ts',
    find: '  return named && isGenerated(named) ? named : null;',
    replace: '  return named;',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'never writes over',
  },
  {
    id: 'jobs.generated-tab-unrecorded',
    rule: 'a Metrics tab made by the morning run is not recorded in the file, so the menu makes another',
    file: 'src/gas/generated-tabs.ts',
    find: '  recordTabInFile(spreadsheet, kind, sheet.getSheetId());',
    replace: '',
    tests: ['test/gas/adopted-layout.test.ts'],
    only: 'never writes over',
  },
  {
    id: 'demo.over-data',
    rule: 'Load demo data goes on in a file that holds data',
    file: 'src/gas/demo.ts',
    find: '  if (busy !== null) {',
    replace: "  if (busy === 'never') {",
    tests: ['test/gas/demo.test.ts'],
  },
  {
    id: 'demo.offered-with-tracker',
    rule: 'the menu offers Load demo data in a file that has a tracker',
    file: 'src/gas/menu.ts',
    find: '  const items = hasTracker',
    replace: '  const items = false',
    tests: ['test/gas/demo.test.ts'],
  },
  {
    id: 'csv.comma-only',
    rule: 'a semicolon-separated CSV is read as one column',
    file: 'scripts/playground/csv.ts',
    find: "  const candidates = [',', ';', '\\t'] as const;",
    replace: "  const candidates = [','] as const;",
    tests: ['test/browser/playground-csv.test.ts'],
  },
  {
    id: 'csv.decimal-commas-ignored',
    rule: "a CSV's decimal commas count as decimal points, so a Spanish file is not read as one",
    file: 'scripts/playground/csv.ts',
    find: '        commaDecimal += 1;',
    replace: '        pointDecimal += 1;',
    tests: ['test/browser/playground-csv.test.ts'],
  },
  {
    id: 'csv.overwrites-workbook',
    rule: 'opening deals.csv overwrites a deals.xlsx that is already there',
    file: 'scripts/playground/csv.ts',
    find: '  for (let n = 2; existsSync(candidate); n += 1)',
    replace: '  for (let n = 2; false; n += 1)',
    tests: ['test/browser/playground-csv.test.ts'],
  },

  // ---- The bundle ----------------------------------------------------------------------------------
  {
    id: 'build.drops-an-entrypoint',
    rule: 'the build leaves out the global of the reminder trigger',
    file: 'scripts/build.ts',
    find: '  return names.sort();',
    replace: "  return names.filter((name) => name !== 'runReminders').sort();",
    tests: ['test/build/bundle-contract.test.ts'],
  },

  // ---- Issue 21: the runtime agrees with Google, and the add-on relies on no English text -----------
  {
    id: 'runtime.a1-whole-rows-bounded',
    rule: 'getRange("5:7").getA1Notation() answers "A5:Z7" instead of Google\'s "5:7"',
    file: 'scripts/runtime/a1.ts',
    find: '  if (bounds.startRow && bounds.endRow && bounds.startColumn && bounds.endColumn)',
    replace: '  if (bounds.startRow || bounds.startColumn)',
    tests: ['test/conformance/conformance.test.ts'],
  },
  {
    id: 'runtime.negative-lock-timeout-acquires',
    rule: 'tryLock(-100) acquires a free lock (Google: false, and waitLock(-100) throws)',
    file: 'scripts/runtime/lock.ts',
    find: '    if (!(timeoutInMillis >= 0)) return false;',
    replace: '    if (timeoutInMillis < -1000) return false;',
    tests: ['test/conformance/conformance.test.ts'],
  },
  {
    id: 'runtime.digest-default-utf8',
    rule: 'computeDigest without a charset hashes UTF-8 (Google: US-ASCII)',
    file: 'scripts/runtime/utilities.ts',
    find: "  return charset === Charset.UTF_8 ? Buffer.from(String(value), 'utf8') : asciiBytes(String(value));",
    replace:
      "  return charset === Charset.US_ASCII ? asciiBytes(String(value)) : Buffer.from(String(value), 'utf8');",
    tests: ['test/conformance/conformance.test.ts'],
  },
  {
    id: 'runtime.missing-method-undefined',
    rule: 'a method Google has and the runtime lacks is undefined (a TypeError) instead of "not offered by this runtime"',
    file: 'scripts/runtime/vm-loader.ts',
    find: "    if (member !== 'method') return undefined;",
    replace: '    return undefined;',
    tests: ['test/runtime/google-agreement.test.ts'],
  },
  {
    id: 'runtime.mail-quota-midnight',
    rule: 'the mail quota comes back at the next day instead of 24 hours after the first send',
    file: 'scripts/runtime/state.ts',
    find: '    return window && nowMs < window.startMs + quotaWindowMs ? window.used : 0;',
    replace:
      '    return window && Math.floor(nowMs / 86_400_000) === Math.floor(window.startMs / 86_400_000) ? window.used : 0;',
    tests: ['test/runtime/google-agreement.test.ts'],
  },
  {
    id: 'runtime.checkbox-values-ignored',
    rule: 'insertCheckboxes("YES", "NO") makes a TRUE/FALSE checkbox and ignores its values',
    file: 'scripts/runtime/range.ts',
    find: '      checkedValue === undefined\n        ? []',
    replace: '      checkedValue !== null\n        ? []',
    tests: ['test/conformance/conformance.test.ts'],
  },
  {
    id: 'reminders.quota-by-english-text',
    rule: 'a refused email counts as the quota running out only when the error is worded in English',
    file: 'src/gas/reminder-run.ts',
    find: '      if (quotaSpent(email.to)) {',
    replace: '      if (/too many times|quota/i.test(message)) {',
    tests: ['test/gas/localized-errors.test.ts'],
  },
  {
    id: 'reminders.lost-file-first-failure',
    rule: 'one failed openById (a server error) removes the reminder trigger for good',
    file: 'src/gas/reminder-run.ts',
    find: '  if (startMs - since >= lostAfterMs) deleteOwnTrigger(uid);',
    replace: '  if (startMs - since >= 0) deleteOwnTrigger(uid);',
    tests: ['test/gas/localized-errors.test.ts'],
  },
  {
    id: 'runtime.reminder-run-user-lock',
    rule: 'the time-driven reminder run takes the user lock, which a menu action in the file never shares',
    file: 'src/gas/context.ts',
    find: '  return LockService.getDocumentLock() ?? LockService.getScriptLock();',
    replace: '  return LockService.getDocumentLock() ?? LockService.getUserLock();',
    tests: ['test/gas/shared-tabs-lock.test.ts'],
  },
  {
    id: 'runtime.menu-skips-tabs-lock',
    rule: 'Refresh metrics from the menu takes only the document lock, so it can write beside the reminder run',
    file: 'src/gas/context.ts',
    find: '  if (!document) return withLock(script, waitMs, work);',
    replace: '  if (document) return withLock(document, waitMs, work);',
    tests: ['test/gas/shared-tabs-lock.test.ts'],
  },

  {
    id: 'runtime.numeric-id-by-display-only',
    rule: 'a numeric ID shown through a number format ("1,042") is looked up only by TextFinder, which misses it',
    file: 'src/gas/deal-row.ts',
    find: '  if (rows.length === 0) rows = scanIdRows(current, id);',
    replace: '  if (rows.length === 0 && id === "") rows = scanIdRows(current, id);',
    tests: ['test/gas/numeric-ids.test.ts'],
  },
  {
    id: 'runtime.textfinder-matches-values',
    rule: "the runtime's TextFinder matches a formatted number by its value, which Google's does not",
    file: 'scripts/runtime/text-finder.ts',
    find: '        : readDisplayValue(this.file, sheet, row, column, now);',
    replace: '        : String(this.file.computedValue(sheet, row, column, now));',
    tests: ['test/conformance/conformance.test.ts'],
  },

  // ---- The runtime's clock -----------------------------------------------------------------------
  {
    id: 'runtime.dst-overlap-later',
    rule: 'a wall time the autumn change makes happen twice gives the later instant',
    file: 'scripts/runtime/values-time.ts',
    find: '    .sort((a, b) => a - b);',
    replace: '    .sort((a, b) => b - a);',
    tests: ['test/runtime/values-dates.test.ts'],
  },

  // ---- Issue 22: lists at scale, the archive, the company export -------------------------------
  {
    id: 'lists.api-dates-shifted',
    rule: 'a date read through the Sheets API lands a day late (serial days counted from the wrong epoch)',
    file: 'src/gas/list-read.ts',
    find: '    date: fromDayNumber(days - unixEpochSerial) as LocalDate,',
    replace: '    date: fromDayNumber(days - unixEpochSerial + 1) as LocalDate,',
    tests: ['test/gas/list-read.test.ts'],
  },
  {
    id: 'lists.no-fallback-when-api-fails',
    rule: 'My day fails when the Sheets API refuses (a quota) instead of reading through SpreadsheetApp',
    file: 'src/gas/list-read.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    find: '      console.error(`Sheets API read failed, reading through SpreadsheetApp: ${String(error)}`);',
    replace: '      throw error;',
    tests: ['test/gas/list-read.test.ts'],
  },
  {
    id: 'archive.recent-activity-ignored',
    rule: 'a deal closed long ago but worked on since the cutoff is archived',
    file: 'src/domain/archive.ts',
    find: '  return lastActivity === null || lastActivity < cutoff;',
    replace: '  return true;',
    tests: ['test/domain/archive.test.ts'],
  },
  {
    id: 'archive.summary-cycle-off-by-one',
    rule: "the archive's Summary records each won deal's cycle a day long, so the cycle figures change",
    file: 'src/domain/archive.ts',
    find: '          String(daysBetween(deal.created, closed)),',
    replace: '          String(daysBetween(deal.created, closed) + 1),',
    tests: ['test/domain/archive.test.ts'],
  },
  {
    id: 'archive.history-lines-left-behind',
    rule: "an archived deal's History lines stay in the tracker as well as in the archive",
    file: 'src/gas/archive.ts',
    find: '  if (block) compactHistory(block, ids);',
    replace: '  if (block && ids.size < 0) compactHistory(block, ids);',
    tests: ['test/gas/archive.test.ts'],
    only: 'exactly once, and links',
  },
  {
    id: 'archive.half-copied-batch-rolled-forward',
    rule: 'a batch cut short while copying is finished as if it were copied (its deals leave the tracker with a partial copy)',
    file: 'src/gas/archive.ts',
    find: "  if (open.phase === 'copying') {",
    replace: "  if (open.phase === 'never') {",
    tests: ['test/gas/archive.test.ts'],
    only: 'fault at a call|kill before',
  },
  {
    id: 'archive.metrics-without-summary',
    rule: "the Metrics refresh ignores the archive's Summary, so all-time figures drop after archiving",
    file: 'src/gas/metrics-refresh.ts',
    find: '    ...(archive ? { archived: archive.summary } : {}),',
    replace: '',
    tests: ['test/gas/archive.test.ts'],
    only: 'Metrics tab figure',
  },
  {
    id: 'archive.columns-by-position',
    rule: 'a tracker column is archived under the header at its position, not its own, once the tracker gained a column',
    file: 'src/gas/archive.ts',
    find: '    if (found !== undefined) return found;',
    replace: '    if (found !== undefined) return c + 1;',
    tests: ['test/gas/archive.test.ts'],
    only: 'columns the tracker gains',
  },
  {
    id: 'export.job-id-per-attempt-time',
    rule: "a load job's ID changes on every run, so a rerun loads the same rows again",
    file: 'src/export/export.ts',
    find: exportJobId.find,
    replace: exportJobId.replace,
    tests: ['test/gas/bigquery-export.test.ts'],
    only: 'rerun',
  },
  {
    id: 'export.closed-deals-resent',
    rule: "the next day's export sends again the closed deals an earlier day sent",
    file: 'src/domain/export-rows.ts',
    find: '    if (window.after !== null && closed <= window.after) continue;',
    replace: '',
    tests: ['test/gas/bigquery-export.test.ts'],
    only: 'next morning',
  },
  {
    id: 'export.view-median-wrong-rows',
    rule: "the sales cycle view takes each owner's median from the wrong rows",
    file: 'bigquery/views/sales_cycle.sql',
    find: "  'owner' AS level,\n  team,\n  owner,\n  COUNT(*) AS deals,\n  AVG(cycle_days) AS average_days,\n  AVG(CASE WHEN n >= total / 2 AND n <= total / 2 + 1 THEN cycle_days END) AS median_days",
    replace:
      "  'owner' AS level,\n  team,\n  owner,\n  COUNT(*) AS deals,\n  AVG(cycle_days) AS average_days,\n  AVG(CASE WHEN n >= total / 2 - 1 AND n <= total / 2 + 1 THEN cycle_days END) AS median_days",
    tests: ['test/gas/bigquery-export.test.ts'],
    only: 'Metrics-tab figures',
  },
  {
    id: 'runtime.bigquery-duplicate-job-accepted',
    rule: 'the local BigQuery accepts a second job with an ID it already has (Google answers 409)',
    file: 'scripts/runtime/advanced-bigquery.ts',
    find: '    if (state.jobs.has(key))\n      throw apiError',
    replace: "    if (state.jobs.has(key) && jobId === '')\n      throw apiError",
    tests: ['test/runtime/advanced-services.test.ts'],
  },
];

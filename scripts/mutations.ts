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

  // ---- Issue 26, part 1: the seller's daily loop in the sidebar ------------------------------------
  {
    id: 'loop.mark-done-resaves-same',
    rule: 'Mark done with the next action left as it was saves the same (overdue) action again',
    file: 'src/domain/daily-loop.ts',
    find: '  if (next === done && request.nextActionDate === deal.nextActionDate)',
    replace: '  if (false && next === done && request.nextActionDate === deal.nextActionDate)',
    tests: ['test/domain/daily-loop.test.ts', 'test/gas/daily-loop.test.ts'],
  },
  {
    id: 'loop.mark-done-keeps-old-goal',
    rule: "Mark done leaves the done action's goal on the next action",
    file: 'src/domain/daily-loop.ts',
    find: "      nextActionGoal: goal === deal.nextActionGoal.trim() ? '' : goal,",
    replace: '      nextActionGoal: goal,',
    tests: ['test/domain/daily-loop.test.ts', 'test/gas/daily-loop.test.ts'],
  },
  {
    id: 'loop.mark-done-old-date-unasked',
    rule: "Mark done saves a new next action on the done one's past date without asking",
    file: 'src/domain/daily-loop.ts',
    find: '  if (date !== null && date < context.today && context.confirmPast !== true)',
    replace: '  if (false)',
    tests: ['test/domain/daily-loop.test.ts'],
  },
  {
    id: 'loop.done-kind-not-inferred',
    rule: "the done action's kind is not read from its words",
    file: 'src/domain/contact-kind.ts',
    find: '  return best?.kind ?? null;',
    replace: '  return null;',
    tests: ['test/domain/contact-kind.test.ts'],
  },
  {
    id: 'loop.done-kind-from-log-form',
    rule: 'Mark done takes its kind from the "Log an interaction" dropdown further down',
    file: 'src/ui/views/deal.ts',
    find: '    const type = doneType.value as ContactType;',
    replace:
      "    const type = ((document.getElementById('log-type') as HTMLSelectElement | null)?.value ?? 'call') as ContactType;",
    tests: ['test/browser/sidebar.test.ts'],
    only: 'by its own kind',
  },
  {
    id: 'loop.mark-done-unchanged-not-cleared',
    rule: 'Mark done with the fields as they were does not leave the deal without a next action',
    file: 'src/ui/views/deal.ts',
    find: '    const same = what.value.trim() === done && typed.ok && typed.date === deal.nextActionDate;',
    replace: '    const same = false;',
    tests: ['test/browser/sidebar.test.ts'],
    only: 'fields as they are',
  },
  {
    id: 'loop.next-in-day-missing',
    rule: 'a deal opened from My day offers no way to the next one but back through My day',
    file: 'src/ui/sidebar.ts',
    find: '    return at < 0 ? null : (this.dayList[at + 1] ?? null);',
    replace: '    return null;',
    tests: ['test/browser/sidebar.test.ts'],
    only: '3 clicks per deal',
  },
  {
    id: 'loop.undo-version-unchecked',
    rule: 'an undo of Won or Lost applies over a change someone saved after the move',
    file: 'src/gas/rpc-server.ts',
    find: '      request.version,\n      (deal, rules) => undoMove(deal, values, rules),',
    replace:
      '      ((found) => versionToken(found.deal, found.row))(findDeal(ctx, { id: request.id }).found),\n      (deal, rules) => undoMove(deal, values, rules),',
    tests: ['test/gas/daily-loop.test.ts'],
    only: 'someone saved',
  },
  {
    id: 'loop.undo-leaves-stage-entered',
    rule: 'an undo leaves "In stage since" as the move stamped it',
    file: 'src/domain/daily-loop.ts',
    find: "  'stage',\n  'stageEntered',\n  'probability',",
    replace: "  'stage',\n  'probability',",
    tests: ['test/domain/daily-loop.test.ts', 'test/gas/daily-loop.test.ts'],
  },
  {
    id: 'loop.undo-probability-recomputed',
    rule: 'an undo puts the stage back but recomputes the probability instead of restoring it',
    file: 'src/domain/deal-update.ts',
    find: '  if (after.stage !== before.stage && after.probability === before.probability) {',
    replace: '  if (after.stage !== before.stage) {',
    tests: ['test/domain/daily-loop.test.ts'],
  },
  {
    id: 'loop.undo-unrecorded',
    rule: 'an undo writes no History line saying so',
    file: 'src/domain/daily-loop.ts',
    find: "    event('undo', deal.stage, back),",
    replace: '',
    tests: ['test/domain/daily-loop.test.ts', 'test/gas/daily-loop.test.ts'],
  },
  {
    id: 'loop.undo-not-offered',
    rule: 'Won and Lost give no Undo in their toast',
    file: 'src/ui/views/stage-moves.ts',
    find: "        if (kind === 'won' || kind === 'lost') {",
    replace: '        if (false) {',
    tests: ['test/browser/sidebar.test.ts'],
    only: 'Undo for 10 s',
  },
  {
    id: 'loop.undo-conflict-shown-as-mine',
    rule: 'a refused undo offers to apply itself again instead of showing the newer deal',
    file: 'src/ui/views/stage-moves.ts',
    find: '    conflict: (now) => undone(now),',
    replace: '',
    tests: ['test/browser/sidebar.test.ts'],
    only: 'does not undo over',
  },
  {
    id: 'loop.closed-deal-next-action',
    rule: 'a closed deal still offers its next-action buttons',
    file: 'src/ui/views/deal.ts',
    find: "  if ((kindOf(app, deal.stage) ?? 'open') !== 'open') return null;",
    replace: '',
    tests: ['test/browser/sidebar.test.ts'],
    only: 'Undo for 10 s',
  },
  {
    id: 'loop.closed-head-next-action',
    rule: "a closed deal's header shows its old next action, not its outcome",
    file: 'src/ui/views/deal.ts',
    find: "      kind === 'won' || kind === 'lost'\n        ? h('span',",
    replace: "      false && (kind === 'won' || kind === 'lost')\n        ? h('span',",
    tests: ['test/browser/sidebar.test.ts'],
    only: 'Undo for 10 s',
  },
  {
    id: 'save.notice-dropped',
    rule: 'a message an answer carries besides its data never reaches the user',
    file: 'src/ui/rpc-client.ts',
    find: '            for (const text of notices) noticeListener?.(text);',
    replace: '',
    tests: ['test/browser/sidebar.test.ts'],
    only: 'every message an answer carries',
  },
  {
    id: 'save.lost-reason-said-twice',
    rule: 'Lost without a reason goes to the server, and its refusal is said again in a toast',
    file: 'src/ui/views/stage-moves.ts',
    find: '      if (!reason.value) {',
    replace: '      if (false) {',
    tests: ['test/browser/sidebar.test.ts'],
    only: 'loses a deal',
  },
  {
    id: 'save.refusal-without-why',
    rule: 'a refused save says "Not saved" without why',
    file: 'src/ui/app.ts',
    find: '  const toast = app.toast(words(failureMessage(failure)), {',
    replace: "  const toast = app.toast(words(''), {",
    tests: ['test/browser/sidebar.test.ts'],
    only: 'someone else is saving',
  },
  {
    id: 'settings.amount-limit-row-missing-warned',
    rule: 'a Settings tab older than the amount limit gets a warning for the missing row',
    file: 'src/domain/settings-table.ts',
    find: "  settings.amountConfirmAbove = raw.has('amountConfirmAbove')",
    replace: "  settings.amountConfirmAbove = true || raw.has('amountConfirmAbove')",
    tests: ['test/domain/daily-loop.test.ts'],
  },
  {
    id: 'values.problem-codes-on-screen',
    rule: 'the sidebar shows a row problem as its code ("notAnEmail")',
    file: 'src/gas/rpc-server.ts',
    find: '    problems: found.problems.map((issue) => problemSentence(issue, ctx.language)),',
    replace: "    problems: found.problems.map((issue) => issue.column + ': ' + issue.problem),",
    tests: ['test/gas/daily-loop.test.ts', 'test/browser/sidebar.test.ts'],
    only: 'in words',
  },
  {
    id: 'values.unusual-amount-unasked',
    rule: 'an amount far above the usual one is saved without a question',
    file: 'src/domain/amount-check.ts',
    find: '  if (check.usual !== null && check.usual > 0 && amount > usualFactor * check.usual)',
    replace: '  if (false)',
    tests: ['test/domain/daily-loop.test.ts', 'test/gas/daily-loop.test.ts'],
  },
  {
    id: 'values.amount-limit-ignored',
    rule: 'an amount above the Settings limit is saved without a question',
    file: 'src/domain/amount-check.ts',
    find: '  if (check.limit > 0 && amount > check.limit)',
    replace: '  if (false)',
    tests: ['test/domain/daily-loop.test.ts', 'test/gas/daily-loop.test.ts'],
  },
  {
    id: 'values.usual-amount-not-kept',
    rule: 'the lists that read every amount do not keep the usual one for the saves',
    file: 'src/gas/rpc-server.ts',
    find: '  rememberUsualAmount(parsed.deals, loaded.settings, ctx.now.date);',
    replace: '',
    tests: ['test/gas/daily-loop.test.ts'],
    only: 'usual amount',
  },
  {
    id: 'budget.save-reads-amounts',
    rule: 'a save reads the whole amount column to know the usual amount',
    file: 'src/gas/rpc-server.ts',
    find: '    amountCheck: amountCheckFor(settings),\n  };',
    replace:
      '    amountCheck: (rememberUsualAmount(readDeals(ctx, myDayFields).deals, settings, ctx.now.date), amountCheckFor(settings)),\n  };',
    tests: ['test/gas/sidebar-budgets.test.ts'],
    only: 'setNextAction',
  },
  {
    id: 'review.close-passed-confirm-clickable',
    rule: 'a review whose close date has passed leaves Confirm clickable',
    file: 'src/ui/views/review.ts',
    find: '    confirm.disabled = blocked;',
    replace: '    confirm.disabled = false;',
    tests: ['test/browser/sidebar.test.ts'],
    only: 'inside the review',
  },
  {
    id: 'grid.past-close-date-silent',
    rule: 'a past close date typed in the grid gets no toast',
    file: 'src/gas/on-edit.ts',
    find: "      if (field === 'closeDate' && closeDatePassed(change.new, cells, columns, settings, ctx))",
    replace: '      if (false)',
    tests: ['test/gas/daily-loop.test.ts'],
    only: 'past close date',
  },
  {
    id: 'myday.deal-listed-per-reason',
    rule: 'My day lists a deal once per reason instead of once under its most urgent',
    file: 'src/domain/my-day.ts',
    find: '    if (attention)\n      groups[attention.reason].push',
    replace:
      '    if (attention)\n      for (const tag of attention.tags) groups[tag].push({ index, tags: [], days: 0 });\n    if (attention)\n      groups[attention.reason].push',
    tests: [
      'test/domain/my-day.test.ts',
      'test/gas/daily-loop.test.ts',
      'test/browser/sidebar.test.ts',
    ],
    only: 'most urgent',
  },
  {
    id: 'myday.no-legend',
    rule: "My day's colours have no legend",
    file: 'src/ui/views/my-day.ts',
    find: '          legend(),',
    replace: '',
    tests: ['test/browser/sidebar.test.ts'],
    only: 'most urgent',
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
];

// The bench's fair baseline: the add-on's jobs written the way Google's own Apps Script samples write them.
/* global SpreadsheetApp, LockService, PropertiesService, Session, HtmlService, Utilities */

/*
 * Modelled on:
 * - googleworkspace/apps-script-samples, solutions/automations/equipment-requests/Code.js: an
 *   onOpen menu; a tab read once with getDataRange().getValues(); a loop over its rows; appendRow
 *   for a new line.
 * - same repository, solutions/automations/mail-merge/Code.js: the header row read with the data
 *   (data.shift()), columns found with heads.indexOf(name), a computed column written back in one
 *   setValues.
 * - same repository, templates/sheets-addon/Code.gs: createAddonMenu, showSidebar, sidebar server
 *   functions that read the active cell and write with setValue.
 * - the LockService reference's example (developers.google.com/apps-script/reference/lock/lock):
 *   waitLock(30000) around a number kept in properties ('lastTicketNumber'), then releaseLock.
 * - Apps Script best practices (developers.google.com/apps-script/guides/support/best-practices):
 *   read a range once, compute in JavaScript, write back in as few calls as possible.
 *
 * It does what the add-on does for every operation the bench measures (the same cells, the same
 * History line, the same lists; run.ts checks it), and what the samples do not do, it does not
 * either: no version check (a concurrent edit in between is overwritten), no write-ahead journal,
 * no cached header or settings (each call reads the tabs it needs), no per-row activity cell (a
 * deal's recent History is read from the History tab).
 */

const TRACKER = 'Opportunities';
const HISTORY = 'History';
const SETTINGS = 'Settings';
const TEAM = 'Team';
const REPORT = 'Check report';
const HEADER_PROTECTION = 'Opportunity Tracker: header row';

// Every column: header, kind, width in pixels (run.ts checks them against the add-on's fields).
const COLUMNS = [
  ['ID', 'id', 90],
  ['Opportunity', 'text', 200],
  ['Customer', 'text', 160],
  ['Owner', 'email', 170],
  ['Stage', 'stage', 130],
  ['Amount', 'money', 110],
  ['Probability', 'percent', 95],
  ['Expected close', 'date', 115],
  ['Invoice date', 'date', 105],
  ['Created', 'date', 100],
  ['In stage since', 'date', 105],
  ['Next action', 'text', 200],
  ['Next action date', 'date', 115],
  ['Next action goal', 'text', 200],
  ['Last contact', 'date', 105],
  ['Last contact summary', 'longText', 220],
  ['Contact type', 'choice', 105],
  ['Contact', 'text', 150],
  ['Contact email', 'email', 180],
  ['Contact phone', 'phone', 120],
  ['Contact role', 'text', 130],
  ['Influence', 'choice', 90],
  ['Decision maker', 'text', 150],
  ['DM met', 'checkbox', 85],
  ['Products', 'longText', 200],
  ['Monthly billing', 'money', 110],
  ['Units', 'number', 80],
  ['Negotiation summary', 'longText', 260],
  ['Tier', 'choice', 60],
  ['Segment', 'text', 110],
  ['Competitor', 'text', 130],
  ['Lost reason', 'lostReason', 140],
  ['Lost note', 'text', 180],
  ['Closed on', 'date', 100],
  ['Budget confirmed', 'checkbox', 90],
  ['DM identified', 'checkbox', 90],
  ['Timeline defined', 'checkbox', 90],
  ['Pain identified', 'checkbox', 90],
  ['Size fits', 'checkbox', 90],
  ['Score', 'score', 70],
  ['Stars', 'stars', 70],
  ['Close date pushes', 'count', 95],
  ['Last reviewed', 'date', 100],
  ['Updated', 'timestamp', 140],
];
const HEADERS = COLUMNS.map((c) => c[0]);
const KIND = Object.fromEntries(COLUMNS.map((c) => [c[0], c[1]]));
const CHOICES = {
  'Contact type': ['call', 'meeting', 'email', 'visit', 'demo'],
  Influence: ['high', 'medium', 'low'],
  Tier: ['A', 'B', 'C'],
};
const NUMBER_FORMATS = {
  phone: '@',
  money: '#,##0.00',
  number: '#,##0',
  percent: '0',
  date: 'yyyy-mm-dd',
  timestamp: 'yyyy-mm-dd hh:mm',
  score: '0',
  stars: '0',
  count: '0',
};
// The scoring checklist, in the order the Settings tab lists its weights.
const CHECKLIST = [
  ['Budget confirmed', 'Weight: Budget confirmed'],
  ['DM identified', 'Weight: DM identified'],
  ['Timeline defined', 'Weight: Timeline defined'],
  ['Pain identified', 'Weight: Pain identified'],
  ['Size fits', 'Weight: Size fits'],
];
// History records changes of these columns (the add-on's recordedFields), by their History names.
const RECORDED = {
  'Expected close': 'closeDate',
  Amount: 'amount',
  Probability: 'probability',
  Owner: 'owner',
  'Next action': 'nextAction',
  'Next action date': 'nextActionDate',
  'Lost reason': 'lostReason',
  'Lost note': 'lostNote',
  'Closed on': 'closedOn',
};
const HISTORY_HEADER = [
  'Time',
  'User',
  'Deal ID',
  'Field',
  'Old value',
  'New value',
  'Also changed',
];
const TEAM_HEADER = ['Email', 'Name', 'Manager email'];
const REPORT_HEADER = ['Row', 'ID', 'Column', 'Problem', 'Value'];
const PROBLEM_TEXT = {
  required: 'is required',
  notADate: 'is not a date',
  notANumber: 'is not a number',
  negative: 'cannot be negative',
  outOfRange: 'is out of range',
  unknownStage: 'is not a stage in the list',
  unknownLostReason: 'is not a lost reason in the list',
  unknownChoice: 'is not one of the choices',
  notAnEmail: 'is not an email address',
  notABoolean: 'is not a checkbox value',
  lostWithoutReason: 'Lost needs a lost reason',
  otherWithoutNote: 'this lost reason needs a note',
  wonWithoutAmount: 'Won needs an amount',
  duplicateId: 'this ID is used by more than one row',
};
// The Settings tab set-up writes (run.ts checks it is the add-on's default).
const SETTINGS_ROWS = [
  ['Setting', 'Value', '', '', ''],
  ['Language (en, es; blank = spreadsheet locale)', 'en', '', '', ''],
  ['Currency', 'EUR', '', '', ''],
  ['Reminder hour (0-23)', 8, '', '', ''],
  ['Quarterly quota', 0, '', '', ''],
  ['Stale amber factor', 1, '', '', ''],
  ['Stale red factor', 1.5, '', '', ''],
  ['Close date pushes to flag', 3, '', '', ''],
  ['Daily reminders', true, '', '', ''],
  ['Reminders sent from (set by Turn on reminders)', '', '', '', ''],
  ['Manager escalations', true, '', '', ''],
  ['Week starts on (1 = Monday)', 1, '', '', ''],
  ['Confirm amounts above (0 = no limit)', 0, '', '', ''],
  ['Archive deals closed more than N months ago (3-120)', 12, '', '', ''],
  ['Archive closed deals every morning', false, '', '', ''],
  ['Archive file (created by Archive closed deals)', '', '', '', ''],
  ['Weight: Budget confirmed', 30, '', '', ''],
  ['Weight: DM identified', 25, '', '', ''],
  ['Weight: Timeline defined', 20, '', '', ''],
  ['Weight: Pain identified', 15, '', '', ''],
  ['Weight: Size fits', 10, '', '', ''],
  ['', '', '', '', ''],
  ['Stage', 'Probability', 'Target days', 'Kind', 'Exit criteria'],
  ['New', 10, 2, 'open', 'Contact identified and reached | Need understood'],
  [
    'Qualified',
    30,
    7,
    'open',
    'Budget range confirmed | Decision maker identified | Timeline agreed',
  ],
  ['Proposal', 60, 14, 'open', 'Proposal sent | Proposal walked through with the customer'],
  ['Negotiation', 80, 21, 'open', 'Terms agreed | Purchase order or signature expected'],
  ['Won', 100, '', 'won', ''],
  ['Lost', 0, '', 'lost', ''],
  ['', '', '', '', ''],
  ['Lost reason', 'Requires note', '', '', ''],
  ['Price', false, '', '', ''],
  ['Competitor', false, '', '', ''],
  ['No budget', false, '', '', ''],
  ['No decision maker', false, '', '', ''],
  ['Timing, postponed', false, '', '', ''],
  ['Missing feature', false, '', '', ''],
  ['No response', false, '', '', ''],
  ['Other', true, '', '', ''],
  ['', '', '', '', ''],
  ['Stage email', 'Delay days', 'Subject', 'Body', ''],
  [
    'Proposal',
    3,
    'Follow up on the proposal: {{opportunity}} ({{customer}})',
    'You sent the proposal for {{opportunity}} to {{customer}} ({{amount}}) 3 days ago. Next action: {{nextAction}}.',
    '',
  ],
];

// ---- menu and sidebar (templates/sheets-addon) ------------------------------------------------

// biome-ignore lint/correctness/noUnusedVariables: Apps Script calls it by name.
function onOpen() {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Set up tracker', 'setUpTracker')
    .addItem('Open sidebar', 'showSidebar')
    .addItem('Check & repair', 'checkAndRepair')
    .addToUi();
}

// biome-ignore lint/correctness/noUnusedVariables: Apps Script calls it by name.
function showSidebar() {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Opportunity Tracker');
  SpreadsheetApp.getUi().showSidebar(html);
}

// ---- reading ----------------------------------------------------------------------------------

/** A tab as getDataRange().getValues() gives it, with its header and a column finder. */
function readTab(ss, name) {
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new Error(`There is no ${name} tab: run Set up tracker.`);
  const values = sheet.getDataRange().getValues();
  const heads = values[0].map(String);
  return { sheet, values, heads, col: (header) => heads.indexOf(header) };
}

/** The data row (index into values) whose ID is `id`, or -1. */
function findRow(tab, id) {
  const idCol = tab.col('ID');
  for (let i = 1; i < tab.values.length; i++) {
    if (String(tab.values[i][idCol]).trim() === id) return i;
  }
  return -1;
}

/** The Settings tab: labelled values at the top, then the stage and lost-reason tables. */
function readSettings(ss) {
  const values = readTab(ss, SETTINGS).values;
  const label = {};
  const stages = [];
  const lostReasons = [];
  let section = '';
  for (const row of values) {
    const first = String(row[0]).trim();
    if (first === '') {
      section = '';
      continue;
    }
    if (first === 'Stage' || first === 'Lost reason' || first === 'Stage email') {
      section = first;
      continue;
    }
    if (section === 'Stage') {
      stages.push({
        name: first,
        probability: Number(row[1]) || 0,
        targetDays: row[2] === '' ? null : Number(row[2]),
        kind: String(row[3]).trim() || 'open',
        exitCriteria: String(row[4])
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean),
      });
    } else if (section === 'Lost reason') {
      lostReasons.push({ name: first, requiresNote: row[1] === true });
    } else if (section === '') {
      label[first] = row[1];
    }
  }
  const number = (key, fallback) => (label[key] === '' ? fallback : Number(label[key]));
  return {
    stages,
    lostReasons,
    weights: CHECKLIST.map(([header, key]) => [header, number(key, 0)]),
    amber: number('Stale amber factor', 1),
    red: number('Stale red factor', 1.5),
    slip: number('Close date pushes to flag', 3),
    weekStartsOn: number('Week starts on (1 = Monday)', 1),
  };
}

function stageNamed(settings, name) {
  return settings.stages.find((s) => s.name === name);
}

let dayFormat = null;

/** A cell's calendar day in the spreadsheet's zone ('yyyy-mm-dd'), or null. */
function dayOf(value, tz) {
  if (value instanceof Date) {
    if (!dayFormat || dayFormat.tz !== tz)
      dayFormat = {
        tz,
        format: new Intl.DateTimeFormat('en-CA', {
          timeZone: tz,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        }),
      };
    return dayFormat.format.format(value);
  }
  const text = String(value).trim();
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
}

function daysBetween(from, to) {
  const utc = (day) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
  return Math.round((utc(to) - utc(from)) / 86400000);
}

/** Score (0-100) and stars of a row from its checklist and the Settings weights. */
function scoreOf(row, col, settings) {
  const weight = (w) => (Number.isFinite(w) && w > 0 ? w : 0);
  let total = 0;
  let checked = 0;
  for (const [header, w] of settings.weights) {
    total += weight(w);
    if (row[col(header)] === true) checked += weight(w);
  }
  const score = total > 0 ? Math.round((checked / total) * 100) : 0;
  const stars = score > 75 ? 3 : score > 50 ? 2 : score > 25 ? 1 : 0;
  return { score, stars };
}

/** How stale an open deal is: 'fresh', 'amber' or 'red' (the add-on's staleness rule). */
function staleOf(row, col, settings, today, tz) {
  const stage = stageNamed(settings, String(row[col('Stage')]).trim());
  if (stage?.kind !== 'open' || stage.targetDays === null) return 'fresh';
  const next = dayOf(row[col('Next action date')], tz);
  if (next !== null && next >= today) return 'fresh';
  const entered = dayOf(row[col('In stage since')], tz);
  const since = entered || dayOf(row[col('Created')], tz);
  const updates = [entered, dayOf(row[col('Last contact')], tz), dayOf(row[col('Updated')], tz)];
  const last = updates.filter(Boolean).sort().pop() || null;
  const days = Math.max(
    since === null ? 0 : Math.max(daysBetween(since, today), 0),
    last === null ? 0 : Math.max(daysBetween(last, today), 0),
  );
  if (days > stage.targetDays * settings.red) return 'red';
  if (days > stage.targetDays * settings.amber) return 'amber';
  return 'fresh';
}

/** A row the add-on counts as a deal: it has a name or a customer. */
function isDeal(row, col) {
  return (
    String(row[col('Opportunity')]).trim() !== '' || String(row[col('Customer')]).trim() !== ''
  );
}

function isOpenRow(row, col, settings) {
  const stage = stageNamed(settings, String(row[col('Stage')]).trim());
  return !stage || stage.kind === 'open';
}

/** One line of My day, the review queue: what the sidebar lists. */
function summaryOf(tab, i, settings, today, tz) {
  const row = tab.values[i];
  const col = tab.col;
  const amount = row[col('Amount')];
  return {
    id: String(row[col('ID')]),
    name: String(row[col('Opportunity')]),
    customer: String(row[col('Customer')]),
    stage: String(row[col('Stage')]),
    amount: typeof amount === 'number' ? amount : null,
    closeDate: dayOf(row[col('Expected close')], tz),
    nextAction: String(row[col('Next action')]),
    nextActionDate: dayOf(row[col('Next action date')], tz),
    stale: staleOf(row, col, settings, today, tz),
    row: i + 1,
  };
}

/** A cell as History writes it: dates as 'yyyy-mm-dd', empty as ''. */
function historyText(header, value, tz) {
  if (value === '' || value === null || value === undefined) return '';
  const kind = KIND[header];
  if (kind === 'date') return dayOf(value, tz) || String(value);
  return String(value);
}

function user() {
  return Session.getActiveUser().getEmail().toLowerCase();
}

function withLock(work) {
  const lock = LockService.getDocumentLock();
  lock.waitLock(30000);
  try {
    const result = work();
    // Make the writes visible before another execution gets the lock.
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}

// ---- the sidebar's server functions -------------------------------------------------------------

/** The deal on the selected row (the sidebar polls it). */
// biome-ignore lint/correctness/noUnusedVariables: the sidebar calls it by name.
function getSelection() {
  const range = SpreadsheetApp.getActiveSpreadsheet().getActiveRange();
  const sheet = range.getSheet();
  if (sheet.getName() !== TRACKER) return { id: null, row: null, onTracker: false };
  const row = range.getRow();
  if (row < 2) return { id: null, row, onTracker: true };
  const heads = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  const values = sheet.getRange(row, 1, 1, heads.length).getValues()[0];
  const id = String(values[heads.indexOf('ID')]).trim();
  return { id: id || null, row, onTracker: true };
}

/** Everything the sidebar shows for one deal, with its last 10 History lines. */
// biome-ignore lint/correctness/noUnusedVariables: the sidebar calls it by name.
function getDeal(id) {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const settings = readSettings(ss);
  const tab = readTab(ss, TRACKER);
  const i = findRow(tab, id);
  if (i < 0) throw new Error(`No opportunity with ID ${id}.`);
  const row = tab.values[i];
  const deal = {};
  tab.heads.forEach((header, c) => {
    const value = row[c];
    deal[header] = value instanceof Date ? dayOf(value, tz) : value;
  });
  const history = ss.getSheetByName(HISTORY).getDataRange().getValues();
  const events = [];
  for (let h = history.length - 1; h >= 1 && events.length < 10; h--) {
    const line = history[h];
    if (String(line[2]) !== id) continue;
    events.push({
      at: line[0] instanceof Date ? line[0].toISOString() : String(line[0]),
      user: String(line[1]),
      field: String(line[3]),
      old: String(line[4]),
      new: String(line[5]),
    });
  }
  const today = dayOf(new Date(), tz);
  const stage = stageNamed(settings, String(row[tab.col('Stage')]).trim());
  return {
    deal,
    row: i + 1,
    stale: staleOf(row, tab.col, settings, today, tz),
    score: scoreOf(row, tab.col, settings),
    exitCriteria: stage ? stage.exitCriteria : [],
    history: events,
  };
}

/**
 * Changes some columns of one deal under the lock: the tab read, the row found, each changed cell
 * written with setValue, the bookkeeping the add-on also does (score, stars, close-date pushes,
 * Updated), and one History line appended.
 */
function changeDeal(id, change) {
  return withLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const tz = ss.getSpreadsheetTimeZone();
    const settings = readSettings(ss);
    const tab = readTab(ss, TRACKER);
    const i = findRow(tab, id);
    if (i < 0) throw new Error(`No opportunity with ID ${id}.`);
    const before = tab.values[i];
    const after = before.slice();
    const col = tab.col;
    const today = dayOf(new Date(), tz);
    const event = change(before, after, col, settings, today, tz);
    const { score, stars } = scoreOf(after, col, settings);
    after[col('Score')] = score;
    after[col('Stars')] = stars;
    if (after[col('Close date pushes')] === '') after[col('Close date pushes')] = 0;
    after[col('Updated')] = new Date();
    // A date cell reads back as a Date and is written as 'yyyy-mm-dd': compare the days.
    const comparable = (c, value) =>
      value instanceof Date && KIND[tab.heads[c]] !== 'timestamp' ? dayOf(value, tz) : value;
    for (let c = 0; c < after.length; c++) {
      if (comparable(c, before[c]) !== comparable(c, after[c]))
        tab.sheet.getRange(i + 1, c + 1).setValue(after[c]);
    }
    ss.getSheetByName(HISTORY).appendRow([
      new Date(),
      user(),
      id,
      event.field,
      event.old,
      event.new,
      event.also || '',
    ]);
    return { row: i + 1 };
  });
}

// biome-ignore lint/correctness/noUnusedVariables: the sidebar calls it by name.
function moveStage(id, to, lostReason) {
  return changeDeal(id, (before, after, col, settings, today, tz) => {
    const from = String(before[col('Stage')]).trim();
    const target = stageNamed(settings, to);
    if (!target) throw new Error(`There is no stage called "${to}".`);
    if (from === to) throw new Error(`The deal is already in ${to}.`);
    after[col('Stage')] = to;
    after[col('In stage since')] = today;
    const old = stageNamed(settings, from);
    const probability = before[col('Probability')];
    if (probability === '' || (old && probability === old.probability))
      after[col('Probability')] = target.probability;
    const also = [];
    const note = (header, key) => {
      const was = historyText(header, before[col(header)], tz);
      const now = historyText(header, after[col(header)], tz);
      if (was !== now) also.push(`${key}: ${was} → ${now}`);
    };
    if (target.kind === 'open') {
      after[col('Closed on')] = '';
      after[col('Lost reason')] = '';
      after[col('Lost note')] = '';
    } else {
      after[col('Closed on')] = today;
      if (target.kind === 'lost') {
        if (!lostReason) throw new Error(`Moving to ${to} needs a lost reason.`);
        after[col('Lost reason')] = lostReason;
      }
    }
    note('Closed on', 'closedOn');
    note('Lost reason', 'lostReason');
    note('Lost note', 'lostNote');
    return { field: 'stage', old: from, new: to, also: also.join('; ') };
  });
}

// biome-ignore lint/correctness/noUnusedVariables: the sidebar calls it by name.
function setNextAction(id, nextAction, nextActionDate, nextActionGoal) {
  return changeDeal(id, (before, after, col, _settings, _today, tz) => {
    after[col('Next action')] = nextAction;
    after[col('Next action date')] = nextActionDate || '';
    after[col('Next action goal')] = nextActionGoal;
    // One History line per action: the first recorded change, the others beside it.
    const events = [];
    for (const header of ['Next action', 'Next action date']) {
      const was = historyText(header, before[col(header)], tz);
      const now = historyText(header, after[col(header)], tz);
      if (was !== now) events.push({ field: RECORDED[header], old: was, new: now });
    }
    if (events.length === 0) return { field: 'nextAction', old: '', new: '' };
    const [first, ...rest] = events;
    return { ...first, also: rest.map((e) => `${e.field}: ${e.old} → ${e.new}`).join('; ') };
  });
}

/** A new deal: its number from document properties under the lock, the row appended. */
// biome-ignore lint/correctness/noUnusedVariables: the sidebar calls it by name.
function createDeal(input) {
  return withLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const tz = ss.getSpreadsheetTimeZone();
    const settings = readSettings(ss);
    const sheet = ss.getSheetByName(TRACKER);
    const heads = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const col = (header) => heads.indexOf(header);
    const properties = PropertiesService.getDocumentProperties();
    const number = Number(properties.getProperty('lastDealNumber')) + 1;
    properties.setProperty('lastDealNumber', String(number));
    const id = `OPP-${String(number).padStart(6, '0')}`;
    const first = settings.stages[0];
    const today = dayOf(new Date(), tz);
    const row = heads.map(() => '');
    const set = (header, value) => {
      if (col(header) >= 0) row[col(header)] = value;
    };
    set('ID', id);
    set('Opportunity', input.name);
    set('Customer', input.customer);
    set('Owner', user());
    set('Stage', first.name);
    set('Amount', input.amount === null ? '' : input.amount);
    set('Probability', first.probability);
    set('Expected close', input.closeDate || '');
    set('Created', today);
    set('In stage since', today);
    set('Next action', input.nextAction);
    set('Next action date', input.nextActionDate || '');
    set('Next action goal', input.nextActionGoal);
    for (const [header] of CHECKLIST) set(header, false);
    set('DM met', false);
    const { score, stars } = scoreOf(row, col, settings);
    set('Score', score);
    set('Stars', stars);
    set('Close date pushes', 0);
    set('Updated', new Date());
    sheet.appendRow(row);
    ss.getSheetByName(HISTORY).appendRow([new Date(), user(), id, 'created', '', first.name, '']);
    return { id, row: sheet.getLastRow() };
  });
}

/** The current user's open deals that need something today. */
// biome-ignore lint/correctness/noUnusedVariables: the sidebar calls it by name.
function myDay() {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const settings = readSettings(ss);
  const tab = readTab(ss, TRACKER);
  const col = tab.col;
  const me = user();
  const today = dayOf(new Date(), tz);
  // Each deal once, under its most urgent reason; the longest wait first.
  const lists = { overdue: [], dueToday: [], closeDatePassed: [], noNextAction: [], stale: [] };
  for (let i = 1; i < tab.values.length; i++) {
    const row = tab.values[i];
    if (!isDeal(row, col)) continue;
    if (String(row[col('Owner')]).trim().toLowerCase() !== me) continue;
    if (!isOpenRow(row, col, settings)) continue;
    const line = summaryOf(tab, i, settings, today, tz);
    if (line.nextActionDate !== null && line.nextActionDate < today) lists.overdue.push(line);
    else if (line.nextActionDate === today) lists.dueToday.push(line);
    else if (line.closeDate !== null && line.closeDate < today) lists.closeDatePassed.push(line);
    else if (line.nextActionDate === null) lists.noNextAction.push(line);
    else if (line.stale !== 'fresh') lists.stale.push(line);
  }
  const earlier = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  lists.overdue.sort((a, b) => earlier(a.nextActionDate, b.nextActionDate));
  lists.closeDatePassed.sort((a, b) => earlier(a.closeDate, b.closeDate));
  return lists;
}

/** Open deals by close date, then amount; flagged: reviewed before this week, unchanged since. */
// biome-ignore lint/correctness/noUnusedVariables: the sidebar calls it by name.
function reviewQueue(mine) {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const settings = readSettings(ss);
  const tab = readTab(ss, TRACKER);
  const col = tab.col;
  const me = user();
  const today = dayOf(new Date(), tz);
  const lines = [];
  const flagged = [];
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const weekStart = new Date(
    Date.parse(`${today}T00:00:00Z`) - ((weekday - settings.weekStartsOn + 7) % 7) * 86400000,
  )
    .toISOString()
    .slice(0, 10);
  for (let i = 1; i < tab.values.length; i++) {
    const row = tab.values[i];
    if (!isDeal(row, col)) continue;
    if (mine && String(row[col('Owner')]).trim().toLowerCase() !== me) continue;
    if (!isOpenRow(row, col, settings)) continue;
    const line = summaryOf(tab, i, settings, today, tz);
    lines.push(line);
    const reviewed = dayOf(row[col('Last reviewed')], tz);
    const updated = dayOf(row[col('Updated')], tz);
    if (reviewed !== null && reviewed < weekStart && (updated === null || updated <= reviewed))
      flagged.push(line.id);
  }
  lines.sort((a, b) => {
    if (a.closeDate !== b.closeDate) {
      if (a.closeDate === null) return 1;
      if (b.closeDate === null) return -1;
      return a.closeDate < b.closeDate ? -1 : 1;
    }
    const byAmount = (b.amount === null ? -1 : b.amount) - (a.amount === null ? -1 : a.amount);
    if (byAmount !== 0) return byAmount;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const order = new Map(lines.map((line, i) => [line.id, i]));
  flagged.sort((a, b) => order.get(a) - order.get(b));
  return { queue: lines, flagged };
}

// ---- set up and repair (menu items) -------------------------------------------------------------

/** Dates the add-on stamps itself: no rule (as the add-on, src/gas/sheet-format.ts). */
const STAMPED = ['Created', 'In stage since', 'Closed on', 'Last reviewed'];

/** The columns the daily work needs: all an adopted sheet gets (as the add-on, column-groups.ts). */
const DAILY = [
  'ID',
  'Opportunity',
  'Customer',
  'Owner',
  'Stage',
  'Amount',
  'Probability',
  'Expected close',
  'Next action',
  'Next action date',
  'Next action goal',
  'In stage since',
  'Last contact',
  'Closed on',
  'Lost reason',
  'Lost note',
  'Last reviewed',
  'Updated',
];

/** The validation rule of a column, or null for free text (the add-on's rules). */
function ruleFor(header, settings) {
  if (STAMPED.indexOf(header) >= 0) return null;
  const rule = SpreadsheetApp.newDataValidation();
  switch (KIND[header]) {
    case 'stage':
      return rule
        .requireValueInList(
          settings.stages.map((s) => s.name),
          true,
        )
        .setAllowInvalid(false)
        .build();
    case 'lostReason':
      return rule
        .requireValueInList(
          settings.lostReasons.map((r) => r.name),
          true,
        )
        .setAllowInvalid(false)
        .build();
    case 'choice':
      return rule.requireValueInList(CHOICES[header], true).setAllowInvalid(false).build();
    case 'checkbox':
      return rule.requireCheckbox().build();
    case 'date':
      return rule.requireDate().setAllowInvalid(true).build();
    case 'money':
    case 'number':
      return rule.requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(true).build();
    case 'percent':
      return rule.requireNumberBetween(0, 100).setAllowInvalid(true).build();
    case 'email':
      return rule.requireTextIsEmail().setAllowInvalid(true).build();
    default:
      return null;
  }
}

function letter(index0) {
  let n = index0 + 1;
  let text = '';
  while (n > 0) {
    text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
    n = Math.floor((n - 1) / 26);
  }
  return text;
}

/** The tracker's colours as custom-formula rules on row 2 (the add-on's, in its order). */
function colourRules(sheet, heads, settings, rows) {
  const at = (header) => (heads.indexOf(header) < 0 ? null : `$${letter(heads.indexOf(header))}2`);
  const stage = at('Stage');
  if (!stage) return [];
  const quote = (text) => `"${text.replace(/"/g, '""')}"`;
  const closed = settings.stages
    .filter((s) => s.kind !== 'open')
    .map((s) => `${stage}=${quote(s.name)}`);
  const open = `AND(${stage}<>""${closed.length ? `,NOT(OR(${closed.join(',')}))` : ''})`;
  const width = HEADERS.filter((h) => heads.indexOf(h) >= 0).length;
  const specs = [];
  const next = at('Next action date');
  const entered = at('In stage since');
  const reason = at('Lost reason');
  for (const s of settings.stages) {
    if (s.kind === 'won') specs.push([`=${stage}=${quote(s.name)}`, null, '#e6f4ea']);
    if (s.kind === 'lost') {
      if (reason)
        specs.push([`=AND(${stage}=${quote(s.name)},${reason}="")`, 'Lost reason', '#f4c7c3']);
      specs.push([`=${stage}=${quote(s.name)}`, null, '#f1f3f4', '#80868b']);
    }
  }
  if (next) {
    specs.push([`=AND(${open},${next}<>"",${next}<TODAY())`, 'Next action date', '#f4c7c3']);
    specs.push([`=AND(${open},${next}=TODAY())`, 'Next action date', '#fce8b2']);
    specs.push([`=AND(${open},${next}="")`, 'Next action date', '#fde7d9']);
  }
  if (entered) {
    const notScheduled = next ? `OR(${next}="",${next}<TODAY())` : 'TRUE';
    for (const [factor, colour] of [
      [settings.red, '#f4c7c3'],
      [settings.amber, '#fce8b2'],
    ]) {
      for (const s of settings.stages) {
        if (s.kind !== 'open' || s.targetDays === null) continue;
        const limit = Math.round(s.targetDays * factor * 100) / 100;
        specs.push([
          `=AND(${stage}=${quote(s.name)},${entered}<>"",${notScheduled},TODAY()-${entered}>${limit})`,
          'In stage since',
          colour,
        ]);
      }
    }
  }
  return specs.map(([formula, header, background, fontColor]) => {
    const column = header === null ? 0 : heads.indexOf(header);
    const range = sheet.getRange(2, column + 1, rows, header === null ? width : 1);
    let rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(formula)
      .setRanges([range])
      .setBackground(background);
    if (fontColor) rule = rule.setFontColor(fontColor);
    return rule.build();
  });
}

/** Validation per column, colours (keeping other people's rules), frozen and protected header. */
function formatTracker(sheet, heads, settings) {
  const rows = sheet.getMaxRows() - 1;
  heads.forEach((header, c) => {
    const rule = KIND[header] ? ruleFor(header, settings) : null;
    if (rule) sheet.getRange(2, c + 1, rows, 1).setDataValidation(rule);
  });
  const ours = colourRules(sheet, heads, settings, rows);
  const formulas = ours.map((rule) => rule.getBooleanCondition().getCriteriaValues()[0]);
  const kept = sheet.getConditionalFormatRules().filter((rule) => {
    const condition = rule.getBooleanCondition();
    return !(condition && formulas.indexOf(condition.getCriteriaValues()[0]) >= 0);
  });
  sheet.setConditionalFormatRules(ours.concat(kept));
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
  const protections = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
  if (!protections.some((p) => p.getDescription() === HEADER_PROTECTION)) {
    const width = HEADERS.filter((h) => heads.indexOf(h) >= 0).length;
    sheet.getRange(1, 1, 1, width).protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);
  }
}

/** Settings, Team and History tabs, each created once with its content in one write. */
function ensureTabs(ss) {
  for (const [name, rows] of [
    [SETTINGS, SETTINGS_ROWS],
    [TEAM, [TEAM_HEADER]],
    [HISTORY, [HISTORY_HEADER]],
  ]) {
    if (ss.getSheetByName(name)) continue;
    const sheet = ss.insertSheet(name);
    sheet.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
    sheet.getRange(1, 1, 1, rows[0].length).setFontWeight('bold');
    sheet.setFrozenRows(1);
  }
}

/** Rows with any content (data rows, 0-based into values). */
function dataRows(values, width) {
  const rows = [];
  for (let i = 1; i < values.length; i++) {
    for (let c = 0; c < width; c++) {
      if (values[i][c] !== '' && values[i][c] !== null) {
        rows.push(i);
        break;
      }
    }
  }
  return rows;
}

/** IDs for rows without one, numbered after the highest, written as one column (mail-merge). */
function fillIds(sheet, values, idCol, rows) {
  const properties = PropertiesService.getDocumentProperties();
  let last = Number(properties.getProperty('lastDealNumber')) || 0;
  for (const i of rows) {
    const match = /^OPP-(\d+)$/.exec(String(values[i][idCol]).trim());
    if (match) last = Math.max(last, Number(match[1]));
  }
  const missing = rows.filter((i) => String(values[i][idCol]).trim() === '');
  if (missing.length > 0) {
    for (const i of missing) {
      last += 1;
      values[i][idCol] = `OPP-${String(last).padStart(6, '0')}`;
    }
    const end = rows[rows.length - 1];
    const column = values.slice(1, end + 1).map((row) => [row[idCol]]);
    sheet.getRange(2, idCol + 1, column.length, 1).setValues(column);
  }
  properties.setProperty('lastDealNumber', String(last));
  return missing;
}

/** Set up on the tracker tab, or adopt the active tab: missing columns added at the end. */
// biome-ignore lint/correctness/noUnusedVariables: Apps Script calls it by name.
function setUpTracker() {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  let sheet = ss.getSheetByName(TRACKER);
  if (!sheet) {
    sheet = ss.getActiveSheet();
    if (sheet.getLastRow() > 0) {
      const answer = ui.alert(
        'Set up tracker',
        `Use the tab "${sheet.getName()}" as the tracker? Missing columns are added at the end.`,
        ui.ButtonSet.YES_NO,
      );
      if (answer !== ui.Button.YES) return;
    }
    sheet.setName(TRACKER);
  }
  const done = withLock(() => {
    const values = sheet.getDataRange().getValues();
    const heads = values[0].map(String);
    let width = heads.length;
    while (width > 0 && heads[width - 1].trim() === '') width--;
    heads.length = width;
    // A new tab gets every column; an adopted one only those the daily work needs.
    const wanted = width === 0 ? HEADERS : HEADERS.filter((h) => DAILY.indexOf(h) >= 0);
    const missing = wanted.filter((header) => heads.indexOf(header) < 0);
    if (missing.length > 0) {
      const needed = width + missing.length - sheet.getMaxColumns();
      if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
      sheet.getRange(1, width + 1, 1, missing.length).setValues([missing]);
      sheet
        .getRange(1, width + 1, 1, missing.length)
        .setFontWeight('bold')
        .setBackground('#e8f0fe')
        .setWrap(true);
      const rows = sheet.getMaxRows() - 1;
      missing.forEach((header, k) => {
        const format = NUMBER_FORMATS[KIND[header]];
        if (format) sheet.getRange(2, width + k + 1, rows, 1).setNumberFormat(format);
        sheet.setColumnWidth(width + k + 1, COLUMNS[HEADERS.indexOf(header)][2]);
      });
    }
    const all = heads.concat(missing);
    const rows = dataRows(values, width);
    const filled = fillIds(
      sheet,
      values.map((row) => row.concat(missing.map(() => ''))),
      all.indexOf('ID'),
      rows,
    );
    ensureTabs(ss);
    const settings = readSettings(ss);
    formatTracker(sheet, all, settings);
    return { added: missing.length, filled: filled.length };
  });
  ui.alert(
    'Set up tracker',
    `Done: ${done.added} columns added, ${done.filled} IDs filled.`,
    ui.ButtonSet.OK,
  );
}

/** The add-on's checks of one row: [column, problem, value] for each bad cell. */
function rowProblems(row, heads, settings, tz) {
  const problems = [];
  const at = (header) => heads.indexOf(header);
  const text = (c) => (row[c] instanceof Date ? dayOf(row[c], tz) : String(row[c]).trim());
  let any = false;
  heads.forEach((header, c) => {
    const kind = KIND[header];
    if (!kind) return;
    const value = row[c];
    if (value === '' || value === null || (typeof value === 'string' && value.trim() === ''))
      return;
    any = true;
    const shown = text(c);
    const bad = (problem) => problems.push([header, problem, shown]);
    switch (kind) {
      case 'email':
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(shown)) bad('notAnEmail');
        break;
      case 'stage':
        if (!stageNamed(settings, shown)) bad('unknownStage');
        break;
      case 'lostReason':
        if (!settings.lostReasons.some((r) => r.name === shown)) bad('unknownLostReason');
        break;
      case 'choice':
        if (CHOICES[header].indexOf(shown) < 0) bad('unknownChoice');
        break;
      case 'money':
      case 'number':
        if (typeof value !== 'number') bad('notANumber');
        else if (value < 0) bad('negative');
        break;
      case 'percent':
        if (typeof value !== 'number') bad('notANumber');
        else if (value < 0 || value > 100) bad('outOfRange');
        break;
      case 'date':
        if (!(value instanceof Date)) bad('notADate');
        break;
      case 'checkbox':
        if (typeof value !== 'boolean') bad('notABoolean');
        break;
    }
  });
  if (!any) return null;
  for (const header of ['ID', 'Opportunity', 'Customer']) {
    if (at(header) >= 0 && text(at(header)) === '') problems.push([header, 'required', '']);
  }
  const stage = stageNamed(settings, text(at('Stage')));
  if (at('Stage') >= 0 && text(at('Stage')) === '') problems.push(['Stage', 'required', '']);
  if (stage && stage.kind === 'lost' && at('Lost reason') >= 0) {
    const reason = settings.lostReasons.find((r) => r.name === text(at('Lost reason')));
    if (text(at('Lost reason')) === '')
      problems.push(['Lost reason', 'lostWithoutReason', stage.name]);
    else if (reason?.requiresNote && text(at('Lost note')) === '')
      problems.push(['Lost note', 'otherWithoutNote', reason.name]);
  }
  // An amount that is not a number of zero or more counts as none (it has its own problem).
  const amount = row[at('Amount')];
  const valid = typeof amount === 'number' && amount >= 0;
  if (stage && stage.kind === 'won' && !(valid && amount > 0))
    problems.push(['Amount', 'wonWithoutAmount', valid ? String(amount) : '']);
  return problems;
}

/** Re-applies validation and colours, fills missing IDs, lists every problem in a report tab. */
// biome-ignore lint/correctness/noUnusedVariables: Apps Script calls it by name.
function checkAndRepair() {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const sheet = ss.getSheetByName(TRACKER);
  if (!sheet) {
    ui.alert('Check & repair', 'Set up the tracker first.', ui.ButtonSet.OK);
    return;
  }
  const done = withLock(() => {
    const tz = ss.getSpreadsheetTimeZone();
    const values = sheet.getDataRange().getValues();
    const heads = values[0].map(String);
    const settings = readSettings(ss);
    const rows = dataRows(values, heads.length);
    const lines = [];
    const seen = {};
    const idCol = heads.indexOf('ID');
    // IDs first, so the report lists the rows as they are after the repair (as the add-on does).
    const filled = fillIds(sheet, values, idCol, rows);
    for (const i of rows) {
      const problems = rowProblems(values[i], heads, settings, tz);
      if (!problems) continue;
      const id = String(values[i][idCol]).trim();
      for (const [column, problem, value] of problems)
        lines.push([i + 1, `'${id}`, `'${column}`, `'${PROBLEM_TEXT[problem]}`, `'${value}`]);
      if (id !== '' && seen[id])
        lines.push([i + 1, `'${id}`, "'ID", `'${PROBLEM_TEXT.duplicateId}`, `'${id}`]);
      if (id !== '') seen[id] = true;
    }
    formatTracker(sheet, heads, settings);
    ensureTabs(ss);
    const tz2 = Utilities.formatDate(new Date(), tz, 'yyyy-MM-dd');
    const report = ss.getSheetByName(REPORT) || ss.insertSheet(REPORT);
    const table = [[`Check report, ${tz2}`, '', '', '', ''], REPORT_HEADER].concat(lines);
    report.clearContents();
    // A new tab has 1,000 rows: a longer report needs more, or setValues fails.
    if (table.length > report.getMaxRows())
      report.insertRowsAfter(report.getMaxRows(), table.length - report.getMaxRows());
    report.getRange(1, 1, table.length, 5).setValues(table);
    report.getRange(2, 1, 1, 5).setFontWeight('bold');
    report.setFrozenRows(2);
    return { filled: filled.length, problems: lines.length };
  });
  ui.alert(
    'Check & repair',
    `${done.filled} IDs filled, ${done.problems} problems listed in ${REPORT}.`,
    ui.ButtonSet.OK,
  );
}

// The local Apps Script runtime: createRuntime() runs the built add-on against in-memory services.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseA1, type Rect, resolveA1 } from './a1';
import { type BigQueryState, bigQueryState } from './advanced-bigquery';
import type { AuthMode } from './auth';
import { readCellValue, writeCellValue } from './cell-values';
import { SimulatedClock } from './clock';
import { type ConditionalStyle, conditionalStyleAt } from './conditional-format';
import type { CpuMeter } from './cpu-meter';
import { passesValidation } from './data-validation';
import { type Execution, type LogEntry, RuntimeEnv, type ScriptKind } from './env';
import { messages } from './errors';
import { type CostMode, Ledger } from './ledger';
import { loadProject, type ProjectFile, readProjectDir } from './project';
import { protectionsHit } from './protection';
import { RangeImpl } from './range';
import { UserImpl } from './session';
import {
  type Cell,
  modelFromSnapshot,
  type SheetModel,
  SpreadsheetModel,
  snapshotFromModel,
} from './sheet-model';
import type { SpreadsheetSnapshot } from './snapshot';
import { SpreadsheetImpl, serviceObjects } from './spreadsheet';
import type { SentMail, TriggerModel, UiState } from './state';
import { nextFiring } from './triggers';
import { isoWeek, wallTimeAt, weekdayOf } from './values-time';
import { enterTimeZone, type Fault, ScriptRealm, scriptFrames } from './vm-loader';

export type { LedgerEntry } from './ledger';
export type { MenuSpec, SentMail, ShownHtml } from './state';
export type { CostMode, Execution, ProjectFile, ScriptKind, TriggerModel };

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RuntimeOptions {
  /** The file the add-on is open in: a snapshot, an .xlsx file, or (default) an empty spreadsheet. */
  spreadsheet?: SpreadsheetSnapshot | { xlsx: string };
  /** The spreadsheet's time zone when no snapshot gives one (default Etc/UTC). */
  timeZone?: string;
  /** The spreadsheet's and the user's locale (default en_US). */
  locale?: string;
  /** Start of the simulated clock (default 2026-01-05T09:00:00Z, a Monday). */
  now?: Date;
  /** The user at the keyboard (default owner@example.com); also the file's owner unless `owner`. */
  user?: string;
  owner?: string;
  /** false: Session.getActiveUser().getEmail() gives '' (consumer accounts, other domains). */
  activeUserVisible?: boolean;
  /** Email recipients per day (default 100, a consumer account). */
  mailQuota?: number;
  /**
   * The project's folder: script files (.js, .gs), HTML files and appsscript.json, run in project
   * order (a .clasp.json's filePushOrder first, then by name). Default dist/, the built add-on.
   */
  distDir?: string;
  /** The project's files given directly, in project order (instead of distDir). */
  project?: ProjectFile[];
  /**
   * 'addon' (default): an editor add-on, with Google's add-on rules (time-driven triggers at most
   * hourly, one trigger of each type per user and document, onOpen in NONE until used in the file,
   * no active spreadsheet in time-driven runs). 'bound': a script bound to this spreadsheet (any
   * documented frequency, its container is the active spreadsheet in every run, onOpen in LIMITED).
   * 'standalone': no container (no simple triggers, no active spreadsheet, no Ui).
   */
  kind?: ScriptKind;
  /** false: the add-on is installed but not yet used in this file, so onOpen runs in AuthMode.NONE. */
  addOnEnabled?: boolean;
  /** Which cost-model figures move the simulated clock per service call (default 'opt'). */
  costMode?: CostMode;
  /**
   * The script's own JavaScript time is measured in every execution and moves the simulated clock
   * (so the 6-minute and 30-second limits see it). false keeps the clock exact for tests that
   * compare instants; the time is still measured (rt.ledger.summary().cpuMs). Default true.
   */
  cpuOnClock?: boolean;
  /** Google's V8 time per local CPU millisecond (default 1: nothing better is published). */
  cpuFactor?: number;
  /**
   * 'record' (default): a failed trigger run is only recorded (rt.executions,
   * rt.executionSummary()), as Google only logs it. 'throw': open, edit and advanceTo/advanceBy
   * throw a TriggerRunError at the first failed trigger run (the clock stays at its end).
   */
  triggerFailures?: 'record' | 'throw';
  /** The add-on menu's caption (default 'Opportunity Tracker'). */
  addOnName?: string;
  /** Total trigger run time per user per day (default 90 minutes, a consumer account; Workspace: 6 h). */
  triggerRuntimePerDayMs?: number;
}

export interface EditOutcome {
  accepted: boolean;
  /** Why Sheets refused the edit: a protected range, or data validation that rejects input. */
  reason?: 'protected' | 'invalid';
  message?: string;
  /** Warning-only protections the user was warned about (and went ahead). */
  warnings: string[];
  /** A1 of cells stored although their rule rejects them (they show a red corner). */
  invalidCells: string[];
  /** The trigger runs the edit caused: the simple onEdit, then installable onEdit triggers. */
  executions: Execution[];
}

const sixMinutesMs = 6 * 60_000;
const simpleTriggerMs = 30_000;

/** What starts an execution: who, in which mode and file, with which limit and arguments. */
interface ExecutionSpec
  extends Pick<
    Execution,
    'fn' | 'kind' | 'user' | 'activeUser' | 'authMode' | 'documentId' | 'limitMs' | 'triggerUid'
  > {
  args: (realm: ScriptRealm) => unknown[];
}

/** A plain object of any realm (the script's objects come from its own vm context). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  return Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object';
}

/** Converts what the script returned into data of the test's realm; other objects pass unchanged. */
function toHost(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 50) return value;
  if (Object.prototype.toString.call(value) === '[object Date]')
    return new Date((value as Date).getTime());
  if (Array.isArray(value)) return value.map((item) => toHost(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toHost(v, depth + 1);
  return out;
}

/** An error thrown by the script, handed to the test with the script's message. */
/**
 * An error thrown by the script, handed to the test with the script's message; where it happened
 * is in `at` ('Code.js:12:5'), `scriptStack` and the error's stack (shown when a test fails).
 */
export class ScriptError extends Error {
  override name = 'ScriptError';
  readonly at?: string;
  readonly scriptStack: string[];

  constructor(exec: Pick<Execution, 'error' | 'at' | 'stack'>) {
    super(exec.error ?? 'failed');
    if (exec.at !== undefined) this.at = exec.at;
    this.scriptStack = exec.stack ?? [];
    this.stack = [
      `${this.name}: ${this.message}`,
      ...this.scriptStack.map((f) => `    at ${f}`),
    ].join('\n');
  }
}

/** A trigger run that failed while the test drove the runtime with triggerFailures: 'throw'. */
export class TriggerRunError extends ScriptError {
  override name = 'TriggerRunError';
  readonly execution: Execution;

  constructor(exec: Execution) {
    super({
      ...exec,
      error: `${exec.fn} (${exec.kind}) ${exec.status === 'timedOut' ? 'timed out' : 'failed'}: ${exec.error ?? ''}${exec.at ? ` at ${exec.at}` : ''}`,
    });
    this.execution = exec;
  }
}

/** What rt.executionSummary() gives: how many runs went how, and every failure with its place. */
export interface ExecutionSummary {
  runs: number;
  completed: number;
  failed: number;
  timedOut: number;
  byFunction: Record<string, { runs: number; failed: number; timedOut: number }>;
  failures: Array<
    Pick<Execution, 'id' | 'fn' | 'kind' | 'user' | 'status' | 'error' | 'at' | 'startMs'>
  >;
}

export class Runtime {
  readonly clock: SimulatedClock;
  readonly ledger: Ledger;
  readonly executions: Execution[] = [];
  private readonly faults: Fault[] = [];
  private nextExecution = 1;

  constructor(private readonly env: RuntimeEnv) {
    this.clock = env.clock;
    this.ledger = env.ledger;
  }

  /** The spreadsheet the add-on is open in (the raw model: read it freely, no ledger entries). */
  get spreadsheet(): SpreadsheetModel {
    return this.env.spreadsheet(this.env.documentId);
  }

  /** Every spreadsheet the runtime knows (the document, and files the script created or opened). */
  get files(): ReadonlyMap<string, SpreadsheetModel> {
    return this.env.spreadsheets;
  }

  get ui(): UiState {
    return this.env.ui;
  }

  /** What the scripts loaded into BigQuery through the advanced service (datasets, tables, jobs). */
  get bigQuery(): BigQueryState {
    return bigQueryState(this.env);
  }

  get outbox(): SentMail[] {
    return this.env.outbox;
  }

  get logs(): LogEntry[] {
    return this.env.logs;
  }

  get triggers(): TriggerModel[] {
    return this.env.triggers.all;
  }

  get user(): string {
    return this.env.currentUser;
  }

  /** The stores behind PropertiesService; seed or inspect them (Maps of string to string). */
  get properties() {
    const stores = this.env.properties;
    return {
      document: (documentId = this.env.documentId) => stores.documentStore(documentId),
      user: (email = this.env.currentUser) => stores.userStore(email),
      script: stores.script,
    };
  }

  /**
   * Adds another spreadsheet (a second file the same users work in) and returns its ID; the add-on
   * stays open in the current one until useFile. The snapshot's ID must be new.
   */
  addFile(snapshot: SpreadsheetSnapshot, owner = this.env.currentUser): string {
    if (this.env.spreadsheets.has(snapshot.id))
      throw new Error(`A file with ID ${snapshot.id} is already open in the runtime.`);
    this.env.spreadsheets.set(snapshot.id, modelFromSnapshot(snapshot, owner));
    return snapshot.id;
  }

  /** Opens another file the runtime knows: rt.spreadsheet, open(), menus and rt.run work on it. */
  useFile(id: string): void {
    if (!this.env.spreadsheets.has(id)) throw new Error(`No file with ID ${id} in the runtime.`);
    this.env.documentId = id;
  }

  /**
   * Removes a user's access to a file (they left the team, the file was unshared): from now on the
   * script running as them cannot open it (openById throws Google's permission error).
   */
  removeAccess(email: string, fileId = this.env.documentId): void {
    this.env.noAccess.add(`${fileId}|${email}`);
  }

  /** Switches the user at the keyboard, as if another editor of the shared sheet took over. */
  setUser(email: string): void {
    this.env.currentUser = email;
  }

  /** Calls a global of Code.js as the current user (AuthMode.FULL); throws what the script threw. */
  run(fn: string, ...args: unknown[]): unknown {
    const user = this.env.currentUser;
    const { exec, result } = this.execute({
      fn,
      kind: 'run',
      user,
      activeUser: user,
      authMode: 'FULL',
      // Run from the spreadsheet (a menu, the sidebar); a standalone script has no container.
      documentId: this.env.options.kind === 'standalone' ? null : this.env.documentId,
      limitMs: sixMinutesMs,
      args: (realm) => args.map((arg) => realm.toScript(arg)),
    });
    if (exec.status !== 'completed') throw new ScriptError(exec);
    return result;
  }

  /**
   * Calls a global as the sidebar does through google.script.run: arguments and the result must be
   * JSON-like (primitives, plain objects, arrays). A Date, function or other object in either is an
   * error here (Google fails the call or loses the value), so the contract is tested, not hoped for.
   */
  runFromClient(fn: string, ...args: unknown[]): unknown {
    for (const [i, arg] of args.entries()) assertWireSafe(arg, `argument ${i}`);
    const result = this.run(fn, ...args);
    assertWireSafe(result, 'result');
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  }

  /** Runs the function a menu item names, as clicking it does. */
  clickMenu(caption: string): unknown {
    for (const menu of this.env.ui.menus) {
      const stack = [...menu.items];
      while (stack.length > 0) {
        const item = stack.shift();
        if (!item || item === 'separator') continue;
        if ('subMenu' in item) stack.push(...item.subMenu.items);
        else if (item.caption === caption) return this.run(item.functionName);
      }
    }
    throw new Error(`No menu item "${caption}" in ${JSON.stringify(this.env.ui.menus)}`);
  }

  /**
   * Opens the file: the simple onOpen (an add-on's in NONE until it is used in the file, else
   * LIMITED; a bound script's in LIMITED; a standalone script has none), then installable onOpen
   * triggers.
   */
  open(options: { authMode?: 'NONE' | 'LIMITED' } = {}): Execution[] {
    const kind = this.env.options.kind;
    const authMode =
      options.authMode ?? (kind === 'addon' && !this.env.addOnEnabled ? 'NONE' : 'LIMITED');
    const user = this.env.currentUser;
    const file = this.spreadsheet;
    const runs: Execution[] = [];
    if (kind !== 'standalone')
      runs.push(
        this.execute({
          fn: 'onOpen',
          kind: 'simpleTrigger',
          user,
          activeUser: user,
          authMode,
          documentId: file.id,
          limitMs: simpleTriggerMs,
          args: (realm) => [
            realm.toScript(
              authMode === 'NONE'
                ? { authMode }
                : {
                    authMode,
                    source: new SpreadsheetImpl(this.env, file),
                    user: new UserImpl(this.env, user, !this.env.options.activeUserVisible),
                  },
            ),
          ],
        }).exec,
      );
    for (const trigger of this.spreadsheetTriggers('ON_OPEN')) {
      runs.push(
        this.fireInstallable(trigger, (realm) => ({
          authMode: 'FULL',
          triggerUid: trigger.uid,
          source: realm.toScript(new SpreadsheetImpl(this.env, file)),
          user: realm.toScript(new UserImpl(this.env, user, !this.env.options.activeUserVisible)),
        })),
      );
    }
    return runs;
  }

  /** Sets the current user's active range (what getActiveRange and getCurrentCell give). */
  select(sheetName: string, a1: string): void {
    const sheet = this.sheet(sheetName);
    this.env.selections.set(`${this.env.currentUser}|${this.spreadsheet.id}`, {
      sheetId: sheet.sheetId,
      a1,
    });
  }

  /**
   * The current user types or pastes into the sheet: text is parsed as typed, protections and data
   * validation apply, then the simple onEdit and installable onEdit triggers run. A single value
   * into a block fills it; a grid must match the block.
   */
  edit(sheetName: string, a1: string, valueOrGrid: unknown): EditOutcome {
    const file = this.spreadsheet;
    const sheet = this.sheet(sheetName);
    const rect = this.rect(sheet, a1);
    const user = this.env.currentUser;
    const grid: unknown[][] = Array.isArray(valueOrGrid)
      ? (valueOrGrid as unknown[][])
      : Array.from({ length: rect.numRows }, () =>
          Array.from({ length: rect.numColumns }, () => valueOrGrid),
        );
    if (
      grid.length !== rect.numRows ||
      grid.some((row) => !Array.isArray(row) || row.length !== rect.numColumns)
    )
      throw new Error(`The pasted grid does not fit ${a1}.`);
    const outcome: EditOutcome = {
      accepted: false,
      warnings: [],
      invalidCells: [],
      executions: [],
    };
    const hit = protectionsHit(file, sheet, rect, user);
    if (hit.blocking.length > 0)
      return { ...outcome, reason: 'protected', message: messages.protectedCell };
    outcome.warnings = hit.warnings.map((p) => p.description);
    const now = this.clock.date();
    const oldValue =
      rect.numRows === 1 && rect.numColumns === 1 ? sheet.cell(rect.row, rect.column) : undefined;
    const oldText = oldValue ? eventText(file, sheet, rect.row, rect.column, now) : undefined;
    // Put the typed values in place first: custom-formula rules look at the new contents.
    const previous: Array<{ row: number; column: number; cell: Cell | undefined }> = [];
    const place = (row: number, column: number, cell: Cell | undefined) => {
      const line = sheet.rows[row - 1] ?? [];
      sheet.rows[row - 1] = line;
      line[column - 1] = cell;
    };
    for (let r = 0; r < rect.numRows; r++) {
      for (let c = 0; c < rect.numColumns; c++) {
        const row = rect.row + r;
        const column = rect.column + c;
        const current = sheet.cell(row, column);
        const next: Cell = { ...(current ?? { value: '' }) };
        writeCellValue(file, next, grid[r]?.[c], now);
        previous.push({ row, column, cell: current });
        place(row, column, next);
      }
    }
    for (const { row, column } of previous) {
      const next = sheet.cell(row, column);
      const rule = next?.validation;
      if (!next || !rule) continue;
      const value = file.computedValue(sheet, row, column, now);
      if (passesValidation(rule, value, next.numberFormat, { file, sheet, row, column, now }))
        continue;
      if (!rule.allowInvalid) {
        for (const old of previous) place(old.row, old.column, old.cell);
        return {
          ...outcome,
          reason: 'invalid',
          message: rule.helpText ?? rejectionText(rule.type),
        };
      }
      outcome.invalidCells.push(
        new RangeImpl(this.env, file, sheet, {
          row,
          column,
          numRows: 1,
          numColumns: 1,
        }).getA1Notation(),
      );
    }
    outcome.accepted = true;
    const single = rect.numRows === 1 && rect.numColumns === 1;
    const newText = single ? eventText(file, sheet, rect.row, rect.column, now) : undefined;
    const event = (realm: ScriptRealm, authMode: AuthMode, triggerUid?: string) => {
      const e: Record<string, unknown> = {
        authMode,
        range: realm.toScript(new RangeImpl(this.env, file, sheet, rect)),
        source: realm.toScript(new SpreadsheetImpl(this.env, file)),
        user: realm.toScript(new UserImpl(this.env, user, !this.env.options.activeUserVisible)),
      };
      if (triggerUid) e.triggerUid = triggerUid;
      if (single && newText !== undefined) e.value = newText;
      if (single && oldText !== undefined) e.oldValue = oldText;
      return realm.toScript(e);
    };
    if (this.env.options.kind !== 'standalone')
      outcome.executions.push(
        this.execute({
          fn: 'onEdit',
          kind: 'simpleTrigger',
          user,
          activeUser: user,
          authMode: 'LIMITED',
          documentId: file.id,
          limitMs: simpleTriggerMs,
          args: (realm) => [event(realm, 'LIMITED')],
        }).exec,
      );
    for (const trigger of this.spreadsheetTriggers('ON_EDIT')) {
      outcome.executions.push(
        this.fireInstallable(trigger, (realm) => event(realm, 'FULL', trigger.uid)),
      );
    }
    return outcome;
  }

  /** Moves the clock forward, firing due time-driven triggers in order, each as its owner. */
  advanceTo(target: Date | number): Execution[] {
    const targetMs = typeof target === 'number' ? target : target.getTime();
    const runs: Execution[] = [];
    for (;;) {
      const due = this.env.triggers.all
        .filter((t) => t.eventType === 'CLOCK' && t.nextMs !== undefined && t.nextMs <= targetMs)
        .sort((a, b) => (a.nextMs ?? 0) - (b.nextMs ?? 0))[0];
      if (!due || due.nextMs === undefined) break;
      const firesAt = due.nextMs;
      if (firesAt > this.clock.now()) this.clock.set(firesAt);
      due.nextMs = nextFiring(due, firesAt);
      if (due.schedule?.kind === 'at')
        this.env.triggers.all.splice(this.env.triggers.all.indexOf(due), 1);
      const utc = wallTimeAt(firesAt, 'UTC');
      const weekday = weekdayOf(utc);
      runs.push(
        this.execute({
          fn: due.handler,
          kind: 'timeTrigger',
          user: due.owner,
          activeUser: due.owner,
          authMode: 'FULL',
          // A bound script's container is its active spreadsheet even here; an add-on has none.
          documentId: this.env.options.kind === 'bound' ? this.env.documentId : null,
          limitMs: sixMinutesMs,
          triggerUid: due.uid,
          args: (realm) => [
            realm.toScript({
              authMode: 'FULL',
              triggerUid: due.uid,
              year: utc.year,
              month: utc.month,
              'day-of-month': utc.day,
              'day-of-week': weekday === 0 ? 7 : weekday,
              hour: utc.hour,
              minute: utc.minute,
              second: utc.second,
              timezone: 'UTC',
              'week-of-year': isoWeek(utc),
            }),
          ],
        }).exec,
      );
    }
    if (targetMs > this.clock.now()) this.clock.set(targetMs);
    return runs;
  }

  advanceBy(ms: number): Execution[] {
    return this.advanceTo(this.clock.now() + ms);
  }

  /**
   * Runs by outcome, per function, and every failed or timed-out run with its error and place:
   * a failed trigger run is otherwise silent, as on Google (nobody is in front of it).
   */
  executionSummary(): ExecutionSummary {
    const summary: ExecutionSummary = {
      runs: 0,
      completed: 0,
      failed: 0,
      timedOut: 0,
      byFunction: {},
      failures: [],
    };
    for (const exec of this.executions) {
      if (exec.status === 'running') continue;
      summary.runs++;
      summary[exec.status]++;
      const byFn = summary.byFunction[exec.fn] ?? { runs: 0, failed: 0, timedOut: 0 };
      summary.byFunction[exec.fn] = byFn;
      byFn.runs++;
      if (exec.status === 'completed') continue;
      byFn[exec.status]++;
      const { id, fn, kind, user, status, error, at, startMs } = exec;
      summary.failures.push({
        id,
        fn,
        kind,
        user,
        status,
        ...(error === undefined ? {} : { error }),
        ...(at === undefined ? {} : { at }),
        startMs,
      });
    }
    return summary;
  }

  /** Makes another execution hold a lock until `until` (or for ever), so waitLock has to wait. */
  holdLock(
    scope: 'document' | 'script' | 'user',
    until?: Date | number,
    user = this.env.currentUser,
  ): void {
    const key =
      scope === 'document'
        ? `document:${this.env.documentId}`
        : scope === 'script'
          ? 'script'
          : `user:${user}`;
    const untilMs =
      until === undefined ? null : typeof until === 'number' ? until : until.getTime();
    this.env.locks.holdElsewhere(key, untilMs);
  }

  /**
   * Another execution of `user` sends mail to `recipients` people just before that user's nth
   * sendEmail from now: the quota the script read earlier is no longer there. `quotaMessage` words
   * the refusal as Apps Script would for a user of another language (Google localizes it).
   */
  concurrentMail(mail: {
    user?: string;
    atSend?: number;
    recipients: number;
    quotaMessage?: string;
  }): void {
    this.env.mailUsage.concurrent.push({
      user: mail.user ?? this.env.currentUser,
      atSend: mail.atSend ?? 1,
      recipients: mail.recipients,
      ...(mail.quotaMessage === undefined ? {} : { quotaMessage: mail.quotaMessage }),
      seen: 0,
    });
  }

  /** The nth call (counting from now) of Service.method throws `error` (default: Google's server error). */
  failOn(fault: { service: string; method: string; nth?: number; error?: string }): void {
    const entry: Fault = {
      service: fault.service,
      method: fault.method,
      nth: fault.nth ?? 1,
      seen: 0,
    };
    if (fault.error !== undefined) entry.error = fault.error;
    this.faults.push(entry);
  }

  /** Values as getValues gives them (Dates for date cells, '' for empty), without a ledger entry. */
  read(sheetName: string, a1?: string): unknown[][] {
    const file = this.spreadsheet;
    const sheet = this.sheet(sheetName);
    const rect = a1
      ? this.rect(sheet, a1)
      : {
          row: 1,
          column: 1,
          numRows: Math.max(1, sheet.lastRow()),
          numColumns: Math.max(1, sheet.lastColumn()),
        };
    const now = this.clock.date();
    return Array.from({ length: rect.numRows }, (_, r) =>
      Array.from({ length: rect.numColumns }, (_, c) =>
        readCellValue(file, sheet, rect.row + r, rect.column + c, now),
      ),
    );
  }

  /** The style conditional formats give a cell now (the first matching rule), or null. */
  conditionalFormatAt(sheetName: string, a1: string): ConditionalStyle | null {
    const sheet = this.sheet(sheetName);
    const rect = this.rect(sheet, a1);
    return conditionalStyleAt(this.spreadsheet, sheet, rect.row, rect.column, this.clock.date());
  }

  /** The document as plain data, formulas carrying their value computed now. */
  snapshot(): SpreadsheetSnapshot {
    const file = this.spreadsheet;
    const now = this.clock.date();
    for (const sheet of file.sheets) {
      sheet.rows.forEach((line, r) => {
        line?.forEach((cell, c) => {
          if (cell?.formula !== undefined)
            cell.value = file.computedValue(sheet, r + 1, c + 1, now);
        });
      });
    }
    return snapshotFromModel(file);
  }

  async saveXlsx(filePath: string): Promise<void> {
    const { writeXlsx } = await import('./xlsx');
    await writeXlsx(this.snapshot(), filePath);
  }

  private sheet(name: string): SheetModel {
    const sheet = this.spreadsheet.sheetByName(name);
    if (!sheet)
      throw new Error(
        `No sheet "${name}" in ${this.spreadsheet.sheets.map((s) => s.name).join(', ')}`,
      );
    return sheet;
  }

  private rect(sheet: SheetModel, a1: string): Rect {
    const parsed = parseA1(a1);
    if (!parsed) throw new Error(`Not a range: ${a1}`);
    return resolveA1(parsed, sheet.maxRows, sheet.maxColumns);
  }

  private spreadsheetTriggers(eventType: TriggerModel['eventType']): TriggerModel[] {
    return this.env.triggers.all.filter(
      (t) => t.eventType === eventType && t.sourceId === this.env.documentId,
    );
  }

  private fireInstallable(
    trigger: TriggerModel,
    event: (realm: ScriptRealm) => unknown,
  ): Execution {
    return this.execute({
      fn: trigger.handler,
      kind: 'installableTrigger',
      user: trigger.owner,
      activeUser: this.env.currentUser,
      authMode: 'FULL',
      documentId: trigger.sourceId,
      limitMs: sixMinutesMs,
      triggerUid: trigger.uid,
      args: (realm) => [realm.toScript(event(realm))],
    }).exec;
  }

  /** Installable and time-driven triggers share a daily run-time quota per user (Pacific day). */
  private assertTriggerTimeLeft(exec: Execution): void {
    const day = (ms: number) => {
      const w = wallTimeAt(ms, 'America/Los_Angeles');
      return `${w.year}-${w.month}-${w.day}`;
    };
    const today = day(exec.startMs);
    const used = this.executions
      .filter(
        (e) =>
          e !== exec &&
          e.user === exec.user &&
          (e.kind === 'timeTrigger' || e.kind === 'installableTrigger') &&
          day(e.startMs) === today,
      )
      .reduce((sum, e) => sum + ((e.endMs ?? e.startMs) - e.startMs), 0);
    if (used >= this.env.options.triggerRuntimePerDayMs)
      throw new Error(messages.triggerRuntimeQuota);
  }

  private execute(spec: ExecutionSpec): { exec: Execution; result: unknown } {
    if (this.env.exec)
      throw new Error(`${spec.fn} started while ${this.env.exec.fn} is still running.`);
    const exec: Execution = {
      id: this.nextExecution++,
      fn: spec.fn,
      kind: spec.kind,
      user: spec.user,
      activeUser: spec.activeUser,
      authMode: spec.authMode,
      documentId: spec.documentId,
      startMs: this.clock.now(),
      limitMs: spec.limitMs,
      status: 'running',
      killed: false,
    };
    if (spec.triggerUid) exec.triggerUid = spec.triggerUid;
    this.executions.push(exec);
    this.env.exec = exec;
    const leaveTimeZone = enterTimeZone(this.env.project.timeZone);
    let result: unknown;
    let meter: CpuMeter | undefined;
    try {
      if (spec.kind === 'timeTrigger' || spec.kind === 'installableTrigger')
        this.assertTriggerTimeLeft(exec);
      const realm = new ScriptRealm(this.env, this.faults);
      this.env.vmContext = realm.context;
      meter = realm.cpu;
      let fn: unknown;
      realm.cpu.enterScript();
      try {
        // Apps Script loads every script file of the project, in project order, for every run.
        for (const file of this.env.project.scripts) file.script.runInContext(realm.context);
        fn = realm.context[spec.fn];
      } finally {
        realm.cpu.leaveScript();
      }
      if (typeof fn !== 'function') {
        // A simple trigger the script does not define is simply not run.
        if (spec.kind === 'simpleTrigger') {
          exec.status = 'completed';
          return { exec, result: undefined };
        }
        throw new Error(messages.functionNotFound(spec.fn));
      }
      const args = spec.args(realm);
      let raw: unknown;
      realm.cpu.enterScript();
      try {
        raw = fn.apply(undefined, args);
      } finally {
        realm.cpu.leaveScript();
      }
      // Script time after the last service call counts too: the run may have ended past its limit.
      if (this.clock.now() - exec.startMs > exec.limitMs) exec.killed = true;
      result = toHost(raw);
      if (exec.killed) throw new Error(messages.timeout);
      exec.status = 'completed';
    } catch (error) {
      exec.status = exec.killed ? 'timedOut' : 'failed';
      exec.error = exec.killed
        ? messages.timeout
        : error instanceof Error || (typeof error === 'object' && error && 'message' in error)
          ? String((error as Error).message)
          : String(error);
      const stack = scriptFrames(error, this.env.project.scripts);
      if (stack.length > 0) {
        exec.stack = stack;
        exec.at = /\(([^()]+)\)$/.exec(stack[0] ?? '')?.[1] ?? stack[0];
      }
    } finally {
      if (meter) {
        exec.cpuMs = meter.totalMs;
        this.ledger.recordCpu({
          execution: exec.id,
          fn: exec.fn,
          user: exec.user,
          ms: meter.totalMs,
        });
      }
      exec.endMs = this.clock.now();
      leaveTimeZone();
      this.env.locks.releaseAll(exec.id);
      this.env.exec = null;
      this.env.vmContext = null;
    }
    if (
      spec.kind !== 'run' &&
      exec.status !== 'completed' &&
      this.env.options.triggerFailures === 'throw'
    )
      throw new TriggerRunError(exec);
    return { exec, result };
  }
}

function assertWireSafe(value: unknown, where: string): void {
  if (value === null || value === undefined) return;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return;
  if (type === 'number') {
    if (!Number.isFinite(value))
      throw new Error(`google.script.run cannot carry ${String(value)} (${where})`);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) assertWireSafe(item, `${where}[${i}]`);
    return;
  }
  if (type === 'object' && isPlainObject(value as object)) {
    for (const [key, item] of Object.entries(value as object))
      assertWireSafe(item, `${where}.${key}`);
    return;
  }
  const kind = Object.prototype.toString.call(value).slice(8, -1);
  throw new Error(
    `google.script.run cannot carry a ${kind} (${where}); send plain data such as ISO date strings.`,
  );
}

function eventText(
  file: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  column: number,
  now: Date,
): string | undefined {
  const cell = sheet.cell(row, column);
  if (!cell || (cell.value === '' && cell.formula === undefined)) return undefined;
  const value = file.computedValue(sheet, row, column, now);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function rejectionText(type: string): string {
  switch (type) {
    case 'list':
    case 'listFromRange':
      return 'Input must be an item on the specified list';
    case 'checkbox':
      return 'Input must be a checkbox value';
    case 'date':
      return 'Input must be a valid date';
    case 'email':
      return 'Input must be a valid email address';
    case 'numberBetween':
    case 'numberGreaterThanOrEqualTo':
      return 'Input must be a number in the allowed range';
    default:
      return 'Input must satisfy the specified formula';
  }
}

/**
 * Creates a local Apps Script runtime running the built add-on (dist/Code.js; build it with
 * `npx tsx scripts/build.ts`, which the vitest global setup does).
 *
 * ```ts
 * const rt = await createRuntime({ timeZone: 'America/New_York', now: new Date('2026-03-02T14:00:00Z') });
 * rt.open();                                  // onOpen builds the add-on menu
 * rt.clickMenu('Open sidebar');               // runs showSidebar as the current user
 * rt.ui.sidebar?.html;                        // the sidebar it showed
 * rt.ledger.byMethod();                       // { 'SpreadsheetApp.getUi': 2, ... }
 * rt.edit('Sheet1', 'A1', '=1+1');            // a user types; onEdit fires
 * rt.advanceTo(new Date('2026-03-03T13:00:00Z'));   // fires due time-driven triggers
 * ```
 *
 * Every call the script makes goes to the ledger and moves the simulated clock by its modeled
 * cost; tests and the playground reach the same objects directly (rt.spreadsheet, rt.properties,
 * rt.read) without ledger entries. Google's limits apply with Google's error texts: 6 minutes per
 * run (30 s for simple triggers), mail recipients per day, property sizes, 20 triggers per user,
 * AuthMode NONE/LIMITED refusals, and the OAuth scopes declared in dist/appsscript.json.
 */
export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const project = loadProject(options.project ?? distFiles(options.distDir));
  const user = options.user ?? 'owner@example.com';
  const owner = options.owner ?? user;
  const timeZone = options.timeZone ?? 'Etc/UTC';
  const locale = options.locale ?? 'en_US';
  let file: SpreadsheetModel;
  const source = options.spreadsheet;
  if (source && 'xlsx' in source) {
    const { readXlsx } = await import('./xlsx');
    file = modelFromSnapshot(await readXlsx(source.xlsx, { timeZone, locale }), owner);
  } else if (source) {
    file = modelFromSnapshot(source, owner);
  } else {
    file = new SpreadsheetModel(
      'local-spreadsheet',
      'Untitled spreadsheet',
      timeZone,
      locale,
      owner,
    );
    file.addSheet('Sheet1');
  }
  const env = new RuntimeEnv(
    new SimulatedClock((options.now ?? new Date('2026-01-05T09:00:00Z')).getTime()),
    new Ledger(),
    {
      kind: options.kind ?? 'addon',
      activeUserVisible: options.activeUserVisible ?? true,
      mailQuota: options.mailQuota ?? 100,
      addOnName: options.addOnName ?? 'Opportunity Tracker',
      costMode: options.costMode ?? 'opt',
      cpuOnClock: options.cpuOnClock ?? true,
      cpuFactor: options.cpuFactor ?? 1,
      triggerFailures: options.triggerFailures ?? 'record',
      triggerRuntimePerDayMs: options.triggerRuntimePerDayMs ?? 90 * 60_000,
      locale,
    },
    project,
    file.id,
    user,
  );
  env.useObjects(serviceObjects(env));
  env.addOnEnabled = options.addOnEnabled ?? true;
  env.spreadsheets.set(file.id, file);
  return new Runtime(env);
}

/** The project in a folder (default dist/, the built add-on), in project order. */
function distFiles(distDir = path.join(projectRoot, 'dist')): ProjectFile[] {
  const files = existsSync(distDir) ? readProjectDir(distDir) : [];
  if (!files.some((f) => /\.(js|gs)$/.test(f.name)))
    throw new Error(
      `${distDir} has no script file: build the add-on with \`npx tsx scripts/build.ts\`.`,
    );
  return files;
}

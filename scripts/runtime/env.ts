// What every service shares: the files, the clock, the ledger, the current execution and the stores.

import type vm from 'node:vm';
import type { Bounds, Rect } from './a1';
import type { AuthMode } from './auth';
import type { SimulatedClock } from './clock';
import { messages, ScriptException } from './errors';
import type { CostMode, Ledger } from './ledger';
import type { Project } from './project';
import type { SheetModel, SpreadsheetModel } from './sheet-model';
import {
  CacheStores,
  LockTable,
  MailUsage,
  PropertyStores,
  type SentMail,
  TriggerStore,
  UiState,
} from './state';

/**
 * An editor add-on (installed in many files, strict trigger rules), a script bound to the
 * spreadsheet (its container is always its active spreadsheet), or a standalone script (no
 * container: no simple triggers, no active spreadsheet, no Ui).
 */
export type ScriptKind = 'addon' | 'bound' | 'standalone';

export type ExecutionKind = 'run' | 'simpleTrigger' | 'installableTrigger' | 'timeTrigger';

/** One run of a script function, as the Apps Script executions page lists it. */
export interface Execution {
  id: number;
  fn: string;
  kind: ExecutionKind;
  /** The user the script runs as (the editor for simple triggers, the owner for installable ones). */
  user: string;
  /** The user at the keyboard, if any. */
  activeUser: string;
  authMode: AuthMode;
  /** The spreadsheet the script is bound to in this run; null in time-driven triggers. */
  documentId: string | null;
  triggerUid?: string;
  startMs: number;
  endMs?: number;
  limitMs: number;
  status: 'running' | 'completed' | 'failed' | 'timedOut';
  error?: string;
  /** Where the error was thrown in the project, e.g. 'Code.js:12:5', when the stack says. */
  at?: string;
  /** The script's frames of the error, innermost first: 'fail (Code.js:12:5)'. */
  stack?: string[];
  /** Set when the time limit passed: every further service call ends the run. */
  killed: boolean;
  /** The script's own JavaScript time (Google-equivalent ms), on the clock unless cpuOnClock is false. */
  cpuMs?: number;
}

export interface LogEntry {
  execution: number;
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

export interface EnvOptions {
  /** What kind of project this is: its rules for triggers, the active spreadsheet and onOpen. */
  kind: ScriptKind;
  activeUserVisible: boolean;
  mailQuota: number;
  addOnName: string;
  costMode: CostMode;
  /** Whether the script's measured JavaScript time moves the simulated clock. */
  cpuOnClock: boolean;
  /** Google's V8 time per local CPU ms (1: as fast as this machine). */
  cpuFactor: number;
  triggerFailures: 'record' | 'throw';
  triggerRuntimePerDayMs: number;
  locale: string;
}

/**
 * Makes the service objects that hand out each other (a Range's sheet, a rule's ranges, a
 * TextFinder's matches), so their modules need not import one another. spreadsheet.ts fills it in.
 */
export interface ServiceObjects {
  range(file: SpreadsheetModel, sheet: SheetModel, rect: Rect, bounds?: Bounds): object;
  sheet(file: SpreadsheetModel, sheet: SheetModel): object;
}

export class RuntimeEnv {
  readonly spreadsheets = new Map<string, SpreadsheetModel>();
  readonly logs: LogEntry[] = [];
  /** Active sheet and range per user and spreadsheet ("user|spreadsheetId"). */
  readonly selections = new Map<string, { sheetId: number; a1: string }>();
  readonly ui = new UiState();
  readonly outbox: SentMail[] = [];
  readonly mailUsage = new MailUsage();
  readonly properties = new PropertyStores();
  readonly caches = new CacheStores();
  readonly locks = new LockTable();
  readonly triggers = new TriggerStore();
  exec: Execution | null = null;
  /** The vm context of the running execution (templates evaluate their scriptlets in it). */
  vmContext: vm.Context | null = null;
  currentUser: string;
  /** Whether the add-on has been used in this file (onOpen then runs in LIMITED, not NONE). */
  addOnEnabled = true;
  /** "fileId|user" pairs whose access was removed (rt.removeAccess): openById refuses them. */
  readonly noAccess = new Set<string>();
  private nextFileId = 1;
  #objects: ServiceObjects | null = null;

  constructor(
    readonly clock: SimulatedClock,
    readonly ledger: Ledger,
    readonly options: EnvOptions,
    readonly project: Project,
    /** The spreadsheet the add-on is open in. */
    public documentId: string,
    user: string,
  ) {
    this.currentUser = user;
  }

  get objects(): ServiceObjects {
    if (!this.#objects) throw new Error('The runtime has no service objects: call useObjects().');
    return this.#objects;
  }

  useObjects(objects: ServiceObjects): void {
    this.#objects = objects;
  }

  execution(): Execution {
    if (!this.exec) throw new Error('No execution is running: call the script through rt.run().');
    return this.exec;
  }

  /** The spreadsheet of the current run, or null (time-driven triggers have none). */
  activeSpreadsheet(): SpreadsheetModel | null {
    const id = this.execution().documentId;
    return id === null ? null : (this.spreadsheets.get(id) ?? null);
  }

  spreadsheet(id: string): SpreadsheetModel {
    const model = this.spreadsheets.get(id);
    if (model && this.exec && this.noAccess.has(`${id}|${this.exec.user}`))
      throw new ScriptException(messages.noAccess);
    if (!model)
      throw new ScriptException(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return model;
  }

  newFileId(): string {
    return `local-file-${this.nextFileId++}`;
  }

  now(): Date {
    return this.clock.date();
  }
}

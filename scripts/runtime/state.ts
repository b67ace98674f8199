// What the services remember between executions: caches, locks, mail sent, properties, triggers,
// and what the user saw. RuntimeEnv holds one of each; the services act on them.

// CacheService

export interface CacheEntry {
  value: string;
  expiresAt: number;
}

export class CacheStores {
  private readonly stores = new Map<string, Map<string, CacheEntry>>();

  store(name: string): Map<string, CacheEntry> {
    let store = this.stores.get(name);
    if (!store) {
      store = new Map();
      this.stores.set(name, store);
    }
    return store;
  }
}

// LockService

interface Holder {
  /** An execution id, or 0 for the other process a test simulates. */
  execution: number;
  /** When the other process lets go; null = never. */
  until: number | null;
}

export class LockTable {
  private readonly holders = new Map<string, Holder>();

  holder(key: string, now: number): Holder | undefined {
    const holder = this.holders.get(key);
    if (holder && holder.until !== null && holder.until <= now) {
      this.holders.delete(key);
      return undefined;
    }
    return holder;
  }

  take(key: string, execution: number): void {
    this.holders.set(key, { execution, until: null });
  }

  /** A simulated other execution holds the lock until `until` (or forever). */
  holdElsewhere(key: string, until: number | null): void {
    this.holders.set(key, { execution: 0, until });
  }

  release(key: string, execution: number): void {
    if (this.holders.get(key)?.execution === execution) this.holders.delete(key);
  }

  releaseAll(execution: number): void {
    for (const [key, holder] of this.holders)
      if (holder.execution === execution) this.holders.delete(key);
  }
}

// MailApp

export interface SentMail {
  execution: number;
  /** The user the script ran as: mail goes out from this account. */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  sentAt: Date;
}

const quotaWindowMs = 24 * 3_600_000;

/**
 * Recipients counted against each user's daily mail quota. The quota is counted over the 24 hours
 * that start with a send when none is counted (apps-script-rules.md: "the 24 hours since the first
 * send, not from midnight"); past them the count starts again at the next send.
 */
/** Another execution of the same user sends mail just before the script's nth sendEmail call. */
export interface ConcurrentMail {
  user: string;
  /** Counted from when it was set: 1 = the next sendEmail of that user. */
  atSend: number;
  recipients: number;
  /** The words the refusal comes in, as for a user whose Apps Script speaks another language. */
  quotaMessage?: string;
  seen: number;
}

export class MailUsage {
  private readonly windows = new Map<string, { startMs: number; used: number }>();
  readonly concurrent: ConcurrentMail[] = [];

  usedToday(user: string, nowMs: number): number {
    const window = this.windows.get(user);
    return window && nowMs < window.startMs + quotaWindowMs ? window.used : 0;
  }

  /** When the quota counted now is whole again (null when nothing is counted). */
  resetsAt(user: string, nowMs: number): number | null {
    const window = this.windows.get(user);
    return window && nowMs < window.startMs + quotaWindowMs ? window.startMs + quotaWindowMs : null;
  }

  add(user: string, nowMs: number, recipients: number): void {
    const window = this.windows.get(user);
    if (!window || nowMs >= window.startMs + quotaWindowMs)
      this.windows.set(user, { startMs: nowMs, used: recipients });
    else window.used += recipients;
  }
}

// PropertiesService

/** Every store's contents, outside the vm; tests read and seed them through rt.properties. */
export class PropertyStores {
  readonly document = new Map<string, Map<string, string>>();
  readonly user = new Map<string, Map<string, string>>();
  readonly script = new Map<string, string>();

  documentStore(documentId: string): Map<string, string> {
    let store = this.document.get(documentId);
    if (!store) {
      store = new Map();
      this.document.set(documentId, store);
    }
    return store;
  }

  userStore(email: string): Map<string, string> {
    let store = this.user.get(email);
    if (!store) {
      store = new Map();
      this.user.set(email, store);
    }
    return store;
  }
}

// ScriptApp

export type Schedule =
  | { kind: 'everyMinutes'; minutes: number }
  | { kind: 'everyHours'; hours: number }
  | {
      kind: 'everyDays';
      days: number;
      hour: number | null;
      minute: number | null;
      timeZone: string;
    }
  | { kind: 'at'; atMs: number };

export interface TriggerModel {
  uid: string;
  handler: string;
  owner: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  source: 'SPREADSHEETS' | 'CLOCK' | 'FORMS' | 'DOCUMENTS' | 'CALENDAR';
  /** The spreadsheet a spreadsheet trigger watches. */
  sourceId: string | null;
  /** The document the add-on was used in when the trigger was made (one of each type per document). */
  documentId: string | null;
  createdMs: number;
  schedule?: Schedule;
  /** Next time a time-driven trigger fires. */
  nextMs?: number;
}

export class TriggerStore {
  readonly all: TriggerModel[] = [];
  private nextUid = 1;

  newUid(): string {
    return String(1_000_000 + this.nextUid++);
  }
}

// The spreadsheet's Ui

export type MenuEntry =
  | { caption: string; functionName: string }
  | 'separator'
  | { caption: string; subMenu: MenuSpec };

export interface MenuSpec {
  caption: string;
  /** True for Extensions > add-on name (createAddonMenu). */
  addon: boolean;
  items: MenuEntry[];
}

export interface ShownHtml {
  kind: 'sidebar' | 'modalDialog' | 'modelessDialog';
  title: string;
  html: string;
  width?: number;
  height?: number;
}

export interface AlertRecord {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
  answer: string;
  text?: string;
}

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

/** What the user saw and what the test answers: rt.ui. */
export class UiState {
  menus: MenuSpec[] = [];
  shown: ShownHtml[] = [];
  alerts: AlertRecord[] = [];
  toasts: Toast[] = [];
  private answers: Array<{ button: string; text?: string }> = [];

  /** Queues the button (and prompt text) the user will choose in the next alert or prompt. */
  answer(button: 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO', text?: string): void {
    this.answers.push(text === undefined ? { button } : { button, text });
  }

  nextAnswer(buttons: string, what: string): { button: string; text?: string } {
    const scripted = this.answers.shift();
    if (scripted) return scripted;
    if (buttons === 'OK') return { button: 'OK' };
    throw new Error(
      `No answer scripted for "${what}": call rt.ui.answer(...) before the script asks.`,
    );
  }

  get sidebar(): ShownHtml | undefined {
    return [...this.shown].reverse().find((s) => s.kind === 'sidebar');
  }

  get dialogs(): ShownHtml[] {
    return this.shown.filter((s) => s.kind !== 'sidebar');
  }

  /** The add-on menu, as Extensions shows it. */
  get addonMenu(): MenuSpec | undefined {
    return this.menus.find((m) => m.addon);
  }
}

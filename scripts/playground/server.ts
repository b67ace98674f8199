// The playground's web server: the emulated spreadsheet, its menu, the real sidebar and the outbox over HTTP.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../build';
import type { RuntimeEnv } from '../runtime/env';
import { createRuntime, type Runtime } from '../runtime/index';
import type { SpreadsheetSnapshot } from '../runtime/snapshot';
import { epochFromWallTime, wallTimeAt, weekdayOf } from '../runtime/values-time';
import { readXlsx, writeXlsx } from '../runtime/xlsx';
import { gridView } from './grid-state';
import { withShim } from './sidebar-shim';

export interface PlaygroundOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  host?: string;
  /** Open this workbook and save every change back to it (created on the first save if missing). */
  xlsx?: string;
  /** The simulated clock's start; the real time by default. */
  now?: Date;
  distDir?: string;
  timeZone?: string;
  locale?: string;
  /** The user at the keyboard when a browser tab opens (each tab then picks its own). */
  user?: string;
  /** Start on a blank spreadsheet (no tracker, no demo data), as a new user's own file. */
  empty?: boolean;
  /** Open this spreadsheet (a CSV read by csv.ts), saved to `xlsx` when one is given. */
  spreadsheet?: SpreadsheetSnapshot;
}

export interface Playground {
  url: string;
  runtime: Runtime;
  /** Writes the workbook now (when one was given) and stops the server. */
  close(): Promise<void>;
}

/** The demo team: a seller first, the manager last (see src/domain/demo-data.ts). */
export const playgroundUsers = [
  { email: 'ana@example.com', role: 'seller' },
  { email: 'luis@example.com', role: 'seller' },
  { email: 'sara@example.com', role: 'seller' },
  { email: 'marta@example.com', role: 'manager' },
] as const;

const here = path.dirname(fileURLToPath(import.meta.url));
const userPattern = /^[^\s@]+@[^\s@]+$/;
const saveDelayMs = 400;
/**
 * Sidebar calls that only read. The sidebar polls `selection` every few seconds; not counting these
 * as changes spares the page a redraw (and the workbook a save) each time.
 */
const readOnlyRpc = new Set([
  'bootstrap',
  'selection',
  'getDeal',
  'myDay',
  'reviewQueue',
  'teamView',
]);

/** An answer the runtime's strict alerts need: the playground clicks the affirmative button. */
function affirmative(buttons: string): string {
  if (buttons.startsWith('YES')) return 'YES';
  return 'OK';
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const distDir = options.distDir ?? path.join(projectRoot, 'dist');
  const xlsx = options.xlsx ? path.resolve(options.xlsx) : undefined;
  const given = options.spreadsheet;
  const fromFile = given !== undefined || (xlsx !== undefined && existsSync(xlsx));
  const defaultUser = options.user ?? playgroundUsers[0].email;
  const timeZone = options.timeZone ?? 'Europe/Madrid';
  const locale = options.locale ?? 'en_US';
  const rt = await createRuntime({
    ...(given
      ? { spreadsheet: given }
      : fromFile && xlsx
        ? { spreadsheet: await readXlsx(xlsx, { timeZone, locale }) }
        : {}),
    timeZone,
    locale,
    now: options.now ?? new Date(),
    user: defaultUser,
    distDir,
    // The page's clock is the one a person sets ("tomorrow 08:00"): the script's CPU time is for
    // the 6-minute limit in tests, not for what the playground shows.
    cpuOnClock: false,
  });
  autoAnswer(rt);
  rt.spreadsheet.name = given
    ? given.name
    : xlsx
      ? path.basename(xlsx, '.xlsx')
      : options.empty
        ? 'Untitled spreadsheet'
        : 'Opportunity Tracker demo';
  rt.open({ authMode: fromFile || options.empty ? 'LIMITED' : 'NONE' });
  if (!fromFile && !options.empty) {
    // A new user lands on a working tracker: set up, demo pipeline loaded, the sidebar open.
    await rt.run('setUpTracker');
    await rt.run('loadDemoData');
    rt.open({ authMode: 'LIMITED' });
    // On the first deal, so the sidebar opens on something to work with.
    const tracker = rt.spreadsheet.sheets[0];
    if (tracker && tracker.lastRow() > 1) rt.select(tracker.name, 'A2');
  }
  await rt.run('showSidebar');

  let revision = 1;
  let saveTimer: NodeJS.Timeout | undefined;
  const file = { path: xlsx ?? null, savedAt: null as string | null, error: null as string | null };
  let saving: Promise<void> = Promise.resolve();
  /** Writes the workbook; a failure is kept for the page to show, and the next change tries again. */
  const saveNow = async (): Promise<void> => {
    if (!xlsx) return;
    clearTimeout(saveTimer);
    saveTimer = undefined;
    saving = saving.then(async () => {
      try {
        await writeXlsx(rt.snapshot(), xlsx);
        file.savedAt = new Date().toISOString();
        file.error = null;
      } catch (error) {
        file.error = error instanceof Error ? error.message : String(error);
        console.error(`Could not save ${xlsx}: ${file.error}`);
      }
      // The page shows whether the file is saved: a new revision makes it look.
      revision += 1;
    });
    await saving;
  };
  const changed = () => {
    revision += 1;
    if (!xlsx) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void saveNow(), saveDelayMs);
  };
  if (xlsx && !existsSync(xlsx)) await saveNow();

  // Requests touch one runtime: run them one after another, as one user's clicks would.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T> | T): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const routes: Record<
    string,
    (body: Record<string, unknown>, url: URL) => Promise<unknown> | unknown
  > = {
    'GET /api/state': (_body, url) => state(rt, revision, url.searchParams, file),
    'POST /api/run': async (body) => {
      const fn = String(body.fn ?? '');
      const args = Array.isArray(body.args) ? body.args : [];
      try {
        return { result: await rt.run(fn, ...args) };
      } finally {
        if (!(fn === 'rpc' && readOnlyRpc.has(String(args[0])))) changed();
      }
    },
    'POST /api/menu': async (body) => {
      const fn = String(body.fn ?? '');
      const known = menuFunctions(rt);
      if (!known.includes(fn)) throw new RequestError(400, `"${fn}" is not in the add-on menu.`);
      const before = rt.ui.shown.length;
      try {
        await rt.run(fn);
      } finally {
        changed();
      }
      // Every menu click rebuilds the menu in Apps Script when the file reloads; here after setup.
      rt.open({ authMode: 'LIMITED' });
      const shown = rt.ui.shown.slice(before);
      const dialog = shown.filter((s) => s.kind !== 'sidebar').at(-1);
      return {
        sidebarOpened: shown.some((s) => s.kind === 'sidebar'),
        // A modal dialog the add-on showed (the adoption dialog): the page opens /dialog.
        dialog: dialog
          ? { title: dialog.title, width: dialog.width ?? 0, height: dialog.height ?? 0 }
          : null,
      };
    },
    'POST /api/select': (body) => {
      rt.select(String(body.sheet ?? ''), String(body.a1 ?? 'A1'));
      changed();
      return {};
    },
    'POST /api/edit': async (body) => {
      const value = body.value;
      if (typeof value !== 'string' && typeof value !== 'boolean' && typeof value !== 'number')
        throw new RequestError(400, 'value must be text, a number or true/false.');
      let outcome: ReturnType<Runtime['edit']>;
      try {
        outcome = rt.edit(String(body.sheet ?? ''), String(body.a1 ?? ''), value);
      } finally {
        changed();
      }
      // Sheets refuses such an edit with a message box; the page shows it as a toast.
      if (!outcome.accepted)
        throw new RequestError(409, outcome.message ?? 'The edit was refused.');
      const failed = outcome.executions.filter((e) => e.status !== 'completed');
      return {
        warnings: outcome.warnings,
        failed: failed.map((e) => `${e.fn}: ${e.error ?? e.status}`),
      };
    },
    'POST /api/user': (body) => {
      const email = String(body.email ?? '');
      if (!userPattern.test(email)) throw new RequestError(400, 'Give an email address.');
      // The page keeps the choice per browser tab and sends it with every request.
      rt.setUser(email);
      // The menu is built per user when the file opens.
      rt.open({ authMode: 'LIMITED' });
      changed();
      return { user: email };
    },
    'POST /api/clock': async (body) => {
      const target = clockTarget(rt.clock.now(), timeZone, body);
      if (target <= rt.clock.now()) throw new RequestError(400, 'The clock only moves forward.');
      const runs = rt.advanceTo(target);
      changed();
      return {
        now: new Date(rt.clock.now()).toISOString(),
        runs: runs.map((e) => ({
          fn: e.fn,
          user: e.user,
          status: e.status,
          error: e.error ?? null,
        })),
      };
    },
    'POST /api/save': async () => {
      if (!xlsx)
        throw new RequestError(
          400,
          'The playground was started without a file: nothing to save to.',
        );
      await saveNow();
      if (file.error) throw new RequestError(500, `Not saved: ${file.error}`);
      return { saved: xlsx };
    },
  };

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/favicon.ico')
      return send(response, 204, 'text/plain', '');
    if (method === 'GET' && url.pathname === '/')
      return sendFile(response, 'page.html', 'text/html');
    if (method === 'GET' && url.pathname === '/page.js')
      return sendFile(response, 'page.js', 'text/javascript');
    if (method === 'GET' && url.pathname === '/charts.js')
      return sendFile(response, 'charts.js', 'text/javascript');
    if (method === 'GET' && url.pathname === '/page.css')
      return sendFile(response, 'page.css', 'text/css');
    // Each browser tab is one person: the user it chose comes with every request.
    const header = request.headers['x-playground-user'];
    const asked = typeof header === 'string' ? header : '';
    const user = userPattern.test(asked) ? asked : defaultUser;
    const asUser = <T>(work: () => Promise<T> | T) =>
      serial(() => {
        rt.setUser(user);
        return work();
      });
    if (method === 'GET' && url.pathname === '/sidebar') {
      const html = await asUser(() => sidebarHtml(rt, distDir));
      return send(response, 200, 'text/html; charset=utf-8', withShim(html));
    }
    if (method === 'GET' && url.pathname === '/dialog') {
      const dialog = rt.ui.dialogs.at(-1);
      if (!dialog) return sendJson(response, 404, { error: 'No dialog is open.' });
      return send(response, 200, 'text/html; charset=utf-8', withShim(dialog.html));
    }
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return sendJson(response, 404, { error: `No route ${method} ${url.pathname}` });
    const body = method === 'POST' ? await readJson(request) : {};
    try {
      const result = await asUser(() => route(body, url));
      sendJson(response, 200, result);
    } catch (error) {
      const status = error instanceof RequestError ? error.status : 500;
      sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  const port = options.port ?? 0;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://localhost:${address.port}`,
    runtime: rt,
    async close() {
      await saveNow();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Alerts in the runtime need their answer before the script asks. The playground cannot pause a
 * running script to wait for a click, so it says yes, and the page shows what was asked.
 */
function autoAnswer(rt: Runtime): void {
  const ui = rt.ui;
  const scripted = ui.nextAnswer.bind(ui);
  ui.nextAnswer = (buttons: string, what: string) => {
    try {
      return scripted(buttons, what);
    } catch {
      return { button: affirmative(buttons) };
    }
  };
}

/**
 * The user's selection lives in the runtime's environment, which Runtime keeps
 * private; the playground reads them (never writes) to draw what Sheets would show.
 */
function runtimeEnv(rt: Runtime): RuntimeEnv {
  return (rt as unknown as { env: RuntimeEnv }).env;
}

function menuFunctions(rt: Runtime): string[] {
  const names: string[] = [];
  const walk = (items: ReadonlyArray<unknown>) => {
    for (const item of items) {
      if (typeof item !== 'object' || item === null) continue;
      if ('functionName' in item) names.push(String(item.functionName));
      if ('subMenu' in item) walk((item.subMenu as { items: unknown[] }).items);
    }
  };
  for (const menu of rt.ui.menus) walk(menu.items);
  return names;
}

/** The sidebar the add-on last showed; the add-on's own showSidebar makes one if none is open. */
async function sidebarHtml(rt: Runtime, distDir: string): Promise<string> {
  if (!rt.ui.sidebar) {
    try {
      await rt.run('showSidebar');
    } catch {
      return readFile(path.join(distDir, 'Sidebar.html'), 'utf8');
    }
  }
  return rt.ui.sidebar?.html ?? readFile(path.join(distDir, 'Sidebar.html'), 'utf8');
}

/** { iso } moves to an instant; { advanceHours }; { tomorrowAt: 'HH:MM' } in the spreadsheet's zone. */
export function clockTarget(
  nowMs: number,
  timeZone: string,
  body: Record<string, unknown>,
): number {
  if (typeof body.iso === 'string') {
    const ms = Date.parse(body.iso);
    if (Number.isNaN(ms)) throw new RequestError(400, `"${body.iso}" is not a date and time.`);
    return ms;
  }
  if (typeof body.advanceHours === 'number' && body.advanceHours > 0)
    return nowMs + body.advanceHours * 3_600_000;
  if (typeof body.tomorrowAt === 'string') {
    const match = /^(\d{1,2}):(\d{2})$/.exec(body.tomorrowAt);
    if (!match) throw new RequestError(400, 'tomorrowAt is HH:MM.');
    const today = wallTimeAt(nowMs, timeZone);
    const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
    return epochFromWallTime(
      {
        year: tomorrow.getUTCFullYear(),
        month: tomorrow.getUTCMonth() + 1,
        day: tomorrow.getUTCDate(),
        hour: Number(match[1]),
        minute: Number(match[2]),
      },
      timeZone,
    );
  }
  throw new RequestError(400, 'Give iso, advanceHours (> 0) or tomorrowAt.');
}

/** Everything the page draws, in one answer. `since` counters let the page pick up only new alerts. */
function state(
  rt: Runtime,
  revision: number,
  query: URLSearchParams,
  saved: { path: string | null; savedAt: string | null; error: string | null },
): unknown {
  const file = rt.spreadsheet;
  const now = new Date(rt.clock.now());
  const env = runtimeEnv(rt);
  const selection = env.selections.get(`${rt.user}|${file.id}`);
  const requested = query.get('sheet');
  const sheet =
    (requested ? file.sheetByName(requested) : undefined) ??
    (selection ? file.sheetById(selection.sheetId) : undefined) ??
    file.sheets[0];
  const alertsFrom = Number(query.get('alerts') ?? 0) || 0;
  const toastsFrom = Number(query.get('toasts') ?? 0) || 0;
  const news = {
    alerts: { total: rt.ui.alerts.length, from: alertsFrom, new: rt.ui.alerts.slice(alertsFrom) },
    toasts: { total: rt.ui.toasts.length, from: toastsFrom, new: rt.ui.toasts.slice(toastsFrom) },
  };
  if (query.get('known') === String(revision) && !requested)
    return { revision, unchanged: true, ...news };
  const menu = rt.ui.addonMenu;
  return {
    revision,
    spreadsheet: { name: file.name, timeZone: file.timeZone, locale: file.locale },
    file: saved.path ? saved : null,
    tabs: file.sheets.map((s) => ({ name: s.name, sheetId: s.sheetId })),
    grid: sheet ? gridView(file, sheet, now) : null,
    selection: selection
      ? { sheet: file.sheetById(selection.sheetId)?.name ?? '', a1: selection.a1 }
      : null,
    user: rt.user,
    users: playgroundUsers,
    clock: { iso: now.toISOString(), local: localTime(now, file.timeZone) },
    menu: menu ? { caption: menu.caption, items: menu.items } : null,
    outbox: rt.outbox.map((mail, index) => ({
      index,
      from: mail.from,
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      body: mail.body,
      htmlBody: mail.htmlBody ?? null,
      sentAt: mail.sentAt.toISOString(),
      sentLocal: localTime(mail.sentAt, file.timeZone),
    })),
    ...news,
    triggers: rt.triggers.map((t) => ({
      handler: t.handler,
      owner: t.owner,
      next: t.nextMs === undefined ? null : localTime(new Date(t.nextMs), file.timeZone),
    })),
  };
}

function localTime(date: Date, timeZone: string): string {
  const w = wallTimeAt(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekdayOf(w)] ?? '';
  return `${day} ${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function sendFile(response: ServerResponse, name: string, type: string): Promise<void> {
  const content = await readFile(path.join(here, name), 'utf8');
  send(response, 200, `${type}; charset=utf-8`, content);
}

function send(response: ServerResponse, status: number, type: string, content: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(content);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

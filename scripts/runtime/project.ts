// The Apps Script project a runtime runs: script and HTML files in project order, the manifest, and
// the OAuth scopes the code may use (the manifest's list, or inferred from the code as Google does).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { scopes } from './auth';

/**
 * One file of the project, named with its extension: 'Code.js' or 'Code.gs' (server script),
 * 'Page.html' (HTML, found by HtmlService as 'Page'), 'appsscript.json' (the manifest).
 */
export interface ProjectFile {
  name: string;
  source: string;
}

/** The fields of appsscript.json the runtime uses. */
export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  /** Advanced services the project enabled (Sheets, BigQuery): each becomes a global. */
  dependencies?: {
    enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }>;
  };
}

export interface Project {
  /** Server scripts in project order: every execution runs their top level in this order. */
  scripts: Array<{ name: string; script: vm.Script }>;
  /** HTML files by name without '.html', as HtmlService.createHtmlOutputFromFile finds them. */
  html: ReadonlyMap<string, string>;
  manifest: Manifest;
  /** The project's time zone (appsscript.json timeZone): the script's Date runs in it. */
  timeZone: string;
  /** The scopes the user granted: the manifest's oauthScopes, or those inferred from the code. */
  scopes: ReadonlySet<string>;
  scopesInferred: boolean;
}

/** Apps Script's default for a project whose manifest names no zone. */
const defaultTimeZone = 'America/New_York';

const isScript = (name: string) => /\.(js|gs)$/.test(name);

export function loadProject(files: ProjectFile[]): Project {
  const manifestFile = files.find((f) => f.name === 'appsscript.json');
  const manifest = manifestFile ? (JSON.parse(manifestFile.source) as Manifest) : {};
  const sources = files.filter((f) => isScript(f.name));
  const listed = manifest.oauthScopes;
  return {
    scripts: sources.map((f) => ({ name: f.name, script: compileScript(f.source, f.name) })),
    html: new Map(
      files.filter((f) => f.name.endsWith('.html')).map((f) => [f.name.slice(0, -5), f.source]),
    ),
    manifest,
    timeZone: manifest.timeZone ?? defaultTimeZone,
    scopes: new Set(listed ?? inferScopes(sources.map((f) => f.source))),
    scopesInferred: listed === undefined,
  };
}

/**
 * The files of a project folder (dist/, or a clasp rootDir) in project order: those a .clasp.json
 * lists in filePushOrder first (clasp: "files that should be pushed first"), then the rest by name.
 * The .clasp.json is the folder's own, or its parent's when that one's rootDir is this folder.
 */
export function readProjectDir(dir: string): ProjectFile[] {
  const names = readdirSync(dir).filter(
    (name) => isScript(name) || name.endsWith('.html') || name === 'appsscript.json',
  );
  const first = pushOrder(dir);
  const rank = (name: string) => {
    const at = first.indexOf(name);
    return at < 0 ? first.length : at;
  };
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => ({ name, source: readFileSync(path.join(dir, name), 'utf8') }));
}

function pushOrder(dir: string): string[] {
  for (const configDir of [dir, path.dirname(dir)]) {
    const file = path.join(configDir, '.clasp.json');
    if (!existsSync(file)) continue;
    const config = JSON.parse(readFileSync(file, 'utf8')) as {
      rootDir?: string;
      filePushOrder?: string[];
    };
    const root = path.resolve(configDir, config.rootDir ?? '.');
    if (root !== path.resolve(dir)) continue;
    return (config.filePushOrder ?? []).map((entry) =>
      path.relative(root, path.resolve(configDir, entry)),
    );
  }
  return [];
}

/**
 * The scopes Google infers when the manifest lists none: it scans the code for the services it
 * calls (https://developers.google.com/apps-script/concepts/scopes#viewing_scopes). A file marked
 * @OnlyCurrentDoc gets spreadsheets.currentonly instead of spreadsheets.
 */
export function inferScopes(sources: string[]): string[] {
  const code = sources.join('\n');
  const found = new Set<string>();
  if (/\bSpreadsheetApp\b/.test(code))
    found.add(/@OnlyCurrentDoc\b/.test(code) ? scopes.currentOnly : scopes.spreadsheets);
  if (/\bMailApp\b/.test(code)) found.add(scopes.sendMail);
  if (
    /\bScriptApp\s*\.\s*(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)\b/.test(code)
  )
    found.add(scopes.scriptApp);
  if (/\.getUi\s*\(/.test(code)) found.add(scopes.containerUi);
  if (/\bSession\b/.test(code) && /\.getEmail\s*\(/.test(code)) found.add(scopes.userEmail);
  return [...found];
}

/** Compiled project files, shared by every runtime of this process (tests make hundreds). */
const compiled = new Map<string, vm.Script>();

/**
 * Compiles a project file once per process; each execution runs it in a new global, as Apps Script
 * loads the project afresh for every run. V8 then also compiles each function once, not per runtime.
 */
export function compileScript(code: string, filename = 'Code.js'): vm.Script {
  const key = `${filename}\0${code}`;
  let script = compiled.get(key);
  if (!script) {
    script = new vm.Script(code, { filename });
    compiled.set(key, script);
  }
  return script;
}

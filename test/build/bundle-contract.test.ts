// Proves dist/Code.js is a valid Apps Script file: plain globals, nothing run at load, a bare onOpen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bundleGlobal, entrypointNames, projectRoot } from '../../scripts/build';
import { menuItems } from '../../src/gas/menu';
import { reminderHandler } from '../../src/gas/reminder-trigger';

/**
 * Every function Apps Script calls by name, listed by hand (not read from the build): a function
 * the build drops, or one renamed in src/gas/entrypoints.ts, fails here instead of on Google.
 */
const expectedEntrypoints = {
  /** Simple triggers Apps Script calls by their names, and the installable ones the add-on creates. */
  triggers: ['onOpen', 'onInstall', 'onEdit', 'runReminders'],
  /** Extensions > Opportunity Tracker. */
  menu: [
    'showSidebar',
    'setUpTracker',
    'checkAndRepair',
    'refreshMetrics',
    'archiveClosedDeals',
    'turnOnReminders',
    'turnOffReminders',
    'loadDemoData',
  ],
  /** google.script.run from the sidebar and the adoption dialog. */
  client: ['rpc', 'adoptRpc'],
};
const expected = Object.values(expectedEntrypoints).flat();

const code = readFileSync(path.join(projectRoot, 'dist/Code.js'), 'utf8');

/** What each Ui call returns in the fakes below, by method name. */
const returns: Record<string, string> = {
  getUi: 'Ui',
  createAddonMenu: 'Menu',
  addItem: 'Menu',
  addSeparator: 'Menu',
};

/**
 * A context whose services record every member used; a member outside `allowed` throws, as Apps
 * Script does for a service that AuthMode.NONE does not permit.
 */
function recordingContext(allowed: ReadonlySet<string>) {
  const touched: string[] = [];
  const service = (type: string): object =>
    new Proxy(
      {},
      {
        get(_target, key) {
          if (typeof key === 'symbol') return undefined;
          const member = `${type}.${key}`;
          touched.push(member);
          if (!allowed.has(member)) throw new Error(`${member} is not available in AuthMode.NONE`);
          if (member === 'ScriptApp.AuthMode')
            return { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' };
          const result = returns[key];
          return () => (result ? service(result) : undefined);
        },
      },
    );
  const context = vm.createContext({
    SpreadsheetApp: service('SpreadsheetApp'),
    ScriptApp: service('ScriptApp'),
    PropertiesService: service('PropertiesService'),
    HtmlService: service('HtmlService'),
    Session: service('Session'),
  });
  return { context, touched };
}

describe('dist/Code.js', () => {
  it('loads in a bare context with no require, no process and no Apps Script services', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context, { filename: 'Code.js' });
    expect(Object.keys(context)).toContain(bundleGlobal);
    expect(vm.runInContext('typeof require + typeof process + typeof module', context)).toBe(
      'undefinedundefinedundefined',
    );
  });

  it('declares every trigger, menu function and server call as a top-level function', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    for (const name of expected) {
      expect(typeof context[name], name).toBe('function');
      // A function declaration, not a property assigned later: Apps Script lists only declarations.
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('exports exactly the listed entrypoints: a new one is added to the list on purpose', async () => {
    expect(await entrypointNames()).toEqual([...expected].sort());
  });

  it('touches no service while loading', () => {
    const { context, touched } = recordingContext(new Set());
    vm.runInContext(code, context);
    expect(touched).toEqual([]);
  });

  it('builds only the menu when onOpen runs in AuthMode.NONE', () => {
    const allowed = new Set([
      'ScriptApp.AuthMode',
      'SpreadsheetApp.getUi',
      'Ui.createAddonMenu',
      'Menu.addItem',
      'Menu.addSeparator',
      'Menu.addToUi',
    ]);
    const { context, touched } = recordingContext(allowed);
    vm.runInContext(code, context);
    vm.runInContext('onOpen({ authMode: "NONE" })', context);
    expect(touched).toContain('Menu.addToUi');
    expect(touched.filter((member) => !allowed.has(member))).toEqual([]);
  });

  it('runs only listed menu functions from the menu', () => {
    const named = menuItems.flatMap((item) => (item === 'separator' ? [] : [item.functionName]));
    expect(named).toEqual(expectedEntrypoints.menu);
  });

  it('installs triggers only for listed functions', () => {
    expect(expectedEntrypoints.triggers).toContain(reminderHandler);
  });
});

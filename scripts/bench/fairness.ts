// Proof that the fair baseline did the add-on's work: the same cells, History lines and lists.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { defaultSettings } from '../../src/domain/defaults';
import { fields } from '../../src/domain/fields';
import { settingsToRows } from '../../src/domain/settings-table';
import { choiceLabels } from '../../src/gas/sheet-format';
import { historyHeader } from '../../src/gas/tabs';
import { projectRoot } from '../build';

/** Where two outcomes differ, as "path: add-on … / baseline …" lines (at most `limit`). */
export function differences(addon: unknown, fair: unknown, limit = 5, at = ''): string[] {
  const found: string[] = [];
  const walk = (a: unknown, b: unknown, where: string) => {
    if (found.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) found.push(`${where}: ${a.length} items / ${b.length} items`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${where}[${i}]`);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys)
        walk(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          `${where}.${key}`,
        );
      return;
    }
    if (!Object.is(a, b))
      found.push(
        `${where || 'value'}: add-on ${JSON.stringify(a)} / baseline ${JSON.stringify(b)}`,
      );
  };
  walk(addon, fair, at);
  return found;
}

/**
 * The baselines type the add-on's columns, settings and History header in by hand, as a sample
 * would; they must be the add-on's own, or the race is unfair.
 */
export async function checkBaselineConstants(): Promise<string[]> {
  const problems: string[] = [];
  const load = async (file: string, expose: string) => {
    const code = await readFile(path.join(projectRoot, 'scripts/bench', file), 'utf8');
    const context = vm.createContext({});
    vm.runInContext(`${code}\nthis.exposed = { ${expose} };`, context);
    return context.exposed as Record<string, unknown>;
  };
  const fair = await load('baseline-code.js', 'COLUMNS, CHOICES, SETTINGS_ROWS, HISTORY_HEADER');
  const expected = {
    COLUMNS: fields.map((f) => [f.header.en, f.kind, f.width]),
    CHOICES: {
      'Contact type': choiceLabels.en.contactType,
      Influence: choiceLabels.en.influence,
      Tier: choiceLabels.en.tier,
    },
    SETTINGS_ROWS: settingsToRows(defaultSettings('en'), 'en'),
    HISTORY_HEADER: historyHeader.en,
  };
  for (const [name, value] of Object.entries(expected)) {
    const diff = differences(value, fair[name], 3, name);
    if (diff.length > 0) problems.push(`scripts/bench/baseline-code.js ${diff.join('; ')}`);
  }
  const naive = await load(
    'naive-code.js',
    'ID_COL, STAGE_COL, IN_STAGE_SINCE_COL, UPDATED_COL, DATE_COLS, HEADERS',
  );
  const at = (key: string) => fields.findIndex((f) => f.key === key) + 1;
  const naiveExpected = {
    ID_COL: at('id'),
    STAGE_COL: at('stage'),
    IN_STAGE_SINCE_COL: at('stageEntered'),
    UPDATED_COL: at('updated'),
    DATE_COLS: fields.flatMap((f, i) => (f.kind === 'date' ? [i + 1] : [])),
    HEADERS: fields.map((f) => f.header.en),
  };
  for (const [name, value] of Object.entries(naiveExpected)) {
    const diff = differences(value, naive[name], 3, name);
    if (diff.length > 0) problems.push(`scripts/bench/naive-code.js ${diff.join('; ')}`);
  }
  return problems;
}

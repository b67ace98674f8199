// The Settings tab, parsed once and kept in a document property so sidebar calls do not read the tab.

import type { Language } from '../domain/i18n';
import type { Settings } from '../domain/model';
import { shortHash } from '../domain/version';
import { documentProperties, propertyKeys } from './properties';
import { readSettings } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Properties hold at most 9 KB a value: bigger settings (long email templates) are read each time. */
const maxCachedBytes = 8_500;

export interface CachedSettings {
  settings: Settings;
  /** Changes whenever the settings change: the sidebar compares it to reload itself. */
  stamp: string;
}

/** Settings from the cache, else from the tab (then cached). */
export function loadSettings(spreadsheet: Spreadsheet, language: Language): CachedSettings {
  const cached = parseCache(documentProperties()?.getProperty(propertyKeys.settingsCache));
  if (cached) return cached;
  return refreshSettingsCache(spreadsheet, language);
}

/**
 * Reads the Settings tab (one call) and stores it when it differs from the cache: the sidebar's
 * bootstrap and an edit of the Settings tab call this, so a change applies at the next click.
 */
export function refreshSettingsCache(spreadsheet: Spreadsheet, language: Language): CachedSettings {
  const { settings } = readSettings(spreadsheet, language);
  return cacheSettings(settings);
}

/** Stores settings someone just wrote or read (set up, repair): no extra read. */
export function cacheSettings(settings: Settings): CachedSettings {
  const json = JSON.stringify(settings);
  const entry: CachedSettings = { settings, stamp: shortHash(json) };
  const store = documentProperties();
  if (!store) return entry;
  const text = JSON.stringify({ stamp: entry.stamp, settings });
  const current = store.getProperty(propertyKeys.settingsCache);
  const mirror = store.getProperty(propertyKeys.language) ?? '';
  if (text.length <= maxCachedBytes) {
    if (current !== text || mirror !== settings.language)
      store.setProperties({
        [propertyKeys.settingsCache]: text,
        [propertyKeys.language]: settings.language,
      });
  } else {
    if (current !== null) store.deleteProperty(propertyKeys.settingsCache);
    if (mirror !== settings.language) store.setProperty(propertyKeys.language, settings.language);
  }
  return entry;
}

/**
 * The cache as this file wrote it. It is the add-on's own JSON of settings that were checked when
 * read from the tab, so a light check suffices: building the full Settings schema on every call
 * would cost more than the read it saves. The stamp must match the content (a half-written or
 * older-format value is read from the tab again).
 */
function parseCache(text: string | null | undefined): CachedSettings | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as { stamp?: unknown; settings?: Partial<Settings> };
    const settings = value.settings;
    if (typeof value.stamp !== 'string' || !settings || !Array.isArray(settings.stages))
      return null;
    if (shortHash(JSON.stringify(settings)) !== value.stamp) return null;
    return { settings: settings as Settings, stamp: value.stamp };
  } catch {
    return null;
  }
}

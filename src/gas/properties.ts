// Document properties the add-on keeps, read with ONE getProperties() per execution and written through.

export const propertyKeys = {
  trackerSheetId: 'tracker.sheetId',
  historySheetId: 'history.sheetId',
  settingsSheetId: 'settings.sheetId',
  teamSheetId: 'team.sheetId',
  nextId: 'tracker.nextId',
  language: 'settings.language',
  setUpVersion: 'tracker.setUpVersion',
  /** The tracker's header row and derived layout (see tracker-layout.ts); dropped when the header changes. */
  trackerColumns: 'tracker.columns',
  /** The Settings tab as parsed JSON with a stamp (see settings-cache.ts). */
  settingsCache: 'settings.cache',
  /** The open deals' median amount, kept by the calls that read every row (see usual-amount.ts). */
  usualAmount: 'tracker.usualAmount',
} as const;

/** History lines a write could not append; the next execution appends them (see journal.ts). */
export const journalPrefix = 'journal.';

/**
 * The document's properties for this execution. Apps Script starts every execution with fresh
 * globals, so this memo lives exactly one execution: the first use costs one getProperties() call,
 * every later read is free, and writes go through to the service and into the memo.
 */
export interface DocumentStore {
  getProperty(key: string): string | null;
  getProperties(): Readonly<Record<string, string>>;
  setProperty(key: string, value: string): DocumentStore;
  setProperties(values: Record<string, string>): DocumentStore;
  deleteProperty(key: string): DocumentStore;
  /** Reads the service again (one call): for values another execution may have changed, under the lock. */
  refresh(): DocumentStore;
}

let memo: { store: DocumentStore } | null = null;

/** The document's property store, or null where Apps Script gives none (outside a document). */
export function documentProperties(): DocumentStore | null {
  if (memo) return memo.store;
  const service = PropertiesService.getDocumentProperties();
  if (!service) return null;
  let values: Record<string, string> | null = null;
  const load = (): Record<string, string> => {
    if (values === null) values = { ...service.getProperties() };
    return values;
  };
  const store: DocumentStore = {
    getProperty: (key) => load()[key] ?? null,
    getProperties: () => load(),
    setProperty(key, value) {
      service.setProperty(key, value);
      load()[key] = value;
      return store;
    },
    setProperties(next) {
      service.setProperties(next);
      Object.assign(load(), next);
      return store;
    },
    deleteProperty(key) {
      service.deleteProperty(key);
      delete load()[key];
      return store;
    },
    refresh() {
      values = { ...service.getProperties() };
      return store;
    },
  };
  memo = { store };
  return store;
}

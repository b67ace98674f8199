// Developer metadata on the spreadsheet: key/value pairs a script keeps in the file, unseen by people.

import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';

/**
 * One entry at the spreadsheet's top level (the only location modelled). Google keeps it in the
 * file, so every execution that opens the file sees it: a time-driven trigger, any user.
 */
export interface DeveloperMetadataModel {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
}

/**
 * Google: "the total size of all developer metadata on a spreadsheet (keys and values) may not
 * exceed 30,000 characters" (Sheets API limits). The error text is not documented: ours names it.
 */
export const developerMetadataLimit = 30_000;

export const DeveloperMetadataVisibility = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' } as const;

/** What the file holds, and the next ID to hand out. */
export interface MetadataStore {
  developerMetadata: DeveloperMetadataModel[];
  nextMetadataId(): number;
}

export function checkMetadataSize(entries: readonly DeveloperMetadataModel[]): void {
  const size = entries.reduce((total, e) => total + e.key.length + (e.value ?? '').length, 0);
  if (size > developerMetadataLimit)
    throw new ScriptException(
      `Developer metadata of this spreadsheet would exceed ${developerMetadataLimit} characters.`,
    );
}

/** addDeveloperMetadata(key), (key, value), (key, visibility) or (key, value, visibility). */
export function addMetadata(store: MetadataStore, args: readonly unknown[]): void {
  const [key, second, third] = args;
  if (typeof key !== 'string' || key === '')
    throw new ScriptException(messages.invalidArgument('key'));
  const isVisibility = (v: unknown) => v === 'DOCUMENT' || v === 'PROJECT';
  const value = typeof second === 'string' && !isVisibility(second) ? second : null;
  const visibility = [second, third].find(isVisibility) as DeveloperMetadataModel['visibility'];
  const entry: DeveloperMetadataModel = {
    id: store.nextMetadataId(),
    key,
    value,
    visibility: visibility ?? 'DOCUMENT',
  };
  checkMetadataSize([...store.developerMetadata, entry]);
  store.developerMetadata.push(entry);
}

type MetadataMethods =
  | 'getId'
  | 'getKey'
  | 'getValue'
  | 'getVisibility'
  | 'setKey'
  | 'setValue'
  | 'remove';

export class DeveloperMetadataImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.DeveloperMetadata, MetadataMethods>
{
  static readonly serviceName = 'DeveloperMetadata';

  constructor(
    private readonly store: MetadataStore,
    private readonly entry: DeveloperMetadataModel,
  ) {}

  #live(): DeveloperMetadataModel {
    if (!this.store.developerMetadata.includes(this.entry))
      throw new ScriptException('The developer metadata was removed.');
    return this.entry;
  }

  getId(): number {
    return this.entry.id;
  }

  getKey(): string {
    return this.#live().key;
  }

  getValue(): string | null {
    return this.#live().value;
  }

  getVisibility(): string {
    return this.#live().visibility;
  }

  setKey(key: string): this {
    if (typeof key !== 'string' || key === '')
      throw new ScriptException(messages.invalidArgument('key'));
    const entry = this.#live();
    checkMetadataSize(this.store.developerMetadata.map((e) => (e === entry ? { ...e, key } : e)));
    entry.key = key;
    return this;
  }

  setValue(value: string): this {
    const entry = this.#live();
    const next = String(value);
    checkMetadataSize(
      this.store.developerMetadata.map((e) => (e === entry ? { ...e, value: next } : e)),
    );
    entry.value = next;
    return this;
  }

  remove(): void {
    const entry = this.#live();
    this.store.developerMetadata.splice(this.store.developerMetadata.indexOf(entry), 1);
  }
}

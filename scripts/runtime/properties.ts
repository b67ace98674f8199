// PropertiesService: document, user and script stores with Google's size limits.

import type { RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';

export const propertyValueLimitBytes = 9 * 1024;
export const propertyStoreLimitBytes = 500 * 1024;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

type PropertiesMethods =
  | 'getProperty'
  | 'getProperties'
  | 'getKeys'
  | 'setProperty'
  | 'setProperties'
  | 'deleteProperty'
  | 'deleteAllProperties';

export class PropertiesImpl
  implements Signatures<GoogleAppsScript.Properties.Properties, PropertiesMethods>
{
  static readonly serviceName = 'Properties';

  constructor(private readonly store: Map<string, string>) {}

  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }

  getKeys(): string[] {
    return [...this.store.keys()];
  }

  setProperty(key: string, value: string): this {
    this.#write([[String(key), String(value)]], false);
    return this;
  }

  setProperties(properties: object, deleteAllOthers?: boolean): this {
    const entries = Object.entries(properties).map(([k, v]): [string, string] => [k, String(v)]);
    this.#write(entries, deleteAllOthers === true);
    return this;
  }

  /** All or nothing: a value over 9 KB or a store over 500 KB changes nothing. */
  #write(entries: Array<[string, string]>, replace: boolean): void {
    for (const [, value] of entries) {
      if (bytes(value) > propertyValueLimitBytes)
        throw new ScriptException(messages.argumentTooLarge('value'));
    }
    const next = new Map(replace ? [] : this.store);
    for (const [key, value] of entries) next.set(key, value);
    let total = 0;
    for (const [key, value] of next) total += bytes(key) + bytes(value);
    if (total > propertyStoreLimitBytes) throw new ScriptException(messages.propertyStoreQuota);
    this.store.clear();
    for (const [key, value] of next) this.store.set(key, value);
  }

  deleteProperty(key: string): this {
    this.store.delete(String(key));
    return this;
  }

  deleteAllProperties(): this {
    this.store.clear();
    return this;
  }
}

type ServiceMethods = 'getDocumentProperties' | 'getUserProperties' | 'getScriptProperties';

export class PropertiesServiceImpl
  implements Signatures<GoogleAppsScript.Properties.PropertiesService, ServiceMethods>
{
  static readonly serviceName = 'PropertiesService';

  constructor(private readonly env: RuntimeEnv) {}

  /** Null without a document: in a time-driven trigger there is none. */
  getDocumentProperties(): PropertiesImpl | null {
    const id = this.env.execution().documentId;
    return id === null ? null : new PropertiesImpl(this.env.properties.documentStore(id));
  }

  getUserProperties(): PropertiesImpl {
    return new PropertiesImpl(this.env.properties.userStore(this.env.execution().user));
  }

  getScriptProperties(): PropertiesImpl {
    return new PropertiesImpl(this.env.properties.script);
  }
}

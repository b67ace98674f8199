// CacheService: document, user and script caches that expire on the simulated clock.

import type { RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';
import type { CacheEntry } from './state';

export const cacheValueLimitBytes = 100 * 1024;
export const cacheMaxTtlSeconds = 21_600;
const defaultTtlSeconds = 600;

type CacheMethods = 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll';

export class CacheImpl implements Signatures<GoogleAppsScript.Cache.Cache, CacheMethods> {
  static readonly serviceName = 'Cache';

  constructor(
    private readonly env: RuntimeEnv,
    private readonly store: Map<string, CacheEntry>,
  ) {}

  get(key: string): string | null {
    const entry = this.store.get(String(key));
    if (!entry) return null;
    if (entry.expiresAt <= this.env.clock.now()) {
      this.store.delete(String(key));
      return null;
    }
    return entry.value;
  }

  getAll(keys: string[]): Record<string, string> {
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }

  /** Google caps the time to live at 6 hours. */
  /** Returns null, as Apps Script's Cache.put does (not undefined). */
  put(key: string, value: string, expirationInSeconds?: number): null {
    const k = String(key);
    const v = String(value);
    if (k.length > 250) throw new ScriptException(messages.argumentTooLarge('key'));
    if (Buffer.byteLength(v, 'utf8') > cacheValueLimitBytes)
      throw new ScriptException(messages.argumentTooLarge('value'));
    const ttl = Math.min(expirationInSeconds ?? defaultTtlSeconds, cacheMaxTtlSeconds);
    this.store.set(k, { value: v, expiresAt: this.env.clock.now() + ttl * 1000 });
    return null;
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): null {
    for (const [key, value] of Object.entries(values)) this.put(key, value, expirationInSeconds);
    return null;
  }

  remove(key: string): null {
    this.store.delete(String(key));
    return null;
  }

  removeAll(keys: string[]): null {
    for (const key of keys) this.store.delete(String(key));
    return null;
  }
}

type ServiceMethods = 'getDocumentCache' | 'getUserCache' | 'getScriptCache';

export class CacheServiceImpl
  implements Signatures<GoogleAppsScript.Cache.CacheService, ServiceMethods>
{
  static readonly serviceName = 'CacheService';

  constructor(private readonly env: RuntimeEnv) {}

  getDocumentCache(): CacheImpl | null {
    const id = this.env.execution().documentId;
    return id === null ? null : new CacheImpl(this.env, this.env.caches.store(`document:${id}`));
  }

  getUserCache(): CacheImpl {
    return new CacheImpl(this.env, this.env.caches.store(`user:${this.env.execution().user}`));
  }

  getScriptCache(): CacheImpl {
    return new CacheImpl(this.env, this.env.caches.store('script'));
  }
}

// LockService: document, user and script locks; the test can make "another execution" hold one.

import type { RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';

export class LockImpl
  implements
    Signatures<GoogleAppsScript.Lock.Lock, 'waitLock' | 'tryLock' | 'releaseLock' | 'hasLock'>
{
  static readonly serviceName = 'Lock';

  constructor(
    private readonly env: RuntimeEnv,
    private readonly key: string,
  ) {}

  /** Waits on the simulated clock: up to the timeout, or until the other holder lets go. */
  #acquire(timeoutInMillis: number): boolean {
    const exec = this.env.execution();
    // A negative timeout never acquires, even a free lock: tryLock(-1) is false and waitLock(-1)
    // throws (gas-fakes' lock tests, verified on Apps Script).
    if (!(timeoutInMillis >= 0)) return false;
    const now = this.env.clock.now();
    const holder = this.env.locks.holder(this.key, now);
    if (!holder || holder.execution === exec.id) {
      this.env.locks.take(this.key, exec.id);
      return true;
    }
    if (holder.until !== null && holder.until <= now + timeoutInMillis) {
      this.env.clock.set(holder.until);
      this.env.locks.take(this.key, exec.id);
      return true;
    }
    this.env.clock.advance(timeoutInMillis);
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.#acquire(timeoutInMillis)) throw new ScriptException(messages.lockTimeout);
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.#acquire(timeoutInMillis);
  }

  releaseLock(): void {
    this.env.locks.release(this.key, this.env.execution().id);
  }

  hasLock(): boolean {
    return (
      this.env.locks.holder(this.key, this.env.clock.now())?.execution === this.env.execution().id
    );
  }
}

export class LockServiceImpl
  implements
    Signatures<
      GoogleAppsScript.Lock.LockService,
      'getDocumentLock' | 'getScriptLock' | 'getUserLock'
    >
{
  static readonly serviceName = 'LockService';

  constructor(private readonly env: RuntimeEnv) {}

  /** Null outside a document (a time-driven trigger). */
  getDocumentLock(): LockImpl | null {
    const id = this.env.execution().documentId;
    return id === null ? null : new LockImpl(this.env, `document:${id}`);
  }

  getScriptLock(): LockImpl {
    return new LockImpl(this.env, 'script');
  }

  getUserLock(): LockImpl {
    return new LockImpl(this.env, `user:${this.env.execution().user}`);
  }
}

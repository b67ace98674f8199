// Session and User: who runs the script, who is at the keyboard, and the script's time zone.

import type { RuntimeEnv } from './env';
import type { Signatures } from './gas-types';

export class UserImpl implements Signatures<GoogleAppsScript.Base.User, 'getEmail'> {
  static readonly serviceName = 'User';

  constructor(
    _env: RuntimeEnv,
    readonly email: string,
    /** The active user's email is hidden when the runtime is told so (consumer accounts, other domains). */
    private readonly hidden: boolean,
  ) {}

  getEmail(): string {
    return this.hidden ? '' : this.email;
  }

  toString(): string {
    return this.getEmail();
  }
}

type SessionMethods =
  | 'getActiveUser'
  | 'getEffectiveUser'
  | 'getScriptTimeZone'
  | 'getActiveUserLocale'
  | 'getTemporaryActiveUserKey';

export class SessionImpl implements Signatures<GoogleAppsScript.Base.Session, SessionMethods> {
  static readonly serviceName = 'Session';

  constructor(private readonly env: RuntimeEnv) {}

  getActiveUser(): UserImpl {
    const exec = this.env.execution();
    return new UserImpl(this.env, exec.activeUser, !this.env.options.activeUserVisible);
  }

  getEffectiveUser(): UserImpl {
    return new UserImpl(this.env, this.env.execution().user, false);
  }

  getScriptTimeZone(): string {
    return this.env.project.timeZone;
  }

  /** A language code such as 'en' or 'es', from the user's locale. */
  getActiveUserLocale(): string {
    return this.env.options.locale.split(/[_-]/)[0] ?? 'en';
  }

  /** Stable per user and script, and not the email: good for keys that must not leak identity. */
  getTemporaryActiveUserKey(): string {
    const email = this.env.execution().activeUser;
    let hash = 0;
    for (const ch of email) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
    return `temp-${(hash >>> 0).toString(36)}`;
  }
}

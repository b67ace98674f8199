// ScriptApp: installable triggers (time-driven and spreadsheet), their limits, and when they fire next.

import type { RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';
import type { Schedule, TriggerModel } from './state';
import { epochFromWallTime, isTimeZone, wallTimeAt } from './values-time';

export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
} as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;

export const maxTriggersPerUser = 20;
const minuteMs = 60_000;
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** A fixed minute in 0-59 per trigger: Google fires atHour triggers at some minute of that hour. */
export function pseudoRandomMinute(uid: string): number {
  let hash = 7;
  for (const ch of uid) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 60;
}

/** The first firing strictly after `afterMs`. */
export function nextFiring(trigger: TriggerModel, afterMs: number): number | undefined {
  const schedule = trigger.schedule;
  if (!schedule) return undefined;
  switch (schedule.kind) {
    case 'at':
      return schedule.atMs > afterMs ? schedule.atMs : undefined;
    case 'everyMinutes':
    case 'everyHours': {
      const step =
        schedule.kind === 'everyMinutes' ? schedule.minutes * minuteMs : schedule.hours * hourMs;
      const periods = Math.floor((afterMs - trigger.createdMs) / step) + 1;
      return trigger.createdMs + Math.max(1, periods) * step;
    }
    case 'everyDays': {
      const created = wallTimeAt(trigger.createdMs, schedule.timeZone);
      const hour = schedule.hour ?? created.hour;
      const minute =
        schedule.minute ??
        (schedule.hour === null ? created.minute : pseudoRandomMinute(trigger.uid));
      const firstDay = Date.UTC(created.year, created.month - 1, created.day);
      const at = (dayIndex: number) => {
        const d = new Date(firstDay + dayIndex * dayMs);
        return epochFromWallTime(
          {
            year: d.getUTCFullYear(),
            month: d.getUTCMonth() + 1,
            day: d.getUTCDate(),
            hour,
            minute,
          },
          schedule.timeZone,
        );
      };
      let index = Math.max(0, Math.floor((afterMs - trigger.createdMs) / dayMs) - 1);
      index -= index % schedule.days;
      for (;;) {
        const candidate = at(index);
        if (candidate > afterMs && candidate > trigger.createdMs) return candidate;
        index += schedule.days;
      }
    }
  }
}

type TriggerMethods =
  | 'getUniqueId'
  | 'getHandlerFunction'
  | 'getEventType'
  | 'getTriggerSource'
  | 'getTriggerSourceId';

export class TriggerImpl implements Signatures<GoogleAppsScript.Script.Trigger, TriggerMethods> {
  static readonly serviceName = 'Trigger';

  constructor(readonly model: TriggerModel) {}

  getUniqueId(): string {
    return this.model.uid;
  }

  getHandlerFunction(): string {
    return this.model.handler;
  }

  getEventType(): string {
    return this.model.eventType;
  }

  getTriggerSource(): string {
    return this.model.source;
  }

  getTriggerSourceId(): string | null {
    return this.model.sourceId;
  }
}

function register(
  env: RuntimeEnv,
  model: Omit<TriggerModel, 'uid' | 'owner' | 'documentId' | 'createdMs'>,
): TriggerImpl {
  const exec = env.execution();
  const mine = env.triggers.all.filter((t) => t.owner === exec.user);
  if (mine.length >= maxTriggersPerUser) throw new ScriptException(messages.tooManyTriggers);
  const documentId = model.sourceId ?? exec.documentId;
  if (
    env.options.kind === 'addon' &&
    documentId !== null &&
    mine.some((t) => t.documentId === documentId && t.eventType === model.eventType)
  )
    // Google documents the rule (one trigger of each type per user per document for add-ons) but not its text.
    throw new ScriptException(
      `An add-on can have only one trigger of type ${model.eventType} per user per document.`,
    );
  const trigger: TriggerModel = {
    ...model,
    uid: env.triggers.newUid(),
    owner: exec.user,
    documentId,
    createdMs: env.clock.now(),
  };
  trigger.nextMs = nextFiring(trigger, trigger.createdMs);
  env.triggers.all.push(trigger);
  return new TriggerImpl(trigger);
}

type ClockMethods =
  | 'everyHours'
  | 'everyDays'
  | 'atHour'
  | 'nearMinute'
  | 'inTimezone'
  | 'everyMinutes'
  | 'at'
  | 'after'
  | 'create';

export class ClockTriggerBuilderImpl
  implements Signatures<GoogleAppsScript.Script.ClockTriggerBuilder, ClockMethods>
{
  static readonly serviceName = 'ClockTriggerBuilder';
  private minutes: number | null = null;
  private hours: number | null = null;
  private days: number | null = null;
  private hour: number | null = null;
  private minute: number | null = null;
  private timeZone: string;
  private atMs: number | null = null;

  constructor(
    private readonly env: RuntimeEnv,
    private readonly handler: string,
  ) {
    this.timeZone = env.project.timeZone;
  }

  /** Every 1, 5, 10, 15 or 30 minutes; add-ons may not run time-driven triggers more than hourly. */
  everyMinutes(n: number): this {
    if (this.env.options.kind === 'addon')
      throw new ScriptException(
        'Add-ons cannot create time-based triggers that run more frequently than once per hour.',
      );
    if (![1, 5, 10, 15, 30].includes(n))
      throw new ScriptException(messages.invalidArgument('minutes'));
    this.minutes = n;
    return this;
  }

  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n))
      throw new ScriptException(messages.invalidArgument('hours'));
    this.hours = n;
    return this;
  }

  everyDays(n: number): this {
    if (!Number.isInteger(n) || n < 1) throw new ScriptException(messages.invalidArgument('days'));
    this.days = n;
    return this;
  }

  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw new ScriptException(messages.invalidArgument('hour'));
    this.hour = hour;
    return this;
  }

  nearMinute(minute: number): this {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59)
      throw new ScriptException(messages.invalidArgument('minute'));
    this.minute = minute;
    return this;
  }

  inTimezone(timezone: string): this {
    if (!isTimeZone(timezone)) throw new ScriptException(messages.invalidArgument('timezone'));
    this.timeZone = timezone;
    return this;
  }

  at(date: GoogleAppsScript.Base.Date): this {
    this.atMs = date.getTime();
    return this;
  }

  after(durationMilliseconds: number): this {
    this.atMs = this.env.clock.now() + durationMilliseconds;
    return this;
  }

  create(): TriggerImpl {
    let schedule: Schedule;
    if (this.atMs !== null) schedule = { kind: 'at', atMs: this.atMs };
    else if (this.minutes !== null) schedule = { kind: 'everyMinutes', minutes: this.minutes };
    else if (this.hours !== null) {
      if (this.hour !== null)
        throw new ScriptException('atHour() needs everyDays() or everyWeeks().');
      schedule = { kind: 'everyHours', hours: this.hours };
    } else if (this.days !== null)
      schedule = {
        kind: 'everyDays',
        days: this.days,
        hour: this.hour,
        minute: this.hour === null ? null : this.minute,
        timeZone: this.timeZone,
      };
    else
      throw new ScriptException(
        'The trigger has no schedule: call everyHours(), everyDays() or at() first.',
      );
    return register(this.env, {
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule,
    });
  }
}

export class SpreadsheetTriggerBuilderImpl
  implements
    Signatures<
      GoogleAppsScript.Script.SpreadsheetTriggerBuilder,
      'onEdit' | 'onOpen' | 'onChange' | 'create'
    >
{
  static readonly serviceName = 'SpreadsheetTriggerBuilder';
  private eventType: TriggerModel['eventType'] | null = null;

  constructor(
    private readonly env: RuntimeEnv,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {}

  onEdit(): this {
    this.eventType = 'ON_EDIT';
    return this;
  }

  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }

  onChange(): this {
    this.eventType = 'ON_CHANGE';
    return this;
  }

  create(): TriggerImpl {
    if (!this.eventType)
      throw new ScriptException(
        'The trigger has no event: call onEdit(), onOpen() or onChange() first.',
      );
    return register(this.env, {
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.spreadsheetId,
    });
  }
}

export class TriggerBuilderImpl
  implements Signatures<GoogleAppsScript.Script.TriggerBuilder, 'timeBased' | 'forSpreadsheet'>
{
  static readonly serviceName = 'TriggerBuilder';

  constructor(
    private readonly env: RuntimeEnv,
    private readonly handler: string,
  ) {}

  timeBased(): ClockTriggerBuilderImpl {
    return new ClockTriggerBuilderImpl(this.env, this.handler);
  }

  forSpreadsheet(
    sheet: string | GoogleAppsScript.Spreadsheet.Spreadsheet,
  ): SpreadsheetTriggerBuilderImpl {
    const id =
      typeof sheet === 'string' ? sheet : (sheet as unknown as { getId(): string }).getId();
    this.env.spreadsheet(id);
    return new SpreadsheetTriggerBuilderImpl(this.env, this.handler, id);
  }
}

type ScriptAppMethods =
  | 'getProjectTriggers'
  | 'getUserTriggers'
  | 'newTrigger'
  | 'deleteTrigger'
  | 'getScriptId'
  | 'getAuthorizationInfo';

export class ScriptAppImpl
  implements Signatures<GoogleAppsScript.Script.ScriptApp, ScriptAppMethods>
{
  static readonly serviceName = 'ScriptApp';
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthorizationStatus = AuthorizationStatus;

  constructor(private readonly env: RuntimeEnv) {}

  /** The current user's triggers in this project (other users' triggers are invisible). */
  getProjectTriggers(): TriggerImpl[] {
    const user = this.env.execution().user;
    return this.env.triggers.all.filter((t) => t.owner === user).map((t) => new TriggerImpl(t));
  }

  getUserTriggers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerImpl[] {
    const user = this.env.execution().user;
    const id = (spreadsheet as unknown as { getId(): string }).getId();
    return this.env.triggers.all
      .filter((t) => t.owner === user && t.documentId === id)
      .map((t) => new TriggerImpl(t));
  }

  newTrigger(functionName: string): TriggerBuilderImpl {
    return new TriggerBuilderImpl(this.env, String(functionName));
  }

  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    if (!(trigger instanceof TriggerImpl))
      throw new ScriptException(messages.invalidArgument('trigger'));
    const user = this.env.execution().user;
    const at = this.env.triggers.all.findIndex(
      (t) => t.uid === trigger.model.uid && t.owner === user,
    );
    if (at >= 0) this.env.triggers.all.splice(at, 1);
  }

  getScriptId(): string {
    return 'local-script';
  }

  getAuthorizationInfo(_authMode: GoogleAppsScript.Script.AuthMode): {
    getAuthorizationStatus(): string;
    getAuthorizationUrl(): string | null;
  } {
    return {
      getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED,
      getAuthorizationUrl: () => null,
    };
  }
}

// Loads dist/Code.js into a fresh node:vm context per execution, with recording proxies as services.

import vm from 'node:vm';
import { advancedServices } from './advanced';
import { checkPermission } from './auth';
import { CacheServiceImpl } from './cache';
import { ChartType } from './charts';
import { CpuMeter } from './cpu-meter';
import type { RuntimeEnv } from './env';
import { ExecutionKilled, messages, ScriptException } from './errors';
import { isDate } from './gas-types';
import { googleEnum, googleMember } from './google-api';
import { HtmlServiceImpl } from './html';
import { type CellUsage, cellUsage, type UsageReporter } from './ledger';
import { LockServiceImpl } from './lock';
import { MailAppImpl } from './mail';
import { PropertiesServiceImpl } from './properties';
import { SessionImpl } from './session';
import { SpreadsheetAppImpl } from './spreadsheet';
import { ScriptAppImpl } from './triggers';
import { ConsoleImpl, LoggerImpl, UtilitiesImpl } from './utilities';

/** A fault the test injects: the nth call (from now) of Service.method throws. */
export interface Fault {
  service: string;
  method: string;
  nth: number;
  error?: string;
  seen: number;
}

function serviceNameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ctor = (value as { constructor?: { serviceName?: unknown } }).constructor;
  return typeof ctor?.serviceName === 'string' ? ctor.serviceName : undefined;
}

/** What the call touches, as the service object reports it (Range, Sheet, TextFinder). */
function usageOf(target: object, method: string, args: unknown[]): CellUsage {
  const report = (target as Partial<UsageReporter>)[cellUsage];
  return (typeof report === 'function' ? report.call(target, method, args) : undefined) ?? {};
}

function argBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (isDate(value)) return 8;
  if (depth > 4 || serviceNameOf(value)) return 0;
  if (Array.isArray(value))
    return value.reduce<number>((sum, item) => sum + argBytes(item, depth + 1), 0);
  if (typeof value === 'object')
    return Object.entries(value).reduce(
      (sum, [k, v]) => sum + k.length + argBytes(v, depth + 1),
      0,
    );
  return 0;
}

/**
 * The script's clock is the simulated one: `new Date()` and `Date.now()` follow rt.clock, as Apps
 * Script's follow Google's. Every Date stays an instance of the script's own Date. Compiled once.
 */
const followClock = new vm.Script(
  `(function (now) {
    const RealDate = Date;
    function ScriptDate(...args) {
      if (!new.target) return new RealDate(now()).toString();
      return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
    }
    ScriptDate.prototype = RealDate.prototype;
    ScriptDate.now = () => now();
    ScriptDate.UTC = RealDate.UTC;
    ScriptDate.parse = RealDate.parse;
    globalThis.Date = ScriptDate;
  })`,
  { filename: 'runtime-clock.js' },
);

const framePattern = /^\s*at (?:(.+?) \()?([^()]+):(\d+):(\d+)\)?$/;

/**
 * The frames of an error's stack that are in the project's own files, innermost first, as
 * 'name (Code.js:12:5)' or 'Code.js:3:1' for top-level code: the runtime's frames are left out.
 */
export function scriptFrames(error: unknown, files: ReadonlyArray<{ name: string }>): string[] {
  const stack = typeof error === 'object' && error !== null ? (error as Error).stack : undefined;
  if (typeof stack !== 'string') return [];
  const names = new Set(files.map((f) => f.name));
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const match = framePattern.exec(line);
    if (!match || !names.has(match[2] ?? '')) continue;
    const place = `${match[2]}:${match[3]}:${match[4]}`;
    frames.push(match[1] ? `${match[1]} (${place})` : place);
  }
  return frames;
}

/**
 * Runs the script's local time in the project's time zone (appsscript.json timeZone), as Apps
 * Script does: `new Date(2026, 0, 1)`, getHours() and toString() must not depend on the machine.
 * V8 takes local time from the process's TZ, which Node lets a program change while it runs, and
 * every vm context shares it; so an execution sets TZ and puts the old value back when it ends.
 * The runtime's own code never uses local time (every zone it needs is explicit). ICU's default
 * zone is per process: fine for vitest's default pool (forks, a process per test file).
 * Returns the function that restores the previous zone.
 */
export function enterTimeZone(timeZone: string): () => void {
  const previous = process.env.TZ;
  if (previous === timeZone) return () => {};
  process.env.TZ = timeZone;
  return () => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  };
}

/**
 * A fresh global object for one execution. An ordinary one (DONT_CONTEXTIFY, Node 20.18+): a
 * contextified sandbox routes every global lookup (Math, Object, JSON...) through interceptors,
 * which made global-heavy loops ~60x slower than on a plain V8 global, and so the measured CPU time
 * far above what Google's V8 spends.
 */
function newGlobal(): vm.Context {
  const vanilla = vm.constants?.DONT_CONTEXTIFY;
  return vanilla === undefined ? vm.createContext({}) : vm.createContext(vanilla);
}

/**
 * The script's view of the services for one execution. Every method call on a service object goes
 * through here: permission check, fault injection, ledger entry, simulated time, the time limit,
 * and conversion of values between the runtime's realm and the script's.
 */
export class ScriptRealm {
  readonly context: vm.Context;
  /** The script's own JavaScript time in this execution; it moves the clock as it is measured. */
  readonly cpu: CpuMeter;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  private readonly VmDate: DateConstructor;
  private readonly VmError: ErrorConstructor;
  private readonly VmArray: ArrayConstructor;
  private readonly VmObject: ObjectConstructor;

  constructor(
    private readonly env: RuntimeEnv,
    private readonly faults: Fault[],
  ) {
    this.cpu = new CpuMeter(env.options.cpuFactor, (ms) => {
      if (env.options.cpuOnClock) env.clock.advance(ms);
    });
    const services = {
      SpreadsheetApp: new SpreadsheetAppImpl(env),
      ScriptApp: new ScriptAppImpl(env),
      PropertiesService: new PropertiesServiceImpl(env),
      CacheService: new CacheServiceImpl(env),
      LockService: new LockServiceImpl(env),
      MailApp: new MailAppImpl(env),
      HtmlService: new HtmlServiceImpl(env),
      Session: new SessionImpl(env),
      Utilities: new UtilitiesImpl(env),
      Logger: new LoggerImpl(env),
      console: new ConsoleImpl(env),
    };
    this.context = newGlobal();
    followClock.runInContext(this.context)(() => env.clock.now());
    // The context is the script's global object itself, so its built-ins are plain properties.
    this.VmDate = this.context.Date;
    this.VmError = this.context.Error;
    this.VmArray = this.context.Array;
    this.VmObject = this.context.Object;
    for (const [name, service] of Object.entries({ ...services, ...advancedServices(env) }))
      this.context[name] = this.wrap(service);
    this.context.Charts = this.toScript({ ChartType });
  }

  /** A proxy that records every method call on a service object. */
  private wrap(target: object): object {
    const known = this.proxies.get(target);
    if (known) return known;
    const service = serviceNameOf(target) ?? 'Unknown';
    const proxy = new Proxy(target, {
      get: (obj, key) => {
        if (typeof key === 'symbol' || key === 'constructor') return undefined;
        if (key.startsWith('_')) return undefined;
        const value = (obj as Record<string, unknown>)[key];
        // Apps Script objects print as their class name ("Range", "DataValidationBuilder").
        if (key === 'toString' && value === Object.prototype.toString) return () => service;
        if (typeof value === 'function') {
          return (...args: unknown[]) =>
            this.call(obj, service, key, value as (...a: unknown[]) => unknown, args);
        }
        // A template's variables read back as the script set them.
        if (service === 'HtmlTemplate' && Object.hasOwn(obj, key)) return value;
        // Only enums (SpreadsheetApp.DataValidationCriteria, ScriptApp.AuthMode...) are visible data.
        if (key in obj && /^[A-Z]/.test(key)) return this.toScript(value);
        return this.notOffered(service, key);
      },
      set: (obj, key, value) => {
        // Templates take their variables as properties: template.deals = [...].
        if (typeof key === 'string' && service === 'HtmlTemplate') {
          (obj as Record<string, unknown>)[key] = value;
          return true;
        }
        return false;
      },
      has: (obj, key) => typeof key === 'string' && key in obj,
      ownKeys: (obj) => (service === 'HtmlTemplate' ? Reflect.ownKeys(obj) : []),
      getOwnPropertyDescriptor: (obj, key) =>
        service === 'HtmlTemplate' ? Reflect.getOwnPropertyDescriptor(obj, key) : undefined,
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  /**
   * A member Google's class has and the runtime does not model: an enum the types list is offered
   * (its values are their names, as the runtime's enums are), a method throws at its call "not
   * offered by this runtime: Class.method" (never undefined-is-not-a-function, never a guess).
   * A name Google's class does not have is undefined, as on Google.
   */
  private notOffered(service: string, key: string): unknown {
    const member = googleMember(service, key);
    if (member === 'enum') return this.toScript(googleEnum(service, key));
    if (member !== 'method') return undefined;
    const VmError = this.VmError;
    return () => {
      const error = new VmError(`not offered by this runtime: ${service}.${key}`);
      error.name = 'Exception';
      throw error;
    };
  }

  private call(
    target: object,
    service: string,
    method: string,
    fn: (...a: unknown[]) => unknown,
    rawArgs: unknown[],
  ): unknown {
    const exec = this.env.execution();
    this.cpu.leaveScript();
    try {
      if (exec.killed) throw new ExecutionKilled(messages.timeout);
      // The script's JavaScript since its last call is on the clock now: it may have run out of time.
      this.checkTime();
      checkPermission(exec.authMode, this.env.project.scopes, service, method);
      const args = rawArgs.map((arg) => this.fromScript(arg));
      const usage = usageOf(target, method, args);
      const costMs = this.env.ledger.price(exec.id, service, method, usage);
      this.env.ledger.record({
        execution: exec.id,
        fn: exec.fn,
        user: exec.user,
        service,
        method,
        ...(usage.read === undefined ? {} : { cellsRead: usage.read }),
        ...(usage.written === undefined ? {} : { cellsWritten: usage.written }),
        ...(usage.searched === undefined ? {} : { cellsSearched: usage.searched }),
        argBytes: argBytes(args),
        costMs,
      });
      this.env.clock.advance(costMs[this.env.options.costMode]);
      for (const fault of this.faults) {
        if (fault.service === service && fault.method === method && ++fault.seen === fault.nth)
          throw new ScriptException(fault.error ?? messages.serverError);
      }
      const result = fn.apply(target, args);
      this.checkTime();
      return this.toScript(result);
    } catch (error) {
      throw this.scriptError(error);
    } finally {
      this.cpu.enterScript();
    }
  }

  /** Past the limit the run is over: this call and every later one throw, and catch cannot save it. */
  checkTime(): void {
    const exec = this.env.execution();
    if (this.env.clock.now() - exec.startMs > exec.limitMs) {
      exec.killed = true;
      // The script may loop on, catching; cheap errors keep the rest of the doomed run fast.
      (this.VmError as { stackTraceLimit?: number }).stackTraceLimit = 0;
      throw new ExecutionKilled(messages.timeout);
    }
  }

  private scriptError(error: unknown): Error {
    if (error instanceof Error && Object.getPrototypeOf(error) === this.VmError.prototype)
      return error;
    const message = error instanceof Error ? error.message : String(error);
    const scriptError = new this.VmError(message);
    scriptError.name =
      error instanceof ScriptException || error instanceof ExecutionKilled ? 'Exception' : 'Error';
    return scriptError;
  }

  /** Runtime values into the script's realm: Dates and arrays of the vm, proxies for services. */
  toScript(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (serviceNameOf(value)) return this.wrap(value);
    if (this.targets.has(value)) return value;
    if (isDate(value)) return new this.VmDate(value.getTime());
    if (Array.isArray(value)) {
      const out = new this.VmArray(value.length);
      for (let i = 0; i < value.length; i++) out[i] = this.toScript(value[i]);
      return out;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null || proto === this.VmObject.prototype) {
      const out = new this.VmObject() as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[k] = this.toScript(v);
      return out;
    }
    return value;
  }

  /** Script values into the runtime: services unwrapped, arrays and plain objects copied. */
  fromScript(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = this.targets.get(value);
    if (target) return target;
    if (isDate(value)) return new Date((value as Date).getTime());
    if (Array.isArray(value)) return value.map((item) => this.fromScript(item));
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null || proto === this.VmObject.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.fromScript(v);
      return out;
    }
    return value;
  }
}

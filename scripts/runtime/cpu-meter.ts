// Measures the script's own JavaScript time in an execution, leaving out time spent in the runtime.
//
// Apps Script counts the script's JavaScript against the 6-minute (30-second) limit like any service
// call. The meter runs while the script's code runs (its top level, then the function) and stops
// whenever the script calls a service, so only the script's own work is counted, not the runtime's
// model of Google's servers. It reads process CPU time (user + system), which a busy machine does not
// inflate as it would wall time; background V8 threads (GC, compiler) count too, as they would for
// the script on Google.
//
// Google's V8 is taken to run the script as fast as this machine: no published figure compares the
// two (Tanaike's V8 benchmarks give Apps Script timings in charts, without a local baseline), so
// the factor is 1 unless RuntimeOptions.cpuFactor says otherwise.

/** This process's CPU time so far, in ms (user + system). */
export function cpuNowMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export class CpuMeter {
  /** Script time so far, in Google-equivalent ms (measured × factor). */
  #totalMs = 0;
  #since = 0;
  /** Host frames between the script and now: the meter runs only at depth 0. */
  #depth = 1;

  constructor(
    private readonly factor: number,
    /** Called with each stretch of script time, so the clock can move with it. */
    private readonly onScriptTime: (ms: number) => void,
  ) {}

  get totalMs(): number {
    return this.#totalMs;
  }

  /** Control passes to the script (the execution starts, or a service call returns). */
  enterScript(): void {
    if (--this.#depth === 0) this.#since = cpuNowMs();
  }

  /** Control passes to the runtime (a service call starts, or the execution ends). */
  leaveScript(): void {
    if (this.#depth++ !== 0) return;
    const ms = (cpuNowMs() - this.#since) * this.factor;
    this.#totalMs += ms;
    this.onScriptTime(ms);
  }
}

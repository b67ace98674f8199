// The script's own JavaScript time is measured per execution and counts against Google's time limits.
import { describe, expect, it } from 'vitest';
import { cpuNowMs } from '../../scripts/runtime/cpu-meter';
import { runtimeFor } from './script-runtime';

const script = `
function spin(n) { var x = 0; for (var i = 0; i < n; i++) x += Math.sqrt(i); return x > 0; }
function spinThenCall(n) { spin(n); return SpreadsheetApp.getActive().getId(); }
function serverHeavy() {
  var range = SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 1000, 26);
  for (var i = 0; i < 5; i++) range.getValues();
}
function sleepAndSpin(n) { Utilities.sleep(1000); spin(n); }
function onEdit() { spin(200000); SpreadsheetApp.getActive().toast('edited'); }
`;

describe('CPU time', () => {
  it('measures the script’s JavaScript and puts it on the simulated clock', async () => {
    const rt = await runtimeFor(script);
    rt.run('spin', 3_000_000);
    const run = rt.executions.at(-1);
    expect(run?.cpuMs).toBeGreaterThan(1);
    // The clock holds epoch milliseconds: a double keeps about 0.0002 ms of them.
    expect((run?.endMs ?? 0) - (run?.startMs ?? 0)).toBeCloseTo(run?.cpuMs ?? -1, 2);
    expect(rt.ledger.summary().cpuMs).toBeCloseTo(run?.cpuMs ?? -1, 5);
    expect(rt.ledger.summary().modeledMs.opt).toBeCloseTo(run?.cpuMs ?? -1, 5);
  });

  it('runs the script on an ordinary V8 global, so global lookups cost what they cost on Google', async () => {
    // 3 million Math.sqrt calls take about 7 ms of V8 time; through a contextified sandbox's
    // interceptors, about 450 ms.
    const rt = await runtimeFor(script);
    rt.run('spin', 100_000);
    rt.run('spin', 3_000_000);
    expect(rt.executions.at(-1)?.cpuMs).toBeLessThan(100);
  });

  it('leaves out the time the runtime spends inside service calls', async () => {
    const rt = await runtimeFor(script);
    rt.run('serverHeavy'); // warm up
    const before = cpuNowMs();
    rt.run('serverHeavy');
    const wholeRun = cpuNowMs() - before;
    expect(rt.executions.at(-1)?.cpuMs).toBeLessThan(wholeRun / 2);
  });

  it('ends a run whose JavaScript alone passes the limit, at the next service call or at its end', async () => {
    // A factor of a million makes a few milliseconds of local CPU minutes on Google's side.
    const rt = await runtimeFor(script, { cpuFactor: 1_000_000 });
    expect(() => rt.run('spinThenCall', 1_000_000)).toThrow('Exceeded maximum execution time');
    expect(rt.ledger.count({ method: 'getId' })).toBe(0);
    expect(() => rt.run('spin', 1_000_000)).toThrow('Exceeded maximum execution time');
    expect(rt.executions.map((e) => e.status)).toEqual(['timedOut', 'timedOut']);
  });

  it('gives simple triggers their 30 seconds of JavaScript too', async () => {
    const rt = await runtimeFor(script, { cpuFactor: 1_000_000 });
    const { executions } = rt.edit('Sheet1', 'A1', 'x');
    expect(executions[0]).toMatchObject({ status: 'timedOut' });
    expect(rt.ui.toasts).toEqual([]);
  });

  it('keeps the clock exact with cpuOnClock: false, and still measures', async () => {
    const rt = await runtimeFor(script, { cpuOnClock: false });
    rt.run('sleepAndSpin', 1_000_000);
    const run = rt.executions.at(-1);
    expect((run?.endMs ?? 0) - (run?.startMs ?? 0)).toBe(1000);
    expect(run?.cpuMs).toBeGreaterThan(0);
  });
});

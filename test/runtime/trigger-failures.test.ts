// A failed trigger run is reported: in a summary, and (when asked) as an error at the failing run.
import { describe, expect, it } from 'vitest';
import { TriggerRunError } from '../../scripts/runtime/index';
import { runtimeFor } from './script-runtime';

const script = `function install() { ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create(); }
function hourly() {
  var runs = Number(PropertiesService.getScriptProperties().getProperty('runs') || 0) + 1;
  PropertiesService.getScriptProperties().setProperty('runs', String(runs));
  if (runs === 2) SpreadsheetApp.getActiveSpreadsheet().getName();
}
function onEdit(e) {
  e.range.getValue().toUpperCase();
}`;

const hourMs = 3_600_000;

describe('failed trigger runs', () => {
  it('are summed up with their error and place, and the runs after them go on', async () => {
    const rt = await runtimeFor(script);
    rt.run('install');
    rt.advanceBy(3 * hourMs);
    rt.edit('Sheet1', 'A1', 5);
    const summary = rt.executionSummary();
    expect(summary).toMatchObject({ runs: 5, completed: 3, failed: 2, timedOut: 0 });
    expect(summary.byFunction.hourly).toEqual({ runs: 3, failed: 1, timedOut: 0 });
    expect(summary.failures).toEqual([
      expect.objectContaining({
        fn: 'hourly',
        kind: 'timeTrigger',
        error: "Cannot read properties of null (reading 'getName')",
        at: 'Code.js:5:56',
      }),
      expect.objectContaining({ fn: 'onEdit', kind: 'simpleTrigger', at: 'Code.js:8:22' }),
    ]);
  });

  it('throw at the failing run with triggerFailures: "throw", leaving the clock there', async () => {
    const rt = await runtimeFor(script, { triggerFailures: 'throw' });
    rt.run('install');
    const start = rt.clock.now();
    let thrown: unknown;
    try {
      rt.advanceBy(3 * hourMs);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TriggerRunError);
    expect((thrown as TriggerRunError).message).toBe(
      "hourly (timeTrigger) failed: Cannot read properties of null (reading 'getName') at Code.js:5:56",
    );
    expect(rt.clock.now() - start).toBeLessThan(3 * hourMs);
    expect(rt.properties.script.get('runs')).toBe('2');
    expect(() => rt.edit('Sheet1', 'A1', 5)).toThrow(/onEdit \(simpleTrigger\) failed/);
  });
});

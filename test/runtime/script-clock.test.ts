// The script reads the simulated clock, in the project time zone: not the machine's time or zone.
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../scripts/runtime/index';
import { runtimeFor } from './script-runtime';

it('gives the script the simulated time, whatever day the tests run', async () => {
  const rt = await createRuntime({
    now: new Date('2031-05-06T07:08:09Z'),
    timeZone: 'Europe/Madrid',
  });
  rt.run('setUpTracker');
  const boot = rt.run('rpc', 'bootstrap', {}) as { ok: boolean; data: { today: string } };
  expect(boot.data.today).toBe('2031-05-06');
  rt.advanceBy(24 * 3600 * 1000);
  const next = rt.run('rpc', 'bootstrap', {}) as { ok: boolean; data: { today: string } };
  expect(next.data.today).toBe('2031-05-07');
});

describe("the script's local time", () => {
  const code = `
    function newYear() { var d = new Date(2026, 0, 1); return [d.toISOString(), d.getHours(), d.getTimezoneOffset()]; }
    function nowHere() { var d = new Date(); return [d.getHours(), String(d).indexOf('GMT') > 0]; }`;

  it('follows the project time zone in appsscript.json, not the machine', async () => {
    const madrid = await runtimeFor(code, { scriptTimeZone: 'Europe/Madrid' });
    expect(madrid.run('newYear')).toEqual(['2025-12-31T23:00:00.000Z', 0, -60]);
    const newYork = await runtimeFor(code, { scriptTimeZone: 'America/New_York' });
    expect(newYork.run('newYear')).toEqual(['2026-01-01T05:00:00.000Z', 0, 300]);
    // The simulated clock is 09:00 UTC: 04:00 in New York.
    expect(newYork.run('nowHere')).toEqual([4, true]);
  });

  it('leaves the test’s own time zone as it was', async () => {
    const before = new Date(2026, 0, 1).getTime();
    const rt = await runtimeFor(code, { scriptTimeZone: 'Asia/Kolkata' });
    rt.run('newYear');
    expect(new Date(2026, 0, 1).getTime()).toBe(before);
  });
});

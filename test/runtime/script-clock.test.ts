// The add-on reads the simulated clock: `new Date()` inside the script is rt.clock, not the machine's.
import { expect, it } from 'vitest';
import { createRuntime } from '../../scripts/runtime/index';

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

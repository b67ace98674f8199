// Every execution loads the project afresh, as Apps Script does, and starting one is cheap.
import { describe, expect, it } from 'vitest';
import { cpuNowMs } from '../../scripts/runtime/cpu-meter';
import { runtimeFor } from './script-runtime';

const script = `
const loadedAt = [];
let runs = 0;
class Counter { static made = 0; constructor() { Counter.made++; } }
function touchEverything() {
  runs++;
  new Counter();
  globalThis.leftBehind = (globalThis.leftBehind || 0) + 1;
  Array.prototype.polluted = true;
  loadedAt.push(1);
  return [runs, Counter.made, globalThis.leftBehind, loadedAt.length];
}
function sawPollution() { return [typeof leftBehind, [].polluted === true]; }
function noop() {}
`;

describe('executions', () => {
  it('give every run fresh globals: top-level let, const and class run again, nothing leaks', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('touchEverything')).toEqual([1, 1, 1, 1]);
    expect(rt.run('touchEverything')).toEqual([1, 1, 1, 1]);
    expect(rt.run('sawPollution')).toEqual(['undefined', false]);
  });

  it('cost well under a millisecond of CPU to start, beyond the script’s own work', async () => {
    const rt = await runtimeFor(script);
    for (let i = 0; i < 50; i++) rt.run('noop');
    const before = cpuNowMs();
    for (let i = 0; i < 500; i++) rt.run('noop');
    // About 0.5 ms here, most of it V8 creating the new global; 3 ms leaves room for slow machines.
    expect((cpuNowMs() - before) / 500).toBeLessThan(3);
  });
});

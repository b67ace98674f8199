// Utilities.formatString follows C's printf rules, as Google's reference shows.
import { describe, expect, it } from 'vitest';
import { runtimeFor } from './script-runtime';

const script = `function format(template, args) { return Utilities.formatString.apply(Utilities, [template].concat(args)); }`;

describe('Utilities.formatString', () => {
  it('gives the results Google’s reference shows', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('format', '%11.6f', [123.456])).toBe(' 123.456000');
    expect(rt.run('format', '%6s', ['abc'])).toBe('   abc');
  });

  it('pads, signs and rounds as printf does', async () => {
    const rt = await runtimeFor(script);
    const cases: Array<[string, unknown[], string]> = [
      ['%-6s|', ['abc'], 'abc   |'],
      ['%05d', [42], '00042'],
      ['%05d', ['123'], '00123'],
      ['%+d / % d', [5, 7], '+5 /  7'],
      ['%d', [-3.7], '-3'],
      ['%08.3f', [-1.23456], '-001.235'],
      ['%.2f%%', [12.345], '12.35%'],
      ['%x %#X %o', [255, 255, 8], 'ff 0XFF 10'],
      ['%e | %.2E', [123.456, 0.000123], '1.234560e+02 | 1.23E-04'],
      ['%g %g %g', [0.0001, 123456789, 100], '0.0001 1.23457e+08 100'],
      ['%2$s, %1$s', ['Ana', 'Luis'], 'Luis, Ana'],
      ['%.3s', ['abcdef'], 'abc'],
    ];
    for (const [template, args, expected] of cases)
      expect(rt.run('format', template, args), template).toBe(expected);
  });
});

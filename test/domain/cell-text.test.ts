// Cell text rules: stored text stays clean and bounded (test/gas/text-protection.test.ts: never a formula).
import { describe, expect, it } from 'vitest';
import { sanitizeText } from '../../src/domain/cell-text';

describe('sanitizeText', () => {
  it('trims and drops control characters but keeps line breaks', () => {
    expect(sanitizeText('  first\u0000 line\r\nsecond\u0007 line\t end  ', 100)).toBe(
      'first line\nsecond line  end',
    );
  });

  it('caps the length without splitting a character', () => {
    expect(sanitizeText('abcdef', 3)).toBe('abc');
    expect(sanitizeText('😀😀😀', 2)).toBe('😀😀');
    expect(sanitizeText('ab  cd', 3)).toBe('ab');
  });
});

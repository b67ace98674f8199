// Cell text rules: nothing a user types is ever run as a formula, and stored text stays clean and bounded.
import { describe, expect, it } from 'vitest';
import { escapeCellText, sanitizeText } from '../../src/domain/cell-text';

describe('escapeCellText', () => {
  it.each(['=HYPERLINK("x")', '+34 600', '-discount', '@ana', '\tx', '\rx'])(
    'quotes %j so the sheet keeps it as text',
    (text) => {
      expect(escapeCellText(text)).toBe(`'${text}`);
    },
  );

  it('leaves ordinary text alone', () => {
    expect(escapeCellText('Call Ana = good')).toBe('Call Ana = good');
    expect(escapeCellText('')).toBe('');
  });
});

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

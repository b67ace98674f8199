// The add-on speaks the file's language: a setting wins, else the spreadsheet locale.
import { describe, expect, it } from 'vitest';
import { isLanguage, resolveLanguage, translate } from '../../src/domain/i18n';

describe('language', () => {
  it('follows the setting when there is one', () => {
    expect(resolveLanguage('es', 'en_US')).toBe('es');
    expect(resolveLanguage(' EN ', 'es_ES')).toBe('en');
  });

  it('falls back to the spreadsheet locale, English for anything not Spanish', () => {
    expect(resolveLanguage('', 'es_MX')).toBe('es');
    expect(resolveLanguage(undefined, 'fr_FR')).toBe('en');
    expect(resolveLanguage('klingon', undefined)).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'edit.flagged', { row: 7, problems: 'Amount: is not a number' })).toBe(
      'Row 7: Amount: is not a number',
    );
    expect(translate('es', 'edit.flagged', { row: 7 })).toBe('Fila 7: {problems}');
  });

  it('knows only its two languages', () => {
    expect(isLanguage('es')).toBe(true);
    expect(isLanguage('de')).toBe(false);
  });
});

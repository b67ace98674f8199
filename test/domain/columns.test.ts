// Column mapping rules: an existing tracker's headers, in any language, order or spelling, find their fields.
import { describe, expect, it } from 'vitest';
import { headerFor, mapColumns, normalizeHeader } from '../../src/domain/columns';
import { type FieldSpec, fieldKeys, fields } from '../../src/domain/fields';
import { seedSpanishHeaders } from './builders';

describe('normalizeHeader', () => {
  it('ignores case, accents, punctuation and extra spaces', () => {
    expect(normalizeHeader('  EXPECTED   close-date ')).toBe('expected close date');
    expect(normalizeHeader('Fecha de última visita')).toBe('fecha de ultima visita');
    expect(normalizeHeader('Probabilidad (%)')).toBe('probabilidad');
    expect(normalizeHeader('Año/Mes')).toBe('ano mes');
  });
});

describe('mapColumns', () => {
  it('maps every header of the seed 003 Spanish sheet to its field', () => {
    const map = mapColumns(seedSpanishHeaders);
    expect(map.byField).toEqual({
      name: 0,
      customer: 1,
      created: 2,
      amount: 3,
      invoiceDate: 4,
      closeDate: 5,
      products: 6,
      contactName: 7,
      decisionMaker: 8,
      lastContact: 9,
      nextActionDate: 10,
      nextActionGoal: 11,
      negotiationSummary: 12,
    });
    expect(map.unmapped).toEqual([]);
    expect(map.duplicates).toEqual([]);
  });

  it('reports the fields the seed sheet lacks, such as the ID and the stage', () => {
    const map = mapColumns(seedSpanishHeaders);
    expect(map.missing).toContain('id');
    expect(map.missing).toContain('stage');
    expect(map.missing).not.toContain('name');
    expect(map.missing).toHaveLength(fieldKeys.length - seedSpanishHeaders.length);
  });

  it('finds fields wherever their columns are', () => {
    const map = mapColumns(['Stage', '', 'Customer', 'ID', 'Opportunity']);
    expect(map.byField).toEqual({ stage: 0, customer: 2, id: 3, name: 4 });
  });

  it('reads English headers written with odd case and punctuation', () => {
    const map = mapColumns(['  EXPECTED   close-date ', 'amount:', 'NEXT ACTION DATE', 'dm met?']);
    expect(map.byField).toEqual({
      closeDate: 0,
      amount: 1,
      nextActionDate: 2,
      decisionMakerMet: 3,
    });
  });

  it('maps every field from the headers the add-on writes, in both languages', () => {
    for (const language of ['en', 'es'] as const) {
      const map = mapColumns(fieldKeys.map((key) => headerFor(key, language)));
      expect(map.missing).toEqual([]);
      expect(map.byField).toEqual(Object.fromEntries(fieldKeys.map((key, i) => [key, i])));
    }
  });

  it('keeps the first of two columns for one field and reports both', () => {
    const map = mapColumns(['Customer', 'Cliente', 'Amount', 'Account']);
    expect(map.byField.customer).toBe(0);
    expect(map.duplicates).toEqual([{ field: 'customer', columns: [0, 1, 3] }]);
  });

  it('reports headers that match no field, as the sheet shows them', () => {
    const map = mapColumns(['Customer', ' Trimestre ', 42, '']);
    expect(map.unmapped).toEqual([
      { column: 1, header: 'Trimestre' },
      { column: 2, header: '42' },
    ]);
  });

  it('lets a field’s own header win over another field’s synonym', () => {
    const catalog: FieldSpec[] = [
      { ...(fields[0] as FieldSpec), key: 'contactName', synonyms: ['Decisor'] },
      { ...(fields[0] as FieldSpec), key: 'decisionMaker', header: { en: 'DM', es: 'Decisor' } },
    ];
    expect(mapColumns(['Decisor'], catalog).byField).toEqual({ decisionMaker: 0 });
  });

  it('gives an empty sheet every field as missing', () => {
    const map = mapColumns([]);
    expect(map.byField).toEqual({});
    expect(map.missing).toEqual([...fieldKeys]);
  });

  it('gives no synonym to two different fields', () => {
    const owner = new Map<string, string>();
    for (const spec of fields) {
      for (const name of [spec.header.en, spec.header.es, ...spec.synonyms]) {
        const key = normalizeHeader(name);
        expect(owner.get(key) ?? spec.key, `"${name}"`).toBe(spec.key);
        owner.set(key, spec.key);
      }
    }
  });
});

describe('headerFor', () => {
  it('names a field in the chosen language', () => {
    expect(headerFor('closeDate', 'en')).toBe('Expected close');
    expect(headerFor('closeDate', 'es')).toBe('Fecha de cierre prevista');
  });
});

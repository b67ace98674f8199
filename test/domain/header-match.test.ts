// Header rules: vendor prefixes, units and currencies are understood in general, not header by header.
import { describe, expect, it } from 'vitest';
import { columnChoicesFrom, idColumnIndex, mapColumns } from '../../src/domain/columns';
import { fields } from '../../src/domain/fields';
import { matchHeader, normalizeHeader } from '../../src/domain/header-match';
import { statusRoleSynonyms, statusRoles } from '../../src/domain/header-words';
import { allExports } from '../support/exports';

const target = (header: string) => matchHeader(header)?.target ?? null;

describe('matchHeader', () => {
  it('reads a field through any entity prefix: "Deal - ", "Opportunity ", "Oportunidad - "', () => {
    expect(target('Deal - Value')).toBe('amount');
    expect(target('Deal - Owner')).toBe('owner');
    expect(target('Opportunity Owner')).toBe('owner');
    expect(target('Oportunidad - Nombre')).toBe('name');
    expect(target('Negocio - Título')).toBe('name');
    expect(target('Trato: Etapa')).toBe('stage');
  });

  it('reads Spanish headers that name the entity last: "Propietario del negocio"', () => {
    expect(target('Propietario del negocio')).toBe('owner');
    expect(target('Nombre de la cuenta')).toBe('customer');
    expect(target('Etapa del negocio')).toBe('stage');
    expect(target('Probabilidad de la oportunidad')).toBe('probability');
  });

  it('drops a unit or currency, bracketed or not', () => {
    for (const header of ['Amount (EUR)', 'Valor (€)', 'Amount (converted)', 'Amount USD'])
      expect(target(header), header).toBe('amount');
    expect(target('Amount in company currency')).toBe('amount');
    expect(target('Importe en moneda de la empresa')).toBe('amount');
    expect(target('Probability (%)')).toBe('probability');
    expect(target('Deal - Value (GBP)')).toBe('amount');
  });

  it('reads API names: StageName, CloseDate, AccountId, IsWon', () => {
    expect(target('StageName')).toBe('stage');
    expect(target('CloseDate')).toBe('closeDate');
    expect(target('AccountId')).toBe('customer');
    expect(target('IsWon')).toBe('wonFlag');
    expect(target('IsClosed')).toBe('closedFlag');
  });

  it('lets a contact’s or a company’s header mean only a contact or company field', () => {
    expect(target('Person - Name')).toBe('contactName');
    expect(target('Person - Email (Work)')).toBe('contactEmail');
    expect(target('Organization - Name')).toBe('customer');
    expect(target('Person - Owner')).toBeNull();
    expect(target('Account Owner')).toBeNull();
    expect(target('Contact ID')).toBeNull();
  });

  it('never lets a derived name claim a column the add-on computes and rewrites', () => {
    expect(target('Opportunity Score')).toBeNull();
    expect(target('Score')).toBe('score');
  });

  it('says how sure it is: own header, synonym, derived', () => {
    expect(matchHeader('Stage')?.quality).toBe(3);
    expect(matchHeader('Pipeline stage')?.quality).toBe(2);
    expect(matchHeader('Deal Stage')?.quality).toBe(1);
  });

  it('leaves a header it does not know alone', () => {
    expect(target('Fiscal Period')).toBeNull();
    expect(target('Deal - Currency')).toBeNull();
    expect(target('Notas internas')).toBeNull();
  });
});

describe('mapColumns with vendor headers', () => {
  it('prefers the surest name when two columns claim one field', () => {
    const map = mapColumns(['Amount (converted)', 'Deal Stage', 'Amount', 'Stage']);
    expect(map.byField).toEqual({ amount: 2, stage: 3 });
    expect(map.duplicates).toEqual([
      { field: 'amount', columns: [0, 2] },
      { field: 'stage', columns: [1, 3] },
    ]);
  });

  it('reads status columns apart from the fields, and keeps them out of the unmapped list', () => {
    const map = mapColumns(['Deal - Stage', 'Deal - Status', 'Closed', 'Won']);
    expect(map.byField.stage).toBe(0);
    expect(map.roles).toEqual({ status: 1, closedFlag: 2, wonFlag: 3 });
    expect(map.unmapped).toEqual([]);
  });

  it('applies a team’s choices before any name, by header or by column', () => {
    const choices = columnChoicesFrom(
      JSON.stringify({ 'deal stage': 'keep', 'stage tracker': 'stage' }),
    );
    const map = mapColumns(['Deal Stage', 'Stage (tracker)'], fields, { choices });
    expect(map.byField.stage).toBe(1);
    expect(map.unmapped.map((u) => u.header)).toEqual(['Deal Stage']);
    expect(mapColumns(['Notes'], fields, { byIndex: { 0: 'keep' } }).byField).toEqual({});
  });

  it('ignores stored choices that are not ours', () => {
    expect(columnChoicesFrom('{"a":"nonsense","b":"keep","c":"owner"}')).toEqual({
      b: 'keep',
      c: 'owner',
    });
    expect(columnChoicesFrom('not json')).toEqual({});
    expect(columnChoicesFrom('[1]')).toEqual({});
  });

  it('finds the ID column whatever it is called', () => {
    expect(idColumnIndex(['Deal - Title', 'Deal - ID'])).toBe(1);
    expect(idColumnIndex(['Name', 'Record ID'])).toBe(1);
    expect(idColumnIndex(['Name'])).toBeNull();
    expect(idColumnIndex(['Ref interna', 'Código'], { 'ref interna': 'id' })).toBe(0);
  });

  it('recognises every vendor fixture’s name, company, owner, amount and close date', () => {
    for (const fixture of allExports()) {
      const map = mapColumns(fixture.header);
      for (const field of ['customer', 'owner', 'amount', 'closeDate'] as const)
        expect(map.byField[field], `${fixture.name}: ${field}`).toBeDefined();
      expect(map.byField.stage ?? map.roles?.status, fixture.name).toBeDefined();
    }
  });
});

describe('the synonym lists', () => {
  it('give no name to two meanings, fields and status columns together', () => {
    const owner = new Map<string, string>();
    const names: Array<[string, string]> = [
      ...fields.flatMap((spec) =>
        [spec.header.en, spec.header.es, ...spec.synonyms].map((name): [string, string] => [
          name,
          spec.key,
        ]),
      ),
      ...statusRoles.flatMap((role) =>
        statusRoleSynonyms[role].map((name): [string, string] => [name, role]),
      ),
    ];
    for (const [name, meaning] of names) {
      const key = normalizeHeader(name);
      expect(owner.get(key) ?? meaning, `"${name}"`).toBe(meaning);
      owner.set(key, meaning);
    }
  });
});

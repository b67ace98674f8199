// Owner cells to people through the Team tab: e-mails, names in any case, spacing, accents or word order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Team } from '../../src/domain/model';
import {
  namesAnyone,
  ownersWithoutEmail,
  peopleOf,
  withOwnerEmails,
} from '../../src/domain/people';
import { aDeal } from './builders';

const team: Team = [
  { email: 'jane.doe@example.com', name: 'Jane Doe', managerEmail: 'marta@example.com' },
  { email: 'jose@example.com', name: 'José Álvarez', managerEmail: '' },
  { email: 'li.a@example.com', name: 'Li Wei', managerEmail: '' },
  { email: 'li.b@example.com', name: 'li  wei', managerEmail: '' },
  { email: 'marta@example.com', name: 'Marta', managerEmail: '' },
];

describe('peopleOf(team).resolve', () => {
  const people = peopleOf(team);
  const emailOf = (cell: string) => people.resolve(cell).email;

  it('takes an e-mail as the person, in any case, with the Team tab name when listed', () => {
    expect(people.resolve(' Jane.Doe@Example.COM ')).toMatchObject({
      email: 'jane.doe@example.com',
      name: 'Jane Doe',
      key: 'jane.doe@example.com',
    });
    expect(people.resolve('new@example.com')).toMatchObject({ email: 'new@example.com', name: '' });
  });

  it('finds a name whatever its case, spacing, accents or word order', () => {
    for (const cell of ['Jane Doe', 'jane doe', '  JANE   DOE ', 'Doe, Jane', 'Jáne Döe'])
      expect(emailOf(cell), cell).toBe('jane.doe@example.com');
    for (const cell of ['José Álvarez', 'jose alvarez', 'ALVAREZ JOSE'])
      expect(emailOf(cell), cell).toBe('jose@example.com');
    expect(people.resolve('jose alvarez').name).toBe('José Álvarez');
  });

  it('reads the e-mail inside "Name <e-mail>"', () => {
    expect(emailOf('Someone Else <Else@Example.com>')).toBe('else@example.com');
  });

  it('gives no e-mail for a name nobody or two members have, and keeps its first spelling', () => {
    expect(people.resolve('Li Wei')).toMatchObject({ email: '', name: 'Li Wei' });
    const first = people.resolve('Darcel  Schlecht');
    expect(first).toEqual({ email: '', name: 'Darcel Schlecht', key: 'name:darcel schlecht' });
    expect(people.resolve('darcel schlecht')).toBe(first);
    expect(people.resolve('   ')).toEqual({ email: '', name: '', key: '' });
  });

  it('agrees with a plain lookup written out in the test, on random cells', () => {
    const fold = (text: string) =>
      text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim();
    const words = (text: string) =>
      fold(text)
        .split(/[\s,;.]+/)
        .filter(Boolean)
        .sort()
        .join(' ');
    /** The reference: e-mail first; else the one member with that name, else with those words. */
    const reference = (cell: string): string => {
      const lower = cell.trim().toLowerCase();
      if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(lower)) return lower;
      const angle = /<\s*([^<>\s]+@[^<>\s]+\.[^<>\s]+)\s*>/.exec(lower);
      if (angle?.[1]) return angle[1];
      if (fold(cell) === '') return '';
      const same = team.filter((m) => fold(m.name) === fold(cell));
      if (same.length === 1) return same[0]?.email ?? '';
      if (same.length > 1) return '';
      const sameWords = team.filter((m) => words(m.name) === words(cell));
      return sameWords.length === 1 ? (sameWords[0]?.email ?? '') : '';
    };
    const piece = fc.constantFrom(
      'jane',
      'Jane',
      'DOE',
      'doe,',
      'José',
      'jose',
      'Álvarez',
      'li',
      'Wei',
      'Marta',
      'x@y.io',
      'Ana',
      '<jose@example.com>',
      ' ',
      '  ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (parts) => {
        const cell = parts.join(' ');
        expect(emailOf(cell)).toBe(reference(cell));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('withOwnerEmails and ownersWithoutEmail', () => {
  it('puts the e-mail where the Team tab knows the name, and lists each unknown name once', () => {
    const deals = [
      aDeal({ id: 'A', owner: 'Jane Doe' }),
      aDeal({ id: 'B', owner: 'Darcel Schlecht' }),
      aDeal({ id: 'C', owner: 'jane.doe@example.com' }),
      aDeal({ id: 'D', owner: 'darcel  SCHLECHT' }),
      aDeal({ id: 'E', owner: '' }),
      aDeal({ id: 'F', owner: 'Li Wei' }),
    ];
    const people = peopleOf(team);
    expect(withOwnerEmails(deals, people).map((d) => d.owner)).toEqual([
      'jane.doe@example.com',
      'Darcel Schlecht',
      'jane.doe@example.com',
      'Darcel Schlecht',
      '',
      'Li Wei',
    ]);
    expect(ownersWithoutEmail(deals, people, [2, 3, 4, 5, 6, 7])).toEqual([
      { name: 'Darcel Schlecht', ids: ['B', 'D'], rows: [3, 5] },
      { name: 'Li Wei', ids: ['F'], rows: [7] },
    ]);
    expect(deals[0]?.owner).toBe('Jane Doe');
  });

  it('says whether any owner cell is a name (then the Team tab must be read)', () => {
    expect(namesAnyone([{ owner: 'ana@example.com' }, { owner: '' }])).toBe(false);
    expect(namesAnyone([{ owner: 'ana@example.com' }, { owner: 'Ana' }])).toBe(true);
  });
});

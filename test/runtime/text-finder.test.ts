// TextFinder follows Google's reference: displayed text, options, order, wrap-around, replace, price.
import { describe, expect, it } from 'vitest';
import { runtimeFor } from './script-runtime';

const script = `
function sheet(name) { return SpreadsheetApp.getActive().getSheetByName(name || 'Sheet1'); }
function fill(a1, values) { sheet().getRange(a1).setValues(values); }
function format(a1, pattern) { sheet().getRange(a1).setNumberFormat(pattern); }
function where(ranges) { return ranges.map(function (r) { return r.getSheet().getName() + '!' + r.getA1Notation(); }); }
function finder(text, options, scope) {
  var base = scope === 'file' ? SpreadsheetApp.getActive() : scope ? sheet().getRange(scope) : sheet();
  var f = base.createTextFinder(text);
  options = options || {};
  if (options.matchCase) f.matchCase(true);
  if (options.entire) f.matchEntireCell(true);
  if (options.formulas) f.matchFormulaText(true);
  if (options.regex) f.useRegularExpression(true);
  if (options.diacritics) f.ignoreDiacritics(true);
  if (options.from) f.startFrom(sheet().getRange(options.from));
  return f;
}
function findAll(text, options, scope) { return where(finder(text, options, scope).findAll()); }
function steps(text, moves, options, scope) {
  var f = finder(text, options, scope);
  var seen = [f.getCurrentMatch() === null ? 'none' : 'some'];
  moves.forEach(function (move) {
    var r = move === 'next' ? f.findNext() : f.findPrevious();
    seen.push(r ? r.getA1Notation() : null);
  });
  seen.push(f.getCurrentMatch() ? f.getCurrentMatch().getA1Notation() : null);
  return seen;
}
function replaceFirst(text, replacement, options) { var f = finder(text, options); f.findNext(); return f.replaceWith(replacement); }
function replaceAll(text, replacement, options, scope) { return finder(text, options, scope).replaceAllWith(replacement); }
function read(a1) { return sheet().getRange(a1).getValues(); }
function formulas(a1) { return sheet().getRange(a1).getFormulas(); }
function addSheet(name, values) { SpreadsheetApp.getActive().insertSheet(name).getRange(1, 1, values.length, values[0].length).setValues(values); }
function findNextIn(a1, text) { var r = sheet().getRange(a1).createTextFinder(text).matchEntireCell(true).findNext(); return r && r.getRow(); }
`;

async function tracker() {
  const rt = await runtimeFor(script);
  rt.run('fill', 'A1:C4', [
    ['ID', 'Name', 'Amount'],
    ['OPP-1', 'Café Ana', 1234.5],
    ['OPP-2', 'cafe Luis', 99],
    ['OPP-12', 'ANA corp', 1234.5],
  ]);
  rt.run('format', 'C2:C4', '#,##0.00');
  return rt;
}

describe('TextFinder matching', () => {
  it('searches what cells show: a formatted number matches its displayed text, not its value', async () => {
    const rt = await tracker();
    expect(rt.run('findAll', '1,234.50')).toEqual(['Sheet1!C2', 'Sheet1!C4']);
    expect(rt.run('findAll', '1234.5')).toEqual([]);
  });

  it('matches part of a cell, ignoring case, unless told otherwise', async () => {
    const rt = await tracker();
    expect(rt.run('findAll', 'ana')).toEqual(['Sheet1!B2', 'Sheet1!B4']);
    expect(rt.run('findAll', 'Ana', { matchCase: true })).toEqual(['Sheet1!B2']);
    expect(rt.run('findAll', 'OPP-1', { entire: true })).toEqual(['Sheet1!A2']);
    expect(rt.run('findAll', 'OPP-1')).toEqual(['Sheet1!A2', 'Sheet1!A4']);
  });

  it('ignores accents only with ignoreDiacritics', async () => {
    const rt = await tracker();
    expect(rt.run('findAll', 'cafe')).toEqual(['Sheet1!B3']);
    expect(rt.run('findAll', 'cafe', { diacritics: true })).toEqual(['Sheet1!B2', 'Sheet1!B3']);
  });

  it('reads the text as a regular expression with useRegularExpression; entire cell anchors it', async () => {
    const rt = await tracker();
    expect(rt.run('findAll', 'OPP-\\d$', { regex: true })).toEqual(['Sheet1!A2', 'Sheet1!A3']);
    expect(rt.run('findAll', 'OPP-\\d', { regex: true, entire: true })).toEqual([
      'Sheet1!A2',
      'Sheet1!A3',
    ]);
  });

  it('searches formula cells by their value, and by their formula text with matchFormulaText', async () => {
    const rt = await tracker();
    rt.run('fill', 'D2', [['=C3*2']]);
    expect(rt.run('findAll', '198')).toEqual(['Sheet1!D2']);
    expect(rt.run('findAll', 'C3')).toEqual([]);
    expect(rt.run('findAll', 'C3', { formulas: true })).toEqual(['Sheet1!D2']);
  });

  it('looks only inside the range it was made from', async () => {
    const rt = await tracker();
    expect(rt.run('findAll', 'OPP', {}, 'A3:A4')).toEqual(['Sheet1!A3', 'Sheet1!A4']);
    expect(rt.run('findNextIn', 'A2:A4', 'OPP-12')).toBe(4);
    expect(rt.run('findNextIn', 'A2:A3', 'OPP-12')).toBeNull();
  });
});

describe('TextFinder order', () => {
  it('visits cells row by row, and a spreadsheet finder visits sheets in tab order', async () => {
    const rt = await tracker();
    rt.run('addSheet', 'Other', [['Otto', 'x']]);
    expect(rt.run('findAll', 'o', {}, 'file')).toEqual([
      'Sheet1!C1',
      'Sheet1!A2',
      'Sheet1!A3',
      'Sheet1!A4',
      'Sheet1!B4',
      'Other!A1',
    ]);
  });

  it('has no current match until a find, then walks forward, wraps, and walks back', async () => {
    const rt = await tracker();
    expect(rt.run('steps', 'ana', ['next', 'next', 'next', 'previous'])).toEqual([
      'none',
      'B2',
      'B4',
      'B2',
      'B4',
      'B4',
    ]);
    expect(rt.run('steps', 'ana', ['previous'])).toEqual(['none', 'B4', 'B4']);
    expect(rt.run('steps', 'zzz', ['next', 'previous'])).toEqual(['none', null, null, null]);
  });

  it('starts right after the startFrom cell', async () => {
    const rt = await tracker();
    expect(rt.run('steps', 'OPP', ['next'], { from: 'A2' })).toEqual(['none', 'A3', 'A3']);
    expect(rt.run('steps', 'OPP', ['next'], { from: 'C3' })).toEqual(['none', 'A4', 'A4']);
    expect(rt.run('steps', 'OPP', ['previous'], { from: 'A3' })).toEqual(['none', 'A2', 'A2']);
  });
});

describe('TextFinder replace', () => {
  it('replaceWith changes the current match only and counts the occurrences replaced', async () => {
    const rt = await tracker();
    expect(rt.run('replaceFirst', 'a', 'o')).toBe(1);
    expect(rt.run('read', 'B1:B2')).toEqual([['Nome'], ['Café Ana']]);
    expect(rt.run('replaceFirst', 'ana', 'Eva', {})).toBe(1);
    expect(rt.run('read', 'B2')).toEqual([['Café Eva']]);
  });

  it('replaceAllWith changes every matching cell, stores the result as typed, and counts cells', async () => {
    const rt = await tracker();
    expect(rt.run('replaceAll', '1,234', '2,234')).toBe(2);
    expect(rt.run('read', 'C2:C4')).toEqual([[2234.5], [99], [2234.5]]);
    expect(rt.run('replaceAll', 'ana', 'X', {}, 'B2:B3')).toBe(1);
    expect(rt.run('read', 'B2:B4')).toEqual([['Café X'], ['cafe Luis'], ['ANA corp']]);
  });

  it('leaves formulas alone unless the search looks at formula text', async () => {
    const rt = await tracker();
    rt.run('fill', 'D2', [['=C3*2']]);
    expect(rt.run('replaceAll', '198', '1')).toBe(0);
    expect(rt.run('replaceAll', 'C3', 'C2', { formulas: true })).toBe(1);
    expect(rt.run('formulas', 'D2')).toEqual([['=C2*2']]);
  });
});

describe('TextFinder price', () => {
  it('prices a find per cell searched (0.0015 ms, T22a) on a server-read base', async () => {
    const rt = await tracker();
    rt.ledger.reset();
    rt.run('findNextIn', 'A1:A1000', 'OPP-2');
    const [entry] = rt.ledger.filter({ service: 'TextFinder', method: 'findNext' });
    expect(entry?.cellsSearched).toBe(1000);
    expect(entry?.costMs.opt).toBeCloseTo(100 + 1000 * 0.0015);
    expect(entry?.costMs.pess).toBeCloseTo(130 + 1000 * 0.0015);
    expect(rt.ledger.filter({ service: 'Range', method: 'createTextFinder' })[0]?.costMs.opt).toBe(
      0,
    );
  });
});

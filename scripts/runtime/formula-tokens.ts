// Formula text to tokens, keeping each token's place in the text so references can be rewritten.
import { lettersToColumn } from './a1';

/** One end of a reference: a missing row or column means a whole column or row. */
export interface ReferenceCorner {
  row?: number;
  column?: number;
  rowAbsolute: boolean;
  columnAbsolute: boolean;
}

export interface ReferenceToken {
  kind: 'reference';
  sheet: string | null;
  start: ReferenceCorner;
  end: ReferenceCorner | null;
}

export type Token = (
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'error'; value: string }
  | { kind: 'name'; name: string }
  | { kind: 'function'; name: string }
  | { kind: 'operator'; operator: string }
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'separator' }
  | ReferenceToken
) & { from: number; to: number };

export class FormulaSyntaxError extends Error {}

/** The error values Sheets has, as a formula may write them literally and a cell may hold them. */
export const errorCodes: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#ERROR!',
]);

const cornerPattern = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?/;

function readCorner(text: string): { corner: ReferenceCorner; length: number } | undefined {
  const match = cornerPattern.exec(text);
  if (!match) return undefined;
  const [whole, columnDollar = '', letters, rowDollar = '', digits] = match;
  if (letters === undefined && digits === undefined) return undefined;
  if (digits !== undefined && Number(digits) === 0) return undefined;
  if (letters === undefined) {
    // '$5': the only dollar belongs to the row.
    const row = Number(digits);
    return {
      corner: { row, rowAbsolute: columnDollar !== '' || rowDollar !== '', columnAbsolute: false },
      length: whole.length,
    };
  }
  if (digits === undefined && rowDollar !== '') return undefined;
  return {
    corner: {
      column: lettersToColumn(letters),
      ...(digits === undefined ? {} : { row: Number(digits) }),
      columnAbsolute: columnDollar === '$',
      rowAbsolute: rowDollar === '$',
    },
    length: whole.length,
  };
}

function cornerKind(corner: ReferenceCorner): 'cell' | 'column' | 'row' {
  if (corner.row === undefined) return 'column';
  return corner.column === undefined ? 'row' : 'cell';
}

const wordCharacter = /[A-Za-z0-9_.$]/;

/** A reference (A1, $A$1, A1:B2, A:A, 2:2, A2:A) starting at `text`, if there is one. */
function readReference(
  text: string,
): { start: ReferenceCorner; end: ReferenceCorner | null; length: number } | undefined {
  const first = readCorner(text);
  if (!first) return undefined;
  const afterFirst = text.slice(first.length);
  const firstKind = cornerKind(first.corner);
  if (afterFirst.startsWith(':')) {
    const second = readCorner(afterFirst.slice(1));
    if (second) {
      const length = first.length + 1 + second.length;
      const next = text[length] ?? '';
      const secondKind = cornerKind(second.corner);
      const fits = firstKind === secondKind || (firstKind === 'cell' && secondKind === 'column');
      if (fits && !wordCharacter.test(next) && next !== '(') {
        return { start: first.corner, end: second.corner, length };
      }
    }
  }
  const next = afterFirst[0] ?? '';
  if (firstKind === 'cell' && !wordCharacter.test(next) && next !== '(' && next !== '!') {
    return { start: first.corner, end: null, length: first.length };
  }
  return undefined;
}

/** Tokens of a formula (with or without its leading '='); throws FormulaSyntaxError on bad text. */
export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const offset = formula.startsWith('=') ? 1 : 0;
  let index = offset;
  const text = formula;
  while (index < text.length) {
    const char = text[index] ?? '';
    const rest = text.slice(index);
    const from = index;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === '"') {
      let value = '';
      index++;
      for (;;) {
        if (index >= text.length) throw new FormulaSyntaxError('Unterminated string');
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            value += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        value += text[index];
        index++;
      }
      tokens.push({ kind: 'string', value, from, to: index });
      continue;
    }
    if (char === '#') {
      const literal = [...errorCodes].find((error) => rest.toUpperCase().startsWith(error));
      if (!literal) throw new FormulaSyntaxError(`Unknown error literal at ${index}`);
      index += literal.length;
      tokens.push({ kind: 'error', value: literal, from, to: index });
      continue;
    }
    // A sheet-qualified reference: 'My sheet'!A1 or Sheet1!A1:B2.
    const quotedSheet = /^'((?:[^']|'')+)'!/.exec(rest);
    const plainSheet = quotedSheet ? null : /^([\p{L}_][\p{L}\p{N}_.]*)!/u.exec(rest);
    const sheetMatch = quotedSheet ?? plainSheet;
    if (sheetMatch) {
      const reference = readReference(rest.slice(sheetMatch[0].length));
      if (!reference) throw new FormulaSyntaxError(`Bad reference at ${index}`);
      const sheet = (sheetMatch[1] ?? '').replace(/''/g, "'");
      index += sheetMatch[0].length + reference.length;
      tokens.push({
        kind: 'reference',
        sheet,
        start: reference.start,
        end: reference.end,
        from,
        to: index,
      });
      continue;
    }
    const reference = readReference(rest);
    if (reference) {
      index += reference.length;
      tokens.push({
        kind: 'reference',
        sheet: null,
        start: reference.start,
        end: reference.end,
        from,
        to: index,
      });
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      index += number[0].length;
      tokens.push({ kind: 'number', value: Number(number[0]), from, to: index });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (word) {
      index += word[0].length;
      let lookahead = index;
      while (/\s/.test(text[lookahead] ?? '')) lookahead++;
      if (text[lookahead] === '(') {
        tokens.push({ kind: 'function', name: word[0].toUpperCase(), from, to: index });
      } else tokens.push({ kind: 'name', name: word[0], from, to: index });
      continue;
    }
    const operator = /^(<>|<=|>=|[-+*/^&=<>%])/.exec(rest);
    if (operator) {
      index += operator[0].length;
      tokens.push({ kind: 'operator', operator: operator[0], from, to: index });
      continue;
    }
    index++;
    if (char === '(') tokens.push({ kind: 'open', from, to: index });
    else if (char === ')') tokens.push({ kind: 'close', from, to: index });
    else if (char === ',' || char === ';') tokens.push({ kind: 'separator', from, to: index });
    else throw new FormulaSyntaxError(`Unexpected character ${char} at ${from}`);
  }
  return tokens;
}

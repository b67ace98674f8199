// Tokens to a formula syntax tree, by precedence climbing with Sheets' operator precedence.
import { FormulaSyntaxError, type ReferenceToken, type Token, tokenize } from './formula-tokens';

export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; value: string }
  | { kind: 'empty' }
  | { kind: 'name'; name: string }
  | { kind: 'reference'; reference: ReferenceToken }
  | { kind: 'call'; name: string; args: FormulaNode[] }
  | { kind: 'unary'; operator: '-' | '+'; operand: FormulaNode }
  | { kind: 'percent'; operand: FormulaNode }
  | { kind: 'binary'; operator: string; left: FormulaNode; right: FormulaNode };

// Higher binds tighter. As in Sheets, unary minus beats ^ (=-2^2 is 4) and ^ is left-associative.
const binaryPower: Record<string, number> = {
  '=': 10,
  '<>': 10,
  '<': 10,
  '>': 10,
  '<=': 10,
  '>=': 10,
  '&': 20,
  '+': 30,
  '-': 30,
  '*': 40,
  '/': 40,
  '^': 50,
};
const percentPower = 60;
const prefixPower = 70;

/** Parses a formula (leading '=' optional) into a tree; throws FormulaSyntaxError. */
export function parseFormula(formula: string): FormulaNode {
  const tokens = tokenize(formula);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const next = (): Token => {
    const token = tokens[position++];
    if (!token) throw new FormulaSyntaxError('Unexpected end of formula');
    return token;
  };

  const parseArguments = (): FormulaNode[] => {
    const args: FormulaNode[] = [];
    if (peek()?.kind === 'close') {
      position++;
      return args;
    }
    for (;;) {
      const token = peek();
      if (token?.kind === 'separator' || token?.kind === 'close') args.push({ kind: 'empty' });
      else args.push(parseExpression(0));
      const after = next();
      if (after.kind === 'close') return args;
      if (after.kind !== 'separator') throw new FormulaSyntaxError('Expected , or )');
    }
  };

  const parsePrefix = (): FormulaNode => {
    const token = next();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'error':
        return { kind: 'error', value: token.value };
      case 'reference':
        return { kind: 'reference', reference: token };
      case 'name': {
        const upper = token.name.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE')
          return { kind: 'boolean', value: upper === 'TRUE' };
        return { kind: 'name', name: token.name };
      }
      case 'function': {
        if (next().kind !== 'open') throw new FormulaSyntaxError('Expected (');
        return { kind: 'call', name: token.name, args: parseArguments() };
      }
      case 'open': {
        const inner = parseExpression(0);
        if (next().kind !== 'close') throw new FormulaSyntaxError('Expected )');
        return inner;
      }
      case 'operator':
        if (token.operator === '-' || token.operator === '+') {
          return { kind: 'unary', operator: token.operator, operand: parseExpression(prefixPower) };
        }
        throw new FormulaSyntaxError(`Unexpected ${token.operator}`);
      default:
        throw new FormulaSyntaxError(`Unexpected ${token.kind}`);
    }
  };

  const parseExpression = (minimumPower: number): FormulaNode => {
    let left = parsePrefix();
    for (;;) {
      const token = peek();
      if (token?.kind !== 'operator') return left;
      if (token.operator === '%') {
        if (percentPower < minimumPower) return left;
        position++;
        left = { kind: 'percent', operand: left };
        continue;
      }
      const power = binaryPower[token.operator];
      if (power === undefined || power < minimumPower) return left;
      position++;
      left = { kind: 'binary', operator: token.operator, left, right: parseExpression(power + 1) };
    }
  };

  if (tokens.length === 0) throw new FormulaSyntaxError('Empty formula');
  const tree = parseExpression(0);
  if (position !== tokens.length) throw new FormulaSyntaxError('Unexpected text after formula');
  return tree;
}

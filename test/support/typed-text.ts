// Text a user can type into the sidebar, weighted towards the shapes Sheets turns into something else.
import fc from 'fast-check';

/** How many cases a property runs: a few hundred in `npm test`, 10,000 with OT_RELIABILITY_SCALE=full. */
export function reliabilityRuns(small: number, full = 10_000): number {
  return process.env.OT_RELIABILITY_SCALE === 'full' ? full : small;
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const int = (min: number, max: number) => fc.integer({ min, max });
const digits = int(0, 999_999).map(String);
const year = fc.oneof(int(1900, 2200), int(0, 99)).map((y) => String(y).padStart(2, '0'));
const month = int(1, 12);
const day = int(1, 31);
const monthWords = pick(
  'Jan',
  'January',
  'feb',
  'Mar',
  'MARCH',
  'Apr.',
  'May',
  'June',
  'Sept',
  'September',
  'Dec',
  'ene',
  'enero',
  'Febrero',
  'marzo',
  'abr',
  'mayo',
  'ago',
  'agosto',
  'set',
  'setiembre',
  'dic',
  'Diciembre',
);
const weekdayWords = pick('Mon', 'Tuesday', 'Thurs', 'lunes', 'Miércoles', 'sábado', 'dom');
const sign = pick('', '+', '-');
const decimalPoint = pick('.', ',');
/** A decimal number in either notation: 12.5 or 12,5. */
const decimal = fc
  .tuple(digits, decimalPoint, int(0, 999))
  .map(([whole, point, part]) => `${whole}${point}${part}`);
/** A grouped number in either notation: 1,234.5 / 1.234,5 / 1 234,5 / 12.345. */
const grouped = fc
  .tuple(
    int(1, 999),
    fc.array(int(0, 999), { minLength: 1, maxLength: 3 }),
    pick(['.', ','], [',', '.'], [' ', ','], ['\u00a0', ','], ['.', '']),
    int(0, 99),
  )
  .map(
    ([head, groups, [group, point], part]) =>
      `${head}${groups.map((g) => `${group}${String(g).padStart(3, '0')}`).join('')}${point ? `${point}${part}` : ''}`,
  );
const number = fc.oneof(digits, decimal, grouped);
const time = fc
  .tuple(
    int(0, 25),
    int(0, 60),
    fc.option(int(0, 59)),
    pick('', ' am', 'pm', ' PM', ' a.m.', ' p.m.'),
  )
  .map(
    ([h, m, s, meridiem]) =>
      `${h}:${String(m).padStart(2, '0')}${s === null ? '' : `:${String(s).padStart(2, '0')}`}${meridiem}`,
  );

/** Shapes Sheets stores as a number, date, time, boolean, error or formula in some locale. */
export const convertibleText: fc.Arbitrary<string> = fc.oneof(
  // Scientific notation, "3E" (a company name) and its neighbours.
  fc
    .tuple(sign, fc.oneof(digits, decimal), pick('e', 'E'), sign, fc.option(int(0, 400)))
    .map(([s, mantissa, e, exponentSign, exponent]) =>
      exponent === null ? `${s}${mantissa}${e}` : `${s}${mantissa}${e}${exponentSign}${exponent}`,
    ),
  // Numbers with the locale's separators, leading zeros and plus signs.
  fc.tuple(sign, number).map(([s, n]) => `${s}${n}`),
  fc.tuple(pick('0', '00', '+0', '-0', '000'), digits).map(([lead, n]) => `${lead}${n}`),
  // Percentages and currency, before or after the amount.
  fc.tuple(sign, number, pick('%', ' %')).map(([s, n, p]) => `${s}${n}${p}`),
  fc
    .tuple(pick('$', '€', '£', 'US$', 'USD ', 'EUR '), number, fc.boolean())
    .map(([currency, n, before]) => (before ? `${currency}${n}` : `${n} ${currency.trim()}`)),
  fc.tuple(number).map(([n]) => `(${n})`),
  // Fractions, which Sheets reads as dates: 1/2, 3-4, 1 1/2.
  fc.tuple(int(0, 40), pick('/', '-'), int(0, 40)).map(([a, s, b]) => `${a}${s}${b}`),
  fc.tuple(int(0, 99), int(1, 9), int(2, 16)).map(([w, a, b]) => `${w} ${a}/${b}`),
  // Dates in every order and notation, with and without a time.
  fc
    .tuple(year, month, day, pick('-', '/', '.'), pick('ymd', 'dmy', 'mdy'))
    .map(([y, m, d, s, order]) =>
      order === 'ymd'
        ? `${y}${s}${m}${s}${d}`
        : order === 'dmy'
          ? `${d}${s}${m}${s}${y}`
          : `${m}${s}${d}${s}${y}`,
    ),
  fc
    .tuple(int(1900, 2200), month, day, pick(' ', 'T'), time)
    .map(
      ([y, m, d, s, t]) =>
        `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${s}${t}`,
    ),
  fc
    .tuple(day, pick(' ', '-', '/', ' de '), monthWords, fc.option(year))
    .map(([d, s, m, y]) => (y === null ? `${d}${s}${m}` : `${d}${s}${m}${s}${y}`)),
  fc
    .tuple(fc.option(weekdayWords), monthWords, day, fc.option(int(1900, 2200)))
    .map(([w, m, d, y]) => `${w === null ? '' : `${w}, `}${m} ${d}${y === null ? '' : `, ${y}`}`),
  fc.tuple(monthWords, int(1900, 2200)).map(([m, y]) => `${m} ${y}`),
  // Times.
  time,
  fc.tuple(int(0, 13), pick('am', 'pm', ' AM', ' p.m.', 'h')).map(([h, m]) => `${h}${m}`),
  // Booleans and error values, in English and Spanish.
  pick('TRUE', 'FALSE', 'true', 'False', 'VERDADERO', 'FALSO', 'verdadero', 'Falso', 'Vrai'),
  pick('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!'),
  // Phone numbers.
  fc
    .tuple(int(1, 99), int(100, 999), int(100, 999), int(100, 999))
    .map(([a, b, c, d]) => `+${a} ${b} ${c} ${d}`),
);

/** Characters that change how Sheets reads what follows them. */
const lead = pick(
  '=',
  '+',
  '-',
  '@',
  "'",
  '\t',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '  ',
  '\u00a0',
  '==',
  "''",
);
const trail = pick(' ', '\t', '\n', '  ', '\u00a0', '%', '.', ',');
/** Ordinary words, sometimes with a number in them ("Acme 2", "Route 66 Diner"). */
const words = fc
  .array(fc.oneof(fc.stringMatching(/^[A-Za-zÁÉÍÑÓÚáéíñóú]{1,9}$/), digits), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join(' '));

/** Anything a user can type: arbitrary text, the shapes Sheets converts, and either after = + - @ ' or blanks. */
export const typedText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: convertibleText },
  {
    weight: 2,
    arbitrary: fc
      .tuple(lead, fc.oneof(convertibleText, words, fc.string({ maxLength: 12 })))
      .map(([l, text]) => `${l}${text}`),
  },
  { weight: 1, arbitrary: fc.tuple(convertibleText, trail).map(([text, t]) => `${text}${t}`) },
  { weight: 2, arbitrary: words },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

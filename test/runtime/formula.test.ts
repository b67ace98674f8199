// The formula engine: precedence, references across sheets, ranges, functions, errors, shifting.
import { describe, expect, it } from 'vitest';
import { rangeFromA1 } from '../../scripts/runtime/a1';
import { evaluateFormula, type FormulaContext, shiftFormula } from '../../scripts/runtime/formula';
import { serialFromWallTime } from '../../scripts/runtime/values';

type Grid = Array<Array<string | number | boolean>>;

/** A workbook of plain grids and a formula's place in it (first sheet, cell `at`). */
function aWorkbook(sheets: Record<string, Grid>, options: { at?: string; now?: Date } = {}) {
  const names = Object.keys(sheets);
  const home = names[0] ?? 'Sheet1';
  const place = rangeFromA1(options.at ?? 'Z100');
  const gridOf = (sheet: string | null) => sheets[sheet ?? home];
  const context: FormulaContext = {
    sheetName: home,
    row: place.row,
    column: place.column,
    now: options.now ?? new Date('2026-03-10T12:00:00Z'),
    timeZone: 'Europe/Madrid',
    value: (sheet, row, column) => {
      const grid = gridOf(sheet);
      if (!grid) return '#REF!';
      return grid[row - 1]?.[column - 1] ?? '';
    },
    lastRow: (sheet) => gridOf(sheet)?.length ?? 0,
    lastColumn: (sheet) => Math.max(0, ...(gridOf(sheet) ?? []).map((row) => row.length)),
  };
  return { evaluate: (formula: string) => evaluateFormula(formula, context) };
}

const day = (year: number, month: number, date: number) =>
  serialFromWallTime({ year, month, day: date, hour: 0, minute: 0, second: 0, millisecond: 0 });

const deals = aWorkbook(
  {
    Deals: [
      ['Opportunity', 'Stage', 'Amount', 'Owner'],
      ['Acme', 'Won', 1200, 'ana@x.es'],
      ['Globex', 'Lost', 800, 'luis@x.es'],
      ['Initech', 'Proposal', 500, 'ana@x.es'],
      ['Umbrella', 'won', 300, ''],
    ],
    'My sheet': [
      [10, 20],
      ['x', true],
    ],
  },
  { at: 'F3' },
);

describe('evaluateFormula: operators', () => {
  it('follows Sheets precedence', () => {
    expect(deals.evaluate('=1+2*3')).toBe(7);
    expect(deals.evaluate('=(1+2)*3')).toBe(9);
    expect(deals.evaluate('=2^3^2')).toBe(64);
    expect(deals.evaluate('=-2^2')).toBe(4);
    expect(deals.evaluate('=50%*10')).toBe(5);
    expect(deals.evaluate('=1+2&"x"')).toBe('3x');
    expect(deals.evaluate('=1+1=2')).toBe(true);
    expect(deals.evaluate('=10/4')).toBe(2.5);
  });

  it('compares text without case, and orders numbers before text before booleans', () => {
    expect(deals.evaluate('="won"="WON"')).toBe(true);
    expect(deals.evaluate('="a"<"B"')).toBe(true);
    expect(deals.evaluate('=5<"4"')).toBe(true);
    expect(deals.evaluate('="z"<TRUE')).toBe(true);
  });

  it('treats an empty cell as 0 in arithmetic and as "" or 0 in comparisons', () => {
    expect(deals.evaluate('=Deals!Z99+1')).toBe(1);
    expect(deals.evaluate('=Deals!Z99=""')).toBe(true);
    expect(deals.evaluate('=Deals!Z99=0')).toBe(true);
    expect(deals.evaluate('=Deals!D5<>""')).toBe(false);
  });

  it('coerces numeric text in arithmetic and refuses other text', () => {
    expect(deals.evaluate('="3"+1')).toBe(4);
    expect(deals.evaluate('="x"+1')).toBe('#VALUE!');
  });
});

describe('evaluateFormula: references', () => {
  it('reads cells of its own sheet, absolute or relative', () => {
    expect(deals.evaluate('=C2+$C$3')).toBe(2000);
    expect(deals.evaluate('=A2')).toBe('Acme');
  });

  it('reads cells of other sheets, quoted or not', () => {
    expect(deals.evaluate("='My sheet'!A1+'My sheet'!B1")).toBe(30);
    expect(deals.evaluate('=Deals!C2')).toBe(1200);
    expect(deals.evaluate('=Missing!A1')).toBe('#REF!');
    const spanish = aWorkbook({ Oportunidades: [[1]], Configuración: [[41]] });
    expect(spanish.evaluate('=Configuración!A1+A1')).toBe(42);
  });

  it('sums ranges, whole columns bounded by the used rows, and whole rows', () => {
    expect(deals.evaluate('=SUM(C2:C5)')).toBe(2800);
    expect(deals.evaluate('=SUM(C:C)')).toBe(2800);
    expect(deals.evaluate('=SUM(C3:C)')).toBe(1600);
    expect(deals.evaluate("=SUM('My sheet'!1:1)")).toBe(30);
  });

  it('intersects a column range with its own row when one value is needed', () => {
    expect(deals.evaluate('=C:C*2')).toBe(1600);
    expect(deals.evaluate('=C2:D3')).toBe('#VALUE!');
  });
});

describe('evaluateFormula: functions', () => {
  it('aggregates numbers, skipping text in ranges', () => {
    expect(deals.evaluate('=SUM(A1:C5)')).toBe(2800);
    expect(deals.evaluate('=SUM(1,"2",TRUE)')).toBe(4);
    expect(deals.evaluate('=AVERAGE(C2:C5)')).toBe(700);
    expect(deals.evaluate('=AVERAGE(A2:A5)')).toBe('#DIV/0!');
    expect(deals.evaluate('=MIN(C2:C5)')).toBe(300);
    expect(deals.evaluate('=MAX(C2:C5,5000)')).toBe(5000);
    expect(deals.evaluate('=COUNT(A1:C5)')).toBe(4);
    expect(deals.evaluate('=COUNTA(D1:D5)')).toBe(4);
  });

  it('counts and sums by criteria, without case and with operators', () => {
    expect(deals.evaluate('=COUNTIF(B2:B5,"won")')).toBe(2);
    expect(deals.evaluate('=COUNTIF(C2:C5,">=800")')).toBe(2);
    expect(deals.evaluate('=COUNTIF(B2:B5,"<>Lost")')).toBe(3);
    expect(deals.evaluate('=COUNTIF(A2:A5,"*c*")')).toBe(2);
    expect(deals.evaluate('=COUNTIF(D2:D5,"")')).toBe(1);
    expect(deals.evaluate('=SUMIF(B2:B5,"Won",C2:C5)')).toBe(1500);
    expect(deals.evaluate('=SUMIF(C2:C5,">500")')).toBe(2000);
    expect(deals.evaluate('=COUNTIFS(B2:B5,"won",D2:D5,"ana@x.es")')).toBe(1);
    expect(deals.evaluate('=SUMIFS(C2:C5,D2:D5,"ana@x.es")')).toBe(1700);
  });

  it('evaluates only the branch IF and IFERROR take', () => {
    expect(deals.evaluate('=IF(C2>1000,"big","small")')).toBe('big');
    expect(deals.evaluate('=IF(FALSE,1/0,"safe")')).toBe('safe');
    expect(deals.evaluate('=IF(FALSE,1)')).toBe(false);
    expect(deals.evaluate('=IFERROR(1/0,"none")')).toBe('none');
    expect(deals.evaluate('=IFERROR(1/0)')).toBe('');
    expect(deals.evaluate('=IFERROR(42,"none")')).toBe(42);
  });

  it('combines conditions', () => {
    expect(deals.evaluate('=AND(TRUE,1,C2>0)')).toBe(true);
    expect(deals.evaluate('=OR(FALSE,0)')).toBe(false);
    expect(deals.evaluate('=NOT(ISBLANK(A2))')).toBe(true);
    expect(deals.evaluate('=ISBLANK(D5)')).toBe(true);
    expect(deals.evaluate('=AND("maybe")')).toBe('#VALUE!');
  });

  it('works with dates as serial numbers in the spreadsheet time zone', () => {
    const lateNight = aWorkbook({ S: [[]] }, { now: new Date('2026-03-10T23:30:00Z') });
    expect(lateNight.evaluate('=TODAY()')).toBe(day(2026, 3, 11));
    expect(lateNight.evaluate('=NOW()-TODAY()')).toBeCloseTo(0.5 / 24, 9);
    expect(deals.evaluate('=DATE(2028,2,29)')).toBe(day(2028, 2, 29));
    expect(deals.evaluate('=DATE(2026,13,1)')).toBe(day(2027, 1, 1));
    expect(
      deals.evaluate('=YEAR(DATE(2026,3,1))&"-"&MONTH(DATE(2026,3,1))&"-"&DAY(DATE(2026,3,1))'),
    ).toBe('2026-3-1');
    expect(deals.evaluate('=EDATE(DATE(2026,1,31),1)')).toBe(day(2026, 2, 28));
    expect(deals.evaluate('=EOMONTH(DATE(2028,1,15),1)')).toBe(day(2028, 2, 29));
    expect(deals.evaluate('=EOMONTH(DATE(2026,12,15),0)')).toBe(day(2026, 12, 31));
    expect(deals.evaluate('=WEEKDAY(DATE(2026,3,1))')).toBe(1);
    expect(deals.evaluate('=WEEKDAY(DATE(2026,3,1),2)')).toBe(7);
    expect(deals.evaluate('=DAYS(DATE(2027,1,1),DATE(2026,12,31))')).toBe(1);
    expect(deals.evaluate('=DAYS("2026-03-10","2026-03-01")')).toBe(9);
  });

  it('rounds half away from zero', () => {
    expect(deals.evaluate('=ROUND(2.5)')).toBe(3);
    expect(deals.evaluate('=ROUND(-2.5)')).toBe(-3);
    expect(deals.evaluate('=ROUND(1.005,2)')).toBe(1.01);
    expect(deals.evaluate('=ROUND(1234,-2)')).toBe(1200);
    expect(deals.evaluate('=ABS(-3)')).toBe(3);
  });

  it('handles text', () => {
    expect(deals.evaluate('=CONCATENATE(A2," - ",C2)')).toBe('Acme - 1200');
    expect(deals.evaluate('=LEN("Acme")')).toBe(4);
    expect(deals.evaluate('=UPPER("won")&LOWER("WON")')).toBe('WONwon');
    expect(deals.evaluate('=TRIM("  a   b  ")')).toBe('a b');
    expect(deals.evaluate('=LEFT("Acme",2)&RIGHT("Acme")')).toBe('Ace');
    expect(deals.evaluate('="Total: "&0.1+0.2')).toBe('Total: 0.3');
  });

  it('looks up exact matches without case and says #N/A when missing', () => {
    expect(deals.evaluate('=VLOOKUP("globex",A2:D5,3,FALSE)')).toBe(800);
    expect(deals.evaluate('=VLOOKUP("Nobody",A2:D5,3,FALSE)')).toBe('#N/A');
    expect(deals.evaluate('=VLOOKUP("Acme",A2:D5,9,FALSE)')).toBe('#REF!');
  });

  it('knows its own row and column', () => {
    expect(deals.evaluate('=ROW()')).toBe(3);
    expect(deals.evaluate('=COLUMN()')).toBe(6);
    expect(deals.evaluate('=ROW(B7)+COLUMN(C1)')).toBe(10);
  });
});

describe('evaluateFormula: errors', () => {
  it('names each kind of error like Sheets', () => {
    expect(deals.evaluate('=NOSUCH(1)')).toBe('#NAME?');
    expect(deals.evaluate('=unknownName+1')).toBe('#NAME?');
    expect(deals.evaluate('=1/0')).toBe('#DIV/0!');
    expect(deals.evaluate('=SUM(1,')).toBe('#ERROR!');
    expect(deals.evaluate('=1+')).toBe('#ERROR!');
    expect(deals.evaluate('=LEFT()')).toBe('#N/A');
  });

  it('propagates the first error through operators and functions', () => {
    const broken = aWorkbook({ S: [['#N/A', 5]] });
    expect(broken.evaluate('=A1+1')).toBe('#N/A');
    expect(broken.evaluate('=SUM(A1:B1)')).toBe('#N/A');
    expect(broken.evaluate('=1/0+A1')).toBe('#DIV/0!');
    expect(broken.evaluate('=IFERROR(A1,"fixed")')).toBe('fixed');
    expect(broken.evaluate('=COUNTA(A1:B1)')).toBe(2);
  });
});

describe('conditional-format style formulas', () => {
  const tracker = aWorkbook(
    {
      Deals: [
        ['Stage', 'Next action date', 'Lost reason'],
        ['Proposal', day(2026, 3, 1), ''],
        ['Proposal', day(2026, 3, 20), ''],
        ['Won', '', ''],
        ['Lost', '', 'Price'],
      ],
    },
    { now: new Date('2026-03-10T09:00:00Z') },
  );

  it('flags an overdue next action and ignores an empty one', () => {
    expect(tracker.evaluate('=AND($B2<>"",$B2<TODAY())')).toBe(true);
    expect(tracker.evaluate('=AND($B3<>"",$B3<TODAY())')).toBe(false);
    expect(tracker.evaluate('=AND($B4<>"",$B4<TODAY())')).toBe(false);
  });

  it('flags open deals with no lost reason', () => {
    expect(tracker.evaluate('=AND($A2<>"Won",$A2<>"Lost",$C2="")')).toBe(true);
    expect(tracker.evaluate('=AND($A4<>"Won",$A4<>"Lost",$C4="")')).toBe(false);
    expect(tracker.evaluate('=AND($A5<>"Won",$A5<>"Lost",$C5="")')).toBe(false);
  });
});

describe('shiftFormula', () => {
  it('moves relative parts and keeps $-absolute parts', () => {
    expect(shiftFormula('=AND($H2<>"",$H2<TODAY())', 3, 2)).toBe('=AND($H5<>"",$H5<TODAY())');
    expect(shiftFormula('=A1+$B1+C$1+$D$1', 1, 1)).toBe('=B2+$B2+D$1+$D$1');
  });

  it('moves ranges, sheet-qualified references and whole columns', () => {
    expect(shiftFormula("=SUM('My sheet'!A1:B2)", 1, 0)).toBe("=SUM('My sheet'!A2:B3)");
    expect(shiftFormula('=COUNTIF(A:A,A2)>1', 4, 1)).toBe('=COUNTIF(B:B,B6)>1');
  });

  it('leaves strings and function names alone', () => {
    expect(shiftFormula('=IF(A1="B2",LOG10(1),"")', 1, 0)).toBe('=IF(A2="B2",LOG10(1),"")');
  });

  it('turns a reference pushed off the sheet into #REF!', () => {
    expect(shiftFormula('=A1+1', -1, 0)).toBe('=#REF!+1');
  });
});

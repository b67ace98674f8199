// Conformance cases: small Apps Script functions with the answer Google gives, run locally and on Google.
//
// Plain Apps Script (no modules): `npm test` runs this file in the local runtime, and
// `npm run conformance:google` pushes it unchanged to a scratch standalone project and runs it there.
// Each case: what it checks, the reference it takes its answer from, the Apps Script methods it
// covers ("Class.method"), the expected answer, and a function of `c` (see runConformance) that
// returns plain data. An expected `{ throws: 'text' }` means the call must throw; the English text
// is compared locally and on an English-speaking Google account (Apps Script localizes messages).
// `local: '<why>'` marks a case that cannot run under scripts.run (no user in front of a sheet).

var CONFORMANCE_CASES = [];

function conformanceCase(spec) {
  CONFORMANCE_CASES.push(spec);
}

var REF = 'https://developers.google.com/apps-script/reference/';
var GAS_FAKES = 'gas-fakes tests, verified on Apps Script: ';

// ---- Ranges: A1, R1C1, geometry -------------------------------------------------------------

conformanceCase({
  name: 'A1 notation of whole rows, whole columns and open ranges',
  ref: `${REF}spreadsheet/range#getA1Notation() ; ${GAS_FAKES}testsheetsdeveloper.js`,
  covers: ['Sheet.getRange', 'Range.getA1Notation', 'Range.getNumRows', 'Range.getNumColumns'],
  expected: [['5:7', 3, 26], ['D:F', 1000, 3], ['2:5'], ['B:D'], ['B2:C5'], ['C3']],
  run: (c) => {
    var s = c.sheet();
    var rows = s.getRange('5:7');
    var cols = s.getRange('D:F');
    return [
      [rows.getA1Notation(), rows.getNumRows(), rows.getNumColumns()],
      [cols.getA1Notation(), cols.getNumRows(), cols.getNumColumns()],
      [s.getRange('5:2').getA1Notation()],
      [s.getRange('D:B').getA1Notation()],
      [s.getRange('C5:B2').getA1Notation()],
      [s.getRange('$C$3').getA1Notation()],
    ];
  },
});

conformanceCase({
  name: 'R1C1 notation and a range named with a leading "!"',
  ref: `${REF}spreadsheet/sheet#getRange(String) ; ${GAS_FAKES}testsheets.js, testsheetssets.js`,
  covers: ['Sheet.getRange', 'Range.getRow', 'Range.getColumn'],
  expected: [['C5', 5, 3], 'B2:E4', 'B1:E10', 'A1:B2', 'RC1', 'C2:E5'],
  run: (c) => {
    var s = c.sheet();
    var one = s.getRange('R5C3');
    return [
      [one.getA1Notation(), one.getRow(), one.getColumn()],
      s.getRange('R2C2:R4C5').getA1Notation(),
      s.getRange('R10C5:R1C2').getA1Notation(),
      s.getRange('r1c1:r2c2').getA1Notation(),
      s.getRange('RC1').getA1Notation(),
      s.getRange('!C2:E5').getA1Notation(),
    ];
  },
});

conformanceCase({
  name: 'A new sheet has 1000 rows and 26 columns; last row and column count content',
  ref: `${REF}spreadsheet/sheet#getMaxRows() ; ${REF}spreadsheet/sheet#getLastRow()`,
  covers: [
    'Sheet.getMaxRows',
    'Sheet.getMaxColumns',
    'Sheet.getLastRow',
    'Sheet.getLastColumn',
    'Sheet.getDataRange',
    'Range.getLastRow',
    'Range.getLastColumn',
  ],
  expected: [1000, 26, 0, 0, 3, 2, 'A1:B3', 3, 2],
  run: (c) => {
    var s = c.sheet();
    var before = [s.getMaxRows(), s.getMaxColumns(), s.getLastRow(), s.getLastColumn()];
    s.getRange('B3').setValue('x');
    var data = s.getDataRange();
    return before.concat([
      s.getLastRow(),
      s.getLastColumn(),
      data.getA1Notation(),
      data.getLastRow(),
      data.getLastColumn(),
    ]);
  },
});

conformanceCase({
  name: 'Numeric coordinates outside the sheet are refused',
  ref: `${REF}spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)`,
  covers: ['Sheet.getRange'],
  expected: { throws: 'The coordinates of the range are outside the dimensions of the sheet.' },
  run: (c) => c.sheet().getRange(1000, 1, 2, 1).getA1Notation(),
});

// ---- Values -------------------------------------------------------------------------------------

conformanceCase({
  name: 'Values round trip: typed strings are parsed, empty cells are "", formulas compute',
  ref: `${REF}spreadsheet/range#setValues(Object) ; ${REF}spreadsheet/range#getValues()`,
  covers: ['Range.setValues', 'Range.getValues', 'Range.getFormulas', 'Range.setValue'],
  expected: [
    [
      [2, true, '=A1', "'7"],
      [5, '', '', 'text'],
    ],
    [
      ['', '', '', ''],
      ['=A1+3', '', '', ''],
    ],
  ],
  run: (c) => {
    var s = c.sheet();
    s.getRange('A1:D1').setValues([['2', 'TRUE', "'=A1", "''7"]]);
    s.getRange('A2').setValue('=A1+3');
    s.getRange('D2').setValue('text');
    var r = s.getRange('A1:D2');
    return [r.getValues(), r.getFormulas()];
  },
});

conformanceCase({
  name: 'setValues with a grid of the wrong height',
  ref: `${REF}spreadsheet/range#setValues(Object)`,
  covers: ['Range.setValues'],
  expected: {
    throws:
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
  },
  run: (c) => {
    c.sheet()
      .getRange('A1:B2')
      .setValues([[1, 2]]);
  },
});

conformanceCase({
  name: 'setNotes with something that is not a grid',
  ref: `${REF}spreadsheet/range#setNotes(Object) ; ${GAS_FAKES}testsheets.js "notes"`,
  covers: ['Range.setNote', 'Range.getNote'],
  expected: [
    '5.0',
    {
      throws:
        "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setNotes.",
    },
  ],
  run: (c) => {
    var r = c.sheet().getRange('A1:B2');
    r.setNote(5);
    var out = [r.getNote()];
    try {
      r.setNotes('foo');
      out.push('no error');
    } catch (e) {
      out.push({ throws: e.message });
    }
    return out;
  },
});

conformanceCase({
  name: 'appendRow writes after the last row with content',
  ref: `${REF}spreadsheet/sheet#appendRow(Object)`,
  covers: ['Sheet.appendRow'],
  expected: [
    2,
    [
      ['a', 1],
      ['b', 2],
      ['', ''],
    ],
  ],
  run: (c) => {
    var s = c.sheet();
    s.getRange('A1:B1').setValues([['a', 1]]);
    s.getRange('A3').setValue('b');
    s.getRange('A3').clearContent();
    s.appendRow(['b', 2]);
    return [s.getLastRow(), s.getRange('A1:B3').getValues()];
  },
});

conformanceCase({
  name: 'Number formats are kept per cell; clearContent keeps them',
  ref: `${REF}spreadsheet/range#setNumberFormats(Object)`,
  covers: [
    'Range.setNumberFormat',
    'Range.setNumberFormats',
    'Range.clearContent',
    'Sheet.clearContents',
  ],
  expected: [[['0.00', '@']], ['', '']],
  run: (c) => {
    var s = c.sheet();
    var r = s.getRange('A1:B1');
    r.setNumberFormat('0.0');
    r.setNumberFormats([['0.00', '@']]);
    r.setValues([[1, 'x']]);
    r.clearContent();
    var formats = r.getNumberFormats();
    s.getRange('C1').setValue('y');
    s.clearContents();
    return [formats, [s.getRange('A1').getValue(), s.getRange('C1').getValue()]];
  },
});

conformanceCase({
  name: 'Font weight, background and wrap are set per cell',
  ref: `${REF}spreadsheet/range#setFontWeights(Object)`,
  covers: ['Range.setFontWeight', 'Range.setFontWeights', 'Range.setBackground', 'Range.setWrap'],
  expected: [[['bold', 'normal']], '#f08080', '#ff0000'],
  run: (c) => {
    var r = c.sheet().getRange('A1:B1');
    r.setFontWeight('bold');
    r.setFontWeights([['bold', null]]);
    r.setWrap(true);
    r.setBackground('LightCoral');
    var named = r.getBackground();
    r.setBackground('#FF0000');
    return [r.getFontWeights(), named, r.getBackground()];
  },
});

// ---- Validation ---------------------------------------------------------------------------------

conformanceCase({
  name: 'insertCheckboxes with checked and unchecked values',
  ref:
    REF +
    'spreadsheet/range#insertCheckboxes(Object,Object) ; ' +
    GAS_FAKES +
    'testsheetsdatavalidations.js',
  covers: [
    'Range.getDataValidations',
    'DataValidation.getCriteriaType',
    'DataValidation.getCriteriaValues',
  ],
  expected: [
    ['CHECKBOX', [], false],
    ['CHECKBOX', ['DONE'], ''],
    ['CHECKBOX', ['YES', 'NO'], 'NO'],
  ],
  run: (c) => {
    var s = c.sheet();
    s.getRange('A1').insertCheckboxes();
    s.getRange('B1').insertCheckboxes('DONE');
    s.getRange('C1').insertCheckboxes('YES', 'NO');
    var rules = s.getRange('A1:C1').getDataValidations()[0];
    var values = s.getRange('A1:C1').getValues()[0];
    return rules.map((rule, i) => [
      String(rule.getCriteriaType()),
      rule.getCriteriaValues(),
      values[i],
    ]);
  },
});

conformanceCase({
  name: 'Validation rules the tracker uses, read back',
  ref: `${REF}spreadsheet/data-validation-builder`,
  covers: [
    'SpreadsheetApp.newDataValidation',
    'DataValidationBuilder.requireValueInList',
    'DataValidationBuilder.requireCheckbox',
    'DataValidationBuilder.requireDate',
    'DataValidationBuilder.requireNumberBetween',
    'DataValidationBuilder.requireNumberGreaterThanOrEqualTo',
    'DataValidationBuilder.requireTextIsEmail',
    'DataValidationBuilder.setAllowInvalid',
    'DataValidationBuilder.build',
    'Range.setDataValidation',
    'DataValidation.getAllowInvalid',
  ],
  expected: [
    ['VALUE_IN_LIST', [['a', '2', 'false'], true], false],
    ['CHECKBOX', [], true],
    ['DATE_IS_VALID_DATE', [], true],
    ['NUMBER_BETWEEN', [0, 1], true],
    ['NUMBER_GREATER_THAN_OR_EQUAL_TO', [0], true],
    ['TEXT_IS_VALID_EMAIL', [], true],
  ],
  run: (c) => {
    var s = c.sheet();
    var b = () => SpreadsheetApp.newDataValidation();
    var rules = [
      b().requireValueInList(['a', 2, false]).setAllowInvalid(false).build(),
      b().requireCheckbox().build(),
      b().requireDate().build(),
      b().requireNumberBetween(0, 1).build(),
      b().requireNumberGreaterThanOrEqualTo(0).build(),
      b().requireTextIsEmail().build(),
    ];
    return rules.map((rule, i) => {
      var cell = s.getRange(1, i + 1);
      cell.setDataValidation(rule);
      var back = cell.getDataValidation();
      return [String(back.getCriteriaType()), back.getCriteriaValues(), back.getAllowInvalid()];
    });
  },
});

conformanceCase({
  name: 'A script may write a value its cell’s rule rejects',
  ref: `${REF}spreadsheet/data-validation`,
  covers: ['Range.setValue', 'Range.getValues'],
  expected: [['maybe']],
  run: (c) => {
    var cell = c.sheet().getRange('A1');
    cell.setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInList(['yes', 'no'])
        .setAllowInvalid(false)
        .build(),
    );
    cell.setValue('maybe');
    return cell.getValues();
  },
});

// ---- Objects print as their class ---------------------------------------------------------------

conformanceCase({
  name: 'toString() of Range, Sheet, DataValidation and builders',
  ref: `${GAS_FAKES}testsheetsdatavalidations.js, testsheetschart.js`,
  covers: ['Range.getSheet', 'Sheet.getParent'],
  expected: [
    'Range',
    'Sheet',
    'Spreadsheet',
    'DataValidationBuilder',
    'DataValidation',
    'EmbeddedChart',
    true,
  ],
  run: (c) => {
    var s = c.sheet();
    var r = s.getRange('A1');
    var builder = SpreadsheetApp.newDataValidation().requireCheckbox();
    var chart = s
      .newChart()
      .addRange(r)
      .setChartType(Charts.ChartType.COLUMN)
      .setPosition(1, 1, 0, 0);
    return [
      String(r),
      String(r.getSheet()),
      String(s.getParent()),
      String(builder),
      String(builder.build()),
      String(chart.build()),
      /^com\.google\.apps\.maestro\.server\.beans\.trix\.impl\.ChartPropertyApiEmbeddedChartBuilder@/.test(
        String(chart),
      ),
    ];
  },
});

conformanceCase({
  name: 'SpreadsheetApp.AutoFillSeries and other enums are there',
  ref: `${REF}spreadsheet/auto-fill-series`,
  covers: [],
  expected: ['DEFAULT_SERIES', 'ALTERNATE_SERIES', 'RANGE', 'COLUMNS'],
  run: () => [
    String(SpreadsheetApp.AutoFillSeries.DEFAULT_SERIES),
    String(SpreadsheetApp.AutoFillSeries.ALTERNATE_SERIES),
    String(SpreadsheetApp.ProtectionType.RANGE),
    String(SpreadsheetApp.Dimension.COLUMNS),
  ],
});

// ---- Text finder --------------------------------------------------------------------------------

conformanceCase({
  name: 'TextFinder matches the displayed text: a formatted number is found as shown',
  ref: `${REF}spreadsheet/text-finder ; apps-script-rules.md "TextFinder matches the displayed text"`,
  covers: [
    'Range.createTextFinder',
    'TextFinder.matchCase',
    'TextFinder.matchEntireCell',
    'TextFinder.findAll',
    'TextFinder.matchFormulaText',
    'TextFinder.useRegularExpression',
  ],
  expected: [0, 1, 1, ['A2'], 1],
  run: (c) => {
    var s = c.sheet();
    s.getRange('A1:A3').setValues([[1042], ['OPP-000007'], ['=1+1']]);
    s.getRange('A1').setNumberFormat('#,##0');
    var find = (text) =>
      s.getRange('A1:A3').createTextFinder(text).matchCase(true).matchEntireCell(true);
    return [
      find('1042').findAll().length,
      find('1,042').findAll().length,
      s
        .getRange('A1:A3')
        .createTextFinder('^=')
        .matchFormulaText(true)
        .useRegularExpression(true)
        .findAll().length,
      find('OPP-000007')
        .findAll()
        .map((r) => r.getA1Notation()),
      find('opp-000007').matchCase(false).findAll().length,
    ];
  },
});

// ---- Sheets: structure, frozen rows, columns, names ----------------------------------------------

conformanceCase({
  name: 'Merged blocks: a range lists the whole blocks it touches; merge keeps the top-left value',
  ref: `${REF}spreadsheet/range#getMergedRanges() ; ${REF}spreadsheet/range#merge() ; ${REF}spreadsheet/range#breakApart()`,
  covers: ['Range.getMergedRanges', 'Range.merge', 'Range.breakApart'],
  expected: [['B1:C1'], ['B1:C1'], [], 'kept', '', []],
  run: (c) => {
    var s = c.sheet();
    s.getRange('B1').setValue('kept');
    s.getRange('C1').setValue('dropped');
    s.getRange('B1:C1').merge();
    var blocks = (range) => range.getMergedRanges().map((m) => m.getA1Notation());
    var seen = [
      blocks(s.getRange('A1:D1')),
      blocks(s.getRange('C1')),
      blocks(s.getRange('A2:D2')),
      s.getRange('B1').getValue(),
      s.getRange('C1').getValue(),
    ];
    s.getRange('B1:C1').breakApart();
    return seen.concat([blocks(s.getRange('A1:D1'))]);
  },
});

conformanceCase({
  name: 'Inserting and deleting rows and columns',
  ref: `${REF}spreadsheet/sheet#insertRowsAfter(Integer,Integer)`,
  covers: ['Sheet.insertRowsAfter', 'Sheet.insertColumnsAfter', 'Sheet.deleteRows'],
  expected: [1002, 28, 1000, [['a', '', '', 'b']]],
  run: (c) => {
    var s = c.sheet();
    s.getRange('A1:B1').setValues([['a', 'b']]);
    s.insertRowsAfter(1, 2);
    s.insertColumnsAfter(1, 2);
    var grown = [s.getMaxRows(), s.getMaxColumns()];
    s.deleteRows(2, 2);
    return grown.concat([s.getMaxRows(), s.getRange('A1:D1').getValues()]);
  },
});

conformanceCase({
  name: 'Frozen rows, column widths, hidden columns, names and IDs',
  ref: `${REF}spreadsheet/sheet`,
  covers: [
    'Sheet.setFrozenRows',
    'Sheet.getFrozenRows',
    'Sheet.setColumnWidth',
    'Sheet.setColumnWidths',
    'Sheet.hideColumns',
    'Sheet.setName',
    'Sheet.getName',
    'Sheet.getSheetId',
    'Spreadsheet.getSheetByName',
    'Spreadsheet.getSheets',
    'Spreadsheet.getNumSheets',
    'Spreadsheet.insertSheet',
  ],
  expected: [1, 120, true, 'number', true, true],
  run: (c) => {
    var s = c.sheet();
    s.setFrozenRows(1);
    s.setColumnWidth(1, 150);
    s.setColumnWidths(1, 2, 120);
    s.hideColumns(3);
    var name = c.uniqueName('renamed');
    s.setName(name);
    var sheets = c.file.getSheets();
    return [
      s.getFrozenRows(),
      s.getColumnWidth(2),
      s.isColumnHiddenByUser(3),
      typeof s.getSheetId(),
      c.file.getSheetByName(name).getSheetId() === s.getSheetId(),
      sheets.length === c.file.getNumSheets(),
    ];
  },
});

conformanceCase({
  name: 'insertSheet with a name that exists',
  ref: `${REF}spreadsheet/spreadsheet#insertSheet(String)`,
  covers: ['Spreadsheet.insertSheet'],
  expected: {
    throws:
      'A sheet with the name "conformance duplicate" already exists. Please enter another name.',
  },
  run: (c) => {
    c.file.insertSheet('conformance duplicate');
    c.file.insertSheet('conformance duplicate');
  },
});

conformanceCase({
  name: 'The active sheet and range follow activate()',
  ref: `${REF}spreadsheet/range#activate()`,
  covers: [
    'Sheet.activate',
    'Range.activate',
    'Spreadsheet.getActiveSheet',
    'Spreadsheet.getActiveRange',
  ],
  expected: [true, 'B2:C3'],
  run: (c) => {
    var s = c.sheet();
    s.activate();
    s.getRange('B2:C3').activate();
    return [
      c.file.getActiveSheet().getSheetId() === s.getSheetId(),
      c.file.getActiveRange().getA1Notation(),
    ];
  },
});

// ---- Protection, conditional formats, charts ------------------------------------------------------

conformanceCase({
  name: 'A protected range, found again by type',
  ref: `${REF}spreadsheet/protection`,
  covers: [
    'Range.protect',
    'Protection.setDescription',
    'Protection.setWarningOnly',
    'Protection.getDescription',
    'Protection.getRange',
    'Protection.remove',
    'Sheet.getProtections',
  ],
  expected: [1, 'header', 'A1:C1', 0],
  run: (c) => {
    var s = c.sheet();
    s.getRange('A1:C1').protect().setDescription('header').setWarningOnly(true);
    var found = s.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    var out = [found.length, found[0].getDescription(), found[0].getRange().getA1Notation()];
    found[0].remove();
    out.push(s.getProtections(SpreadsheetApp.ProtectionType.RANGE).length);
    return out;
  },
});

conformanceCase({
  name: 'A conditional format rule with a custom formula, read back',
  ref: `${REF}spreadsheet/conditional-format-rule-builder`,
  covers: [
    'SpreadsheetApp.newConditionalFormatRule',
    'ConditionalFormatRuleBuilder.whenFormulaSatisfied',
    'ConditionalFormatRuleBuilder.setBackground',
    'ConditionalFormatRuleBuilder.setFontColor',
    'ConditionalFormatRuleBuilder.setRanges',
    'ConditionalFormatRuleBuilder.build',
    'Sheet.setConditionalFormatRules',
    'Sheet.getConditionalFormatRules',
    'ConditionalFormatRule.getBooleanCondition',
    'ConditionalFormatRule.getRanges',
    'BooleanCondition.getCriteriaValues',
    'BooleanCondition.getBackground',
    'BooleanCondition.getFontColor',
  ],
  expected: [1, ['=$A2>0'], '#ff0000', '#ffffff', ['A2:C10']],
  run: (c) => {
    var s = c.sheet();
    var rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$A2>0')
      .setBackground('#FF0000')
      .setFontColor('#ffffff')
      .setRanges([s.getRange('A2:C10')])
      .build();
    s.setConditionalFormatRules([rule]);
    var back = s.getConditionalFormatRules();
    var condition = back[0].getBooleanCondition();
    return [
      back.length,
      condition.getCriteriaValues(),
      condition.getBackground(),
      condition.getFontColor(),
      back[0].getRanges().map((r) => r.getA1Notation()),
    ];
  },
});

conformanceCase({
  name: 'A chart inserted, listed and removed',
  ref: `${REF}spreadsheet/embedded-chart-builder`,
  covers: [
    'Sheet.newChart',
    'EmbeddedChartBuilder.addRange',
    'EmbeddedChartBuilder.setChartType',
    'EmbeddedChartBuilder.setOption',
    'EmbeddedChartBuilder.setPosition',
    'EmbeddedChartBuilder.build',
    'Sheet.insertChart',
    'Sheet.getCharts',
    'Sheet.removeChart',
  ],
  expected: [1, 0],
  run: (c) => {
    var s = c.sheet();
    s.getRange('A1:B3').setValues([
      ['k', 'v'],
      ['a', 1],
      ['b', 2],
    ]);
    var chart = s
      .newChart()
      .addRange(s.getRange('A1:B3'))
      .setChartType(Charts.ChartType.BAR)
      .setOption('title', 'Pipeline')
      .setPosition(1, 4, 0, 0)
      .build();
    s.insertChart(chart);
    var count = s.getCharts().length;
    s.removeChart(s.getCharts()[0]);
    return [count, s.getCharts().length];
  },
});

conformanceCase({
  name: 'TextFinder.findNext gives the first match (issue 22: an archived deal by its ID)',
  ref: `${REF}spreadsheet/text-finder#findNext()`,
  covers: ['TextFinder.findNext'],
  expected: ['A2', true],
  run: (c) => {
    var s = c.sheet();
    s.getRange('A1:A3').setValues([['x'], ['OPP-000001'], ['y']]);
    var find = (text) => s.getRange('A1:A3').createTextFinder(text).matchEntireCell(true);
    return [find('OPP-000001').findNext().getA1Notation(), find('OPP-000002').findNext() === null];
  },
});

// ---- The spreadsheet ------------------------------------------------------------------------------

conformanceCase({
  name: 'The spreadsheet’s ID, URL, zone and locale',
  ref: `${REF}spreadsheet/spreadsheet`,
  covers: [
    'Spreadsheet.getId',
    'Spreadsheet.getUrl',
    'Spreadsheet.getSpreadsheetTimeZone',
    'Spreadsheet.setSpreadsheetTimeZone',
    'Spreadsheet.getSpreadsheetLocale',
    'SpreadsheetApp.openById',
    'SpreadsheetApp.create',
    'Spreadsheet.getName',
  ],
  expected: [true, true, 'Europe/Madrid', 'string', 'string'],
  run: (c) => {
    var again = SpreadsheetApp.openById(c.file.getId());
    c.file.setSpreadsheetTimeZone('Europe/Madrid');
    return [
      again.getId() === c.file.getId(),
      c.file.getUrl().indexOf(c.file.getId()) >= 0,
      again.getSpreadsheetTimeZone(),
      typeof again.getSpreadsheetLocale(),
      typeof again.getName(),
    ];
  },
});

conformanceCase({
  name: 'A standalone run has no active spreadsheet, no document lock or properties, no Ui',
  ref:
    REF +
    'spreadsheet/spreadsheet-app#getActiveSpreadsheet() ; ' +
    REF +
    'lock/lock-service#getDocumentLock()',
  covers: [
    'SpreadsheetApp.getActiveSpreadsheet',
    'SpreadsheetApp.getActive',
    'LockService.getDocumentLock',
    'PropertiesService.getDocumentProperties',
    'SpreadsheetApp.getUi',
  ],
  expected: [
    null,
    null,
    null,
    null,
    { throws: 'Cannot call SpreadsheetApp.getUi() from this context.' },
  ],
  run: () => {
    var out = [
      SpreadsheetApp.getActiveSpreadsheet(),
      SpreadsheetApp.getActive(),
      LockService.getDocumentLock(),
      PropertiesService.getDocumentProperties(),
    ];
    try {
      SpreadsheetApp.getUi();
      out.push('no error');
    } catch (e) {
      out.push({ throws: e.message });
    }
    return out;
  },
});

conformanceCase({
  name: 'flush and toast return nothing',
  ref: `${REF}spreadsheet/spreadsheet-app#flush()`,
  covers: ['SpreadsheetApp.flush', 'Spreadsheet.toast', 'Console.error'],
  expected: [null, null, null],
  run: (c) => {
    var flushed = SpreadsheetApp.flush();
    var toasted = c.file.toast('conformance', 'check', 1);
    var logged = console.error('conformance: console.error works');
    return [
      flushed === undefined ? null : flushed,
      toasted === undefined ? null : toasted,
      logged === undefined ? null : logged,
    ];
  },
});

conformanceCase({
  name: 'Developer metadata on the spreadsheet: added, read by key, changed and removed',
  ref: `${REF}spreadsheet/spreadsheet#addDeveloperMetadata(String,String,DeveloperMetadataVisibility) ; ${REF}spreadsheet/developer-metadata ; ${REF}spreadsheet/range#getValue()`,
  covers: [
    'Spreadsheet.addDeveloperMetadata',
    'Spreadsheet.getDeveloperMetadata',
    'DeveloperMetadata.getKey',
    'DeveloperMetadata.getValue',
    'DeveloperMetadata.setValue',
    'DeveloperMetadata.remove',
    'Range.getValue',
  ],
  expected: [
    'Spreadsheet',
    [['conformance.layout', '{"a":1}', 'PROJECT']],
    '{"a":2}',
    [],
    'Generated by',
  ],
  run: (c) => {
    var key = 'conformance.layout';
    var mine = () => c.file.getDeveloperMetadata().filter((m) => m.getKey() === key);
    var added = String(
      c.file.addDeveloperMetadata(
        key,
        '{"a":1}',
        SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
      ),
    );
    var seen = mine().map((m) => [m.getKey(), m.getValue(), String(m.getVisibility())]);
    mine()[0].setValue('{"a":2}');
    var changed = mine()[0].getValue();
    mine().forEach((m) => {
      m.remove();
    });
    var cell = c.sheet().getRange('A1');
    cell.setValue('Generated by');
    return [added, seen, changed, mine(), cell.getValue()];
  },
});

// ---- Locks, caches, properties ---------------------------------------------------------------------

conformanceCase({
  name: 'Lock timeouts: zero acquires, negative never does',
  ref: `${REF}lock/lock#tryLock(Integer) ; ${GAS_FAKES}testlock.js`,
  covers: [
    'LockService.getUserLock',
    'LockService.getScriptLock',
    'Lock.tryLock',
    'Lock.releaseLock',
  ],
  expected: [
    true,
    true,
    false,
    false,
    { throws: 'Lock timeout: another process was holding the lock for too long.' },
    false,
    true,
  ],
  run: () => {
    var lock = LockService.getUserLock();
    var out = [lock.tryLock(0), lock.hasLock()];
    lock.releaseLock();
    out.push(lock.tryLock(-100), lock.hasLock());
    try {
      lock.waitLock(-100);
      out.push('no error');
    } catch (e) {
      out.push({ throws: e.message });
    }
    out.push(lock.hasLock());
    const script = LockService.getScriptLock();
    out.push(script.tryLock(1000));
    script.releaseLock();
    return out;
  },
});

conformanceCase({
  name: 'Cache put and remove return null',
  ref: `${REF}cache/cache#put(String,String) ; ${GAS_FAKES}teststores.js`,
  covers: [],
  expected: [null, 'v', null, null],
  run: () => {
    var cache = CacheService.getScriptCache();
    return [
      cache.put('conformance', 'v', 60),
      cache.get('conformance'),
      cache.remove('conformance'),
      cache.get('conformance'),
    ];
  },
});

conformanceCase({
  name: 'User properties: set, read, delete',
  ref: `${REF}properties/properties`,
  covers: [
    'PropertiesService.getUserProperties',
    'Properties.setProperty',
    'Properties.setProperties',
    'Properties.getProperty',
    'Properties.getProperties',
    'Properties.deleteProperty',
  ],
  expected: ['1', '2', null],
  run: () => {
    var store = PropertiesService.getUserProperties();
    store.setProperty('conformance.a', 1);
    store.setProperties({ 'conformance.b': '2' });
    var all = store.getProperties();
    var out = [store.getProperty('conformance.a'), all['conformance.b']];
    store.deleteProperty('conformance.a');
    store.deleteProperty('conformance.b');
    out.push(store.getProperty('conformance.a'));
    return out;
  },
});

// ---- Utilities --------------------------------------------------------------------------------------

conformanceCase({
  name: 'computeDigest hashes text as US-ASCII unless told UTF-8',
  ref:
    REF +
    'utilities/utilities#computeDigest(DigestAlgorithm,String,Charset) ; ' +
    GAS_FAKES +
    'testutilities.js',
  covers: [],
  expected: [
    [-22, 3, -4, -72, -60, 120, 34, -68, -25, 114, -49, 108, 7, -48, -21, -69],
    [-22, 3, -4, -72, -60, 120, 34, -68, -25, 114, -49, 108, 7, -48, -21, -69],
    [-71, 89, 42, -99, 35, -63, -51, -82, 83, 46, 87, -53, -35, -67, 116, -6],
  ],
  run: () => {
    var md5 = Utilities.DigestAlgorithm.MD5;
    return [
      Utilities.computeDigest(md5, '€🙂'),
      Utilities.computeDigest(md5, '€🙂', Utilities.Charset.US_ASCII),
      Utilities.computeDigest(md5, '€🙂', Utilities.Charset.UTF_8),
    ];
  },
});

// ---- Mail, triggers, session ------------------------------------------------------------------------

conformanceCase({
  name: 'The mail quota is a number; an invalid address is refused before sending',
  ref: `${REF}mail/mail-app#getRemainingDailyQuota()`,
  covers: ['MailApp.getRemainingDailyQuota', 'MailApp.sendEmail'],
  expected: ['number', { throws: 'Invalid email: not-an-address' }],
  run: () => {
    var out = [typeof MailApp.getRemainingDailyQuota()];
    try {
      MailApp.sendEmail({ to: 'not-an-address', subject: 'conformance', body: 'never sent' });
      out.push('sent');
    } catch (e) {
      out.push({ throws: e.message });
    }
    return out;
  },
});

conformanceCase({
  name: 'A time-driven trigger is created, listed and deleted',
  ref:
    REF +
    'script/script-app#getUserTriggers(Spreadsheet) ; ' +
    REF +
    'script/clock-trigger-builder#everyHours(Integer)',
  covers: [
    'ScriptApp.newTrigger',
    'TriggerBuilder.timeBased',
    'ClockTriggerBuilder.everyHours',
    'ClockTriggerBuilder.create',
    'ScriptApp.getProjectTriggers',
    'ScriptApp.getUserTriggers',
    'ScriptApp.deleteTrigger',
    'Trigger.getHandlerFunction',
    'Trigger.getUniqueId',
  ],
  expected: ['conformanceTick', 'string', true, 0, false],
  run: (c) => {
    var trigger = ScriptApp.newTrigger('conformanceTick').timeBased().everyHours(1).create();
    var uid = trigger.getUniqueId();
    var listed = ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === uid);
    var forFile = ScriptApp.getUserTriggers(c.file).length;
    ScriptApp.deleteTrigger(trigger);
    var still = ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === uid);
    return [trigger.getHandlerFunction(), typeof uid, listed, forFile, still];
  },
});

conformanceCase({
  name: 'Active and effective user are the same person when they run it themselves',
  ref: `${REF}base/session#getEffectiveUser()`,
  covers: ['Session.getActiveUser', 'Session.getEffectiveUser', 'User.getEmail'],
  expected: [true, 'string'],
  run: () => {
    var me = Session.getEffectiveUser().getEmail();
    return [Session.getActiveUser().getEmail() === me, typeof me];
  },
});

// ---- HTML and Ui -------------------------------------------------------------------------------------

conformanceCase({
  name: 'An HTML file of the project, with a title, size and appended text',
  ref: `${REF}html/html-output`,
  covers: [
    'HtmlService.createHtmlOutputFromFile',
    'HtmlOutput.setTitle',
    'HtmlOutput.setWidth',
    'HtmlOutput.setHeight',
    'HtmlOutput.append',
  ],
  expected: ['Check', 300, 200, true],
  run: () => {
    var out = HtmlService.createHtmlOutputFromFile('Conformance')
      .setTitle('Check')
      .setWidth(300)
      .setHeight(200)
      .append('<p>more</p>');
    return [
      out.getTitle(),
      out.getWidth(),
      out.getHeight(),
      out.getContent().indexOf('<p>more</p>') > 0,
    ];
  },
});

conformanceCase({
  name: 'The add-on menu and dialogs (need a user in front of a spreadsheet)',
  local: 'Ui exists only in a run started from an open spreadsheet; scripts.run has none',
  ref: `${REF}base/ui`,
  covers: [
    'Ui.createAddonMenu',
    'Menu.addItem',
    'Menu.addSeparator',
    'Menu.addToUi',
    'Ui.alert',
    'Ui.showSidebar',
    'Ui.showModalDialog',
  ],
  expected: ['OK'],
  run: () => {
    var ui = SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('Check', 'conformanceTick').addSeparator().addToUi();
    ui.showSidebar(HtmlService.createHtmlOutput('<p>side</p>'));
    ui.showModalDialog(HtmlService.createHtmlOutput('<p>dialog</p>'), 'Dialog');
    return [String(ui.alert('Conformance', 'OK?', ui.ButtonSet.OK))];
  },
});

// ---- The runner ----------------------------------------------------------------------------------------

/** A value as plain data: Dates as ISO text, objects of Apps Script as their class name. */
function conformancePlain(value) {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (Object.prototype.toString.call(value) === '[object Date]')
    return { date: value.toISOString() };
  if (Array.isArray(value)) return value.map(conformancePlain);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const out = {};
    Object.keys(value).forEach((k) => {
      out[k] = conformancePlain(value[k]);
    });
    return out;
  }
  return { object: String(value) };
}

// biome-ignore lint/correctness/noUnusedVariables: the handler the trigger case names.
function conformanceTick() {}

/**
 * Runs every case (or those whose names are given) in one scratch spreadsheet it creates, each on
 * a fresh sheet, and returns JSON: { date, locale, timeZone, results: { name: { value } | { throws } } }.
 * `only` lists case names; `where`: 'google' leaves out the cases marked local.
 */
// biome-ignore lint/correctness/noUnusedVariables: called by scripts.run and by the local runtime.
function runConformance(only, where) {
  var file = SpreadsheetApp.create(`Opportunity Tracker conformance ${new Date().toISOString()}`);
  var count = 0;
  var c = {
    file: file,
    sheet: () => {
      count++;
      return file.insertSheet(`case ${count}`);
    },
    uniqueName: (base) => {
      count++;
      return `${base} ${count}`;
    },
  };
  var results = {};
  CONFORMANCE_CASES.forEach((spec) => {
    if (only?.length && only.indexOf(spec.name) < 0) return;
    if (where === 'google' && spec.local) {
      results[spec.name] = { skipped: spec.local };
      return;
    }
    try {
      results[spec.name] = { value: conformancePlain(spec.run(c)) };
    } catch (e) {
      results[spec.name] = { throws: String(e && e.message !== undefined ? e.message : e) };
    }
  });
  return JSON.stringify({
    date: new Date().toISOString(),
    locale: Session.getActiveUserLocale(),
    timeZone: Session.getScriptTimeZone(),
    spreadsheetId: file.getId(),
    results: results,
  });
}

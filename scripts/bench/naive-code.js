// The bench's strawman: a beginner's script for the same jobs, one service call per row or cell.
/* global SpreadsheetApp, Session */

// Column numbers typed in by hand, as a beginner does (run.ts checks them against the headers).
const ID_COL = 1;
const STAGE_COL = 5;
const IN_STAGE_SINCE_COL = 11;
const UPDATED_COL = 44;
const DATE_COLS = [8, 9, 10, 11, 13, 15, 34, 43];
const HEADERS = [
  'ID',
  'Opportunity',
  'Customer',
  'Owner',
  'Stage',
  'Amount',
  'Probability',
  'Expected close',
  'Invoice date',
  'Created',
  'In stage since',
  'Next action',
  'Next action date',
  'Next action goal',
  'Last contact',
  'Last contact summary',
  'Contact type',
  'Contact',
  'Contact email',
  'Contact phone',
  'Contact role',
  'Influence',
  'Decision maker',
  'DM met',
  'Products',
  'Monthly billing',
  'Units',
  'Negotiation summary',
  'Tier',
  'Segment',
  'Competitor',
  'Lost reason',
  'Lost note',
  'Closed on',
  'Budget confirmed',
  'DM identified',
  'Timeline defined',
  'Pain identified',
  'Size fits',
  'Score',
  'Stars',
  'Close date pushes',
  'Last reviewed',
  'Updated',
];
const STAGES = ['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'];

function opportunities() {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Opportunities');
}

function stageRule() {
  return SpreadsheetApp.newDataValidation().requireValueInList(STAGES, true).build();
}

// biome-ignore lint/correctness/noUnusedVariables: Apps Script calls it by name.
function naiveSetUp() {
  // Adopts the active tab: each header cell read, each missing header written, cell by cell.
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  sheet.setName('Opportunities');
  if (sheet.getMaxColumns() < HEADERS.length)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), HEADERS.length - sheet.getMaxColumns());
  const present = [];
  for (let c = 1; c <= sheet.getLastColumn(); c++) {
    present.push(sheet.getRange(1, c).getValue());
  }
  for (const header of HEADERS) {
    if (present.indexOf(header) < 0) {
      present.push(header);
      sheet.getRange(1, present.length).setValue(header);
    }
  }
  const lastRow = sheet.getLastRow();
  const stageCol = present.indexOf('Stage') + 1;
  for (let r = 2; r <= lastRow; r++) {
    sheet.getRange(r, stageCol).setDataValidation(stageRule());
  }
  for (const c of DATE_COLS) {
    const column = present.indexOf(HEADERS[c - 1]) + 1;
    for (let r = 2; r <= lastRow; r++) {
      sheet.getRange(r, column).setNumberFormat('yyyy-mm-dd');
    }
  }
}

// biome-ignore lint/correctness/noUnusedVariables: Apps Script calls it by name.
function naiveMoveStage(id, stage) {
  const sheet = opportunities();
  const lastRow = sheet.getLastRow();
  for (let r = 2; r <= lastRow; r++) {
    if (sheet.getRange(r, ID_COL).getValue() === id) {
      const old = sheet.getRange(r, STAGE_COL).getValue();
      sheet.getRange(r, STAGE_COL).setValue(stage);
      sheet.getRange(r, IN_STAGE_SINCE_COL).setValue(new Date());
      sheet.getRange(r, UPDATED_COL).setValue(new Date());
      SpreadsheetApp.getActiveSpreadsheet()
        .getSheetByName('History')
        .appendRow([new Date(), Session.getActiveUser().getEmail(), id, 'stage', old, stage]);
      return true;
    }
  }
  return false;
}

// biome-ignore lint/correctness/noUnusedVariables: Apps Script calls it by name.
function naiveRepair() {
  const sheet = opportunities();
  const lastRow = sheet.getLastRow();
  const width = sheet.getLastColumn();
  for (let r = 2; r <= lastRow; r++) {
    const row = sheet.getRange(r, 1, 1, width).getValues()[0];
    if (row[ID_COL - 1] === '') {
      sheet.getRange(r, ID_COL).setValue(`OPP-${String(r).padStart(6, '0')}`);
    }
    sheet.getRange(r, STAGE_COL).setDataValidation(stageRule());
  }
}

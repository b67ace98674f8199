// Google's error texts, in one place, and the exception type services throw.

/** An exception a service throws; the vm sees it as an Error named 'Exception', as in Apps Script. */
export class ScriptException extends Error {
  override name = 'Exception';
}

/** Ends an execution at once; script code cannot catch it (Apps Script kills the run). */
export class ExecutionKilled extends Error {
  override name = 'Exception';
}

export const messages = {
  outsideSheet: 'The coordinates of the range are outside the dimensions of the sheet.',
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  rangeNotFound: 'Range not found',
  timeout: 'Exceeded maximum execution time',
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  mailQuota: 'Service invoked too many times for one day: email.',
  recipientsPerMessage: 'Limit Exceeded: Email Recipients Per Message.',
  argumentTooLarge: (name: string) => `Argument too large: ${name}`,
  propertyStoreQuota:
    'You have exceeded the property storage quota. Please remove some properties and try again.',
  tooManyTriggers:
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  triggerRuntimeQuota: 'Service using too much computer time for one day',
  uiContext: 'Cannot call SpreadsheetApp.getUi() from this context.',
  permission: (call: string, scope?: string) =>
    scope
      ? `You do not have permission to call ${call}. Required permissions: ${scope}`
      : `You do not have permission to call ${call}`,
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  functionNotFound: (name: string) => `Script function not found: ${name}`,
  serverError: "We're sorry, a server error occurred. Please wait a bit and try again.",
  rowsOutOfBounds: 'Those rows are out of bounds.',
  columnsOutOfBounds: 'Those columns are out of bounds.',
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  sheetExists: (name: string) =>
    `A sheet with the name "${name}" already exists. Please enter another name.`,
  invalidArgument: (name: string) => `Invalid argument: ${name}`,
  htmlFileMissing: (name: string) => `No HTML file named ${name} was found.`,
  noAccess: 'You do not have permission to access the requested document.',
  /** Google's error for arguments of the wrong types, e.g. setNotes('foo'). */
  signature: (className: string, method: string, args: unknown[]) =>
    `The parameters (${args.map(javaTypeName).join(',')}) don't match the method signature for ${serviceNamespace(className)}.${className}.${method}.`,
} as const;

/** How Apps Script names an argument's type in its signature errors: String, number, Boolean, number[], Object. */
function javaTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) {
    const inner = value.length > 0 ? javaTypeName(value[0]) : 'Object';
    return `${inner === 'null' ? 'Object' : inner}[]`;
  }
  if (Object.prototype.toString.call(value) === '[object Date]') return 'Date';
  return 'Object';
}

function serviceNamespace(className: string): string {
  if (/^(Range|Sheet|Spreadsheet|DataValidation|SpreadsheetApp)/.test(className))
    return 'SpreadsheetApp';
  return 'Utilities';
}

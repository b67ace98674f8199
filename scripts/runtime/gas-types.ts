// Ties the local services to @types/google-apps-script, so the compiler checks their signatures.

/**
 * The listed methods of an Apps Script interface, with Google's parameter types and any result.
 * A class `implements Signatures<GoogleAppsScript.Spreadsheet.Range, 'getValues' | ...>` fails to
 * compile when a method's parameters stop matching Google's (the last overload is the one checked).
 * Results stay open because the local classes return each other, not Google's interfaces.
 */
export type Signatures<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : never;
};

/** True for a Date from any realm (the script's vm context has its own Date). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

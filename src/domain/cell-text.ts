// Text made safe to write into a cell: never read as a formula, no control characters, bounded length.

/** Characters that make Sheets read typed text as a formula (or that hide a formula after them). */
const formulaStart = /^[=+\-@\t\r]/;

/** Text written as-is would run as a formula when it starts with = + - @ (or a tab / CR): quote it. */
export function escapeCellText(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/**
 * Cleans text a user typed in the sidebar: trimmed, control characters dropped (newlines kept,
 * tabs become spaces), at most maxLength characters, never cutting a character in half.
 */
export function sanitizeText(text: string, maxLength: number): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
    .trim();
  const characters = Array.from(cleaned);
  if (characters.length <= maxLength) return cleaned;
  return characters.slice(0, Math.max(0, maxLength)).join('').trimEnd();
}

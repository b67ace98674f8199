// Text a user typed, cleaned before it is stored: no control characters, bounded length (quoting: src/gas/cells.ts).

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

// Opportunity IDs: OPP-000123, generated in order and never reused.

const pattern = /^OPP-(\d+)$/;

export function formatId(n: number): string {
  return `OPP-${String(n).padStart(6, '0')}`;
}

/** The number inside an ID we generated, or null for IDs a team brought with them. */
export function idNumber(id: string): number | null {
  const match = pattern.exec(id.trim());
  return match ? Number(match[1]) : null;
}

/**
 * `count` fresh IDs: above both the stored counter and every ID already in the sheet, so an ID
 * is never reused even if the counter was lost or rows were copied from another tracker.
 */
export function allocateIds(
  count: number,
  existing: Iterable<string>,
  storedNext: number,
): { ids: string[]; next: number } {
  let next = Math.max(1, Number.isFinite(storedNext) ? Math.floor(storedNext) : 1);
  for (const id of existing) {
    const n = idNumber(id);
    if (n !== null && n >= next) next = n + 1;
  }
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(formatId(next + i));
  return { ids, next: next + count };
}

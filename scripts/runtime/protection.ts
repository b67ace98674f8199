// Protected ranges and sheets: who may edit, and the check script writes and user edits pass.

import type { Rect } from './a1';
import type { RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';
import { UserImpl } from './session';
import type { ProtectionModel, SheetModel, SpreadsheetModel } from './sheet-model';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.column < b.column + b.numColumns &&
    b.column < a.column + a.numColumns
  );
}

export function mayEdit(
  file: SpreadsheetModel,
  protection: ProtectionModel,
  user: string,
): boolean {
  return user === file.owner || protection.editors.includes(user);
}

/** The protections a write to `rect` by `user` runs into: blocking ones and warning-only ones. */
export function protectionsHit(
  file: SpreadsheetModel,
  sheet: SheetModel,
  rect: Rect,
  user: string,
): { blocking: ProtectionModel[]; warnings: ProtectionModel[] } {
  const hit = sheet.protections.filter(
    (p) => overlaps(p.rect, rect) && !covered(intersect(p.rect, rect), p.unprotected ?? []),
  );
  return {
    blocking: hit.filter((p) => !p.warningOnly && !mayEdit(file, p, user)),
    warnings: hit.filter((p) => p.warningOnly),
  };
}

function intersect(a: Rect, b: Rect): Rect {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  return {
    row,
    column,
    numRows: Math.min(a.row + a.numRows, b.row + b.numRows) - row,
    numColumns: Math.min(a.column + a.numColumns, b.column + b.numColumns) - column,
  };
}

/** Whether the holes cover every cell of `rect` (it is split around each hole in turn). */
function covered(rect: Rect, holes: Rect[]): boolean {
  if (rect.numRows <= 0 || rect.numColumns <= 0) return true;
  const [hole, ...rest] = holes;
  if (!hole) return false;
  if (!overlaps(hole, rect)) return covered(rect, rest);
  const inner = intersect(hole, rect);
  const bottom = rect.row + rect.numRows;
  const right = rect.column + rect.numColumns;
  const pieces: Rect[] = [
    {
      row: rect.row,
      column: rect.column,
      numRows: inner.row - rect.row,
      numColumns: rect.numColumns,
    },
    {
      row: inner.row + inner.numRows,
      column: rect.column,
      numRows: bottom - (inner.row + inner.numRows),
      numColumns: rect.numColumns,
    },
    {
      row: inner.row,
      column: rect.column,
      numRows: inner.numRows,
      numColumns: inner.column - rect.column,
    },
    {
      row: inner.row,
      column: inner.column + inner.numColumns,
      numRows: inner.numRows,
      numColumns: right - (inner.column + inner.numColumns),
    },
  ];
  return pieces.every((piece) => covered(piece, rest));
}

/** Script writes obey protections too: a script runs as a user, who may not be a listed editor. */
export function assertEditable(
  env: RuntimeEnv,
  file: SpreadsheetModel,
  sheet: SheetModel,
  rect: Rect,
): void {
  const { blocking } = protectionsHit(file, sheet, rect, env.execution().user);
  if (blocking.length > 0) throw new ScriptException(messages.protectedCell);
}

type ProtectionMethods =
  | 'setDescription'
  | 'getDescription'
  | 'setWarningOnly'
  | 'isWarningOnly'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'removeEditors'
  | 'getEditors'
  | 'getRange'
  | 'getProtectionType'
  | 'remove'
  | 'canEdit'
  | 'canDomainEdit'
  | 'setDomainEdit';

export class ProtectionImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.Protection, ProtectionMethods>
{
  static readonly serviceName = 'Protection';

  constructor(
    private readonly env: RuntimeEnv,
    private readonly file: SpreadsheetModel,
    private readonly sheet: SheetModel,
    readonly model: ProtectionModel,
  ) {}

  /** Only the owner and listed editors may change a protection. */
  #assertManager(): void {
    if (!mayEdit(this.file, this.model, this.env.execution().user))
      throw new ScriptException(messages.protectedCell);
  }

  setDescription(description: string): this {
    this.#assertManager();
    this.model.description = String(description);
    return this;
  }

  getDescription(): string {
    return this.model.description;
  }

  setWarningOnly(warningOnly: boolean): this {
    this.#assertManager();
    this.model.warningOnly = warningOnly;
    return this;
  }

  isWarningOnly(): boolean {
    return this.model.warningOnly;
  }

  addEditor(emailAddress: string | GoogleAppsScript.Base.User): this {
    return this.addEditors([emailAddress as string]);
  }

  addEditors(emailAddresses: Array<string | GoogleAppsScript.Base.User>): this {
    this.#assertManager();
    for (const email of emailAddresses.map(emailOf)) {
      if (!this.model.editors.includes(email)) this.model.editors.push(email);
    }
    return this;
  }

  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): this {
    return this.removeEditors([emailAddress as string]);
  }

  /** The owner always stays an editor, as in Sheets. */
  removeEditors(emailAddresses: Array<string | GoogleAppsScript.Base.User>): this {
    this.#assertManager();
    const removed = new Set(emailAddresses.map(emailOf));
    this.model.editors = this.model.editors.filter(
      (email) => email === this.file.owner || !removed.has(email),
    );
    return this;
  }

  /** The listed editors; the file's owner may always edit and is not listed (gas-fakes testsheets.js "Protection"). */
  getEditors(): UserImpl[] {
    return this.model.editors
      .filter((email) => email !== this.file.owner)
      .map((email) => new UserImpl(this.env, email, false));
  }

  /** A sheet protection's unprotected ranges; a range protection refuses them, as on Google. */
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): this {
    this.#assertManager();
    if (this.model.kind !== 'SHEET')
      throw new ScriptException('Unprotected ranges can only be set on a sheet protection.');
    this.model.unprotected = ranges.map((range) => {
      const r = range as unknown as { sheet?: SheetModel; rect?: Rect };
      if (r.sheet !== this.sheet || !r.rect)
        throw new ScriptException(messages.invalidArgument('ranges'));
      return { ...r.rect };
    });
    return this;
  }

  getUnprotectedRanges(): unknown[] {
    return (this.model.unprotected ?? []).map((rect) =>
      this.env.objects.range(this.file, this.sheet, rect),
    );
  }

  /** Moves a range protection onto another range of its sheet. */
  setRange(range: GoogleAppsScript.Spreadsheet.Range): this {
    this.#assertManager();
    const r = range as unknown as { sheet?: SheetModel; rect?: Rect };
    if (this.model.kind !== 'RANGE' || r.sheet !== this.sheet || !r.rect)
      throw new ScriptException(messages.invalidArgument('range'));
    this.model.rect = { ...r.rect };
    delete this.model.rangeName;
    return this;
  }

  /** Protects the named range `rangeName` instead (its current cells). */
  setRangeName(rangeName: string): this {
    this.#assertManager();
    const named = this.file.namedRanges.get(String(rangeName));
    if (this.model.kind !== 'RANGE' || !named || named.sheetId !== this.sheet.sheetId)
      throw new ScriptException(messages.invalidArgument('rangeName'));
    this.model.rect = { ...named.rect };
    this.model.rangeName = String(rangeName);
    return this;
  }

  setNamedRange(namedRange: GoogleAppsScript.Spreadsheet.NamedRange): this {
    const name = (namedRange as unknown as { getName?: () => string }).getName?.();
    if (!name) throw new ScriptException(messages.invalidArgument('namedRange'));
    return this.setRangeName(name);
  }

  getRangeName(): string | null {
    return this.model.rangeName ?? null;
  }

  getRange(): unknown {
    return this.#sheetRange();
  }

  #sheetRange() {
    return this.env.objects.range(this.file, this.sheet, this.model.rect);
  }

  getProtectionType(): string {
    return this.model.kind;
  }

  remove(): void {
    this.#assertManager();
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this.model);
  }

  canEdit(): boolean {
    return mayEdit(this.file, this.model, this.env.execution().user);
  }

  canDomainEdit(): boolean {
    return false;
  }

  setDomainEdit(editable: boolean): this {
    if (editable)
      throw new ScriptException('Domain editing is not available in the local runtime.');
    return this;
  }
}

function emailOf(user: unknown): string {
  if (typeof user === 'string') return user;
  if (user instanceof UserImpl) return user.email;
  throw new ScriptException(messages.invalidArgument('emailAddress'));
}

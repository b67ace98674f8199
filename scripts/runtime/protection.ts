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
  const hit = sheet.protections.filter((p) => overlaps(p.rect, rect));
  return {
    blocking: hit.filter((p) => !p.warningOnly && !mayEdit(file, p, user)),
    warnings: hit.filter((p) => p.warningOnly),
  };
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

  getEditors(): UserImpl[] {
    return this.model.editors.map((email) => new UserImpl(this.env, email, false));
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

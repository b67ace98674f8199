// What every view shares: the bootstrap facts, where to show things, and how to save with version checks.

import type { Language } from '../domain/i18n';
import type { Bootstrap, DealView, RpcRequest, RpcResponse } from '../shared/rpc';
import { clearFieldErrors, showAtField } from './fields';
import { call, isRpcFailure, RpcFailure } from './rpc-client';
import { t } from './strings';
import { failureMessage, showFailure } from './views/failure';

export type Tab = 'deal' | 'myDay' | 'review' | 'new' | 'team';

export interface App {
  readonly boot: Bootstrap;
  readonly language: Language;
  /** Says something to screen readers and shows it in the status line. */
  status(text: string): void;
  /** A save went through: a short confirmation where the eye is, which fades by itself. */
  saved(text: string): void;
  /** Shows a deal in the Deal tab (and makes it the one the sidebar is on). */
  showDeal(view: DealView): void;
  /** Moves the sheet's selection to the deal and shows it (loading it unless `view` is given). */
  /** `row`: where the deal was last seen (a list line's row): the server reads it first. */
  openDeal(id: string, view?: DealView, row?: number): Promise<void>;
  go(tab: Tab): void;
  /** Forgets unsaved typing inside `root` (all of it without one): it was saved or discarded. */
  clearEdits(root?: HTMLElement | null): void;
}

/** The calls that change a deal and carry the version the user saw. */
export type WriteMethod =
  | 'moveStage'
  | 'setNextAction'
  | 'logInteraction'
  | 'setChecklist'
  | 'updateDeal'
  | 'reviewDeal';

export interface WriteOptions<M extends WriteMethod> {
  app: App;
  /** The deal as the user saw it: its version goes out, and a CONFLICT is shown against it. */
  seen: DealView;
  /** Where an error for this write is shown, next to what the user was doing. */
  slot: HTMLElement;
  /** Controls to disable while the call is out, so a double click does not save twice. */
  controls?: HTMLElement | null;
  payload: (version: string) => RpcRequest<M>;
  done: (response: RpcResponse<M>) => void;
  /** What "Keep theirs" does with the server's deal; by default it is shown in the Deal tab. */
  keepTheirs?: (now: DealView) => void;
  /** The form's controls by request field: a refusal about one of them is shown under it. */
  fields?: Readonly<Record<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>>;
}

/**
 * Sends a write with the version the user saw. CONFLICT shows what changed and offers to keep the
 * server's deal or resend with the new version; BUSY offers a retry; every other error is shown.
 */
export async function write<M extends WriteMethod>(
  method: M,
  options: WriteOptions<M>,
  version = options.seen.version,
): Promise<boolean> {
  const { app, slot, controls } = options;
  slot.replaceChildren();
  clearFieldErrors(controls ?? slot);
  // Disabling the focused control drops focus; the re-rendered view gets it back by id.
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const disabled = disable(controls);
  let focusTarget: HTMLElement | null = null;
  app.status(t('app.saving'));
  try {
    const response = await call(method, options.payload(version));
    app.status(t('app.saved'));
    app.clearEdits(controls ?? slot);
    options.done(response);
    focusTarget = focusedId ? document.getElementById(focusedId) : null;
    return true;
  } catch (error) {
    const failure = isRpcFailure(error)
      ? error
      : new RpcFailure('INTERNAL', error instanceof Error ? error.message : String(error));
    app.status(failureMessage(failure));
    const field = options.fields ? showAtField(failure, options.fields) : null;
    if (field) {
      focusTarget = field;
      return false;
    }
    showFailure(slot, failure, {
      seen: options.seen.deal,
      retry: () => void write(method, options, version),
      keepTheirs: (now) => {
        app.clearEdits();
        (options.keepTheirs ?? ((view: DealView) => app.showDeal(view)))(now);
      },
      applyMine: (now) => void write(method, { ...options, seen: now }, now.version),
    });
    // A choice to make (retry, keep theirs...) takes focus; a message leaves it where it was.
    focusTarget =
      slot.querySelector<HTMLElement>('button') ??
      (focusedId ? document.getElementById(focusedId) : null);
    return false;
  } finally {
    for (const control of disabled) control.disabled = false;
    focusTarget?.focus();
  }
}

type Disableable = HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function disable(root: HTMLElement | null | undefined): Disableable[] {
  if (!root) return [];
  const controls = Array.from(
    root.querySelectorAll<Disableable>('button, input, select, textarea'),
  ).filter((control) => !control.disabled);
  for (const control of controls) control.disabled = true;
  return controls;
}

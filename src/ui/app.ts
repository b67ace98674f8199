// What every view shares: the bootstrap facts, where to show things, and how to save with version checks.

import type { Language } from '../domain/i18n';
import {
  type Bootstrap,
  type DealView,
  DealViewSchema,
  type RpcRequest,
  type RpcResponse,
} from '../shared/rpc';
import { clearFieldErrors, showAtField } from './fields';
import { call, isRpcFailure, RpcFailure } from './rpc-client';
import { t } from './strings';
import { type FailureChoices, failureMessage, showFailure } from './views/failure';

export type Tab = 'deal' | 'myDay' | 'review' | 'new' | 'team';

/** A toast's kind: how it looks, how long it stays, how it is read out. */
export type ToastKind = 'saved' | 'notice' | 'error';

export interface ToastOptions {
  kind?: ToastKind;
  /** A button in the toast (Undo, Try again): it closes the toast when clicked. */
  action?: { label: string; run: () => void; shortcut?: string };
  /** How long it stays; errors stay until dismissed or the next save. */
  ms?: number;
}

export interface App {
  readonly boot: Bootstrap;
  readonly language: Language;
  /** Says what is going on ("Saving…", "Loading…") in the line at the bottom; '' clears it. */
  status(text: string): void;
  /** One answer of the server, as its own toast at the bottom (several can stand together). */
  toast(text: string, options?: ToastOptions): HTMLElement;
  /** A save went through: a short confirmation where the eye is, which fades by itself. */
  saved(text: string): void;
  /** Takes away the toasts of earlier answers: a new save starts. */
  clearToasts(): void;
  /** Remembers My day's lines in order, so a deal can offer the next one. */
  setDayList(lines: ReadonlyArray<{ id: string; row: number; name: string }>): void;
  /** The line after this deal in the last My day shown; null at the end or when not listed. */
  nextInDay(id: string): { id: string; row: number; name: string } | null;
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
  | 'markDone'
  | 'undoMove'
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
  /** Shows what was saved; may return the element that takes focus next (else what had it). */
  done: (response: RpcResponse<M>) => unknown;
  /** What "Keep theirs" does with the server's deal; by default it is shown in the Deal tab. */
  keepTheirs?: (now: DealView) => void;
  /** The form's controls by request field: a refusal about one of them is shown under it. */
  fields?: Readonly<Record<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>>;
  /** The toast's words for a refusal (an undo says "Not undone"); by default "Not saved: {why}". */
  refused?: (why: string) => string;
  /** Takes a CONFLICT itself instead of offering "Apply mine again". */
  conflict?: (now: DealView) => void;
}

/**
 * Sends a write with the version the user saw. Every answer is a toast: "saved" (the caller's
 * `done` says what was saved) or "not saved" with why, shown once (see showRefusal). CONFLICT
 * also shows what changed, with "Keep theirs" or "Apply mine again"; BUSY and errors offer a retry.
 */
export async function write<M extends WriteMethod>(
  method: M,
  options: WriteOptions<M>,
  version = options.seen.version,
): Promise<boolean> {
  const { app, slot, controls } = options;
  slot.replaceChildren();
  clearFieldErrors(controls ?? slot);
  app.clearToasts();
  // Disabling the focused control drops focus; the re-rendered view gets it back by id.
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const disabled = disable(controls);
  let focusTarget: HTMLElement | null = null;
  app.status(t('app.saving'));
  try {
    const response = await call(method, options.payload(version));
    app.status('');
    app.clearEdits(controls ?? slot);
    const next = options.done(response);
    focusTarget =
      next instanceof HTMLElement ? next : focusedId ? document.getElementById(focusedId) : null;
    return true;
  } catch (error) {
    focusTarget = showRefusal(app, asFailure(error), {
      slot,
      ...(options.fields ? { fields: options.fields } : {}),
      ...(options.refused ? { refused: options.refused } : {}),
      seen: options.seen.deal,
      retry: () => void write(method, options, version),
      keepTheirs: (now) => {
        app.clearEdits();
        (options.keepTheirs ?? ((view: DealView) => app.showDeal(view)))(now);
      },
      ...(options.conflict
        ? { conflict: options.conflict }
        : {
            applyMine: (now: DealView) =>
              void write(method, { ...options, seen: now }, now.version),
          }),
    });
    focusTarget ??= focusedId ? document.getElementById(focusedId) : null;
    return false;
  } finally {
    for (const control of disabled) control.disabled = false;
    focusTarget?.focus();
  }
}

export function asFailure(error: unknown): RpcFailure {
  return isRpcFailure(error)
    ? error
    : new RpcFailure('INTERNAL', error instanceof Error ? error.message : String(error));
}

export interface Refusal extends FailureChoices {
  /** Where the choices of a CONFLICT (what changed, keep theirs, apply mine) are shown. */
  slot: HTMLElement;
  fields?: WriteOptions<WriteMethod>['fields'];
  /** The toast's words for this refusal; by default "Not saved: {why}". */
  refused?: (why: string) => string;
  /** Takes a CONFLICT instead of the choices (an undo never applies itself to a newer deal). */
  conflict?: (now: DealView) => void;
}

/**
 * A save the server refused, said once: at the field it is about (the toast then points there),
 * else in a toast with why, and a "Try again" for BUSY and server errors. A CONFLICT also shows,
 * next to the form, what changed and the choice to make. Returns what should take focus.
 */
export function showRefusal(app: App, failure: RpcFailure, refusal: Refusal): HTMLElement | null {
  app.status('');
  const words = refusal.refused ?? ((why: string) => t('app.notSaved', { why }));
  const field = refusal.fields ? showAtField(failure, refusal.fields) : null;
  if (field) {
    const label = field.id ? document.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null;
    app.toast(words(t('app.seeField', { field: label?.textContent?.trim() || field.id })), {
      kind: 'error',
    });
    return field;
  }
  const retry = refusal.retry;
  const retried = (failure.code === 'BUSY' || failure.code === 'INTERNAL') && retry;
  const toast = app.toast(words(failureMessage(failure)), {
    kind: 'error',
    ...(retried ? { action: { label: t('app.retry'), run: retry } } : {}),
  });
  const now = failure.code === 'CONFLICT' ? DealViewSchema().safeParse(failure.details) : null;
  if (now?.success && refusal.conflict) {
    refusal.conflict(now.data);
    return null;
  }
  if (now?.success) {
    const { retry: _retry, ...choices } = refusal;
    showFailure(refusal.slot, failure, choices, { quiet: true });
    return refusal.slot.querySelector<HTMLElement>('button');
  }
  return retried ? toast.querySelector<HTMLElement>('.toast-action') : null;
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

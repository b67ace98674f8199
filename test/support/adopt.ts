// Adopting a sheet in runtime tests the way a person does: Set up tracker, then Apply in the dialog.
import type { AdoptionView, ChoicesWire } from '../../src/shared/adopt-rpc';
import { adoptionViewElementId } from '../../src/shared/adopt-rpc';
import type { Runtime } from './tracker';

export const noChoices: ChoicesWire = { columns: {}, stages: {}, groups: [] };

/** The plan the last adoption dialog shows, read from the page as the dialog's script reads it. */
export function dialogView(rt: Runtime): AdoptionView {
  const html = rt.ui.dialogs.at(-1)?.html ?? '';
  const match = new RegExp(
    `<script type="application/json" id="${adoptionViewElementId}">([\\s\\S]*?)</script>`,
  ).exec(html);
  if (!match?.[1]) throw new Error('No adoption dialog was shown.');
  return JSON.parse(match[1]) as AdoptionView;
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** What the dialog's buttons send: google.script.run.adoptRpc(method, payload). */
export function adoptCall<T = unknown>(rt: Runtime, method: string, payload: unknown): Envelope<T> {
  return rt.runFromClient('adoptRpc', method, payload) as Envelope<T>;
}

/** Set up tracker on a sheet to adopt, then Apply with `choices`: the view and the answer. */
export function adopt(
  rt: Runtime,
  choices: ChoicesWire = noChoices,
): { view: AdoptionView; message: string } {
  rt.run('setUpTracker');
  const view = dialogView(rt);
  const answer = adoptCall<{ status: string; message: string }>(rt, 'apply', {
    sheetId: view.sheetId,
    choices,
    fingerprint: view.fingerprint,
  });
  if (!answer.ok) throw new Error(`apply failed: ${answer.error.message}`);
  if (answer.data.status !== 'applied') throw new Error(`apply said ${answer.data.status}`);
  return { view, message: answer.data.message };
}

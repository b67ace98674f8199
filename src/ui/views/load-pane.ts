// A pane that loads from the server: "Loading…" while waiting, then what the answer shows, or the
// failure with a retry. Nothing is drawn once the user has left the pane.

import type { App } from '../app';
import { h, mount } from '../dom';
import type { RpcFailure } from '../rpc-client';
import { t } from '../strings';
import { showFailure } from './failure';

export interface Pane {
  readonly app: App;
  readonly content: HTMLElement;
  readonly notice: HTMLElement;
  readonly stillHere: () => boolean;
}

export async function loadPane<T>(
  pane: Pane,
  load: () => Promise<T>,
  show: (answer: T) => void,
): Promise<void> {
  const { app, content, notice, stillHere } = pane;
  mount(content, h('p', { class: 'muted loading' }, t('app.loading')));
  app.status(t('app.loading'));
  try {
    const answer = await load();
    if (!stillHere()) return;
    show(answer);
    app.status('');
  } catch (error) {
    if (!stillHere()) return;
    content.replaceChildren();
    showFailure(notice, error as RpcFailure, { retry: () => void loadPane(pane, load, show) });
  }
}

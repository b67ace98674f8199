// The Team tab for managers: each person's pipeline, coverage and deals that need attention; a click opens one.

import type { RpcResponse, TeamLine } from '../../shared/rpc';
import type { App } from '../app';
import { h, mount } from '../dom';
import { call, type RpcFailure } from '../rpc-client';
import { money, t } from '../strings';
import { dealLine } from './deal-line';
import { showFailure } from './failure';
import { loadPane } from './load-pane';

type TeamView = RpcResponse<'teamView'>;
type Reason = TeamView['deals'][number]['reasons'][number];

const reasonKeys = {
  overdue: 'team.overdue',
  stale: 'team.stale',
  noNextAction: 'team.noNext',
  slipping: 'team.slipping',
} as const;

export function showTeam(
  app: App,
  content: HTMLElement,
  notice: HTMLElement,
  stillHere: () => boolean,
): Promise<void> {
  return loadPane(
    { app, content, notice, stillHere },
    () => call('teamView', {}),
    (view) => mount(content, teamSection(app, view, notice, stillHere)),
  );
}

function teamSection(
  app: App,
  view: TeamView,
  notice: HTMLElement,
  stillHere: () => boolean,
): HTMLElement {
  const refreshed = h('p', { class: 'muted', role: 'status', id: 'metrics-status' });
  const refresh = h(
    'button',
    {
      type: 'button',
      id: 'refresh-metrics',
      onclick: () => void refreshMetrics(app, refresh, refreshed, notice),
    },
    t('team.refreshMetrics'),
  );
  if (!view.manager)
    return h(
      'section',
      { class: 'team', aria: { labelledby: 'team-title' } },
      h('h2', { id: 'team-title' }, t('team.title')),
      h('p', { class: 'empty' }, t('team.notManager')),
      refresh,
      refreshed,
    );
  return h(
    'section',
    { class: 'team', aria: { labelledby: 'team-title' } },
    h('h2', { id: 'team-title' }, t('team.title')),
    view.total && h('p', { class: 'team-total' }, figures(view.total)),
    view.total && badges(view.total),
    h(
      'ul',
      { class: 'team-lines' },
      view.owners.map((line) => ownerItem(app, line, stillHere)),
    ),
    h('p', { class: 'muted' }, t('team.hint')),
    refresh,
    refreshed,
  );
}

/** One person: a button that lists their deals needing attention beneath it. */
function ownerItem(app: App, line: TeamLine, stillHere: () => boolean): HTMLElement {
  const deals = h('div', { class: 'team-deals', id: `team-deals-${slug(line.owner)}` });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'team-line',
      data: { owner: line.owner },
      aria: { expanded: 'false', controls: deals.id },
      onclick: () => void toggle(app, line, button, deals, stillHere),
    },
    h('span', { class: 'line-name' }, line.name || line.owner || t('team.noOwner')),
    h('span', { class: 'line-meta muted' }, figures(line)),
    badges(line),
  );
  return h('li', null, button, deals);
}

async function toggle(
  app: App,
  line: TeamLine,
  button: HTMLButtonElement,
  slot: HTMLElement,
  stillHere: () => boolean,
): Promise<void> {
  if (button.getAttribute('aria-expanded') === 'true') {
    button.setAttribute('aria-expanded', 'false');
    slot.replaceChildren();
    return;
  }
  button.setAttribute('aria-expanded', 'true');
  mount(slot, h('p', { class: 'muted loading' }, t('app.loading')));
  try {
    const view = await call('teamView', { owner: line.owner });
    if (!stillHere()) return;
    const open = (id: string) => void app.openDeal(id);
    mount(
      slot,
      view.deals.length === 0
        ? h('p', { class: 'muted' }, t('team.nothing'))
        : h(
            'ul',
            { class: 'deal-lines' },
            view.deals.map((deal) => {
              const item = dealLine(deal, open, view.today);
              item.append(
                h('span', { class: 'team-why muted' }, deal.reasons.map(reasonText).join(' · ')),
              );
              return item;
            }),
          ),
    );
  } catch (error) {
    if (!stillHere()) return;
    slot.replaceChildren();
    showFailure(slot, error as RpcFailure, {
      retry: () => void toggle(app, line, button, slot, stillHere),
    });
  }
}

function figures(line: TeamLine): string {
  const coverage =
    line.coverage === null
      ? line.quota === null
        ? t('team.noQuota')
        : t('team.quotaMet')
      : t('team.coverage', { ratio: line.coverage.toFixed(1) });
  return t('team.figures', {
    open: money(line.openAmount),
    weighted: money(Math.round(line.weighted)),
    coverage,
  });
}

function badges(line: TeamLine): HTMLElement {
  const counts: Array<[Reason, number, string]> = [
    ['overdue', line.overdue, 'bad'],
    ['stale', line.stale, 'warn'],
    ['noNextAction', line.noNextAction, 'warn'],
    ['slipping', line.slipping, 'warn'],
  ];
  const shown = counts.filter(([, count]) => count > 0);
  return h(
    'span',
    { class: 'badges' },
    shown.length === 0
      ? h('span', { class: 'badge ok' }, t('team.allClear'))
      : shown.map(([reason, count, tone]) =>
          h('span', { class: `badge ${tone}` }, `${count} ${reasonText(reason)}`),
        ),
  );
}

function reasonText(reason: Reason): string {
  return t(reasonKeys[reason]);
}

function slug(owner: string): string {
  return owner.replace(/[^a-z0-9]+/gi, '-') || 'none';
}

async function refreshMetrics(
  app: App,
  button: HTMLButtonElement,
  status: HTMLElement,
  notice: HTMLElement,
): Promise<void> {
  button.disabled = true;
  status.textContent = t('team.refreshing');
  app.status(t('team.refreshing'));
  try {
    const result = await call('refreshMetrics', {});
    status.textContent = result.message;
    app.status('');
    app.saved(result.message);
  } catch (error) {
    status.textContent = '';
    showFailure(notice, error as RpcFailure, {
      retry: () => void refreshMetrics(app, button, status, notice),
    });
  } finally {
    button.disabled = false;
  }
}

/**
 * For My day: a manager also sees how the team is doing, so "nothing needs you today" never hides
 * a team with overdue and stale deals. One line of counts and a way to the Team tab.
 */
export async function appendTeamSummary(
  app: App,
  content: HTMLElement,
  stillHere: () => boolean,
): Promise<void> {
  try {
    const view = await call('teamView', {});
    if (!stillHere() || !view.manager || !view.total) return;
    content.append(
      h(
        'section',
        { class: 'group team-summary', aria: { labelledby: 'team-summary-title' } },
        h('h3', { id: 'team-summary-title' }, t('team.summaryTitle')),
        badges(view.total),
        h(
          'button',
          { type: 'button', id: 'open-team', onclick: () => app.go('team') },
          t('team.open'),
        ),
      ),
    );
  } catch {
    // My day stands on its own: the team line is extra, and the Team tab shows its own errors.
  }
}

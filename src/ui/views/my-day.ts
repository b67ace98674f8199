// "My day": the user's overdue, due-today, stale and no-next-action deals; a click opens one.

import type { RpcResponse } from '../../shared/rpc';
import type { App } from '../app';
import { h, mount } from '../dom';
import { call } from '../rpc-client';
import { type StringKey, t } from '../strings';
import { dealLine } from './deal-line';
import { loadPane } from './load-pane';
import { appendTeamSummary } from './team';

type MyDay = RpcResponse<'myDay'>;
const groups: ReadonlyArray<[keyof MyDay, StringKey]> = [
  ['overdue', 'myDay.overdue'],
  ['today', 'myDay.today'],
  ['stale', 'myDay.stale'],
  ['noNextAction', 'myDay.noNextAction'],
];

export function showMyDay(
  app: App,
  content: HTMLElement,
  notice: HTMLElement,
  stillHere: () => boolean,
): Promise<void> {
  return loadPane(
    { app, content, notice, stillHere },
    () => call('myDay', {}),
    (myDay) => {
      mount(content, myDayList(app, myDay));
      if (app.boot.manager) void appendTeamSummary(app, content, stillHere);
    },
  );
}

function myDayList(app: App, myDay: MyDay): HTMLElement {
  const total = groups.reduce((sum, [key]) => sum + myDay[key].length, 0);
  const open = (id: string, row: number) => void app.openDeal(id, undefined, row);
  return h(
    'section',
    { class: 'my-day', aria: { labelledby: 'my-day-title' } },
    h('h2', { id: 'my-day-title' }, t('myDay.title')),
    total === 0
      ? h('p', { class: 'empty' }, t('myDay.allClear'))
      : groups.map(([key, label]) =>
          h(
            'section',
            { class: `group group-${key}`, aria: { labelledby: `group-${key}` } },
            h(
              'h3',
              { id: `group-${key}` },
              t(label),
              ' ',
              h('span', { class: 'count' }, String(myDay[key].length)),
            ),
            myDay[key].length === 0
              ? h('p', { class: 'muted' }, t('myDay.noneInGroup'))
              : h(
                  'ul',
                  { class: 'deal-lines' },
                  myDay[key].map((deal) => dealLine(deal, open, app.boot.today)),
                ),
          ),
        ),
  );
}

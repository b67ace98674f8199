// "My day": each deal that needs the user today once, under its most urgent reason, the others as tags; a click opens it.

import { type AttentionReason, attentionOrder } from '../../domain/follow-up';
import type { AttentionLine, RpcResponse } from '../../shared/rpc';
import type { App } from '../app';
import { h, mount } from '../dom';
import { call } from '../rpc-client';
import { type StringKey, t } from '../strings';
import { openToAct } from './deal';
import { dealLine } from './deal-line';
import { loadPane } from './load-pane';
import { appendTeamSummary } from './team';

type MyDay = RpcResponse<'myDay'>;

/** Each reason's colour: red for what is late, amber for today and stale, grey for no plan. */
export const reasonMood: Record<AttentionReason, 'late' | 'soon' | 'none'> = {
  overdue: 'late',
  closeDatePassed: 'late',
  dueToday: 'soon',
  stale: 'soon',
  noNextAction: 'none',
};

const moods = ['late', 'soon', 'none'] as const;

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
  const total = attentionOrder.reduce((sum, reason) => sum + myDay[reason].length, 0);
  const open = (id: string, row: number) => void openToAct(app, id, row);
  const groups = attentionOrder.filter((reason) => myDay[reason].length > 0);
  // The order on screen is the order "Next in My day" walks.
  app.setDayList(groups.flatMap((reason) => myDay[reason]));
  return h(
    'section',
    { class: 'my-day', aria: { labelledby: 'my-day-title' } },
    h('h2', { id: 'my-day-title' }, t('myDay.title')),
    total === 0
      ? h('p', { class: 'empty' }, t('myDay.allClear'))
      : [
          h('p', { class: 'muted', id: 'my-day-count' }, t('myDay.count', { count: total })),
          legend(),
          groups.map((reason) =>
            h(
              'section',
              { class: `group group-${reason}`, aria: { labelledby: `group-${reason}` } },
              h(
                'h3',
                { id: `group-${reason}` },
                t(`myDay.${reason}` as StringKey),
                ' ',
                h('span', { class: 'count' }, String(myDay[reason].length)),
              ),
              h(
                'ul',
                { class: 'deal-lines' },
                myDay[reason].map((deal) => attentionLine(app, deal, reason, open)),
              ),
            ),
          ),
        ],
  );
}

/** What the colours of the lines and tags mean, in words (colour is never the only sign). */
function legend(): HTMLElement {
  return h(
    'ul',
    { class: 'legend', id: 'my-day-legend', aria: { label: t('myDay.legend') } },
    moods.map((mood) =>
      h(
        'li',
        null,
        h('span', { class: `swatch mood-${mood}`, aria: { hidden: 'true' } }),
        t(`myDay.mood.${mood}` as StringKey),
      ),
    ),
  );
}

function attentionLine(
  app: App,
  deal: AttentionLine,
  reason: AttentionReason,
  open: (id: string, row: number) => void,
): HTMLElement {
  const line = dealLine(deal, open, app.boot.today, `mood-${reasonMood[reason]}`);
  if (deal.tags.length > 0)
    line.querySelector('button')?.append(
      h(
        'span',
        { class: 'tags' },
        h('span', { class: 'visually-hidden' }, `${t('myDay.also')} `),
        deal.tags.map((tag) =>
          h('span', { class: `tag mood-${reasonMood[tag]}` }, t(`myDay.tag.${tag}` as StringKey)),
        ),
      ),
    );
  return line;
}

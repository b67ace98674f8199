// The reminders panel at the foot of the sidebar: on or off, whose account sends, the last and next run.

import type { Bootstrap } from '../../shared/rpc';
import { h } from '../dom';
import { day, t } from '../strings';

type Reminders = Bootstrap['reminders'];

/** "2026-11-24 08:00:12" -> "24 Nov 2026 08:00" in the sidebar's language. */
function when(local: string): string {
  const [date = '', time = ''] = local.split(/[ T]/);
  return `${day(date)} ${time.slice(0, 5)}`.trim();
}

/**
 * A warning the user cannot miss when the trigger went quiet (with the fix), then a collapsed line
 * that opens on the details. Turning on and off are menu items (a trigger is made by the person who
 * clicks), so the panel says where they are rather than offering a button.
 */
export function remindersPanel(reminders: Reminders, user: string): HTMLElement {
  const owner = reminders.owner;
  const mine = owner !== '' && owner === user.toLowerCase();
  const last = reminders.lastRun;
  const problems = last?.problems.length ?? 0;
  const summary = !reminders.enabled
    ? t('reminders.summaryOff')
    : reminders.lastRunAt
      ? t('reminders.summaryOn', { when: when(reminders.lastRunAt) })
      : t('reminders.summaryFirst', { when: when(reminders.nextRunAt ?? '') });
  return h(
    'section',
    { class: 'reminders', id: 'reminders', aria: { label: t('reminders.title') } },
    reminders.enabled &&
      reminders.overdue &&
      h(
        'p',
        { class: 'footer-warning', role: 'alert' },
        reminders.lastRunAt
          ? t('reminders.overdue', { since: when(reminders.lastRunAt), owner })
          : t('reminders.overdueNever', { owner }),
      ),
    h(
      'details',
      { id: 'reminders-details', open: reminders.enabled && (reminders.overdue || problems > 0) },
      h(
        'summary',
        null,
        summary,
        problems > 0 && h('span', { class: 'reminders-problems' }, ` · ⚠ ${problems}`),
      ),
      !reminders.enabled
        ? h('p', { class: 'muted' }, t('reminders.offHelp'))
        : [
            h(
              'p',
              null,
              mine ? t('reminders.fromYou', { owner }) : t('reminders.fromOwner', { owner }),
            ),
            last && reminders.lastRunAt
              ? h(
                  'p',
                  null,
                  t('reminders.lastRun', {
                    when: when(reminders.lastRunAt),
                    sent: last.sent,
                    deferred: last.deferred,
                  }),
                  last.failed > 0 && ` ${t('reminders.failed', { count: last.failed })}`,
                  last.unconfirmed > 0 &&
                    ` ${t('reminders.unconfirmed', { count: last.unconfirmed })}`,
                )
              : h('p', null, t('reminders.noRunYet')),
            last &&
              last.problems.length > 0 &&
              h(
                'ul',
                { class: 'reminders-problem-list' },
                last.problems.map((problem) => h('li', null, problem)),
              ),
            reminders.nextRunAt &&
              h('p', null, t('reminders.next', { when: when(reminders.nextRunAt) })),
            h('p', { class: 'muted' }, t('reminders.help')),
          ],
    ),
  );
}

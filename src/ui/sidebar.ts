// The sidebar's script: starts from bootstrap, follows the sheet's selection, and switches between tabs.

import type { Bootstrap, DealView, RpcResponse } from '../shared/rpc';
import { type App, asFailure, type Tab, type ToastKind, type ToastOptions } from './app';
import { h, mount } from './dom';
import { fieldErrorEvent } from './fields';
import { call, onNotice, rowHinted } from './rpc-client';
import { setLocale, t } from './strings';
import { archivedLookup } from './views/archived';
import { dealView } from './views/deal';
import { failureMessage, showFailure } from './views/failure';
import { showMyDay } from './views/my-day';
import { showNewDeal } from './views/new-deal';
import { remindersPanel } from './views/reminders';
import { showReview } from './views/review';
import { showTeam } from './views/team';

/** How often the cheap `selection` call runs while the sidebar is visible. */
const pollMs = 2500;
/** How often a sidebar opened before set up asks whether the tracker exists now. */
const setUpPollMs = 3000;
/** How long a toast stays on screen, by kind (errors stay until dismissed or the next save). */
const toastMs: Record<ToastKind, number> = { saved: 4000, notice: 10_000, error: 0 };

type Selection = RpcResponse<'selection'>;

async function start(root: HTMLElement, quietly = false): Promise<void> {
  if (!quietly) mount(root, h('p', { class: 'muted loading' }, 'Loading…'));
  let boot: Bootstrap;
  try {
    boot = await call('bootstrap', {});
  } catch (error) {
    const failure = asFailure(error);
    if (failure.code === 'NOT_SET_UP') notSetUp(root);
    else {
      const slot = h('div');
      mount(root, slot);
      showFailure(slot, failure, { retry: () => void start(root) });
    }
    return;
  }
  setLocale(boot.language, boot.currency, boot.locale);
  if (!boot.isSetUp) {
    if (!quietly || !root.querySelector('#not-set-up')) notSetUp(root);
    return;
  }
  new Sidebar(root, boot);
}

/**
 * Before set up: says how, and asks again every few seconds while visible, so the sidebar opens
 * by itself once Set up tracker has run (the menu cannot reach an open sidebar).
 */
function notSetUp(root: HTMLElement): void {
  mount(
    root,
    h(
      'section',
      { class: 'empty', role: 'alert', id: 'not-set-up' },
      h('h2', null, t('setup.title')),
      h('p', null, t('setup.body')),
      h('p', { class: 'muted' }, t('setup.waiting')),
      h(
        'button',
        { type: 'button', class: 'primary', onclick: () => void start(root) },
        t('setup.check'),
      ),
    ),
  );
  let asking = false;
  const timer = window.setInterval(() => {
    if (!root.querySelector('#not-set-up')) {
      window.clearInterval(timer);
      return;
    }
    // One question at a time: two answers saying "set up" would start two sidebars.
    if (asking || document.visibilityState !== 'visible') return;
    asking = true;
    void start(root, true).finally(() => {
      asking = false;
    });
  }, setUpPollMs);
}

class Sidebar implements App {
  readonly boot: Bootstrap;
  readonly language: Bootstrap['language'];
  private tab: Tab = 'deal';
  private readonly tabs = new Map<Tab, HTMLButtonElement>();
  private readonly notice = h('div', { class: 'notice', id: 'notice' });
  private readonly content = h('main', { id: 'content', tabindex: -1 });
  /** The toasts at the bottom of the window: what is going on, then one per answer. */
  private readonly statusLine = h('div', { class: 'status', id: 'status', role: 'status' });
  private readonly progress = h('p', { class: 'toast toast-progress' });
  private readonly toastTimers = new Map<HTMLElement, number>();
  /** The deal on screen in the Deal tab. */
  private view: DealView | null = null;
  private selection: Selection | null = null;
  /** The selection id last acted on: a poll only loads a deal when this changes. */
  private followedId: string | null | undefined = undefined;
  private pollInFlight = false;
  /** Bumped when the sidebar moves the selection itself, so an older poll answer is ignored. */
  private selectionEpoch = 0;
  private dealRequest = 0;
  private loadingDeal = false;
  /**
   * Controls the user typed in and has not saved: kept across re-renders of the same deal, and
   * while there are any the sidebar does not follow the selection away from them.
   */
  private readonly edited = new Set<string>();
  private tabEpoch = 0;
  /** Settings as the sidebar loaded them (see `selection.settingsStamp`); undefined: not known. */
  private settingsStamp: string | undefined = undefined;
  private readonly timer: number;
  private dayList: ReadonlyArray<{ id: string; row: number; name: string }> = [];
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.poll(false);
  };

  constructor(
    private readonly root: HTMLElement,
    boot: Bootstrap,
  ) {
    this.boot = boot;
    this.language = boot.language;
    // Room is kept for one more tab (Team, for managers): tabs share the row and shrink.
    const nav = h(
      'nav',
      { class: 'tabs', aria: { label: t('tabs.label') } },
      (
        [
          ['deal', 'tab.deal'],
          ['myDay', 'tab.myDay'],
          ['review', 'tab.review'],
          // Managers (named as someone's manager in the Team tab) get their team's view.
          ...(boot.manager ? ([['team', 'tab.team']] as const) : []),
          ['new', 'tab.new'],
        ] as const
      ).map(([tab, label]) => {
        const button = h(
          'button',
          { type: 'button', id: `tab-${tab}`, class: 'tab', onclick: () => this.go(tab) },
          t(label),
        );
        this.tabs.set(tab, button);
        return button;
      }),
      h(
        'button',
        {
          type: 'button',
          id: 'refresh',
          class: 'icon',
          title: t('app.refresh'),
          aria: { label: t('app.refresh') },
          onclick: () => this.refresh(),
        },
        '↻',
      ),
    );
    // An error at a field never stands beside an earlier "Saved.".
    this.content.addEventListener(fieldErrorEvent, () => {
      this.status('');
      this.clearToasts();
    });
    this.content.addEventListener('input', (event) => {
      const target = event.target as HTMLInputElement;
      if (this.tab === 'deal' && target.id && target.type !== 'checkbox') {
        this.edited.add(target.id);
      }
    });
    mount(
      root,
      nav,
      this.notice,
      this.content,
      this.statusLine,
      // Reminders (issue 11): on/off, owner, last and next run, a warning when they went quiet.
      remindersPanel(boot.reminders, boot.user),
    );
    this.go('deal');
    this.timer = window.setInterval(() => void this.poll(false), pollMs);
    document.addEventListener('visibilitychange', this.onVisible);
    document.addEventListener('keydown', this.onShortcut);
    // Whatever else an answer says (History added later...) is its own toast, for every call.
    onNotice((text) => this.toast(text, { kind: 'notice' }));
  }

  /** Ctrl+Z (Cmd+Z) outside a text field runs the Undo a toast offers. */
  private readonly onShortcut = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z' || event.shiftKey)
      return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input[type=text], input:not([type]), textarea, select')) return;
    const undo = this.statusLine.querySelector<HTMLButtonElement>('button[data-shortcut="z"]');
    if (!undo) return;
    event.preventDefault();
    undo.click();
  };

  /** Settings changed (language, stages...): start again from bootstrap, as a new sidebar. */
  private restart(): void {
    window.clearInterval(this.timer);
    this.clearToasts();
    document.removeEventListener('visibilitychange', this.onVisible);
    document.removeEventListener('keydown', this.onShortcut);
    this.tabEpoch += 1;
    this.selectionEpoch += 1;
    void start(this.root, true);
  }

  clearEdits(root?: HTMLElement | null): void {
    if (!root) this.edited.clear();
    else
      for (const id of this.edited)
        if (root.querySelector(`#${CSS.escape(id)}`)) this.edited.delete(id);
  }

  status(text: string): void {
    if (text === '') {
      this.progress.remove();
      return;
    }
    // The same words again would be read out again by some screen readers on every poll.
    if (this.progress.textContent !== text) this.progress.textContent = text;
    if (!this.progress.isConnected) this.statusLine.prepend(this.progress);
  }

  toast(text: string, options: ToastOptions = {}): HTMLElement {
    const kind = options.kind ?? 'notice';
    const ms = options.ms ?? toastMs[kind];
    this.progress.remove();
    const item: HTMLElement = h(
      'div',
      { class: `toast toast-${kind}`, ...(kind === 'error' ? { role: 'alert' } : {}) },
      h('span', { class: 'toast-text' }, text),
    );
    const close = () => this.dropToast(item);
    if (options.action) {
      const { label, run, shortcut } = options.action;
      item.append(
        h(
          'button',
          {
            type: 'button',
            class: 'toast-action',
            ...(shortcut
              ? { data: { shortcut }, aria: { keyshortcuts: `Control+${shortcut.toUpperCase()}` } }
              : {}),
            onclick: () => {
              close();
              run();
            },
          },
          label,
        ),
      );
    }
    if (ms === 0 || options.action)
      item.append(
        h(
          'button',
          {
            type: 'button',
            class: 'toast-close',
            title: t('app.close'),
            aria: { label: t('app.close') },
            onclick: close,
          },
          '×',
        ),
      );
    this.statusLine.append(item);
    if (ms > 0) {
      // A toast being read or pointed at stays until the pointer or the focus leaves it.
      const hold = () => window.clearTimeout(this.toastTimers.get(item));
      const arm = () => {
        hold();
        if (item.isConnected) this.toastTimers.set(item, window.setTimeout(close, ms));
      };
      item.addEventListener('mouseenter', hold);
      item.addEventListener('focusin', hold);
      item.addEventListener('mouseleave', arm);
      item.addEventListener('focusout', arm);
      arm();
    }
    return item;
  }

  setDayList(lines: ReadonlyArray<{ id: string; row: number; name: string }>): void {
    this.dayList = lines;
  }

  nextInDay(id: string): { id: string; row: number; name: string } | null {
    const at = this.dayList.findIndex((line) => line.id === id);
    return at < 0 ? null : (this.dayList[at + 1] ?? null);
  }

  saved(text: string): void {
    this.toast(text, { kind: 'saved' });
  }

  clearToasts(): void {
    for (const item of [
      ...this.statusLine.querySelectorAll<HTMLElement>('.toast:not(.toast-progress)'),
    ])
      this.dropToast(item);
  }

  private dropToast(item: HTMLElement): void {
    window.clearTimeout(this.toastTimers.get(item));
    this.toastTimers.delete(item);
    item.remove();
  }

  go(tab: Tab): void {
    this.tab = tab;
    this.tabEpoch += 1;
    const epoch = this.tabEpoch;
    const stillHere = () => this.tabEpoch === epoch;
    for (const [name, button] of this.tabs) {
      if (name === tab) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    }
    this.notice.replaceChildren();
    this.edited.clear();
    if (tab === 'deal') {
      this.renderDeal();
      void this.poll(false);
    } else if (tab === 'myDay') {
      void showMyDay(this, this.content, this.notice, stillHere);
    } else if (tab === 'review') {
      showReview(this, this.content, this.notice, stillHere);
    } else if (tab === 'team') {
      void showTeam(this, this.content, this.notice, stillHere);
    } else {
      showNewDeal(this, this.content, () => this.go('deal'));
    }
  }

  showDeal(view: DealView): void {
    const onScreen = this.content.querySelector('[data-deal-id]')?.getAttribute('data-deal-id');
    const same =
      this.tab === 'deal' &&
      onScreen === view.deal.id &&
      this.view?.deal.id === view.deal.id &&
      this.view.version === view.version;
    this.view = view;
    this.dealRequest += 1;
    this.loadingDeal = false;
    // The same version again (a deal chosen while on screen) would only wipe what the user opened.
    if (same) return;
    if (this.tab !== 'deal') this.go('deal');
    else this.renderDeal();
  }

  async openDeal(id: string, view?: DealView, row?: number): Promise<void> {
    this.selectionEpoch += 1;
    this.followedId = id;
    const selecting = call('selectDeal', rowHinted(id, row ?? view?.row)).catch((error) => {
      // The deal still shows; only the sheet's cursor did not move.
      this.status(failureMessage(asFailure(error)));
    });
    if (view) this.showDeal(view);
    else {
      if (this.tab !== 'deal') this.go('deal');
      await this.loadDeal(id, row);
    }
    await selecting;
  }

  private refresh(): void {
    if (this.tab === 'deal') void this.poll(true);
    else this.go(this.tab);
  }

  /**
   * Asks which row is selected; loads the deal only when the id changed (or on Refresh). On every
   * tab it also notices changed Settings, and then starts again in the new language and stages.
   */
  private async poll(force: boolean): Promise<void> {
    if (this.pollInFlight) return;
    if (!force && document.visibilityState !== 'visible') return;
    this.pollInFlight = true;
    const epoch = this.selectionEpoch;
    try {
      const selection = await call('selection', {});
      if (epoch !== this.selectionEpoch) return;
      // An empty stamp (selection off the tracker) says nothing about Settings.
      if (selection.settingsStamp) {
        if (this.settingsStamp === undefined) this.settingsStamp = selection.settingsStamp;
        else if (selection.settingsStamp !== this.settingsStamp) {
          this.restart();
          return;
        }
      }
      if (this.tab !== 'deal') return;
      const firstTime = this.followedId === undefined;
      this.selection = selection;
      if (!force && selection.id === this.followedId) {
        // Someone else saved the deal on screen: show their version, unless the user is typing.
        if (
          selection.version &&
          this.view?.deal.id === selection.id &&
          !this.loadingDeal &&
          this.edited.size === 0 &&
          !sameContent(selection.version, this.view.version)
        )
          await this.loadDeal(selection.id, selection.row ?? undefined);
        return;
      }
      if (!force && selection.id && this.edited.size > 0) {
        this.status(t('poll.heldBack'));
        return;
      }
      this.followedId = selection.id;
      const id = selection.id ?? (force ? this.view?.deal.id : undefined);
      if (id) await this.loadDeal(id, selection.id ? (selection.row ?? undefined) : this.view?.row);
      else if (!this.view || firstTime) this.renderDeal();
    } catch (error) {
      const failure = asFailure(error);
      if (failure.code === 'NOT_SET_UP') showFailure(this.notice, failure, {});
      else this.status(t('poll.failed', { message: failure.message }));
    } finally {
      this.pollInFlight = false;
    }
  }

  private async loadDeal(id: string, row?: number): Promise<void> {
    const request = ++this.dealRequest;
    this.loadingDeal = true;
    if (this.view?.deal.id !== id) this.renderDeal();
    this.status(t('app.loading'));
    try {
      const view = await call('getDeal', rowHinted(id, row));
      if (request !== this.dealRequest) return;
      this.status('');
      this.showDeal(view);
    } catch (error) {
      if (request !== this.dealRequest) return;
      this.loadingDeal = false;
      this.view = null;
      this.renderDeal();
      showFailure(this.notice, asFailure(error), { retry: () => void this.loadDeal(id) });
    }
  }

  private renderDeal(): void {
    if (this.tab !== 'deal') return;
    const shownId = this.content.querySelector('[data-deal-id]')?.getAttribute('data-deal-id');
    if (!this.view || shownId !== this.view.deal.id) this.edited.clear();
    const typed = new Map<string, string>();
    for (const id of this.edited) {
      const control = document.getElementById(id);
      if (hasValue(control)) typed.set(id, control.value);
    }
    const focusedId =
      document.activeElement instanceof HTMLElement && this.content.contains(document.activeElement)
        ? document.activeElement.id
        : '';
    const openDetails = Array.from(this.content.querySelectorAll('details[open]'), (d) => d.id);
    const firstLook = this.followedId === undefined && !this.view;
    if (firstLook || (this.loadingDeal && (!this.view || this.view.deal.id !== this.followedId))) {
      mount(this.content, h('p', { class: 'muted loading' }, t('app.loading')));
      return;
    }
    if (!this.view) {
      mount(this.content, this.emptyState());
      return;
    }
    mount(this.content, dealView(this, this.view));
    for (const id of this.edited) {
      const control = document.getElementById(id);
      const value = typed.get(id);
      if (hasValue(control) && value !== undefined) control.value = value;
      else this.edited.delete(id);
    }
    for (const id of openDetails) {
      const details = id ? document.getElementById(id) : null;
      if (details instanceof HTMLDetailsElement) details.open = true;
    }
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  private emptyState(): HTMLElement {
    const offTracker = this.selection !== null && !this.selection.onTracker;
    return h(
      'section',
      { class: 'empty', aria: { labelledby: 'empty-title' } },
      h('h2', { id: 'empty-title' }, t('empty.title')),
      h('p', null, t('empty.body')),
      offTracker && h('p', { class: 'muted' }, t('empty.offTracker')),
      h(
        'button',
        { type: 'button', class: 'primary', onclick: () => this.go('new') },
        t('empty.create'),
      ),
      // Issue 22: a deal moved to the archive file, by its ID, read-only.
      archivedLookup(),
    );
  }
}

function hasValue(
  element: Element | null,
): element is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  );
}

const root = document.getElementById('app');
if (root) void start(root);

/** Two version tokens ("hash.row") of the same content: the row may differ after a sort. */
function sameContent(a: string, b: string): boolean {
  return a.split('.')[0] === b.split('.')[0];
}

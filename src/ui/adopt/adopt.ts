// The adoption dialog's script: shows the plan, lets the team change each column and stage, applies on yes.

import { type Language, type MessageKey, translate } from '../../domain/i18n';
import {
  type AdoptionView,
  AdoptionViewSchema,
  type AdoptMethod,
  type AdoptRequest,
  type AdoptResponse,
  adoptionViewElementId,
  adoptMethods,
  type ChoicesWire,
  type StageTargetWire,
} from '../../shared/adopt-rpc';
import { describeIssues } from '../../shared/rpc';
import { h, mount } from '../dom';

/** The part of google.script.run and google.script.host the dialog uses. */
interface Runner {
  withSuccessHandler(handler: (value: unknown) => void): Runner;
  withFailureHandler(handler: (error: unknown) => void): Runner;
  adoptRpc(method: string, payload: unknown): void;
}
declare const google: { script: { run: Runner; host: { close(): void } } } | undefined;

type DialogKey = MessageKey extends infer K
  ? K extends `dialog.${infer Rest}`
    ? Rest
    : never
  : never;

let language: Language = 'en';
const t = (key: DialogKey, params: Record<string, string | number> = {}) =>
  translate(language, `dialog.${key}` as MessageKey, params);

/** Calls the server and checks its answer against the contract; rejects with a readable message. */
function call<M extends AdoptMethod>(
  method: M,
  payload: AdoptRequest<M>,
): Promise<AdoptResponse<M>> {
  return new Promise((resolve, reject) => {
    const runner = typeof google === 'undefined' ? undefined : google?.script?.run;
    if (!runner) {
      reject(new Error('google.script.run is not available here.'));
      return;
    }
    runner
      .withSuccessHandler((envelope) => {
        const result = envelope as { ok?: boolean; data?: unknown; error?: { message?: string } };
        if (result?.ok !== true) {
          reject(new Error(result?.error?.message ?? 'The server did not answer.'));
          return;
        }
        const parsed = adoptMethods[method].response.safeParse(result.data);
        if (parsed.success) resolve(parsed.data as AdoptResponse<M>);
        else reject(new Error(describeIssues(parsed.error.issues)));
      })
      .withFailureHandler((error) =>
        reject(error instanceof Error ? error : new Error(String(error ?? 'No answer.'))),
      )
      .adoptRpc(method, payload);
  });
}

function close(): void {
  if (typeof google !== 'undefined') google?.script?.host?.close();
}

/** A stage target as one select value: "open", "won", "lost" or "fold:<stage>". */
function encodeTarget(target: StageTargetWire): string {
  return target.kind === 'fold' ? `fold:${target.into}` : target.kind;
}

function decodeTarget(value: string): StageTargetWire {
  if (value.startsWith('fold:')) return { kind: 'fold', into: value.slice(5) };
  if (value === 'won' || value === 'lost') return { kind: value };
  return { kind: 'open' };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A table with a header row: one th per heading, the given rows below. */
function table(id: string, headings: string[], rows: HTMLElement[]): HTMLElement {
  return h(
    'table',
    { id },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headings.map((heading) => h('th', null, heading)),
      ),
    ),
    h('tbody', null, rows),
  );
}

class Dialog {
  private choices: ChoicesWire;
  private status: { text: string; warn?: boolean } = { text: '' };
  private busy = false;
  private done: string | null = null;
  private preview = 0;

  constructor(
    private readonly root: HTMLElement,
    private view: AdoptionView,
  ) {
    this.choices = {
      columns: {},
      stages: {},
      groups: view.groups.filter((group) => group.ticked).map((group) => group.group),
      owners: {},
    };
    this.render();
  }

  /** Asks the server for the plan with the current choices; the latest answer wins. */
  private async refresh(): Promise<void> {
    const ticket = ++this.preview;
    this.status = { text: t('updating') };
    this.render();
    try {
      const view = await call('preview', { sheetId: this.view.sheetId, choices: this.choices });
      if (ticket !== this.preview) return;
      this.view = view;
      this.status = { text: '' };
    } catch (error) {
      if (ticket !== this.preview) return;
      this.status = { text: t('error', { message: (error as Error).message }), warn: true };
    }
    this.render();
  }

  private async apply(): Promise<void> {
    this.busy = true;
    this.status = { text: t('applying') };
    this.render();
    try {
      const answer = await call('apply', {
        sheetId: this.view.sheetId,
        choices: this.choices,
        fingerprint: this.view.fingerprint,
      });
      if (answer.status === 'applied') this.done = answer.message;
      else {
        this.view = answer.view;
        this.status = { text: answer.message, warn: true };
      }
    } catch (error) {
      this.status = { text: t('error', { message: (error as Error).message }), warn: true };
    }
    this.busy = false;
    this.render();
  }

  private setColumn(index: number, target: string): void {
    this.choices.columns[String(index)] = target;
    void this.refresh();
  }

  private setStage(value: string, target: StageTargetWire): void {
    this.choices.stages[value] = target;
    void this.refresh();
  }

  private setOwner(name: string, email: string): void {
    const owners = { ...(this.choices.owners ?? {}) };
    owners[name] = email.trim();
    this.choices.owners = owners;
    void this.refresh();
  }

  private setGroup(group: ChoicesWire['groups'][number], on: boolean): void {
    const others = this.choices.groups.filter((g) => g !== group);
    this.choices.groups = on ? [...others, group] : others;
    void this.refresh();
  }

  private render(): void {
    const view = this.view;
    if (this.done !== null) {
      mount(
        this.root,
        h('main', null, h('p', { class: 'done', role: 'status' }, this.done)),
        h(
          'footer',
          null,
          h('button', { type: 'button', class: 'primary', onclick: close }, t('close')),
        ),
      );
      return;
    }
    const mapped = view.columns.filter((column) => column.target !== 'keep').length;
    mount(
      this.root,
      h(
        'main',
        null,
        h('p', { class: 'intro' }, t('intro')),
        view.notices.map((notice) => h('p', { class: 'notice', role: 'note' }, notice)),
        h(
          'p',
          { class: 'muted', id: 'summary' },
          t('summary', {
            rows: view.rows,
            mapped,
            kept: view.columns.length - mapped,
            add: view.add.length,
            problems: view.problems.rows,
          }),
        ),
        this.columnsSection(),
        this.stagesSection(),
        this.ownersSection(),
        this.addSection(),
        this.problemsSection(),
      ),
      h(
        'footer',
        null,
        h(
          'span',
          { class: this.status.warn ? 'status warn' : 'status', role: 'status', id: 'status' },
          this.status.text,
        ),
        h('button', { type: 'button', onclick: close, disabled: this.busy }, t('cancel')),
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'apply',
            disabled: this.busy,
            onclick: () => void this.apply(),
          },
          t('apply'),
        ),
      ),
    );
  }

  /** A table cell with a dropdown: the options as [value, label], one selected, a change handler. */
  private choice(
    id: string,
    options: ReadonlyArray<readonly [string, string]>,
    selected: string,
    changed: (value: string) => void,
  ): HTMLElement {
    return h(
      'td',
      null,
      h(
        'select',
        {
          id,
          disabled: this.busy,
          onchange: (event) => changed((event.target as HTMLSelectElement).value),
        },
        options.map(([value, label]) =>
          h('option', { value, selected: value === selected }, label),
        ),
      ),
    );
  }

  private columnsSection(): HTMLElement {
    const view = this.view;
    const options = view.targets.map((target) => [target.value, target.label] as const);
    return h(
      'section',
      { aria: { labelledby: 'columns-title' } },
      h('h2', { id: 'columns-title' }, t('columns.title')),
      table(
        'columns',
        [t('columns.header'), t('columns.sample'), t('columns.meaning'), t('columns.why')],
        view.columns.map((column) => {
          const id = `column-${column.index}`;
          const samples = column.samples.join(' · ');
          return h(
            'tr',
            { class: column.target === 'keep' ? 'kept' : '', data: { column: column.header } },
            h('td', { class: 'header' }, h('label', { for: id }, column.header)),
            h('td', { class: 'sample', title: samples }, samples),
            this.choice(id, options, column.target, (value) => this.setColumn(column.index, value)),
            h('td', { class: 'why' }, column.why),
          );
        }),
      ),
    );
  }

  private stagesSection(): HTMLElement {
    const view = this.view;
    const notes: string[] = [];
    if (view.stageColumn === 'added') notes.push(t('stages.none'));
    if (view.outcomesFrom !== 'none') notes.push(t(`stages.from.${view.outcomesFrom}`));
    if (view.order) notes.push(view.order);
    if (view.stageSince) notes.push(view.stageSince);
    // A stage can be folded into one of the team's open stages (its cells are then rewritten).
    const openStages = view.stages
      .filter((stage) => stage.kind === 'open' && stage.target.kind !== 'fold')
      .map((stage) => stage.value);
    const folded = view.stages.filter((stage) => stage.target.kind === 'fold');
    return h(
      'section',
      { aria: { labelledby: 'stages-title' } },
      h('h2', { id: 'stages-title' }, t('stages.title')),
      notes.map((note) => h('p', { class: 'muted' }, note)),
      view.stages.length === 0
        ? null
        : table(
            'stages',
            [t('stages.value'), t('stages.rows'), t('stages.becomes'), t('stages.why')],
            view.stages.map((stage, i) => {
              const id = `stage-${i}`;
              const options: Array<readonly [string, string]> = [
                ['open', t('stages.new', { probability: stage.probability })],
                ['won', t('stages.won')],
                ['lost', t('stages.lost')],
                ...openStages
                  .filter((name) => name !== stage.value)
                  .map((name) => [`fold:${name}`, t('stages.fold', { stage: name })] as const),
              ];
              const counts = { rows: stage.rows, won: stage.won, lost: stage.lost };
              return h(
                'tr',
                { data: { stage: stage.value } },
                h('td', null, h('label', { for: id }, stage.value)),
                h('td', null, t('stages.counts', counts)),
                this.choice(id, options, encodeTarget(stage.target), (value) =>
                  this.setStage(stage.value, decodeTarget(value)),
                ),
                h('td', { class: 'why' }, stage.why),
              );
            }),
          ),
      folded.length > 0
        ? h(
            'p',
            { class: 'notice' },
            t('stages.foldNote', { values: folded.map((stage) => `"${stage.value}"`).join(', ') }),
          )
        : null,
      view.newStages.length > 0
        ? h('p', { class: 'muted' }, t('settings.stages', { list: view.newStages.join(', ') }))
        : null,
      view.newLostReasons.length > 0
        ? h(
            'p',
            { class: 'muted' },
            t('settings.reasons', { list: view.newLostReasons.join(', ') }),
          )
        : null,
    );
  }

  /** Each owner named in the sheet once, with an e-mail to give (prefilled when known). */
  private ownersSection(): HTMLElement | null {
    const owners = this.view.owners;
    if (owners.length === 0) return null;
    const missing = owners.filter((owner) => !emailPattern.test(owner.email)).length;
    return h(
      'section',
      { aria: { labelledby: 'owners-title' } },
      h('h2', { id: 'owners-title' }, t('owners.title', { count: owners.length })),
      h('p', { class: 'muted' }, t('owners.intro')),
      table(
        'owners',
        [t('owners.name'), t('owners.deals'), t('owners.email')],
        owners.map((owner, i) => {
          const id = `owner-${i}`;
          const invalid = owner.email !== '' && !emailPattern.test(owner.email);
          const from = t(`owners.from.${owner.from}`);
          return h(
            'tr',
            { data: { owner: owner.name } },
            h('td', null, h('label', { for: id }, owner.name)),
            h('td', null, String(owner.deals)),
            h(
              'td',
              null,
              h('input', {
                id,
                type: 'email',
                value: owner.email,
                disabled: this.busy || owner.from === 'cell',
                placeholder: t('owners.placeholder'),
                aria: { invalid: invalid ? 'true' : 'false' },
                onchange: (event) =>
                  this.setOwner(owner.name, (event.target as HTMLInputElement).value),
              }),
              invalid
                ? h('span', { class: 'field-error' }, ` ${t('owners.invalid')}`)
                : from
                  ? h('span', { class: 'muted' }, ` ${from}`)
                  : null,
            ),
          );
        }),
      ),
      missing > 0 ? h('p', { class: 'muted' }, t('owners.missing', { count: missing })) : null,
    );
  }

  private addSection(): HTMLElement {
    const view = this.view;
    return h(
      'section',
      { aria: { labelledby: 'add-title' } },
      h('h2', { id: 'add-title' }, t('add.title', { count: view.add.length })),
      view.add.length === 0
        ? h('p', { class: 'muted' }, t('add.none'))
        : h(
            'div',
            { class: 'chips', id: 'added' },
            view.add.map((column) => h('span', { class: 'chip' }, column.header)),
          ),
      view.groups.length === 0
        ? null
        : h(
            'div',
            { id: 'groups' },
            h('p', { class: 'muted' }, t('add.optional')),
            view.groups.map((group) =>
              h(
                'label',
                { class: 'group', title: group.headers.join(', ') },
                h('input', {
                  type: 'checkbox',
                  checked: this.choices.groups.includes(group.group),
                  disabled: this.busy,
                  onchange: (event) =>
                    this.setGroup(group.group, (event.target as HTMLInputElement).checked),
                }),
                ` ${t('add.group', { label: group.label, count: group.headers.length })}`,
              ),
            ),
          ),
    );
  }

  private problemsSection(): HTMLElement {
    const { problems } = this.view;
    return h(
      'section',
      { aria: { labelledby: 'problems-title' } },
      h('h2', { id: 'problems-title' }, t('problems.title', { rows: problems.rows })),
      problems.count === 0
        ? h('p', { class: 'muted' }, t('problems.none'))
        : h(
            'ul',
            { id: 'problems' },
            problems.sample.map((problem) =>
              h(
                'li',
                null,
                t('problems.line', problem),
                problem.value ? ` (${problem.value})` : '',
              ),
            ),
          ),
      problems.count > problems.sample.length
        ? h(
            'p',
            { class: 'muted' },
            t('problems.more', { count: problems.count - problems.sample.length }),
          )
        : null,
    );
  }
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const source = document.getElementById(adoptionViewElementId)?.textContent ?? '';
  let parsed: ReturnType<ReturnType<typeof AdoptionViewSchema>['safeParse']> | null = null;
  try {
    parsed = AdoptionViewSchema().safeParse(JSON.parse(source));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) {
    mount(root, h('main', null, h('p', { class: 'notice', role: 'alert' }, t('broken'))));
    return;
  }
  language = parsed.data.language;
  document.documentElement.lang = language;
  new Dialog(root, parsed.data);
}

// The view arrives after this script in the page, so the dialog starts once the page is parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

// The spreadsheet's Ui: menus, sidebars, dialogs, alerts and prompts, recorded for tests to inspect.

import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';
import type { Signatures } from './gas-types';
import { HtmlOutputImpl } from './html';
import type { MenuSpec, UiState } from './state';

export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;
export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;

type UiMethods =
  | 'createAddonMenu'
  | 'createMenu'
  | 'showSidebar'
  | 'showModalDialog'
  | 'showModelessDialog'
  | 'alert'
  | 'prompt';

export class UiImpl implements Signatures<GoogleAppsScript.Base.Ui, UiMethods> {
  static readonly serviceName = 'Ui';
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;

  constructor(private readonly env: RuntimeEnv) {}

  private get state(): UiState {
    return this.env.ui;
  }

  createAddonMenu(): MenuImpl {
    return new MenuImpl(this.env, { caption: this.env.options.addOnName, addon: true, items: [] });
  }

  createMenu(caption: string): MenuImpl {
    return new MenuImpl(this.env, { caption: String(caption), addon: false, items: [] });
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const html = HtmlOutputImpl.from(userInterface);
    this.state.shown.push({
      kind: 'sidebar',
      title: html.getTitle(),
      html: html.getContent(),
      width: 300,
    });
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    const html = HtmlOutputImpl.from(userInterface);
    this.state.shown.push({
      kind: 'modalDialog',
      title: String(title),
      html: html.getContent(),
      width: html.getWidth(),
      height: html.getHeight(),
    });
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    const html = HtmlOutputImpl.from(userInterface);
    this.state.shown.push({
      kind: 'modelessDialog',
      title: String(title),
      html: html.getContent(),
      width: html.getWidth(),
      height: html.getHeight(),
    });
  }

  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons). */
  alert(titleOrPrompt: string, promptOrButtons?: unknown, maybeButtons?: unknown): string {
    const [title, prompt, buttons] = dialogArgs(titleOrPrompt, promptOrButtons, maybeButtons);
    const { button } = this.state.nextAnswer(buttons, prompt);
    this.state.alerts.push({ kind: 'alert', title, prompt, buttons, answer: button });
    return button;
  }

  prompt(
    titleOrPrompt: string,
    promptOrButtons?: unknown,
    maybeButtons?: unknown,
  ): PromptResponseImpl {
    const [title, prompt, buttons] = dialogArgs(titleOrPrompt, promptOrButtons, maybeButtons);
    const { button, text = '' } = this.state.nextAnswer(buttons, prompt);
    this.state.alerts.push({ kind: 'prompt', title, prompt, buttons, answer: button, text });
    return new PromptResponseImpl(button, text);
  }
}

function dialogArgs(a: string, b: unknown, c: unknown): [string, string, string] {
  if (c !== undefined) return [String(a), String(b), String(c)];
  if (b !== undefined && typeof b === 'string' && b in ButtonSet) return ['', String(a), b];
  if (b !== undefined) return [String(a), String(b), 'OK'];
  return ['', String(a), 'OK'];
}

export class PromptResponseImpl
  implements
    Signatures<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'>
{
  static readonly serviceName = 'PromptResponse';

  constructor(
    private readonly button: string,
    private readonly text: string,
  ) {}

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): string {
    return this.button;
  }
}

export class MenuImpl
  implements
    Signatures<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'>
{
  static readonly serviceName = 'Menu';

  constructor(
    private readonly env: RuntimeEnv,
    readonly spec: MenuSpec,
  ) {}

  addItem(caption: string, functionName: string): this {
    if (typeof functionName !== 'string' || functionName === '')
      throw new ScriptException('Invalid argument: functionName');
    this.spec.items.push({ caption: String(caption), functionName });
    return this;
  }

  addSeparator(): this {
    this.spec.items.push('separator');
    return this;
  }

  addSubMenu(menu: GoogleAppsScript.Base.Menu): this {
    if (!(menu instanceof MenuImpl)) throw new ScriptException('Invalid argument: menu');
    this.spec.items.push({ caption: menu.spec.caption, subMenu: menu.spec });
    return this;
  }

  /** A menu with the same caption is replaced, as onOpen running twice leaves one menu. */
  addToUi(): void {
    const menus = this.env.ui.menus.filter(
      (m) => !(m.caption === this.spec.caption && m.addon === this.spec.addon),
    );
    menus.push(structuredClone(this.spec));
    this.env.ui.menus = menus;
  }
}

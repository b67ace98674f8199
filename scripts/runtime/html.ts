// HtmlService: outputs from files in dist/ or strings, and templates with <? ?> scriptlets.

import vm from 'node:vm';
import type { RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

/** An HTML file of the project, by its name with or without '.html'. */
function readProjectFile(env: RuntimeEnv, name: string): string {
  const source = env.project.html.get(String(name).replace(/\.html$/, ''));
  if (source === undefined) throw new ScriptException(messages.htmlFileMissing(name));
  return source;
}

type OutputMethods =
  | 'setTitle'
  | 'getTitle'
  | 'getContent'
  | 'setContent'
  | 'append'
  | 'setWidth'
  | 'getWidth'
  | 'setHeight'
  | 'getHeight'
  | 'setSandboxMode'
  | 'setXFrameOptionsMode';

export class HtmlOutputImpl implements Signatures<GoogleAppsScript.HTML.HtmlOutput, OutputMethods> {
  static readonly serviceName = 'HtmlOutput';
  #title = '';
  #width = 0;
  #height = 0;
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;

  constructor(private content: string) {}

  static from(value: unknown): HtmlOutputImpl {
    if (value instanceof HtmlOutputImpl) return value;
    throw new ScriptException('Invalid argument: userInterface');
  }

  setTitle(title: string): this {
    this.#title = String(title);
    return this;
  }

  getTitle(): string {
    return this.#title;
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: string): this {
    this.content = String(content);
    return this;
  }

  append(addedContent: string): this {
    this.content += String(addedContent);
    return this;
  }

  setWidth(width: number): this {
    this.#width = width;
    return this;
  }

  getWidth(): number {
    return this.#width;
  }

  setHeight(height: number): this {
    this.#height = height;
    return this;
  }

  getHeight(): number {
    return this.#height;
  }

  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): this {
    this.sandboxMode = String(mode);
    return this;
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): this {
    this.xFrameOptionsMode = String(mode);
    return this;
  }
}

const escapeHtml = (value: unknown): string =>
  String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Turns a template into the source of a function that prints it, as HtmlService compiles scriptlets. */
export function compileTemplate(source: string): string {
  const parts: string[] = [];
  const pattern = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    parts.push(`__out += ${JSON.stringify(source.slice(last, match.index))};`);
    const code = match[2] ?? '';
    if (match[1] === '=') parts.push(`__out += __escape(${code});`);
    else if (match[1] === '!=') parts.push(`__out += String(${code});`);
    else parts.push(code);
    last = match.index + match[0].length;
  }
  parts.push(`__out += ${JSON.stringify(source.slice(last))};`);
  return `(function (__vars, __escape) { with (__vars) { var __out = ''; ${parts.join('\n')}\n return __out; } })`;
}

export class HtmlTemplateImpl
  implements
    Signatures<GoogleAppsScript.HTML.HtmlTemplate, 'evaluate' | 'getCode' | 'getRawContent'>
{
  static readonly serviceName = 'HtmlTemplate';
  readonly #env: RuntimeEnv;
  readonly #source: string;

  constructor(env: RuntimeEnv, source: string) {
    this.#env = env;
    this.#source = source;
  }

  /** Runs the scriptlets in the script's own global scope, with the template's properties as variables. */
  evaluate(): HtmlOutputImpl {
    const context = this.#env.vmContext;
    if (!context) throw new Error('Templates evaluate inside an execution.');
    const render = vm.runInContext(compileTemplate(this.#source), context) as (
      vars: object,
      escapeValue: (v: unknown) => string,
    ) => string;
    const vars: Record<string, unknown> = {};
    for (const key of Object.keys(this)) vars[key] = (this as Record<string, unknown>)[key];
    return new HtmlOutputImpl(render(vars, escapeHtml));
  }

  getCode(): string {
    return compileTemplate(this.#source);
  }

  getRawContent(): string {
    return this.#source;
  }
}

type ServiceMethods =
  | 'createHtmlOutput'
  | 'createHtmlOutputFromFile'
  | 'createTemplate'
  | 'createTemplateFromFile';

export class HtmlServiceImpl
  implements Signatures<GoogleAppsScript.HTML.HtmlService, ServiceMethods>
{
  static readonly serviceName = 'HtmlService';
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(private readonly env: RuntimeEnv) {}

  createHtmlOutput(html?: string): HtmlOutputImpl {
    return new HtmlOutputImpl(html === undefined ? '' : String(html));
  }

  createHtmlOutputFromFile(filename: string): HtmlOutputImpl {
    return new HtmlOutputImpl(readProjectFile(this.env, filename));
  }

  createTemplate(html: string): HtmlTemplateImpl {
    return new HtmlTemplateImpl(this.env, String(html));
  }

  createTemplateFromFile(filename: string): HtmlTemplateImpl {
    return new HtmlTemplateImpl(this.env, readProjectFile(this.env, filename));
  }
}

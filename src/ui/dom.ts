// The sidebar's only way to make DOM: text goes in as textContent, never parsed as HTML.

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Handler<E extends Event = Event> = (event: E) => void;

export interface Props {
  class?: string;
  id?: string;
  type?: string;
  name?: string;
  value?: string;
  placeholder?: string;
  for?: string;
  role?: string;
  title?: string;
  min?: string;
  max?: string;
  step?: string;
  inputmode?: string;
  autocomplete?: string;
  rows?: number;
  maxlength?: number;
  checked?: boolean;
  disabled?: boolean;
  required?: boolean;
  hidden?: boolean;
  selected?: boolean;
  open?: boolean;
  tabindex?: number;
  /** aria-* and data-* attributes, written as given. */
  aria?: Record<string, string>;
  data?: Record<string, string>;
  onclick?: Handler<MouseEvent>;
  onchange?: Handler;
  oninput?: Handler;
  onsubmit?: Handler<SubmitEvent>;
  onkeydown?: Handler<KeyboardEvent>;
}

const booleanProps = ['checked', 'disabled', 'required', 'hidden', 'selected', 'open'] as const;

/** `h('button', { onclick }, 'Save')`: an element whose children are nodes or plain text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) applyProps(element, props);
  append(element, children);
  return element;
}

function applyProps(element: HTMLElement, props: Props): void {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'aria' || key === 'data') {
      for (const [name, text] of Object.entries(value as Record<string, string>)) {
        element.setAttribute(`${key}-${name}`, text);
      }
    } else if (key.startsWith('on')) {
      element.addEventListener(key.slice(2), value as EventListener);
    } else if ((booleanProps as readonly string[]).includes(key)) {
      // Properties, not attributes: a form control's live state is its property.
      (element as unknown as Record<string, boolean>)[key] = value === true;
    } else if (key === 'value') {
      (element as HTMLInputElement).value = String(value);
    } else if (key === 'class') {
      element.className = String(value);
    } else {
      element.setAttribute(key, String(value));
    }
  }
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent` with `children`. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let nextId = 0;
/** A unique id for pairing a <label for> with its control. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

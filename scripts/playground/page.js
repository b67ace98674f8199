// The playground page's script: draws the server's state, and turns clicks and typing into runtime calls.
// Every text from the spreadsheet or the add-on goes in through textContent, never as HTML.

const pollMs = 1000;

const ui = {
  docName: byId('doc-name'),
  fileStatus: byId('file-status'),
  extensions: byId('extensions'),
  menu: byId('extensions-menu'),
  user: byId('user'),
  clock: byId('clock'),
  tomorrow: byId('clock-tomorrow'),
  hour: byId('clock-hour'),
  outboxToggle: byId('outbox-toggle'),
  outboxCount: byId('outbox-count'),
  outbox: byId('outbox'),
  outboxClose: byId('outbox-close'),
  outboxEmpty: byId('outbox-empty'),
  mails: byId('mails'),
  mail: byId('mail'),
  mailSubject: byId('mail-subject'),
  mailMeta: byId('mail-meta'),
  mailBody: byId('mail-body'),
  mailHtml: byId('mail-html'),
  mailTextLabel: byId('mail-text-label'),
  save: byId('save'),
  nameBox: byId('name-box'),
  formulaText: byId('formula-text'),
  gridWrap: byId('grid-wrap'),
  grid: byId('grid'),
  tabs: byId('tabs'),
  sidebarPane: byId('sidebar-pane'),
  sidebarClose: byId('sidebar-close'),
  sidebar: byId('sidebar'),
  alert: byId('alert'),
  alertTitle: byId('alert-title'),
  alertPrompt: byId('alert-prompt'),
  alertAnswer: byId('alert-answer'),
  toasts: byId('toasts'),
};

/** What the page knows: the last state, and how far it has shown alerts, toasts and mail. */
const page = {
  state: null,
  revision: 0,
  alertsSeen: -1,
  toastsSeen: -1,
  mailsSeen: -1,
  openMail: -1,
  pendingAlerts: [],
  /** The cell the user is on, before the server confirms it. */
  cursor: null,
  editing: null,
  busy: false,
  again: false,
  /** The selection as the server last reported it. */
  serverSelection: null,
  /** Selections sent and not yet answered. */
  selecting: 0,
  /** Counts answered selections, so a poll sent before one of them does not move the cursor back. */
  selectionEpoch: 0,
};

function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page is missing #${id}`);
  return element;
}

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** The user this browser tab is (kept per tab, so two tabs can be two people). */
const userKey = 'playground.user';

function tabHeaders() {
  const user = sessionStorage.getItem(userKey);
  return user ? { 'x-playground-user': user } : {};
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { ...tabHeaders(), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
  return answer;
}

/** A change the user made: send it, show an error as a toast, then redraw from the server. */
async function act(method, url, body) {
  try {
    return await api(method, url, body);
  } catch (error) {
    toast('Error', error.message);
    return null;
  } finally {
    await refresh();
  }
}

// ---- Polling and drawing -------------------------------------------------------------------

/** One poll at a time; a change asked for during a poll gets one more poll right after. */
async function refresh() {
  if (page.busy) {
    page.again = true;
    return;
  }
  page.busy = true;
  try {
    do {
      page.again = false;
      await refreshNow();
    } while (page.again);
  } finally {
    page.busy = false;
  }
}

async function refreshNow() {
  const query = new URLSearchParams({
    known: String(page.revision),
    alerts: String(Math.max(0, page.alertsSeen)),
    toasts: String(Math.max(0, page.toastsSeen)),
  });
  const epoch = page.selectionEpoch;
  let state;
  try {
    state = await api('GET', `/api/state?${query}`);
  } catch {
    return;
  }
  state.selectionStale = page.selecting > 0 || epoch !== page.selectionEpoch;
  showNews(state);
  if (state.unchanged) return;
  page.revision = state.revision;
  page.state = state;
  draw(state);
}

/**
 * Alerts and toasts that appeared since the page last looked. The first answer only takes the
 * count (what happened before the page opened is old news); indexes keep overlapping polls from
 * showing one alert twice.
 */
function showNews(state) {
  const fresh = (news, seen) => news.new.filter((_, i) => seen >= 0 && news.from + i >= seen);
  page.pendingAlerts.push(...fresh(state.alerts, page.alertsSeen));
  for (const t of fresh(state.toasts, page.toastsSeen)) toast(t.title, t.message);
  page.alertsSeen = Math.max(page.alertsSeen, state.alerts.total);
  page.toastsSeen = Math.max(page.toastsSeen, state.toasts.total);
  nextAlert();
}

function draw(state) {
  ui.docName.textContent = state.spreadsheet.name;
  document.title = `${state.spreadsheet.name} — Opportunity Tracker playground`;
  drawMenu(state.menu);
  drawUsers(state);
  ui.clock.textContent = `${state.clock.local} · ${state.spreadsheet.timeZone}`;
  drawOutbox(state.outbox);
  ui.save.hidden = !state.file;
  drawFileStatus(state.file);
  if (page.editing) return;
  // The add-on moved the selection (the sidebar opened a deal): follow it, as Sheets does.
  const selection = state.selection ? `${state.selection.sheet}!${state.selection.a1}` : '';
  const moved = !state.selectionStale && selection !== page.serverSelection;
  if (!state.selectionStale) page.serverSelection = selection;
  if (moved)
    page.cursor = state.selection ? cellOf(state.selection.sheet, state.selection.a1) : null;
  drawTabs(state);
  drawGrid(state.grid);
  if (moved) scrollToCursor();
}

function drawFileStatus(file) {
  ui.fileStatus.classList.toggle('failed', Boolean(file?.error));
  if (!file) ui.fileStatus.textContent = 'In memory, not saved to a file';
  else if (file.error) ui.fileStatus.textContent = `Not saved to ${file.path}: ${file.error}`;
  else if (file.savedAt) ui.fileStatus.textContent = `All changes saved to ${file.path}`;
  else ui.fileStatus.textContent = file.path;
}

function drawMenu(menu) {
  const items = [];
  if (!menu) {
    items.push(el('p', { class: 'menu-caption' }, 'No add-on menu (onOpen has not run)'));
  } else {
    items.push(el('p', { class: 'menu-caption' }, menu.caption));
    for (const item of menu.items) {
      if (item === 'separator') items.push(el('div', { role: 'separator' }));
      else if (item.functionName)
        items.push(
          el(
            'button',
            {
              type: 'button',
              role: 'menuitem',
              onclick: () => runMenu(item.functionName),
            },
            item.caption,
          ),
        );
    }
  }
  ui.menu.replaceChildren(...items);
}

function drawUsers(state) {
  const options = state.users.map((u) =>
    el('option', { value: u.email, selected: u.email === state.user }, `${u.email} (${u.role})`),
  );
  if (!state.users.some((u) => u.email === state.user))
    options.push(el('option', { value: state.user, selected: true }, state.user));
  if (document.activeElement !== ui.user) ui.user.replaceChildren(...options);
}

function drawTabs(state) {
  const active = state.grid ? state.grid.sheet : '';
  ui.tabs.replaceChildren(
    ...state.tabs.map((tab) =>
      el(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': tab.name === active ? 'true' : 'false',
          onclick: () => {
            if (tab.name !== active) void select(tab.name, 1, 1);
          },
        },
        tab.name,
      ),
    ),
  );
}

function drawGrid(grid) {
  if (!grid) {
    ui.grid.replaceChildren();
    drawCharts(null, ui.grid, letter);
    return;
  }
  const cursor = page.cursor && page.cursor.sheet === grid.sheet ? page.cursor : null;
  const visible = grid.columns
    .map((column, index) => ({ ...column, index }))
    .filter((c) => !c.hidden);
  const colgroup = el(
    'colgroup',
    null,
    el('col', { style: 'width:46px' }),
    visible.map((c) => el('col', { style: `width:${Math.max(40, c.width)}px` })),
  );
  const head = el(
    'thead',
    null,
    el(
      'tr',
      null,
      el('th', { class: 'corner row-head' }),
      visible.map((c) =>
        el(
          'th',
          { class: cursor && cursor.column === c.index + 1 ? 'selected-col' : '' },
          c.letter,
        ),
      ),
    ),
  );
  const body = el('tbody');
  grid.rows.forEach((line, r) => {
    const row = r + 1;
    const frozen = row <= grid.frozenRows;
    const classes = [
      frozen ? 'frozen' : '',
      row === grid.frozenRows ? 'frozen-last' : '',
      cursor && cursor.row === row ? 'selected-row' : '',
    ];
    const tr = el('tr', { class: classes.join(' ').trim(), 'data-row': row });
    tr.append(
      el(
        'th',
        {
          class: 'row-head',
          scope: 'row',
          onclick: () => void select(grid.sheet, row, 1),
        },
        String(row),
      ),
    );
    for (const c of visible) tr.append(cellElement(grid, line[c.index] ?? { text: '' }, row, c));
    body.append(tr);
  });
  ui.grid.replaceChildren(colgroup, head, body);
  // A fixed layout only keeps the sheet's column widths when the table's width is set.
  ui.grid.style.width = `${46 + visible.reduce((sum, c) => sum + Math.max(40, c.width), 0)}px`;
  // Frozen rows stick under the column letters.
  const headHeight = head.getBoundingClientRect().height;
  let top = headHeight;
  for (const tr of body.querySelectorAll('tr.frozen')) {
    for (const cell of tr.children) cell.style.top = `${top}px`;
    top += tr.getBoundingClientRect().height;
  }
  // Embedded charts over their anchor cells (charts.js).
  drawCharts(grid, ui.grid, letter);
  drawFormulaBar();
}

function cellElement(grid, cell, row, column) {
  const a1 = `${column.letter}${row}`;
  const selected =
    page.cursor && page.cursor.row === row && page.cursor.column === column.index + 1;
  const classes = [
    cell.numeric ? 'num' : '',
    cell.bold ? 'bold' : '',
    cell.strikethrough ? 'strike' : '',
    cell.note ? 'has-note' : '',
    selected ? 'selected' : '',
    cell.options ? 'dropdown' : '',
    cell.checkbox ? 'check' : '',
  ];
  const td = el('td', {
    class: classes.join(' ').trim(),
    'data-a1': a1,
    title: cell.note || (cell.text.length > 14 ? cell.text : undefined),
  });
  if (cell.background) td.style.backgroundColor = cell.background;
  if (cell.fontColor) td.style.color = cell.fontColor;
  td.addEventListener('click', () => void select(grid.sheet, row, column.index + 1));
  td.addEventListener('dblclick', () => startEditing(grid.sheet, row, column.index + 1, null));
  if (cell.checkbox) {
    td.append(
      el('input', {
        type: 'checkbox',
        checked: cell.checked === true,
        'aria-label': `${a1} checkbox`,
        onchange: (event) => void edit(grid.sheet, a1, event.target.checked),
      }),
    );
  } else if (cell.options) {
    const known = cell.options.includes(cell.text);
    const select = el(
      'select',
      {
        class: cell.text === '' ? 'unset' : undefined,
        'aria-label': `${a1} dropdown`,
        onchange: (event) => void edit(grid.sheet, a1, event.target.value),
        onfocus: () => void selectQuietly(grid.sheet, row, column.index + 1),
      },
      el('option', { value: '' }, ''),
      cell.text !== '' && !known ? el('option', { value: cell.text }, cell.text) : null,
      cell.options.map((option) => el('option', { value: option }, option)),
    );
    select.value = cell.text;
    td.append(select);
  } else {
    td.textContent = cell.text;
  }
  return td;
}

function scrollToCursor() {
  const cursor = page.cursor;
  if (!cursor) return;
  const td = ui.grid.querySelector(`td[data-a1="${letter(cursor.column)}${cursor.row}"]`);
  td?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function drawFormulaBar() {
  const cursor = page.cursor;
  const cell = cursor ? cellAt(cursor.row, cursor.column) : null;
  ui.nameBox.textContent = cursor ? `${letter(cursor.column)}${cursor.row}` : '';
  ui.formulaText.textContent = cell ? cell.text : '';
}

function drawOutbox(outbox) {
  const fresh = page.mailsSeen >= 0 && outbox.length > page.mailsSeen && ui.outbox.hidden;
  ui.outboxCount.textContent = String(outbox.length);
  ui.outboxCount.classList.toggle('fresh', fresh || ui.outboxCount.classList.contains('fresh'));
  if (page.mailsSeen < 0 || !ui.outbox.hidden) page.mailsSeen = outbox.length;
  ui.outboxEmpty.hidden = outbox.length > 0;
  ui.mails.replaceChildren(
    ...outbox
      .slice()
      .reverse()
      .map((mail) =>
        el(
          'li',
          null,
          el(
            'button',
            {
              type: 'button',
              'aria-current': mail.index === page.openMail ? 'true' : 'false',
              onclick: () => openMail(mail),
            },
            el('span', { class: 'subject' }, mail.subject || '(no subject)'),
            el('span', { class: 'meta' }, `To ${mail.to.join(', ')} · ${mail.sentLocal}`),
          ),
        ),
      ),
  );
}

function openMail(mail) {
  page.openMail = mail.index;
  ui.mail.hidden = false;
  ui.mailSubject.textContent = mail.subject;
  const cc = mail.cc.length ? ` · cc ${mail.cc.join(', ')}` : '';
  ui.mailMeta.textContent = `From ${mail.from} to ${mail.to.join(', ')}${cc} · ${mail.sentLocal}`;
  ui.mailBody.textContent = mail.body;
  // Reminder emails carry HTML: shown in a sandboxed frame (no scripts), the text version below.
  const html = typeof mail.htmlBody === 'string' && mail.htmlBody !== '';
  ui.mailHtml.hidden = !html;
  ui.mailTextLabel.hidden = !html;
  ui.mailHtml.srcdoc = html ? mail.htmlBody : '';
  if (page.state) drawOutbox(page.state.outbox);
}

// ---- Cells: selecting and editing ----------------------------------------------------------

function letter(column) {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellOf(sheet, a1) {
  const match = /^([A-Z]+)(\d+)/.exec(a1);
  if (!match) return { sheet, row: 1, column: 1 };
  const column = [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { sheet, row: Number(match[2]), column };
}

function cellAt(row, column) {
  const grid = page.state?.grid;
  return grid?.rows[row - 1]?.[column - 1] ?? null;
}

async function select(sheet, row, column) {
  page.cursor = { sheet, row, column };
  if (page.state?.grid?.sheet === sheet) drawGrid(page.state.grid);
  blurControls();
  await tellSelection(sheet, row, column);
  await refresh();
}

/** A dropdown taking focus moves the selection without redrawing (which would close it). */
async function selectQuietly(sheet, row, column) {
  page.cursor = { sheet, row, column };
  await tellSelection(sheet, row, column);
}

/**
 * Sends the user's selection. While one is on its way, a poll may still report the one before:
 * the page keeps its own cursor until the server has caught up.
 */
async function tellSelection(sheet, row, column) {
  const a1 = `${letter(column)}${row}`;
  page.selecting += 1;
  try {
    await api('POST', '/api/select', { sheet, a1 });
  } catch (error) {
    toast('Error', error.message);
  } finally {
    page.selecting -= 1;
    page.selectionEpoch += 1;
    page.serverSelection = `${sheet}!${a1}`;
  }
}

async function edit(sheet, a1, value) {
  await act('POST', '/api/edit', { sheet, a1, value });
}

/** Clicking a cell takes focus from a dropdown or button, so typing goes to the grid. */
function blurControls() {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body && ui.grid.contains(active))
    active.blur();
}

function startEditing(sheet, row, column, firstKey) {
  const grid = page.state?.grid;
  const cell = cellAt(row, column);
  if (!grid || grid.sheet !== sheet || !cell || cell.checkbox) return;
  const td = ui.grid.querySelector(`td[data-a1="${letter(column)}${row}"]`);
  if (!td) return;
  const a1 = `${letter(column)}${row}`;
  const input = el('input', { type: 'text', 'aria-label': `Edit ${a1}` });
  input.value = firstKey ?? cell.text;
  page.editing = { sheet, row, column };
  td.classList.add('editing');
  td.replaceChildren(input);
  input.focus();
  const finish = async (commit, move) => {
    if (!page.editing) return;
    page.editing = null;
    if (commit && input.value !== cell.text) {
      page.cursor = { sheet, row: row + (move ? 1 : 0), column };
      await edit(sheet, a1, input.value);
      if (move) await select(sheet, row + 1, column);
    } else {
      drawGrid(page.state.grid);
      blurControls();
    }
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void finish(true, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      void finish(false, false);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      void finish(true, false);
    }
  });
  input.addEventListener('blur', () => void finish(true, false));
}

/** Keys go to the grid when nothing else has focus, as in Sheets after clicking a cell. */
document.addEventListener('keydown', (event) => {
  const cursor = page.cursor;
  const free = event.target === document.body || event.target === ui.gridWrap;
  if (!cursor || page.editing || !free || ui.alert.open) return;
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const move = moves[event.key];
  if (move) {
    event.preventDefault();
    void select(
      cursor.sheet,
      Math.max(1, cursor.row + move[0]),
      Math.max(1, cursor.column + move[1]),
    );
  } else if (event.key === 'Enter' || event.key === 'F2') {
    event.preventDefault();
    startEditing(cursor.sheet, cursor.row, cursor.column, null);
  } else if (event.key === 'Delete' || event.key === 'Backspace') {
    event.preventDefault();
    void edit(cursor.sheet, `${letter(cursor.column)}${cursor.row}`, '');
  } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    startEditing(cursor.sheet, cursor.row, cursor.column, event.key);
  }
});

// ---- Menu, user, clock, outbox, sidebar --------------------------------------------------

function toggleMenu(open) {
  ui.menu.hidden = !open;
  ui.extensions.setAttribute('aria-expanded', String(open));
  if (open) ui.menu.querySelector('[role="menuitem"]')?.focus();
}

ui.extensions.addEventListener('click', () => toggleMenu(ui.menu.hidden));
document.addEventListener('click', (event) => {
  if (!ui.menu.hidden && !event.target.closest('.menu-root')) toggleMenu(false);
});
ui.menu.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    toggleMenu(false);
    ui.extensions.focus();
  }
});

async function runMenu(functionName) {
  toggleMenu(false);
  const answer = await act('POST', '/api/menu', { fn: functionName });
  if (answer?.sidebarOpened) openSidebar();
  if (answer?.dialog) openDialog(answer.dialog);
}

/** A modal dialog the add-on showed (showModalDialog), at the size it asked for. */
function openDialog(dialog) {
  const box = byId('addon-dialog');
  const frame = byId('addon-dialog-frame');
  byId('addon-dialog-title').textContent = dialog.title || 'Opportunity Tracker';
  frame.style.width = `${dialog.width || 600}px`;
  frame.style.height = `${dialog.height || 400}px`;
  frame.src = '/dialog';
  box.showModal();
}

// google.script.host.close() inside the dialog: close it and show what it changed.
window.addEventListener('message', (event) => {
  if (event.data?.playground !== 'close-dialog') return;
  const box = byId('addon-dialog');
  if (!box.open) return;
  box.close();
  byId('addon-dialog-frame').src = 'about:blank';
  void refresh();
});

function openSidebar() {
  ui.sidebarPane.hidden = false;
  ui.sidebar.src = '/sidebar';
}

ui.sidebarClose.addEventListener('click', () => {
  ui.sidebarPane.hidden = true;
  ui.sidebar.src = 'about:blank';
});

ui.user.addEventListener('change', async () => {
  const email = ui.user.value;
  const answer = await api('POST', '/api/user', { email }).catch((error) => {
    toast('Error', error.message);
    return null;
  });
  // This tab only; the sidebar keeps what was typed in it, and its next call is as the new user.
  if (answer) sessionStorage.setItem(userKey, answer.user);
  await refresh();
});

/** A new day or hour: the sidebar starts again, so "due today" and the like follow the clock. */
async function moveClock(body) {
  const answer = await act('POST', '/api/clock', body);
  if (answer && !ui.sidebarPane.hidden) ui.sidebar.src = '/sidebar';
}

// 09:00: the daily reminders go out in the 08:00 hour, at the minute the hourly trigger fires.
ui.tomorrow.addEventListener('click', () => void moveClock({ tomorrowAt: '09:00' }));
ui.hour.addEventListener('click', () => void moveClock({ advanceHours: 1 }));

ui.outboxToggle.addEventListener('click', () => showOutbox(ui.outbox.hidden));
ui.outboxClose.addEventListener('click', () => showOutbox(false));

function showOutbox(open) {
  ui.outbox.hidden = !open;
  ui.outboxToggle.setAttribute('aria-expanded', String(open));
  if (open) {
    ui.outboxCount.classList.remove('fresh');
    if (page.state) page.mailsSeen = page.state.outbox.length;
  }
}

ui.save.addEventListener('click', async () => {
  const answer = await act('POST', '/api/save');
  if (answer) toast('Saved', answer.saved);
});

// ---- Alerts and toasts ---------------------------------------------------------------------

function nextAlert() {
  if (ui.alert.open) return;
  const alert = page.pendingAlerts.shift();
  if (!alert) return;
  ui.alertTitle.textContent = alert.title || 'Opportunity Tracker';
  ui.alertPrompt.textContent = alert.prompt;
  ui.alertAnswer.textContent =
    alert.buttons === 'OK' ? '' : `The playground answered "${alert.answer}" for you.`;
  ui.alert.showModal();
}

ui.alert.addEventListener('close', () => nextAlert());

function toast(title, message) {
  const note = el('div', { class: 'toast' }, title ? el('strong', null, title) : null, message);
  ui.toasts.append(note);
  setTimeout(() => note.remove(), 5000);
}

void refresh();
setInterval(() => void refresh(), pollMs);

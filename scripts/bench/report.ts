// The bench's results as Markdown tables and an SVG plot of modeled time against the number of deals.

import type { Measure } from './measure';
import { sixMinutesMs } from './measure';
import type { Operation } from './operations';
import { type Implementation, implementations, labels } from './scenarios';

export interface Result {
  operation: Operation;
  deals: number;
  implementation: Implementation;
  measure: Measure;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function seconds(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return s.toFixed(2);
  if (s < 100) return s.toFixed(1);
  return s.toFixed(0);
}

function modeled(m: Measure, short = false): string {
  if (m.failed)
    return short
      ? 'failed (below)'
      : `failed after ${seconds(m.modeledMs.pess)} s pess: “${m.failed}”`;
  if (m.timedOut) return `timed out at ${seconds(m.reachedMs)} s`;
  const over = m.modeledMs.pess > sixMinutesMs ? ' (over 6 min)' : '';
  return `${seconds(m.modeledMs.opt)} / ${seconds(m.modeledMs.pess)}${over}`;
}

function cellsRead(m: Measure): string {
  return m.cellsSearched > 0
    ? `${count(m.cellsRead)} (+${count(m.cellsSearched)} searched)`
    : count(m.cellsRead);
}

function ratio(value: number, base: number): string {
  if (base === 0) return value === 0 ? '1×' : '–';
  const r = value / base;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
}

function find(results: Result[], key: string, deals: number, implementation: Implementation) {
  return results.find(
    (r) => r.operation.key === key && r.deals === deals && r.implementation === implementation,
  )?.measure;
}

function markdownTable(head: string[], rows: string[][]): string {
  return [head, head.map(() => '---'), ...rows]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

/** One row per operation, size and implementation, with its figures divided by the fair baseline's. */
export function fullTable(results: Result[]): string {
  const rows = results.map((r) => {
    const m = r.measure;
    const fair = find(results, r.operation.key, r.deals, 'fair');
    const vsFair =
      r.implementation === 'fair' || !fair
        ? '–'
        : m.failed || fair.failed
          ? 'failed'
          : m.timedOut
            ? 'timed out'
            : `${ratio(m.modeledMs.pess, fair.modeledMs.pess)} time, ${ratio(m.costlyCalls, fair.costlyCalls)} calls`;
    return [
      r.operation.label,
      count(r.deals),
      labels[r.implementation],
      m.timedOut ? `${count(m.costlyCalls)} (cut off)` : count(m.costlyCalls),
      cellsRead(m),
      count(m.cellsWritten),
      modeled(m),
      count(m.cpuMs),
      count(m.wallMs),
      vsFair,
    ];
  });
  return markdownTable(
    [
      'Operation',
      'Deals',
      'Implementation',
      'Costly calls',
      'Cells read',
      'Cells written',
      'Modeled s (opt / pess)',
      'CPU ms',
      'Local ms',
      '÷ fair baseline (pess time, costly calls)',
    ],
    rows,
  );
}

/** The runs that failed (not timeouts), one line each, for below a table. */
export function failures(results: Result[]): string {
  return results
    .filter((r) => r.measure.failed)
    .map(
      (r) =>
        `- ${r.operation.label} at ${count(r.deals)} deals, ${labels[r.implementation]}: failed after ${seconds(r.measure.modeledMs.pess)} s (pess) with “${r.measure.failed}”.`,
    )
    .join('\n');
}

/** One row per operation and size: the three implementations side by side. */
export function compactTable(results: Result[], operations: Operation[], sizes: number[]): string {
  const rows: string[][] = [];
  for (const operation of operations) {
    for (const deals of sizes) {
      const m = Object.fromEntries(
        implementations.map((i) => [i, find(results, operation.key, deals, i)]),
      ) as Record<Implementation, Measure | undefined>;
      const { addon, fair, strawman } = m;
      if (!addon || !fair) continue;
      const calls = [addon, fair, strawman]
        .map((x) => (x ? (x.timedOut ? `${count(x.costlyCalls)}+` : count(x.costlyCalls)) : '–'))
        .join(' / ');
      const straw = !strawman
        ? '–'
        : strawman.failed
          ? 'failed (below)'
          : strawman.timedOut
            ? 'timed out'
            : seconds(strawman.modeledMs.pess);
      const versus =
        addon.failed || fair.failed
          ? 'failed'
          : addon.timedOut
            ? 'timed out'
            : `${ratio(addon.modeledMs.pess, fair.modeledMs.pess)} · ${ratio(addon.costlyCalls, fair.costlyCalls)}`;
      rows.push([
        operation.label,
        count(deals),
        calls,
        `${cellsRead(addon)} / ${count(fair.cellsRead)}`,
        `${count(addon.cellsWritten)} / ${count(fair.cellsWritten)}`,
        modeled(addon, true),
        modeled(fair, true),
        straw,
        versus,
        `${count(addon.cpuMs)} / ${count(fair.cpuMs)}`,
        `${count(addon.wallMs)} / ${count(fair.wallMs)}`,
      ]);
    }
  }
  return markdownTable(
    [
      'Operation',
      'Deals',
      'Costly calls: add-on / fair / strawman',
      'Cells read: add-on / fair',
      'Cells written: add-on / fair',
      'Modeled s, add-on: opt / pess',
      'Modeled s, fair: opt / pess',
      'Strawman: pess s',
      'Add-on ÷ fair: pess time · costly calls',
      'CPU ms: add-on / fair',
      'Local ms: add-on / fair',
    ],
    rows,
  );
}

// ---- SVG ---------------------------------------------------------------------------------------

const colours: Record<Implementation, string> = {
  addon: '#1a73e8',
  fair: '#e8710a',
  strawman: '#80868b',
};

/** An x-shaped mark centred on (x, y). */
const cross = (x: number, y: number) => {
  const at = (dx: number, dy: number) => `${(x + dx).toFixed(1)},${(y + dy).toFixed(1)}`;
  return `M${at(-4, -4)}L${at(4, 4)}M${at(-4, 4)}L${at(4, -4)}`;
};

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Small multiples, one panel per operation: modeled pessimistic seconds (log) against deals (log),
 * one line per implementation; a run the 6-minute limit stopped is drawn at the limit with a cross.
 */
export function svgPlot(results: Result[], operations: Operation[], sizes: number[]): string {
  const columns = 3;
  const panelW = 300;
  const panelH = 210;
  const margin = { left: 46, right: 14, top: 28, bottom: 34 };
  const legendH = 66;
  const rowsOfPanels = Math.ceil(operations.length / columns);
  const width = columns * panelW;
  const height = legendH + rowsOfPanels * panelH;
  const xMin = Math.log10(Math.min(...sizes) / 1.6);
  const xMax = Math.log10(Math.max(...sizes) * 1.6);
  const yMin = -1; // 0.1 s
  const yMax = 3; // 1,000 s
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif" font-size="11">`,
    `<title>${escapeXml(`Modeled time per operation against deals: ${implementations.map((i) => labels[i]).join(', ')}`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">Modeled time per operation (pessimistic, seconds, log scale) against deals in the tracker (log scale)</text>`,
  );
  implementations.forEach((implementation, i) => {
    const x = 12 + i * 250;
    out.push(
      `<line x1="${x}" y1="40" x2="${x + 24}" y2="40" stroke="${colours[implementation]}" stroke-width="2.5"${implementation === 'strawman' ? ' stroke-dasharray="5 3"' : ''}/>`,
      `<text x="${x + 30}" y="44">${escapeXml(labels[implementation])}</text>`,
    );
  });
  out.push(
    `<line x1="770" y1="40" x2="794" y2="40" stroke="#d93025" stroke-dasharray="3 3"/>`,
    `<text x="800" y="44">6-minute limit</text>`,
    `<text x="12" y="${legendH - 2}" fill="#5f6368">A cross: the run was stopped at the 6-minute limit. A hollow square: the run failed with an error. Points: 100 / 5,000 / 50,000 deals.</text>`,
  );
  operations.forEach((operation, index) => {
    const ox = (index % columns) * panelW;
    const oy = legendH + Math.floor(index / columns) * panelH;
    const plotW = panelW - margin.left - margin.right;
    const plotH = panelH - margin.top - margin.bottom;
    const px = (deals: number) =>
      ox + margin.left + ((Math.log10(deals) - xMin) / (xMax - xMin)) * plotW;
    const py = (ms: number) => {
      const v = Math.min(Math.max(Math.log10(Math.max(ms, 1) / 1000), yMin), yMax);
      return oy + margin.top + (1 - (v - yMin) / (yMax - yMin)) * plotH;
    };
    out.push(
      `<text x="${ox + margin.left}" y="${oy + 18}" font-weight="bold">${escapeXml(operation.label)}</text>`,
      `<rect x="${ox + margin.left}" y="${oy + margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#dadce0"/>`,
    );
    for (let e = yMin; e <= yMax; e++) {
      const y = py(10 ** e * 1000);
      const text = e < 0 ? '0.1' : String(10 ** e);
      out.push(
        `<line x1="${ox + margin.left}" y1="${y}" x2="${ox + margin.left + plotW}" y2="${y}" stroke="#f1f3f4"/>`,
        `<text x="${ox + margin.left - 4}" y="${y + 4}" text-anchor="end" fill="#5f6368">${text}</text>`,
      );
    }
    for (const deals of sizes) {
      out.push(
        `<text x="${px(deals)}" y="${oy + margin.top + plotH + 14}" text-anchor="middle" fill="#5f6368">${deals.toLocaleString('en-US')}</text>`,
      );
    }
    const limit = py(sixMinutesMs);
    out.push(
      `<line x1="${ox + margin.left}" y1="${limit}" x2="${ox + margin.left + plotW}" y2="${limit}" stroke="#d93025" stroke-dasharray="3 3"/>`,
    );
    for (const implementation of implementations) {
      const points = sizes.flatMap((deals) => {
        const m = find(results, operation.key, deals, implementation);
        if (!m) return [];
        const ms = m.timedOut ? Math.max(m.modeledMs.pess, sixMinutesMs) : m.modeledMs.pess;
        return [{ x: px(deals), y: py(ms), timedOut: m.timedOut, failed: m.failed !== undefined }];
      });
      if (points.length === 0) continue;
      const colour = colours[implementation];
      const dash = implementation === 'strawman' ? ' stroke-dasharray="5 3"' : '';
      out.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}"/>`,
      );
      for (const p of points) {
        out.push(
          p.failed
            ? `<rect x="${(p.x - 4).toFixed(1)}" y="${(p.y - 4).toFixed(1)}" width="8" height="8" fill="#ffffff" stroke="${colour}" stroke-width="2"/><text x="${(p.x - 7).toFixed(1)}" y="${(p.y - 7).toFixed(1)}" text-anchor="end" fill="${colour}">failed</text>`
            : p.timedOut
              ? `<path d="${cross(p.x, p.y)}" stroke="${colour}" stroke-width="2"/>`
              : `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3" fill="${colour}"/>`,
        );
      }
    }
    out.push(
      `<text x="${ox + margin.left + plotW / 2}" y="${oy + panelH - 4}" text-anchor="middle" fill="#5f6368">deals</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

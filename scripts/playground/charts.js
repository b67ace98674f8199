// The playground's embedded charts: each chart the add-on built, drawn as SVG over its anchor cell, as Sheets shows it.
// Texts from the sheet go in through textContent, never as markup.

const svgNs = 'http://www.w3.org/2000/svg';
const palette = [
  '#4285f4',
  '#ea4335',
  '#fbbc04',
  '#34a853',
  '#ff6d01',
  '#46bdc6',
  '#7baaf7',
  '#f07b72',
];

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes ?? {}))
    node.setAttribute(name, String(value));
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Short numbers for axes: 1.2M, 45k, 0.3. */
function shortNumber(value) {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** A round top for the value axis and its ticks. */
function axis(max) {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const step = 10 ** Math.floor(Math.log10(max / 4));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => s * 4 >= max) ?? step * 10;
  const ticks = [];
  for (let t = 0; t <= max + nice * 0.001; t += nice) ticks.push(t);
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + nice);
  return { top: ticks[ticks.length - 1], ticks };
}

function legend(chart, x, y, width) {
  const group = svg('g', { class: 'chart-legend' });
  let at = x;
  chart.series.forEach((series, i) => {
    const label = series.name || `Series ${i + 1}`;
    group.append(
      svg('rect', { x: at, y: y - 8, width: 10, height: 10, fill: palette[i % palette.length] }),
      svg('text', { x: at + 14, y, 'font-size': 11 }, label),
    );
    at += 24 + Math.min(label.length * 6.2, width / 2);
  });
  return group;
}

function cartesian(chart, box) {
  const values = chart.series.flatMap((s) => s.values.filter((v) => v !== null));
  const { top, ticks } = axis(Math.max(0, ...values));
  const plot = { x: box.x + 44, y: box.y, width: box.width - 52, height: box.height - 38 };
  const yOf = (v) => plot.y + plot.height - (Math.max(v, 0) / top) * plot.height;
  const group = svg('g', null);
  for (const tick of ticks) {
    const y = yOf(tick);
    group.append(
      svg('line', { x1: plot.x, x2: plot.x + plot.width, y1: y, y2: y, stroke: '#e0e0e0' }),
      svg(
        'text',
        { x: plot.x - 6, y: y + 4, 'font-size': 10, 'text-anchor': 'end', fill: '#5f6368' },
        shortNumber(tick),
      ),
    );
  }
  const n = Math.max(chart.labels.length, 1);
  const band = plot.width / n;
  const every = Math.ceil((n * 46) / plot.width);
  chart.labels.forEach((label, i) => {
    if (i % every !== 0) return;
    group.append(
      svg(
        'text',
        {
          x: plot.x + band * (i + 0.5),
          y: plot.y + plot.height + 14,
          'font-size': 10,
          'text-anchor': 'middle',
          fill: '#5f6368',
        },
        label.length > 12 ? `${label.slice(0, 11)}…` : label,
      ),
    );
  });
  if (chart.type === 'LINE') {
    chart.series.forEach((series, s) => {
      const points = series.values
        .map((v, i) => (v === null ? null : [plot.x + band * (i + 0.5), yOf(v)]))
        .filter(Boolean);
      const color = palette[s % palette.length];
      if (points.length > 1)
        group.append(
          svg('polyline', {
            points: points.map((p) => p.join(',')).join(' '),
            fill: 'none',
            stroke: color,
            'stroke-width': 2,
          }),
        );
      for (const [x, y] of points) group.append(svg('circle', { cx: x, cy: y, r: 3, fill: color }));
    });
  } else {
    const count = Math.max(chart.series.length, 1);
    const barWidth = Math.max(2, (band * 0.7) / count);
    chart.series.forEach((series, s) => {
      series.values.forEach((v, i) => {
        if (v === null) return;
        const x = plot.x + band * i + band * 0.15 + barWidth * s;
        const y = yOf(v);
        group.append(
          svg(
            'rect',
            {
              x,
              y,
              width: barWidth,
              height: plot.y + plot.height - y,
              fill: palette[s % palette.length],
            },
            svg('title', null, `${chart.labels[i] ?? ''} · ${series.name}: ${v.toLocaleString()}`),
          ),
        );
      });
    });
  }
  group.append(
    svg('line', {
      x1: plot.x,
      x2: plot.x + plot.width,
      y1: plot.y + plot.height,
      y2: plot.y + plot.height,
      stroke: '#9aa0a6',
    }),
  );
  group.append(legend(chart, plot.x, box.y + box.height - 4, plot.width));
  return group;
}

function pie(chart, box) {
  const values = (chart.series[0]?.values ?? []).map((v) => (v !== null && v > 0 ? v : 0));
  const total = values.reduce((a, b) => a + b, 0);
  const group = svg('g', null);
  const r = Math.min(box.height, box.width * 0.55) / 2 - 4;
  const cx = box.x + r + 8;
  const cy = box.y + box.height / 2;
  if (total === 0) {
    group.append(
      svg('circle', { cx, cy, r, fill: '#f1f3f4' }),
      svg(
        'text',
        { x: cx, y: cy + 4, 'text-anchor': 'middle', 'font-size': 11, fill: '#5f6368' },
        '0',
      ),
    );
  }
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    if (v === 0 || total === 0) return;
    const sweep = (v / total) * Math.PI * 2;
    const end = angle + sweep;
    const color = palette[i % palette.length];
    const shape =
      sweep >= Math.PI * 2 - 1e-9
        ? svg('circle', { cx, cy, r, fill: color })
        : svg('path', {
            d: `M${cx},${cy} L${cx + r * Math.cos(angle)},${cy + r * Math.sin(angle)} A${r},${r} 0 ${sweep > Math.PI ? 1 : 0} 1 ${cx + r * Math.cos(end)},${cy + r * Math.sin(end)} Z`,
            fill: color,
          });
    shape.append(
      svg('title', null, `${chart.labels[i] ?? ''}: ${v} (${Math.round((v / total) * 100)} %)`),
    );
    group.append(shape);
    angle = end;
  });
  chart.labels.forEach((label, i) => {
    const y = box.y + 12 + i * 16;
    if (y > box.y + box.height) return;
    group.append(
      svg('rect', {
        x: cx + r + 14,
        y: y - 9,
        width: 10,
        height: 10,
        fill: palette[i % palette.length],
      }),
      svg('text', { x: cx + r + 28, y, 'font-size': 11 }, `${label} (${values[i] ?? 0})`),
    );
  });
  return group;
}

/** One chart as an SVG element of its recorded size. */
function chartSvg(chart) {
  const box = { x: 12, y: 34, width: chart.width - 24, height: chart.height - 44 };
  const drawing = chart.type === 'PIE' ? pie(chart, box) : cartesian(chart, box);
  return svg(
    'svg',
    {
      width: chart.width,
      height: chart.height,
      viewBox: `0 0 ${chart.width} ${chart.height}`,
      role: 'img',
      'aria-label': chart.title || 'Chart',
    },
    svg('rect', {
      x: 0.5,
      y: 0.5,
      width: chart.width - 1,
      height: chart.height - 1,
      fill: '#fff',
      stroke: '#dadce0',
    }),
    svg(
      'text',
      { x: 12, y: 22, 'font-size': 13, 'font-weight': 600, fill: '#202124' },
      chart.title,
    ),
    drawing,
  );
}

/**
 * Draws the grid's charts over it, each at its anchor cell plus its offset (the cells are found by
 * their data-a1, so hidden columns and row heights are whatever the table shows).
 */
// biome-ignore lint/correctness/noUnusedVariables: called from page.js, which loads after this file.
function drawCharts(grid, table, letterOf) {
  const wrap = table.parentElement;
  for (const old of wrap.querySelectorAll('.chart-layer')) old.remove();
  if (!grid?.charts || grid.charts.length === 0) return;
  const layer = document.createElement('div');
  layer.className = 'chart-layer';
  for (const chart of grid.charts) {
    const anchor = table.querySelector(`td[data-a1="${letterOf(chart.column)}${chart.row}"]`);
    if (!anchor) continue;
    const box = document.createElement('div');
    box.className = 'chart';
    box.dataset.chartId = String(chart.chartId);
    box.style.left = `${anchor.offsetLeft + chart.offsetX}px`;
    box.style.top = `${anchor.offsetTop + chart.offsetY}px`;
    box.append(chartSvg(chart));
    layer.append(box);
  }
  wrap.append(layer);
}

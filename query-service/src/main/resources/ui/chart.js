// Chart: the aggregate endpoint's grammar in the URL; bars for categories, a line over years and months, every
// numeric metric drawn (a second axis for a second unit), the numbers as a table under it. uPlot (48 KB, canvas) is
// loaded only on this view.
import { json, schema as loadSchema, download, SignedOut } from './api.js';
import { h, number, errorBox, cell } from './dom.js';
import { onlyFilters, describe } from './filters.js';
import { UPLOT, UPLOT_CSS } from './vendor.js';

const TIME_KEYS = new Set(['release_year', 'release_month']);

export async function chart(main, params, navigate) {
  const schema = await loadSchema();
  if (!params.get('group_by')) {
    params = new URLSearchParams(params);
    params.set('group_by', 'release_year');
    params.set('metrics', params.get('metrics') || 'count');
  }
  const groupBy = params.get('group_by');
  const keys = [...schema.columns.filter((c) => c.groupable).map((c) => c.name), ...schema.groupKeys];
  const metricsInput = h('input', { name: 'metrics', value: params.get('metrics') || 'count', placeholder: 'count,avg:price,p90:price' });
  const form = h('form', { className: 'builder chart-form', 'aria-label': 'Chart', onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams(onlyFilters(params, schema));
    next.set('group_by', data.get('group_by'));
    next.set('metrics', data.get('metrics') || 'count');
    for (const having of String(data.get('having') || '').split('&').map((s) => s.trim()).filter(Boolean)) next.append('having', having);
    navigate('/chart', next);
  } },
  h('label', {}, 'Group by ', h('select', { name: 'group_by' }, keys.map((k) => h('option', { value: k, selected: k === groupBy }, k)))),
  h('label', {}, 'Metrics ', metricsInput),
  metricPicker(schema, metricsInput),
  h('label', {}, 'Having ', h('input', { name: 'having', value: params.getAll('having').join('&'), placeholder: 'count__gt=10' })),
  h('button', { type: 'submit', className: 'primary' }, 'Draw'));
  const where = describe(onlyFilters(params, schema), schema);
  const out = h('section', { 'aria-live': 'polite' }, h('p', { className: 'muted' }, 'Loading…'));
  main.replaceChildren(h('div', { className: 'chart-view' }, form, where ? h('p', {}, `Where ${where}`) : null, out));

  const query = new URLSearchParams(params);
  if (!query.get('sort')) query.set('sort', TIME_KEYS.has(groupBy) ? groupBy : '-count');
  if (!query.get('limit')) query.set('limit', TIME_KEYS.has(groupBy) ? '1000' : '30');
  let rows;
  try {
    rows = (await json(`/api/v1/games/aggregate?${query}`)).data;
  } catch (e) {
    if (e instanceof SignedOut) throw e;
    out.replaceChildren(errorBox(e));
    return;
  }
  const metrics = rows.length ? Object.keys(rows[0]).filter((k) => k !== groupBy) : [];
  const csv = new URLSearchParams(query);
  csv.set('format', 'csv');
  const csvPath = `/api/v1/games/aggregate?${csv}`;
  const drawn = metrics.filter((m) => rows.some((r) => typeof r[m] === 'number'));
  const plot = h('div', { className: 'plot', role: 'img', 'aria-label': `${drawn.join(', ') || 'nothing'} by ${groupBy}` });
  out.replaceChildren(
    h('h1', { className: 'heading' }, `${metrics.join(', ')} by ${groupBy}: ${number(rows.length)} groups`),
    h('p', { className: 'muted', hidden: drawn.length === metrics.length }, `Drawn: ${drawn.join(', ') || 'none'}; values that are not numbers are in the table.`),
    plot,
    h('p', { className: 'api' }, h('a', { href: csvPath, className: 'export', onclick: (e) => { e.preventDefault(); download(csvPath, 'games-aggregate.csv'); } }, 'CSV'),
      ' · ', h('code', {}, `curl -H "Authorization: Bearer $TOKEN" '${location.origin}${csvPath}'`)),
    numbers(rows, groupBy, metrics));
  if (rows.length && drawn.length) draw(plot, rows, groupBy, drawn);
}

function numbers(rows, groupBy, metrics) {
  return h('div', { className: 'table-wrap' }, h('table', { className: 'numbers' },
    h('thead', {}, h('tr', {}, [groupBy, ...metrics].map((m) => h('th', { scope: 'col' }, m)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, cell(r[groupBy])), metrics.map((m) => h('td', {}, typeof r[m] === 'number' ? number(r[m]) : cell(r[m]))))))));
}

const COLORS = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b83280', '#4a5568'];

/** What a metric's numbers are counted in: games, no unit (shape), or its column's unit; a second unit gets the right axis. */
function unit(metric) {
  const cut = metric.indexOf('_');
  const fn = cut < 0 ? metric : metric.slice(0, cut);
  if (['count', 'distinct', 'nulls'].includes(fn)) return 'games or values';
  if (['skew', 'kurt'].includes(fn)) return 'no unit';
  return fn === 'var' ? `${metric.slice(cut + 1)} squared` : metric.slice(cut + 1);
}

async function draw(plot, rows, groupBy, metrics) {
  const uPlot = await loadUplot();
  const time = TIME_KEYS.has(groupBy);
  const labels = rows.map((r) => (r[groupBy] === null ? 'NULL' : String(r[groupBy])));
  const xs = rows.map((r, i) => (time && groupBy === 'release_year' && r[groupBy] !== null ? r[groupBy] : i));
  const units = [...new Set(metrics.map(unit))];
  const scaleOf = (m) => (units.indexOf(unit(m)) === 0 ? 'y' : 'y2');
  const width = Math.max(280, Math.min(plot.clientWidth || 800, 1100));
  const series = metrics.map((m, i) => {
    const color = COLORS[i % COLORS.length];
    const one = { label: m, scale: scaleOf(m), stroke: color, width: 2 };
    if (time) return { ...one, fill: metrics.length === 1 ? 'rgba(43,108,176,0.12)' : undefined, points: { show: true } };
    if (metrics.length === 1) return { ...one, fill: 'rgba(43,108,176,0.7)', paths: uPlot.paths.bars({ size: [0.7, 60] }), points: { show: false } };
    return { ...one, fill: color, paths: uPlot.paths.points(), points: { show: false, size: 9, width: 1 } }; // dots: bars would hide each other
  });
  const axes = [{ values: (u, splits) => splits.map((v) => (groupBy === 'release_year' ? String(v) : labels[Math.round(v)] ?? '')), rotate: 0 },
    { scale: 'y', label: units[0] }];
  if (units.length > 1) axes.push({ scale: 'y2', side: 1, grid: { show: false }, label: units.slice(1).join(', ') });
  const options = {
    width, height: 320,
    scales: { x: time ? { time: false } : { time: false, range: () => [-0.5, rows.length - 0.5] } }, // categories: room for the end ones
    axes,
    series: [{ label: groupBy, value: (u, v) => (v === null ? '' : groupBy === 'release_year' ? String(v) : labels[Math.round(v)] ?? '') }, ...series],
  };
  if (!time) options.axes[0].splits = () => xs;
  plot.replaceChildren();
  new uPlot(options, [xs, ...metrics.map((m) => rows.map((r) => (typeof r[m] === 'number' ? r[m] : null)))], plot);
}

/** Menus of every metric function the schema lists and the columns that take it; "Add" appends fn:column to the box. */
function metricPicker(schema, input) {
  const functions = [...new Set(schema.columns.flatMap((c) => c.metrics))];
  const fn = h('select', { name: 'function', 'aria-label': 'Metric function' }, h('option', { value: 'count' }, 'count'),
    functions.map((f) => h('option', { value: f }, f === 'p<1-99>' ? 'p90 (p1 to p99)' : f)));
  const column = h('select', { name: 'metric_column', 'aria-label': 'Metric column' });
  const refresh = () => {
    column.replaceChildren(...schema.columns.filter((c) => c.metrics.includes(fn.value)).map((c) => h('option', { value: c.name }, c.name)));
    column.disabled = fn.value === 'count';
  };
  fn.addEventListener('change', refresh);
  refresh();
  const add = h('button', { type: 'button', className: 'add-metric', onclick: () => {
    const metric = fn.value === 'count' ? 'count' : `${fn.value === 'p<1-99>' ? 'p90' : fn.value}:${column.value}`;
    const now = input.value.split(',').map((m) => m.trim()).filter(Boolean);
    if (!now.includes(metric)) input.value = [...now, metric].join(',');
  } }, '+ Metric');
  return h('span', { className: 'metric-picker' }, fn, column, add);
}

let uplotPromise;
function loadUplot() {
  uplotPromise ??= new Promise((resolve, reject) => {
    document.head.append(h('link', { rel: 'stylesheet', href: UPLOT_CSS }));
    document.head.append(h('script', { src: UPLOT, onload: () => resolve(window.uPlot), onerror: () => reject(new Error('chart library failed to load')) }));
  });
  return uplotPromise;
}

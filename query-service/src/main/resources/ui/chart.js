// Chart: the aggregate endpoint's grammar in the URL; bars for categories, a line over years and months,
// the numbers as a table under it. uPlot (48 KB, canvas) is loaded only on this view.
import { json, schema as loadSchema, download, SignedOut } from './api.js';
import { h, number, errorBox } from './dom.js';
import { onlyFilters, describe } from './filters.js';
import { cell } from './explore.js';
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
  h('label', {}, 'Metrics ', h('input', { name: 'metrics', value: params.get('metrics') || 'count', placeholder: 'count,avg:price,p90:price' })),
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
  const plot = h('div', { className: 'plot', role: 'img', 'aria-label': `${metrics[0] || 'count'} by ${groupBy}` });
  out.replaceChildren(
    h('h1', { className: 'heading' }, `${metrics.join(', ')} by ${groupBy}: ${number(rows.length)} groups`),
    plot,
    h('p', { className: 'api' }, h('a', { href: csvPath, className: 'export', onclick: (e) => { e.preventDefault(); download(csvPath, 'games-aggregate.csv'); } }, 'CSV'),
      ' · ', h('code', {}, `curl -H "Authorization: Bearer $TOKEN" '${location.origin}${csvPath}'`)),
    numbers(rows, groupBy, metrics));
  if (rows.length && metrics.length) draw(plot, rows, groupBy, metrics[0]);
}

function numbers(rows, groupBy, metrics) {
  return h('div', { className: 'table-wrap' }, h('table', { className: 'numbers' },
    h('thead', {}, h('tr', {}, [groupBy, ...metrics].map((m) => h('th', { scope: 'col' }, m)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, cell(r[groupBy])), metrics.map((m) => h('td', {}, typeof r[m] === 'number' ? number(r[m]) : cell(r[m]))))))));
}

async function draw(plot, rows, groupBy, metric) {
  const uPlot = await loadUplot();
  const time = TIME_KEYS.has(groupBy);
  const labels = rows.map((r) => (r[groupBy] === null ? 'NULL' : String(r[groupBy])));
  const xs = rows.map((r, i) => (time && groupBy === 'release_year' && r[groupBy] !== null ? r[groupBy] : i));
  const ys = rows.map((r) => r[metric]);
  const width = Math.max(280, Math.min(plot.clientWidth || 800, 1100));
  const options = {
    width, height: 320,
    scales: { x: { time: false } },
    axes: [{ values: (u, splits) => splits.map((v) => (groupBy === 'release_year' ? String(v) : labels[Math.round(v)] ?? '')), rotate: 0 }, {}],
    series: [{ label: groupBy, value: (u, v) => (v === null ? '' : groupBy === 'release_year' ? String(v) : labels[Math.round(v)] ?? '') },
      { label: metric, stroke: '#2b6cb0', fill: time ? 'rgba(43,108,176,0.12)' : 'rgba(43,108,176,0.7)', width: 2,
        paths: time ? undefined : uPlot.paths.bars({ size: [0.7, 60] }), points: { show: time } }],
  };
  if (!time) options.axes[0].splits = () => xs;
  plot.replaceChildren();
  new uPlot(options, [xs, ys], plot);
}

let uplotPromise;
function loadUplot() {
  uplotPromise ??= new Promise((resolve, reject) => {
    document.head.append(h('link', { rel: 'stylesheet', href: UPLOT_CSS }));
    document.head.append(h('script', { src: UPLOT, onload: () => resolve(window.uPlot), onerror: () => reject(new Error('chart library failed to load')) }));
  });
  return uplotPromise;
}

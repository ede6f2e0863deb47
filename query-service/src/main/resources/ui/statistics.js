// Statistics: GET /api/v1/games/describe under the table's filters, one row per numeric column, each with a box
// plot of its quartiles (on a log scale where the values are skewed, as prices and review counts are).
import { json, SignedOut } from './api.js';
import { h, number, errorBox } from './dom.js';
import { onlyFilters } from './filters.js';

const SHOWN = ['count', 'nulls', 'mean', 'stddev', 'min', 'p25', 'median', 'p75', 'max', 'skew'];
const WIDTH = 120;
const HEIGHT = 22;
const SVG = 'http://www.w3.org/2000/svg';
const OPEN = 'games-analytics-statistics'; // the panel stays open from one page of results to the next, reloads too

export function statisticsPanel(params, schema) {
  const body = h('div', {}, h('p', { className: 'muted' }, 'Loading…'));
  const panel = h('details', { className: 'statistics', open: sessionStorage.getItem(OPEN) === 'open' }, h('summary', {}, 'Statistics of these rows'), body);
  let loaded = false;
  const load = async () => {
    loaded = true;
    try {
      const rows = (await json(`/api/v1/games/describe?${onlyFilters(params, schema)}`)).data;
      body.replaceChildren(table(rows));
    } catch (e) {
      if (e instanceof SignedOut) throw e;
      body.replaceChildren(errorBox(e));
    }
  };
  panel.addEventListener('toggle', () => {
    if (panel.open) sessionStorage.setItem(OPEN, 'open');
    else sessionStorage.removeItem(OPEN);
    if (panel.open && !loaded) load();
  });
  if (panel.open) load();
  return panel;
}

function table(rows) {
  const head = h('tr', {}, h('th', { scope: 'col' }, 'column'), SHOWN.map((s) => h('th', { scope: 'col' }, s)),
    h('th', { scope: 'col' }, 'distribution'));
  const body = rows.map((row) => h('tr', { 'data-column': row.column }, h('th', { scope: 'row' }, row.column),
    SHOWN.map((s) => h('td', { 'data-statistic': s, 'data-value': row[s] === null ? 'null' : String(row[s]) }, shown(row[s]))),
    h('td', {}, boxPlot(row))));
  return h('div', { className: 'table-wrap' }, h('table', { className: 'numbers describe' }, h('thead', {}, head), h('tbody', {}, body)));
}

/** Four significant digits are enough to read; the exact value is in the cell's data-value and the API. */
function shown(value) {
  if (value === null || value === undefined) return h('span', { className: 'null' }, 'NULL');
  return Number.isInteger(value) ? number(value) : number(Number(value.toPrecision(4)));
}

/** Whiskers from min to max, the box from p25 to p75, a line at the median; log1p scale for skewed non-negative values. */
function boxPlot(row) {
  if (row.count === 0 || row.min === null) return h('span', { className: 'muted' }, '—');
  const log = row.skew !== null && row.skew > 1 && row.min >= 0;
  const f = log ? Math.log1p : (v) => v;
  const low = f(row.min);
  const span = f(row.max) - low || 1;
  const x = (v) => 2 + ((f(v) - low) / span) * (WIDTH - 4);
  const mid = HEIGHT / 2;
  const svg = element('svg', { width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: log ? 'box log' : 'box',
    'aria-label': `${row.column}: min ${row.min}, p25 ${row.p25}, median ${row.median}, p75 ${row.p75}, max ${row.max}${log ? ' (log scale)' : ''}` });
  svg.append(
    element('line', { x1: x(row.min), x2: x(row.max), y1: mid, y2: mid }),
    element('rect', { x: x(row.p25), y: 4, width: Math.max(1, x(row.p75) - x(row.p25)), height: HEIGHT - 8 }),
    element('line', { class: 'median', x1: x(row.median), x2: x(row.median), y1: 3, y2: HEIGHT - 3 }));
  return h('span', { className: 'sketch' }, svg, log ? h('span', { className: 'muted scale' }, 'log') : null);
}

function element(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  return el;
}

// Explore: the filter builder, the results table with sorting and keyset pages, the API panel and facets.
import { json, schema as loadSchema, download, SignedOut } from './api.js';
import { h, number, errorBox, cell } from './dom.js';
import { filterRows, withFilters, describe, columns, onlyFilters } from './filters.js';
import { filterBuilder } from './builder.js';
import { facets } from './facets.js';
import { statisticsPanel } from './statistics.js';
import { similarLink } from './similar.js';

export async function explore(main, params, navigate) {
  const schema = await loadSchema();
  const go = (next, state) => navigate('/', next, state);
  const results = h('section', { className: 'results', 'aria-live': 'polite' }, h('p', { className: 'muted' }, 'Loading…'));
  const side = h('aside', { className: 'facets', 'aria-label': 'Facets' });
  const builder = filterBuilder(schema, params, (rows, ors) => go(withFilters(params, rows, ors, schema)));
  main.replaceChildren(h('div', { className: 'explore' },
    h('div', { className: 'left' }, builder.element, columnChooser(schema, params, go), statisticsPanel(params, schema), results,
      apiPanel(params, schema)), side));
  const query = new URLSearchParams(params);
  query.set('count', 'exact');
  query.delete('format');
  try {
    const page = await json(`/api/v1/games?${query}`);
    const similar = (appId) => similarLink(appId, onlyFilters(params, schema), navigate);
    results.replaceChildren(heading(page.totalCount, params, schema), table(page.data, params, schema, go, similar), pager(page, params, go));
    facets(side, schema, params, go); // only for filters that work: a refused filter would fail every facet the same way
  } catch (e) {
    if (e instanceof SignedOut) throw e;
    if (e.parameter && builder.showError(e.parameter, e.message)) results.replaceChildren();
    else results.replaceChildren(errorBox(e));
  }
}

function heading(total, params, schema) {
  const where = describe(params, schema);
  const sort = params.get('sort');
  const order = sort ? sort.split(',').map((s) => (s.startsWith('-') ? `${s.slice(1)} descending` : s)).join(', ') : '';
  return h('h1', { className: 'heading' }, `${number(total)} ${total === 1 ? 'row' : 'rows'}`,
    where ? ` where ${where}` : '', order ? ` sorted by ${order}` : '');
}

function shownColumns(params, schema) {
  const fields = params.get('fields');
  return fields ? fields.split(',').map((f) => f.trim()).filter(Boolean) : schema.columns.map((c) => c.name);
}

/** The rows; with app_id among the columns, each row ends with a link to its similar games. */
function table(rows, params, schema, go, similar) {
  const byName = columns(schema);
  const names = shownColumns(params, schema);
  const sort = params.get('sort') || '';
  const head = h('tr', {}, names.map((name) => {
    const column = byName.get(name);
    const state = sort === name ? 'ascending' : sort === `-${name}` ? 'descending' : null;
    if (!column || !column.sortable) return h('th', { scope: 'col' }, name);
    const next = new URLSearchParams(params);
    next.delete('cursor');
    if (state === 'ascending') next.set('sort', `-${name}`);
    else if (state === 'descending') next.delete('sort');
    else next.set('sort', name);
    return h('th', { scope: 'col', 'aria-sort': state || 'none' },
      h('a', { href: `/?${next}`, onclick: (e) => { e.preventDefault(); go(next); } }, name));
  }));
  const linked = names.includes('app_id');
  if (linked) head.append(h('th', { scope: 'col', 'aria-label': 'Similar games' }));
  const body = rows.map((row) => h('tr', {}, names.map((name) => h('td', {}, cell(row[name], byName.get(name)?.kind))),
    linked ? h('td', {}, similar(row.app_id)) : null));
  if (!rows.length) body.push(h('tr', {}, h('td', { colspan: names.length + (linked ? 1 : 0), className: 'muted' }, 'No rows match.')));
  return h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, body)));
}

function pager(page, params, go) {
  const cursor = params.get('cursor');
  const previous = h('button', { type: 'button', disabled: !cursor, onclick: () => {
    if (history.state && history.state.page > 0) history.back();
    else { const first = new URLSearchParams(params); first.delete('cursor'); go(first); }
  } }, '← Previous');
  const next = h('button', { type: 'button', disabled: !page.nextCursor, onclick: () => {
    const after = new URLSearchParams(params);
    after.set('cursor', page.nextCursor);
    go(after, { page: ((history.state && history.state.page) || 0) + 1 });
  } }, 'Next →');
  return h('nav', { className: 'pager', 'aria-label': 'Pages' }, previous, next);
}

function columnChooser(schema, params, go) {
  const shown = new Set(shownColumns(params, schema));
  const boxes = schema.columns.map((c) => h('label', { className: 'check' },
    h('input', { type: 'checkbox', name: 'field', value: c.name, checked: shown.has(c.name) }), c.name));
  const form = h('form', { onsubmit: (e) => {
    e.preventDefault();
    const chosen = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    const next = new URLSearchParams(params);
    next.delete('cursor');
    if (chosen.length === schema.columns.length || !chosen.length) next.delete('fields');
    else next.set('fields', chosen.join(','));
    go(next);
  } }, h('div', { className: 'checks' }, boxes), h('button', { type: 'submit' }, 'Show columns'));
  return h('details', { className: 'columns' }, h('summary', {}, `Columns (${shown.size} of ${schema.columns.length})`), form);
}

function apiPanel(params, schema) {
  const origin = location.origin;
  const query = new URLSearchParams(params);
  query.delete('cursor');
  const api = `${origin}/api/v1/games${[...query].length ? `?${query}` : ''}`;
  const exportOf = (format) => { const q = new URLSearchParams(onlyFilters(params, schema)); for (const k of ['fields', 'sort']) if (params.get(k)) q.set(k, params.get(k)); q.set('format', format); return `/api/v1/games?${q}`; };
  const csv = exportOf('csv');
  const ndjson = exportOf('ndjson');
  const curl = `curl -H "Authorization: Bearer $TOKEN" '${api}'`;
  const pandas = `pandas.read_csv("${origin}${csv}", storage_options={"Authorization": f"Bearer {token}"})`;
  const link = (href, label, name) => h('a', { href, className: 'export', onclick: (e) => { e.preventDefault(); download(href, name); } }, label);
  return h('details', { className: 'api', open: true }, h('summary', {}, 'API'),
    h('p', {}, h('code', { className: 'curl' }, curl)),
    h('p', {}, h('code', { className: 'pandas' }, pandas)),
    h('p', {}, 'Export all matching rows: ', link(csv, 'CSV', 'games.csv'), ' · ', link(ndjson, 'NDJSON', 'games.ndjson')));
}

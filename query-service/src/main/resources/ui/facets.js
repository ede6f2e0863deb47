// Facets: top values with counts under the current filters; a click adds or removes that filter.
import { json } from './api.js';
import { h, number } from './dom.js';
import { onlyFilters } from './filters.js';

const FACETS = ['genres', 'tags', 'categories', 'supported_languages', 'developers', 'publishers', 'release_year'];
const TOP = 8;
const PARALLEL = 4;
const TIMEOUT_MS = 8000;
const BANDS = [['free', 0, 0.01], ['under 5', 0.01, 5], ['5 to 10', 5, 10], ['10 to 20', 10, 20], ['20 to 40', 20, 40], ['40 and up', 40, null]];

export function facets(side, schema, params, go) {
  const filters = onlyFilters(params, schema);
  const jobs = FACETS.map((name) => () => facet(name, filters, params, go));
  jobs.push(() => priceBands(filters, params, go));
  const boxes = jobs.map(() => h('section', { className: 'facet' }, h('p', { className: 'muted' }, '…')));
  side.replaceChildren(h('h2', {}, 'Facets'), ...boxes);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      boxes[i].replaceWith(boxes[i] = await jobs[i]());
    }
  };
  for (let i = 0; i < PARALLEL; i++) worker();
}

/** The filter a facet value stands for: `exact` (a list's element, a text's whole value), a year its dates. */
function filterFor(name, value) {
  return name === 'release_year' ? ['release_date', String(value)] : [`${name}__exact`, value];
}

function toggled(params, key, value) {
  const next = new URLSearchParams();
  let removed = false;
  for (const [k, v] of params) {
    if (k === key && v === value) removed = true;
    else if (k !== 'cursor') next.append(k, v);
  }
  if (!removed) next.append(key, value);
  return [next, removed];
}

async function facet(name, filters, params, go) {
  const query = new URLSearchParams(filters);
  query.set('group_by', name);
  query.set('metrics', 'count');
  query.set('sort', name === 'release_year' ? '-release_year' : '-count');
  query.set('limit', String(TOP));
  return box(name, async () => (await json(`/api/v1/games/aggregate?${query}`, { timeout: TIMEOUT_MS })).data
    .filter((g) => g[name] !== null && g[name] !== '')
    .map((g) => item(params, go, ...filterFor(name, g[name]), String(g[name]), g.count)));
}

async function priceBands(filters, params, go) {
  const query = new URLSearchParams(filters);
  query.set('group_by', 'price');
  query.set('metrics', 'count');
  query.set('limit', '100000');
  return box('price', async () => {
    const groups = (await json(`/api/v1/games/aggregate?${query}`, { timeout: TIMEOUT_MS })).data;
    return BANDS.map(([label, low, high]) => {
      const count = groups.filter((g) => g.price >= low && (high === null || g.price < high)).reduce((s, g) => s + g.count, 0);
      const key = high === null ? 'price__gte' : low === 0 ? 'price__lt' : 'price__between';
      const value = high === null ? String(low) : low === 0 ? String(high) : `${low},${(high - 0.01).toFixed(2)}`;
      return count ? item(params, go, key, value, label, count) : null;
    }).filter(Boolean);
  });
}

function item(params, go, key, value, label, count) {
  const [next, active] = toggled(params, key, value);
  return h('li', {}, h('a', { href: `/?${next}`, className: active ? 'active' : null, 'aria-pressed': String(active),
    'data-filter': `${key}=${value}`, onclick: (e) => { e.preventDefault(); go(next); } }, label), ' ', h('span', { className: 'count' }, number(count)));
}

async function box(title, load) {
  try {
    const items = await load();
    return h('section', { className: 'facet', 'data-facet': title }, h('h3', {}, title),
      items.length ? h('ul', {}, items) : h('p', { className: 'muted' }, 'none'));
  } catch (e) {
    const words = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timed out' : e.message;
    return h('section', { className: 'facet', 'data-facet': title }, h('h3', {}, title), h('p', { className: 'muted' }, words));
  }
}

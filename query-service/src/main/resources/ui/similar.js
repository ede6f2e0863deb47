// Similar games: GET /api/v1/games/{app_id}/similar for /similar?app_id=..., ranked by the Jaccard similarity of tags
// and genres, under the same filters as the table (applied to the candidates). Each game links to its own similar games.
import { json, schema as loadSchema, SignedOut } from './api.js';
import { h, number, errorBox, cell } from './dom.js';
import { onlyFilters, describe } from './filters.js';

const FIELDS = ['app_id', 'name', 'price', 'positive', 'genres', 'tags'];
const LIMIT = '20';

export async function similar(main, params, navigate) {
  const schema = await loadSchema();
  const appId = params.get('app_id') || '';
  const filters = onlyFilters(params, schema);
  filters.delete('app_id'); // the game asked about, not a filter on the candidates
  const out = h('section', { className: 'results', 'aria-live': 'polite' }, h('p', { className: 'muted' }, 'Loading…'));
  main.replaceChildren(h('div', { className: 'similar-view' }, out));
  const query = new URLSearchParams(filters);
  query.set('fields', FIELDS.join(','));
  query.set('limit', params.get('limit') || LIMIT);
  const path = `/api/v1/games/${encodeURIComponent(appId)}/similar?${query}`;
  try {
    const [game, rows] = await Promise.all([
      json(`/api/v1/games?app_id=${encodeURIComponent(appId)}&fields=app_id,name,genres,tags&limit=1`).then((p) => p.data[0]).catch(() => null),
      json(path).then((p) => p.data)]);
    const where = describe(filters, schema);
    out.replaceChildren(
      h('h1', { className: 'heading' }, `${number(rows.length)} games like ${game ? game.name : appId}`, where ? ` where ${where}` : ''),
      game ? h('p', {}, 'Tags and genres: ', cell([...new Set([...game.genres, ...game.tags])])) : null,
      table(rows, filters, navigate),
      h('p', { className: 'api' }, h('code', {}, `curl -H "Authorization: Bearer $TOKEN" '${location.origin}${path}'`)));
  } catch (e) {
    if (e instanceof SignedOut) throw e;
    out.replaceChildren(errorBox(e));
  }
}

/** The link to a game's similar games, keeping the filters on the candidates. */
export function similarLink(appId, filters, navigate) {
  const next = new URLSearchParams(filters);
  next.set('app_id', String(appId));
  return h('a', { href: `/similar?${next}`, className: 'similar', onclick: (e) => { e.preventDefault(); navigate('/similar', next); } }, 'similar');
}

function table(rows, filters, navigate) {
  const names = ['similarity', ...FIELDS];
  const head = h('tr', {}, names.map((n) => h('th', { scope: 'col' }, n)), h('th', { scope: 'col', 'aria-label': 'Similar games' }));
  const body = rows.map((row) => h('tr', {}, names.map((n) => h('td', {}, cell(row[n], n === 'price' ? 'decimal' : undefined))), h('td', {}, similarLink(row.app_id, filters, navigate))));
  if (!rows.length) body.push(h('tr', {}, h('td', { colspan: names.length + 1, className: 'muted' }, 'No other game shares a tag or genre.')));
  return h('div', { className: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, body)));
}

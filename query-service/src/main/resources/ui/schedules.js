// Schedules: links the ingest-service fetches every so often (each run loads only a changed file). Listed with their
// last and next run; made and deleted here.
import { json, call, SignedOut } from './api.js';
import { h } from './dom.js';

/** The schedules card: a form to add one, the list (a page of up to 100), each with its last job's status. */
export async function schedules(box) {
  const problem = h('p', { className: 'error', role: 'alert', hidden: true });
  const list = h('div', { className: 'table-wrap' });
  const form = h('form', { className: 'inline', 'aria-label': 'Add a schedule', onsubmit: async (e) => {
    e.preventDefault();
    problem.hidden = true;
    const data = new FormData(form);
    try {
      await json('/api/v1/schedules', { method: 'POST', body: { url: data.get('url'), every: data.get('every'), mode: data.get('mode') } });
      form.reset();
      await show(list, problem);
    } catch (err) {
      if (err instanceof SignedOut) throw err;
      problem.hidden = false;
      problem.textContent = err.parameter ? `${err.parameter}: ${err.message}` : err.message;
    }
  } },
  h('label', {}, 'Link ', h('input', { name: 'url', type: 'url', required: true, placeholder: 'https://example.com/games.csv' })),
  h('label', {}, 'every ', h('input', { name: 'every', required: true, size: 6, value: '24h', pattern: '([0-9]+[dhmsDHMS])+', title: 'like 24h, 1d12h or 30m' })),
  h('label', {}, 'mode ', h('select', { name: 'mode' }, h('option', { value: 'replace' }, 'replace'), h('option', { value: 'append' }, 'append'))),
  h('button', { type: 'submit' }, 'Add schedule'));
  box.replaceChildren(h('h2', {}, 'Schedules'), form, problem, list);
  await show(list, problem);
}

async function show(list, problem) {
  const page = await json('/api/v1/schedules?limit=100');
  const last = await Promise.all(page.data.map((s) => (s.lastJobId ? json(`/api/v1/ingestions/${s.lastJobId}`).catch(() => null) : null)));
  const act = (path, method) => async () => {
    try {
      await call(path, { method });
      await show(list, problem);
    } catch (err) {
      if (err instanceof SignedOut) throw err;
      problem.hidden = false;
      problem.textContent = err.message;
    }
  };
  list.replaceChildren(page.data.length === 0 ? h('p', { className: 'empty' }, 'No schedules.') : h('table', { className: 'schedules' },
    h('thead', {}, h('tr', {}, ['link', 'every', 'mode', 'last run', 'next run', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, page.data.map((s, i) => h('tr', { 'data-id': s.id },
      h('td', { className: 'url' }, s.url), h('td', {}, s.every), h('td', {}, s.mode),
      h('td', {}, last[i] ? `${last[i].status}${last[i].status === 'failed' ? `: ${last[i].error}` : ''} (${new Date(last[i].createdAt).toLocaleString()})` : '—'),
      h('td', {}, new Date(s.nextRunAt).toLocaleString()),
      h('td', {}, h('button', { type: 'button', onclick: act(`/api/v1/schedules/${s.id}/run`, 'POST') }, 'Run now'), ' ',
        h('button', { type: 'button', onclick: act(`/api/v1/schedules/${s.id}`, 'DELETE') }, 'Delete')))))));
}

// Ingest: start a job from a link or an uploaded file (picked or dropped), follow its event stream (fetch, since
// EventSource cannot send a token), cancel it, the job history and a job's rejected rows page by page.
import { call, json, download, token, SignedOut, ApiError } from './api.js';
import { h, number, errorBox } from './dom.js';
import { schedules } from './schedules.js';

const MB = 1024 * 1024;
const HISTORY_PAGE = 20;

export async function ingest(main, params, navigate) {
  // a link that fills in the url (shared, or from another page) starts in append: replace swaps all data, so it is
  // always the user's own choice, never one click on someone's link
  const prefilled = params.get('url');
  const modes = ['replace', 'append'].map((m) => h('option', { value: m, selected: m === (prefilled ? 'append' : 'replace') }, m));
  const problem = h('p', { className: 'error', role: 'alert', hidden: true });
  const live = h('section', { className: 'live', 'aria-live': 'polite' });
  const history = h('section', { className: 'history' });
  const scheduled = h('section', { className: 'schedules-box' });
  const rejects = h('section', { className: 'rejects' });
  const url = h('input', { name: 'url', type: 'url', required: true, value: prefilled || '', placeholder: 'https://example.com/games.csv' });
  const chosen = h('span', { className: 'chosen' }, 'no file chosen');
  // a picked or dropped file replaces the link; clearing it brings the link back
  const picked = () => {
    const file = picker.files[0];
    url.required = !file;
    url.disabled = Boolean(file);
    chosen.textContent = file ? `${file.name} (${(file.size / MB).toFixed(1)} MB)` : 'no file chosen';
    clear.hidden = !file;
  };
  const picker = h('input', { name: 'file', type: 'file', accept: '.csv,.gz,text/csv,application/gzip', onchange: picked });
  const clear = h('button', { type: 'button', hidden: true, onclick: () => { picker.value = ''; picked(); } }, 'Clear');
  const drop = h('div', { className: 'drop', 'aria-label': 'Drop a CSV file here',
    ondragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
    ondragleave: () => drop.classList.remove('over'),
    ondrop: (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files.length) { picker.files = e.dataTransfer.files; picked(); } } },
  h('label', {}, 'or upload a file (.csv or .csv.gz): drop it here or ', picker), chosen, clear);
  const form = h('form', { className: 'card builder', 'aria-label': 'Start an ingestion', onsubmit: async (e) => {
    e.preventDefault();
    problem.hidden = true;
    const data = new FormData(form);
    const body = { url: data.get('url'), mode: data.get('mode') };
    if (data.get('maxRejectRatio') !== '') body.maxRejectRatio = Number(data.get('maxRejectRatio'));
    const file = picker.files[0];
    try {
      const job = file ? await upload(file, body, live) : await json('/api/v1/ingestions', { method: 'POST', body });
      follow(job, live, () => showHistory(history, rejects));
      showHistory(history, rejects);
    } catch (err) {
      if (err instanceof SignedOut) throw err;
      problem.hidden = false;
      problem.textContent = err.parameter ? `${err.parameter}: ${err.message}` : err.message;
    }
  } },
  h('h1', {}, 'Ingest a CSV'),
  h('label', {}, 'CSV link (http or https; .csv or .csv.gz)', url),
  drop,
  h('div', { className: 'inline' },
    h('label', {}, 'Mode ', h('select', { name: 'mode' }, ...modes)),
    h('label', {}, 'Max reject ratio ', h('input', { name: 'maxRejectRatio', type: 'number', min: 0, max: 1, step: 0.01, placeholder: '0.1' }))),
  h('button', { type: 'submit', className: 'primary' }, 'Start'), problem);
  main.replaceChildren(h('div', { className: 'ingest-view' }, form, live, scheduled, history, rejects));
  await Promise.all([showHistory(history, rejects), schedules(scheduled).catch((e) => { if (e instanceof SignedOut) throw e; scheduled.replaceChildren(errorBox(e)); })]);
  const running = (await json('/api/v1/ingestions?limit=50')).data.find((j) => j.status === 'queued' || j.status === 'running');
  if (running) follow(running, live, () => showHistory(history, rejects));
}

/**
 * Sends a file as the request body (XMLHttpRequest: fetch reports no upload progress) with a bar for the bytes sent. The
 * service answers once its job has read the whole file, so the job's own bar takes over from there.
 */
function upload(file, { mode, maxRejectRatio }, live) {
  const bar = h('progress', { max: file.size || 1, value: 0, 'aria-label': 'Upload progress' });
  const figures = h('p', { className: 'figures' }, 'waiting for the service');
  live.replaceChildren(h('h2', {}, `Uploading ${file.name}`), bar, figures);
  const query = new URLSearchParams({ filename: file.name, mode });
  if (maxRejectRatio !== undefined) query.set('maxRejectRatio', maxRejectRatio);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/ingestions?${query}`);
    xhr.setRequestHeader('Authorization', `Bearer ${token.get()}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', /\.gz$/i.test(file.name) ? 'application/gzip' : 'text/csv');
    xhr.upload.onprogress = (e) => {
      bar.value = e.loaded;
      figures.textContent = `${(e.loaded / MB).toFixed(1)} MB of ${(file.size / MB).toFixed(1)} MB sent`;
    };
    xhr.onload = () => {
      let answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch { /* not JSON: keep the status */ }
      if (xhr.status === 401) { token.clear(); reject(new SignedOut('signed out')); } else if (xhr.status >= 400) reject(new ApiError(xhr.status, answer));
      else resolve(answer);
    };
    xhr.onerror = () => reject(new Error('the upload broke off (the connection closed)'));
    xhr.send(file);
  });
}

/** A progress bar fed by the job's server-sent events until its final status word. */
async function follow(job, live, done) {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Ingestion progress' });
  const figures = h('p', { className: 'figures' });
  const status = h('p', { className: 'status', 'data-status': job.status }, job.status);
  const cancel = h('button', { type: 'button', onclick: async () => {
    try { await call(`/api/v1/ingestions/${job.id}`, { method: 'DELETE' }); } catch (e) { status.textContent = e.message; }
  } }, 'Cancel');
  live.replaceChildren(h('h2', {}, `Ingestion ${job.id}`), bar, figures, status, cancel);
  const show = (view) => {
    if (view.bytesTotal) { bar.max = view.bytesTotal; bar.value = view.bytesRead; } else bar.removeAttribute('value');
    figures.textContent = [`${(view.bytesRead / MB).toFixed(1)} MB${view.bytesTotal ? ` of ${(view.bytesTotal / MB).toFixed(1)} MB` : ''}`,
      `${number(view.rowsRead)} rows read`, `${number(view.rowsInserted)} inserted`, `${number(view.rowsRejected)} rejected`,
      view.bytesPerSecond ? `${(view.bytesPerSecond / MB).toFixed(1)} MB/s` : null,
      view.etaSeconds !== null && view.etaSeconds !== undefined ? `ETA ${view.etaSeconds} s` : null].filter(Boolean).join(' · ');
    const finished = ['succeeded', 'failed', 'cancelled', 'skipped'].includes(view.status);
    status.dataset.status = view.status;
    status.textContent = view.status === 'failed' ? `failed: ${view.error}` : view.status;
    if (finished) { cancel.remove(); if (view.status === 'succeeded') { bar.max = 1; bar.value = 1; } }
    return finished;
  };
  try {
    const response = await fetch(`/api/v1/ingestions/${job.id}/events`, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token.get()}` } });
    if (!response.ok) throw new Error(`progress stream refused (HTTP ${response.status})`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('\n');
        if (data && show(JSON.parse(data))) { reader.cancel(); done(); return; }
      }
    }
  } catch (e) {
    live.append(errorBox(e));
  }
  done();
}

/** One page of the job history, newest first; Next follows the page's cursor, Newest goes back to the start. */
async function showHistory(history, rejects, cursor = null) {
  const page = await json(`/api/v1/ingestions?limit=${HISTORY_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  const jobs = page.data;
  history.replaceChildren(h('h2', {}, 'History'), h('div', { className: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['id', 'status', 'url', 'rows inserted', 'rejected', 'created', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, jobs.map((j) => h('tr', {},
      h('td', {}, h('code', {}, j.id)), h('td', {}, j.status === 'failed' ? `failed: ${j.error}` : j.status),
      h('td', { className: 'url' }, j.url), h('td', {}, number(j.rowsInserted)), h('td', {}, number(j.rowsRejected)),
      h('td', {}, new Date(j.createdAt).toLocaleString()),
      h('td', {}, j.rowsRejected ? h('button', { type: 'button', onclick: () => showRejects(rejects, j.id, null) }, 'Rejects') : '')))))),
    h('nav', { className: 'pager', 'aria-label': 'History pages' },
      h('button', { type: 'button', disabled: !cursor, onclick: () => showHistory(history, rejects) }, '← Newest'),
      h('button', { type: 'button', disabled: !page.nextCursor, onclick: () => showHistory(history, rejects, page.nextCursor) }, 'Older →')));
}

async function showRejects(box, id, cursor) {
  try {
    const page = await json(`/api/v1/ingestions/${id}/rejects?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const csvPath = `/api/v1/ingestions/${id}/rejects?format=csv&limit=10000`;
    box.replaceChildren(h('h2', {}, `Rejected rows of ${id}`),
      h('div', { className: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['line', 'column', 'reason', 'raw'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, page.data.map((r) => h('tr', {}, h('td', {}, r.line), h('td', {}, r.column ?? ''), h('td', {}, r.reason), h('td', { className: 'raw' }, r.raw)))))),
      h('nav', { className: 'pager' },
        h('button', { type: 'button', disabled: !page.nextCursor, onclick: () => showRejects(box, id, page.nextCursor) }, 'Next →'),
        h('a', { href: csvPath, className: 'export', onclick: (e) => { e.preventDefault(); download(csvPath, `rejects-${id}.csv`); } }, 'CSV')));
  } catch (e) {
    box.replaceChildren(errorBox(e));
  }
}

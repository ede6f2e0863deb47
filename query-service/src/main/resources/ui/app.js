// The page: one view per address (/, /chart, /ingest, /similar), each view's state in the URL's query string.
import { call, token, SignedOut } from './api.js';
import { h, errorBox } from './dom.js';
import { explore } from './explore.js';
import { chart } from './chart.js';
import { ingest } from './ingest.js';
import { similar } from './similar.js';

const views = { '/': explore, '/chart': chart, '/ingest': ingest, '/similar': similar };
const main = document.getElementById('app');

/** Shows the view for the current address; every view gets (element, URLSearchParams, navigate). */
export async function render() {
  const view = views[location.pathname] || explore;
  document.querySelectorAll('nav a').forEach((a) => a.toggleAttribute('aria-current', a.getAttribute('href') === location.pathname));
  const signout = document.getElementById('signout');
  signout.hidden = !token.get();
  document.getElementById('who').textContent = token.get() ? whoAmI() : '';
  if (!token.get()) {
    signIn();
    return;
  }
  try {
    await view(main, new URLSearchParams(location.search), navigate);
  } catch (e) {
    if (e instanceof SignedOut) signIn('Your session ended; sign in again.');
    else main.replaceChildren(errorBox(e));
  }
}

/** A new state for this view (or another): pushed to history so back and forward work. */
export function navigate(path, params, state = null) {
  const query = params && [...params].length ? `?${params}` : '';
  history.pushState(state, '', path + query);
  render();
}

function whoAmI() {
  try {
    const claims = JSON.parse(atob(token.get().split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return `${claims.sub} (${[].concat(claims.roles || []).join(', ')})`;
  } catch {
    return 'signed in';
  }
}

function signIn(message) {
  const problem = h('p', { className: 'error', role: 'alert', hidden: !message }, message || '');
  const login = h('form', { className: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const form = new FormData(login);
    try {
      const response = await call('/auth/login', { method: 'POST', body: { username: form.get('username'), password: form.get('password') } });
      token.set((await response.json()).access_token);
      render();
    } catch (e) {
      problem.hidden = false;
      problem.textContent = e.message;
    }
  } },
  h('h2', {}, 'Sign in'),
  h('label', {}, 'User name', h('input', { name: 'username', autocomplete: 'username', required: true })),
  h('label', {}, 'Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
  h('button', { type: 'submit' }, 'Sign in'));
  const paste = h('form', { className: 'card', onsubmit: (event) => {
    event.preventDefault();
    token.set(new FormData(paste).get('token').trim());
    render();
  } },
  h('h2', {}, 'Or paste a token'),
  h('label', {}, 'Bearer token (JWT)', h('textarea', { name: 'token', rows: 3, required: true, spellcheck: 'false' })),
  h('button', { type: 'submit' }, 'Use token'));
  main.replaceChildren(h('section', { className: 'signin' }, problem, login, paste));
  main.querySelector('input[name=username]').focus();
}

document.getElementById('signout').addEventListener('click', () => {
  token.clear();
  render();
});
document.addEventListener('click', (event) => { // nav links stay in the page
  const a = event.target.closest('a[data-view]');
  if (a && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    event.preventDefault();
    navigate(a.getAttribute('href'));
  }
});
window.addEventListener('popstate', render);
render();

// Talking to the services: the token (this tab only), JSON calls, problem+json turned into errors.
const KEY = 'games-analytics-token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

/** A refused call: the API's problem, with the parameter it names (if any). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.parameter = problem.parameter || null;
  }
}

export class SignedOut extends Error {}

/** fetch with the bearer token; a timeout (ms) aborts it; 401 means the token is gone or bad. */
export async function call(path, { method = 'GET', body, timeout = 30000, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const t = token.get();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new DOMException('timed out', 'TimeoutError')), timeout);
  if (signal) signal.addEventListener('abort', () => abort.abort(signal.reason));
  try {
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: abort.signal });
    if (response.status === 401 && path !== '/auth/login') {
      token.clear();
      throw new SignedOut('signed out');
    }
    if (!response.ok) {
      let problem = {};
      try { problem = await response.json(); } catch { /* not JSON: keep the status */ }
      throw new ApiError(response.status, problem);
    }
    return response;
  } finally {
    clearTimeout(timer);
  }
}

export async function json(path, options) {
  return (await call(path, options)).json();
}

/** Downloads an export with the token (a plain link cannot send it) under the file name the API gives. */
export async function download(path, fallbackName) {
  const response = await call(path, { timeout: 600000 });
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

let schemaPromise;
/** GET /api/v1/schema once per page: the columns, their kinds, operators and metrics drive every menu. */
export function schema() {
  schemaPromise ??= json('/api/v1/schema').catch((e) => { schemaPromise = undefined; throw e; });
  return schemaPromise;
}

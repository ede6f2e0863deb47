// Building the page: a tiny element builder, h('a', {href, onclick}, 'text', child...), numbers and table cells.
// Text is always text, never HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'className') el.className = value;
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const number = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

/** An error box for a failed call: the API's own words. */
export function errorBox(error) {
  return h('p', { className: 'error', role: 'alert' }, error.message || String(error));
}

const CLIP = 140;

/** NULL as NULL, lists as chips, long text clipped with a button that shows it whole. */
export function cell(value, kind) {
  if (value === null || value === undefined) return h('span', { className: 'null' }, 'NULL');
  if (kind === 'decimal' && typeof value === 'number') return value.toFixed(2); // JSON's 0.00 arrives as 0
  if (Array.isArray(value)) return h('span', { className: 'chips' }, value.map((v) => h('span', { className: 'chip' }, v)));
  const text = String(value);
  if (text.length <= CLIP) return text;
  const short = h('span', {}, `${text.slice(0, CLIP)}…`);
  const more = h('button', { type: 'button', className: 'link', onclick: () => { short.textContent = text; more.remove(); } }, 'more');
  return h('span', { className: 'clip' }, short, ' ', more);
}

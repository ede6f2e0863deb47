// A tiny element builder: h('a', {href: '/x', onclick}, 'text', child...). Text is always text, never HTML.
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

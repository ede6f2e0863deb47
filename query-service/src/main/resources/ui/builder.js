// The filter builder: rows of column, operator (only those the schema allows) and a value input by kind.
import { json } from './api.js';
import { h } from './dom.js';
import { filterRows, keyOf, columns } from './filters.js';

const SUGGEST = 100;

export function filterBuilder(schema, params, apply) {
  const byName = columns(schema);
  const wording = new Map(schema.operators.map((o) => [o.name, o.wording]));
  const list = h('div', { className: 'rows' });
  const ors = h('div', { className: 'rows' });
  let count = 0;

  function addRow(row = { column: schema.columns[1].name, op: null, value: '' }) {
    const id = `f${count++}`;
    const columnSelect = h('select', { name: 'column', id: `${id}-column`, 'aria-label': 'Column' },
      schema.columns.map((c) => h('option', { value: c.name, selected: c.name === row.column }, c.name)));
    const opSelect = h('select', { name: 'operator', 'aria-label': 'Operator' });
    const valueSlot = h('span', { className: 'value' });
    const error = h('p', { className: 'error field-error', role: 'alert', hidden: true });
    const line = h('div', { className: 'filter' }, columnSelect, opSelect, valueSlot,
      h('button', { type: 'button', className: 'remove', 'aria-label': 'Remove filter', onclick: () => line.remove() }, '×'), error);
    const refresh = (keepOp, keepValue) => {
      const column = byName.get(columnSelect.value);
      const ops = column ? column.operators : [];
      opSelect.replaceChildren(...ops.map((op) => h('option', { value: op, selected: op === keepOp, title: wording.get(op) }, op)));
      valueSlot.replaceChildren(valueInput(column, opSelect.value, keepValue));
    };
    columnSelect.addEventListener('change', () => refresh(null, ''));
    opSelect.addEventListener('change', () => valueSlot.replaceChildren(valueInput(byName.get(columnSelect.value), opSelect.value, '')));
    refresh(row.op, row.value);
    line.rowKey = () => keyOf({ column: columnSelect.value, op: opSelect.value }, schema);
    line.read = () => ({ column: columnSelect.value, op: opSelect.value, value: valueSlot.querySelector('input,select').value });
    line.showError = (message) => { error.hidden = false; error.textContent = message; };
    list.append(line);
    return line;
  }

  function addOr(value = '') {
    const line = h('div', { className: 'filter' },
      h('label', { className: 'grow' }, 'Any of ', h('input', { name: 'or', value, placeholder: 'price__lt=1,positive__gt=10000', spellcheck: 'false' })),
      h('button', { type: 'button', className: 'remove', 'aria-label': 'Remove OR group', onclick: () => line.remove() }, '×'));
    ors.append(line);
  }

  for (const row of filterRows(params, schema)) addRow(row);
  for (const group of params.getAll('or')) addOr(group.replace(/^\(|\)$/g, ''));

  const form = h('form', { className: 'builder', 'aria-label': 'Filters', onsubmit: (e) => {
    e.preventDefault();
    const rows = [...list.children].map((line) => line.read()).filter((r) => r.value !== '');
    apply(rows, [...ors.querySelectorAll('input[name=or]')].map((i) => i.value));
  } },
  list, ors,
  h('div', { className: 'actions' },
    h('button', { type: 'button', onclick: () => addRow().querySelector('select').focus() }, '+ Filter'),
    h('button', { type: 'button', onclick: () => addOr() }, '+ OR group'),
    h('button', { type: 'submit', className: 'primary' }, 'Apply')));

  return {
    element: form,
    /** Puts the API's explanation beside the filter it names; false when no row has that key. */
    showError(parameter, message) {
      const line = [...list.children].find((l) => l.rowKey() === parameter || l.read().column === parameter);
      if (line) line.showError(message);
      else if (parameter === 'or') {
        ors.append(h('p', { className: 'error field-error', role: 'alert' }, message));
      } else return false;
      return true;
    },
  };
}

/** The value input for a column kind and operator: a select for booleans and isnull, hints for dates and lists. */
function valueInput(column, op, value) {
  if (!column) return h('input', { name: 'value', value, 'aria-label': 'Value' });
  if (op === 'isnull' || column.kind === 'boolean') {
    return h('select', { name: 'value', 'aria-label': 'Value' },
      ['true', 'false'].map((v) => h('option', { value: v, selected: v === (value || 'true') }, v)));
  }
  const many = op === 'in' ? ', comma separated' : op === 'between' ? ': low,high' : '';
  const attrs = { name: 'value', value, 'aria-label': `Value${many}`, autocomplete: 'off' };
  if (column.kind === 'date') {
    attrs.placeholder = op === 'between' ? '2019-03,2020' : 'YYYY, YYYY-MM or YYYY-MM-DD';
    if (op !== 'between' && op !== 'in') attrs.pattern = '\\d{4}(-\\d{2}(-\\d{2})?)?';
  } else if (column.kind === 'integer' || column.kind === 'decimal') {
    attrs.inputmode = 'decimal';
    attrs.placeholder = op === 'between' ? 'low,high' : 'number';
  } else if (column.kind === 'list') {
    attrs.list = `suggest-${column.name}`;
    attrs.placeholder = 'type or pick a value';
  }
  const input = h('input', attrs);
  if (column.kind !== 'list') return input;
  const options = h('datalist', { id: `suggest-${column.name}` });
  json(`/api/v1/games/aggregate?group_by=${encodeURIComponent(column.name)}&metrics=count&sort=-count&limit=${SUGGEST}`, { timeout: 8000 })
    .then((r) => options.replaceChildren(...r.data.map((g) => h('option', { value: g[column.name] }))))
    .catch(() => {}); // suggestions are a help; typing still works
  return h('span', {}, input, options);
}

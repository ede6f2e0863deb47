// The filter part of a query string, in the API's grammar: column[__op]=value rows and or=(...) groups.
export const RESERVED = new Set(['fields', 'sort', 'limit', 'cursor', 'count', 'format', 'or', 'group_by', 'metrics', 'having']);

const OP_WORDS = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', exact: 'is exactly',
  startswith: 'starts with', between: 'between', in: 'in', isnull: 'is null' };

/** Filter rows of the params: {column, op, value}; op is the column's default when the key has none. */
export function filterRows(params, schema) {
  const byName = columns(schema);
  const rows = [];
  for (const [key, value] of params) {
    if (RESERVED.has(key)) continue;
    const cut = key.lastIndexOf('__');
    const named = cut > 0 && byName.has(key.slice(0, cut)) ? key.slice(0, cut) : key;
    const column = byName.get(named);
    const op = named === key ? (column ? column.operators[0] : 'eq') : key.slice(cut + 2);
    rows.push({ column: named, op, value });
  }
  return rows;
}

export function keyOf(row, schema) {
  const column = columns(schema).get(row.column);
  return column && column.operators[0] === row.op ? row.column : `${row.column}__${row.op}`;
}

/** The params with filter rows and or-groups replaced, other parameters kept in their order. */
export function withFilters(params, rows, ors, schema) {
  const next = new URLSearchParams();
  for (const [key, value] of params) {
    if (RESERVED.has(key) && key !== 'or' && key !== 'cursor') next.append(key, value);
  }
  for (const row of rows) next.append(keyOf(row, schema), row.value);
  for (const group of ors) if (group.trim()) next.append('or', group.trim().startsWith('(') ? group.trim() : `(${group.trim()})`);
  return next;
}

/** Only the filters (and or-groups) of the params: what facets, counts and charts share with the table. */
export function onlyFilters(params) {
  const next = new URLSearchParams();
  for (const [key, value] of params) if (!RESERVED.has(key) || key === 'or') next.append(key, value);
  return next;
}

/** "name contains dark and price < 5": the filters in words, for the heading. */
export function describe(params, schema) {
  const parts = filterRows(params, schema).map((r) => `${r.column} ${OP_WORDS[r.op] || r.op} ${r.value}`);
  for (const group of params.getAll('or')) parts.push(`any of ${group}`);
  return parts.join(' and ');
}

export function columns(schema) {
  return new Map(schema.columns.map((c) => [c.name, c]));
}

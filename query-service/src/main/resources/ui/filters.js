// The filter part of a query string, in the API's grammar: column[__op]=value rows and or=(...) groups. The reserved
// parameter names and the operators' wording come from GET /api/v1/schema (the service's own tables), never a copy.
const SEPARATOR = '__';
const reserved = (schema) => new Set(schema.reserved);

/** Filter rows of the params: {column, op, value}; op is the column's default when the key has none. */
export function filterRows(params, schema) {
  const byName = columns(schema);
  const skip = reserved(schema);
  const rows = [];
  for (const [key, value] of params) {
    if (skip.has(key)) continue;
    const cut = key.lastIndexOf(SEPARATOR);
    const named = cut > 0 && byName.has(key.slice(0, cut)) ? key.slice(0, cut) : key;
    const column = byName.get(named);
    const op = named === key ? (column ? column.operators[0] : 'eq') : key.slice(cut + SEPARATOR.length);
    rows.push({ column: named, op, value });
  }
  return rows;
}

export function keyOf(row, schema) {
  const column = columns(schema).get(row.column);
  return column && column.operators[0] === row.op ? row.column : `${row.column}${SEPARATOR}${row.op}`;
}

/** The params with filter rows and or-groups replaced, other parameters kept in their order. */
export function withFilters(params, rows, ors, schema) {
  const next = new URLSearchParams();
  const keep = reserved(schema);
  for (const [key, value] of params) {
    if (keep.has(key) && key !== 'or' && key !== 'cursor') next.append(key, value);
  }
  for (const row of rows) next.append(keyOf(row, schema), row.value);
  for (const group of ors) if (group.trim()) next.append('or', group.trim().startsWith('(') ? group.trim() : `(${group.trim()})`);
  return next;
}

/** Only the filters (and or-groups) of the params: what facets, counts and charts share with the table. */
export function onlyFilters(params, schema) {
  const next = new URLSearchParams();
  const skip = reserved(schema);
  for (const [key, value] of params) if (!skip.has(key) || key === 'or') next.append(key, value);
  return next;
}

/** "name contains dark and price is less than 5": the filters in the operator table's words, for the heading. */
export function describe(params, schema) {
  const words = new Map(schema.operators.map((o) => [o.name, o.wording]));
  const parts = filterRows(params, schema).map((r) => `${r.column} ${words.get(r.op) || r.op} ${r.value}`);
  for (const group of params.getAll('or')) parts.push(`any of ${group}`);
  return parts.join(' and ');
}

export function columns(schema) {
  return new Map(schema.columns.map((c) => [c.name, c]));
}

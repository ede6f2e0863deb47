// The web UI's filter state <-> query string, with node's own test runner (run by deploy/local/test.sh). The schema
// here has the shape GET /api/v1/schema serves (SchemaTest checks the real one): a few columns, the operator table,
// the reserved names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterRows, keyOf, withFilters, onlyFilters, describe } from '../../main/resources/ui/filters.js';

const schema = {
  columns: [
    { name: 'app_id', kind: 'integer', operators: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in'] },
    { name: 'name', kind: 'text', operators: ['contains', 'eq', 'ne', 'exact', 'startswith', 'in'] },
    { name: 'price', kind: 'decimal', operators: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in'] },
    { name: 'genres', kind: 'list', operators: ['contains', 'eq', 'ne', 'exact', 'startswith', 'in'] },
  ],
  operators: [{ name: 'eq', wording: 'equals', shape: 'one' }, { name: 'contains', wording: 'contains', shape: 'one' },
    { name: 'lt', wording: 'is less than', shape: 'one' }, { name: 'between', wording: 'is between', shape: 'pair' }],
  reserved: ['limit', 'cursor', 'fields', 'sort', 'format', 'count', 'or', 'metrics', 'group_by', 'having'],
};

test('filter rows: the default operator for a bare column, the written one after __, reserved names skipped', () => {
  const params = new URLSearchParams('name=dark&price__lt=5&limit=10&sort=-price&genres__eq=RPG&or=(price__lt=1,name=x)');
  assert.deepEqual(filterRows(params, schema), [
    { column: 'name', op: 'contains', value: 'dark' },
    { column: 'price', op: 'lt', value: '5' },
    { column: 'genres', op: 'eq', value: 'RPG' },
  ]);
});

test('a column whose name holds __ is not split at it unless the part before is a column', () => {
  const rows = filterRows(new URLSearchParams('no__such=1'), schema);
  assert.deepEqual(rows, [{ column: 'no__such', op: 'eq', value: '1' }]);
});

test('keys: the default operator is written bare, any other as column__op', () => {
  assert.equal(keyOf({ column: 'name', op: 'contains' }, schema), 'name');
  assert.equal(keyOf({ column: 'name', op: 'eq' }, schema), 'name__eq');
  assert.equal(keyOf({ column: 'price', op: 'eq' }, schema), 'price');
});

test('URL -> rows -> URL keeps the filters and the other parameters, and drops the cursor', () => {
  const params = new URLSearchParams('name=dark&price__lt=5&limit=10&cursor=abc&sort=-price&or=(price__lt=1,name=x)');
  const rows = filterRows(params, schema);
  const next = withFilters(params, rows, ['(price__lt=1,name=x)', 'app_id=7'], schema);
  assert.equal(next.toString(), new URLSearchParams('limit=10&sort=-price&name=dark&price__lt=5&or=(price__lt=1,name=x)&or=(app_id=7)').toString());
});

test('only the filters: what facets, counts and exports share with the table', () => {
  const params = new URLSearchParams('name=dark&limit=10&fields=name&or=(price__lt=1)&format=csv&having=count__gt=1');
  assert.equal(onlyFilters(params, schema).toString(), new URLSearchParams('name=dark&or=(price__lt=1)').toString());
});

test('the heading says the filters in the operator table\'s words', () => {
  const params = new URLSearchParams('name=dark&price__lt=5&price__between=1,2&or=(app_id=1,app_id=2)');
  assert.equal(describe(params, schema), 'name contains dark and price is less than 5 and price is between 1,2 and any of (app_id=1,app_id=2)');
});

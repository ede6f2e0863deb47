// What a current ClickHouse offers for the service's substring filter, measured on the same rows: chDB (ClickHouse
// as a library) loads the table bench/substring-index.sh exported, into a copy without an index and copies with the
// skip indexes the DESIGN notes name, and times each needle's count() and first page (median of REPS runs, the query
// condition cache off unless the row says otherwise). Prints one Markdown table.
// Usage (from bench/substring-index.sh): node bench/substring-index.js DIR "COLUMNS DDL" NEEDLE...
const { Session } = require('chdb');
const [dir, columns, ...needles] = process.argv.slice(2);
const REPS = 7;
const session = new Session(`${dir}/data`);
const query = (sql) => session.query(sql, 'TSV');
const layout = 'ENGINE = MergeTree ORDER BY (app_id, source_row) SETTINGS index_granularity = 1024'; // GamesTable's
const tables = {
  plain: '',
  name_ngram: ', INDEX i lowerUTF8(name) TYPE ngrambf_v1(3, 16384, 3, 0) GRANULARITY 1',
  about_ngram: ', INDEX i lowerUTF8(about_game) TYPE ngrambf_v1(3, 262144, 2, 0) GRANULARITY 1',
  name_text: ', INDEX i name TYPE text(tokenizer = ngrams(3), preprocessor = lowerUTF8(name))',
};
query('CREATE DATABASE IF NOT EXISTS g');
for (const [table, index] of Object.entries(tables)) {
  query(`DROP TABLE IF EXISTS g.${table}`);
  query(`CREATE TABLE g.${table} (${columns}${index}) ${layout}`);
  query(table === 'plain' ? `INSERT INTO g.plain SELECT * FROM file('${dir}/games.tsv', 'TabSeparated', '${columns}')`
    : `INSERT INTO g.${table} SELECT * FROM g.plain`);
  query(`OPTIMIZE TABLE g.${table} FINAL`);
}

function millis(sql, settings = 'use_query_condition_cache = 0') {
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const start = process.hrtime.bigint();
    query(`${sql} SETTINGS ${settings}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPS / 2)].toFixed(1);
}
const granules = (sql) => [...query(`EXPLAIN indexes = 1 ${sql}`).matchAll(/Granules: (\d+\/\d+)/g)].map((m) => m[1]).pop();
const page = (table, where) => `SELECT app_id, name, price, release_date, app_id, source_row FROM g.${table} WHERE ${where} ORDER BY app_id ASC, source_row ASC LIMIT 51`;

console.log(`ClickHouse ${query('SELECT version()').trim()} (chDB), ${query('SELECT count() FROM g.plain').trim()} rows, median of ${REPS} runs\n`);
console.log('| column | needle | rows | filter | table | granules read | count() | page of 50 |');
console.log('| --- | --- | ---: | --- | --- | ---: | ---: | ---: |');
for (const column of ['name', 'about_game']) {
  for (const needle of needles) {
    const position = `positionCaseInsensitiveUTF8(${column}, '${needle}') > 0`; // the service's filter (Sql escapes it there)
    const rows = query(`SELECT count() FROM g.plain WHERE ${position}`).trim();
    const ngram = column === 'name' ? 'name_ngram' : 'about_ngram';
    const cases = [
      [position, 'plain', 'the service\'s filter, no index'],
      [position, 'plain', '... repeated, query condition cache on', 'use_query_condition_cache = 1'],
      [`lowerUTF8(${column}) LIKE '%${needle}%'`, ngram, 'lowerUTF8 LIKE, ngrambf_v1 index'],
    ];
    if (column === 'name') {
      cases.push([`name LIKE '%${needle}%'`, 'name_text', 'LIKE (case-sensitive), text index']);
    }
    for (const [where, table, label, settings] of cases) {
      const count = `SELECT count() FROM g.${table} WHERE ${where}`;
      console.log(`| ${column} | ${needle} | ${rows} | ${label} | ${table} | ${settings ? 'condition cache' : granules(count)} | ${millis(count, settings)} ms | ${millis(page(table, where), settings)} ms |`);
    }
  }
}

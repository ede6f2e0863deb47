// The two layouts on a current ClickHouse (chDB, ClickHouse as a library): the rows bench/layout-benchmark.sh exported
// are loaded into a copy partitioned by release year (the service's DDL) and an unpartitioned one, and the service's
// statements are timed on each (median of REPS runs, in-process: ClickHouse's own work without HTTP). Prints one
// Markdown table. Usage: node bench/layout-current.js DIR "COLUMNS DDL" APP_ID
const { Session } = require('chdb');
const [dir, columns, appId] = process.argv.slice(2);
const REPS = 11;
const session = new Session(`${dir}/data`);
const query = (sql) => session.query(sql, 'TSV');
const year = 'release_year UInt16 MATERIALIZED ifNull(toYear(release_date), 0)';
const layouts = {
  partitioned: 'PARTITION BY release_year ORDER BY (app_id, source_row) SETTINGS index_granularity = 1024',
  unpartitioned: 'ORDER BY (app_id, source_row) SETTINGS index_granularity = 1024',
};

function millis(run) {
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPS / 2)];
}

query('CREATE DATABASE IF NOT EXISTS l');
const results = {};
for (const [name, layout] of Object.entries(layouts)) {
  const insert = millis(() => {
    query(`DROP TABLE IF EXISTS l.${name}`);
    query(`CREATE TABLE l.${name} (${columns}, ${year}) ENGINE = MergeTree ${layout}`);
    query(`INSERT INTO l.${name} SELECT * FROM file('${dir}/layout-rows.bin', 'RowBinary', '${columns}')`);
  });
  query(`OPTIMIZE TABLE l.${name} FINAL`);
  const t = `l.${name}`;
  query(`DROP TABLE IF EXISTS ${t}_years`); // the service's year index (GamesTable.createYearIndex)
  query(`CREATE TABLE ${t}_years (app_id UInt32, release_year UInt16) ENGINE = MergeTree ORDER BY app_id SETTINGS index_granularity = 1024`);
  query(`INSERT INTO ${t}_years SELECT app_id, release_year FROM ${t}`);
  query(`OPTIMIZE TABLE ${t}_years FINAL`);
  const war = "positionCaseInsensitiveUTF8(name, 'war') > 0";
  const order = 'ORDER BY app_id ASC, source_row ASC LIMIT 51';
  const keys = 'release_year, app_id, source_row';
  const all = columns.split(/, (?=[a-z_]+ )/).map((c) => c.split(' ')[0]).join(', ');
  const statements = {
    'insert (RowBinary file)': null,
    'app_id lookup, WHERE': `SELECT * FROM ${t} WHERE app_id = ${appId}`,
    'app_id lookup, the service\'s (PREWHERE, years from the year index)': `SELECT * FROM ${t} PREWHERE app_id = ${appId} WHERE release_year IN (SELECT release_year FROM ${t}_years PREWHERE app_id = ${appId})`,
    'name=war page, fields=app_id': `SELECT app_id, app_id, source_row FROM ${t} WHERE ${war} ${order}`,
    'name=war page, all fields in one pass': `SELECT ${all}, app_id, source_row FROM ${t} WHERE ${war} ${order}`,
    'name=war page, all fields, keys first (the service\'s)': `SELECT ${all}, app_id, source_row FROM ${t} WHERE (${keys}) IN (SELECT ${keys} FROM ${t} WHERE ${war} ${order}) ${order}`,
    'one year, count()': `SELECT count() FROM ${t} WHERE release_year >= 2020 AND release_year <= 2020 AND (isNotNull(release_date) AND (assumeNotNull(release_date) BETWEEN toDate('2020-01-01') AND toDate('2020-12-31')))`,
  };
  results[name] = {};
  for (const [label, sql] of Object.entries(statements)) {
    results[name][label] = sql === null ? insert : millis(() => query(sql));
  }
}
console.log(`ClickHouse ${query('SELECT version()').trim()} (chDB), ${query('SELECT count() FROM l.unpartitioned').trim()} rows, `
  + `${query("SELECT count() FROM system.parts WHERE database = 'l' AND table = 'partitioned' AND active").trim()} partitions, median of ${REPS} runs\n`);
console.log('| statement | partitioned | unpartitioned |');
console.log('| --- | ---: | ---: |');
for (const label of Object.keys(results.partitioned)) {
  console.log(`| ${label} | ${results.partitioned[label].toFixed(1)} ms | ${results.unpartitioned[label].toFixed(1)} ms |`);
}
query('DROP DATABASE l');

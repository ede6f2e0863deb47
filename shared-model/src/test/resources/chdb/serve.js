// A current ClickHouse for the JVM tests (CurrentClickHouse.java): chDB, ClickHouse as a library, in this process.
// One request per line on stdin, the SQL in base64; one answer per line on stdout: "OK <base64 of the output>" or
// "ERR <base64 of the message>". Base64 keeps any byte of either off the line protocol.
// Usage: NODE_PATH=<node_modules with chdb> node serve.js DATA_DIR
const { Session } = require('chdb');
const readline = require('readline');
const session = new Session(process.argv[2]);
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let answer;
  try {
    answer = 'OK ' + b64(session.query(Buffer.from(line, 'base64').toString('utf8'), 'TabSeparated') ?? '');
  } catch (e) {
    answer = 'ERR ' + b64(String(e && e.message ? e.message : e));
  }
  process.stdout.write(answer + '\n');
});

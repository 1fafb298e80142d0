import { runApi } from './run-api.js';

await runApi(process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
});

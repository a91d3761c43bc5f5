#!/usr/bin/env node
// `npx care-reviews ...`: in a checkout, runs the TypeScript CLI through tsx, so no build step is
// needed; where only the compiled code is (the production image), runs dist/ with plain node.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const source = join(__dirname, '..', 'api', 'cli.ts');
let runCli;
if (existsSync(source)) {
  require('tsx/cjs');
  ({ runCli } = require(source));
} else {
  ({ runCli } = require('../dist/api/cli.js'));
}
runCli(
  process.argv.slice(2),
  (s) => console.log(s),
  (s) => console.error(s),
).then((code) => {
  process.exitCode = code;
});

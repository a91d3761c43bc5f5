#!/usr/bin/env node
// `npx care-reviews ...`: runs the TypeScript CLI through tsx, so no build step is needed.
require('tsx/cjs');
const { runCli } = require('../api/cli.ts');
runCli(
  process.argv.slice(2),
  (s) => console.log(s),
  (s) => console.error(s),
).then((code) => {
  process.exitCode = code;
});

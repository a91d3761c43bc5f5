#!/usr/bin/env node
// `npm run worker` / `npm run api`: runs dist/<entry>.js with plain node, no tsx. In a checkout,
// dist/ is built first when missing or older than any source (scripts/build.js); the production
// image runs `node dist/main-worker.js` or `node dist/main-api.js` directly.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { build, staleReason } = require('./build');

const root = join(__dirname, '..');
const entry = process.argv[2];
if (!['main', 'main-worker', 'main-api'].includes(entry)) {
  console.error('usage: node scripts/run-dist.js main|main-worker|main-api');
  process.exit(2);
}
const why = staleReason();
if (why) {
  try {
    require.resolve('typescript/bin/tsc');
  } catch {
    console.error(`[care-reviews] ${why}, and TypeScript is not installed here to build it: run \`npm ci && npm run build\` first.`);
    process.exit(1);
  }
  console.log(`[care-reviews] ${why}: building it first (npm run build)`);
  try {
    build();
  } catch (e) {
    console.error(`[care-reviews] npm run build failed: ${e.message}`);
    process.exit(1);
  }
}
if (!existsSync(join(root, 'dist', `${entry}.js`))) {
  console.error(`[care-reviews] dist/${entry}.js is missing: run \`npm run build\` first.`);
  process.exit(1);
}
require(join(root, 'dist', `${entry}.js`));

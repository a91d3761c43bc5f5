#!/usr/bin/env node
// `npm run build`: compiles the TypeScript to JavaScript in dist/ (tsconfig.build.json) and copies
// beside it what the compiled code reads at run time through paths built from __dirname: the
// screens' templates and static files (dist/web/) and the toolchain scripts the embedded dev
// server runs (dist/scripts/). reference-data/ stays beside package.json (platform/paths.ts).
// dist/ then runs with plain `node` and the production dependencies. Plain JavaScript: no tsx.
const { execFileSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const STAMP = join(dist, '.built');
/** What dist/ is built from (tsconfig.build.json's include, the copied assets, the build itself). */
const SOURCES = ['main.ts', 'main-worker.ts', 'main-api.ts', 'platform', 'data', 'workflows', 'activities', 'worker', 'api', 'web'];
const SHELL = readdirSync(__dirname).filter((f) => f.endsWith('.sh'));
const INPUTS = [
  ...SOURCES,
  ...['build.js', ...SHELL].map((f) => `scripts/${f}`),
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];

/** The newest file under these paths, if any exists. */
function newest(paths) {
  let best;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const n of readdirSync(p)) visit(join(p, n));
    else if (!best || s.mtimeMs > best.mtimeMs) best = { path: p, mtimeMs: s.mtimeMs };
  };
  for (const p of paths) visit(join(root, p));
  return best;
}

/** Why dist/ must be built before it runs (absent: it is current, or there are no sources here to build it from). */
function staleReason() {
  if (!existsSync(join(root, 'main.ts'))) return undefined;
  if (!existsSync(STAMP)) return 'dist/ has not been built';
  const source = newest(INPUTS);
  return source && source.mtimeMs > statSync(STAMP).mtimeMs ? `${relative(root, source.path)} changed since dist/ was built` : undefined;
}

function build() {
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  for (const dir of ['web/views', 'web/public']) {
    rmSync(join(dist, dir), { recursive: true, force: true });
    cpSync(join(root, dir), join(dist, dir), { recursive: true });
  }
  mkdirSync(join(dist, 'scripts'), { recursive: true });
  for (const f of SHELL) cpSync(join(root, 'scripts', f), join(dist, 'scripts', f));
  // staleReason() compares the sources with this file's time.
  writeFileSync(STAMP, new Date().toISOString() + '\n');
  console.log(`[build] dist/ built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { build, staleReason };
if (require.main === module) {
  try {
    build();
  } catch (e) {
    console.error(`[build] failed: ${e.message}`);
    process.exitCode = 1;
  }
}

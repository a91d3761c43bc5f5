/**
 * The layout the README's architecture section describes: small files in the workflows, the API
 * and the screens (a case kind grows by adding files, not by growing one), and one kernel under
 * every case.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test.each(['workflows', 'api'])('no file under %s/ is over 300 lines', (dir) => {
  const long = tsFiles(join(ROOT, dir))
    .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length }))
    .filter((f) => f.lines > 300);
  expect(long).toEqual([]);
});

/** The screens: every file (routes, forms, templates, styles, scripts), split by page or concern. */
test('no file under web/ is over 300 lines', () => {
  const all = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? all(join(dir, name)) : [join(dir, name)]));
  const files = all(join(ROOT, 'web')).filter((f) => /\.(ts|njk|css|js|mjs|html)$/.test(f));
  expect(files.filter((f) => f.endsWith('.ts')).length).toBeGreaterThan(5);
  expect(files.filter((f) => f.endsWith('.njk')).length).toBeGreaterThan(2);
  const long = files
    .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length }))
    .filter((f) => f.lines > 300);
  expect(long).toEqual([]);
});

test('every case workflow runs on the case kernel', () => {
  const shared = ['calendar', 'case-kernel', 'record', 'timescales'];
  const kinds = readdirSync(join(ROOT, 'workflows')).filter(
    (d) => statSync(join(ROOT, 'workflows', d)).isDirectory() && !shared.includes(d),
  );
  expect(kinds.length).toBeGreaterThanOrEqual(3);
  for (const kind of kinds) {
    const sources = tsFiles(join(ROOT, 'workflows', kind)).map((f) => readFileSync(f, 'utf8'));
    expect([kind, sources.some((s) => /new CaseKernel</.test(s) && /kernel\.run\(/.test(s))]).toEqual([kind, true]);
    // Only the kernel sleeps: a kind that calls condition() with a timeout has grown its own loop.
    expect([kind, sources.filter((s) => /condition\([^)]*,\s*Math\.max/.test(s)).length]).toEqual([kind, 0]);
  }
});

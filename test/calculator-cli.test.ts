import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'care-reviews.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CARE_REVIEWS_DATA_DIR: join(ROOT, '.data', 'no-such-dir') },
  });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

test('npx care-reviews calc add-working-days prints the date', () => {
  const r = spawnSync('npx', ['--no-install', 'care-reviews', 'calc', 'add-working-days', '2022-12-16', '20'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe('2023-01-18');
});

test('working-days-before counts back from the meeting', () => {
  expect(cli('calc', 'working-days-before', '2023-01-10', '10')).toEqual({ code: 0, out: '2022-12-22', err: '' });
});

test('next-review explains its derivation, and --json gives the due date', () => {
  const text = cli('calc', 'next-review', '--became-looked-after', '2022-12-16');
  expect(text.code).toBe(0);
  expect(text.out).toMatch(/^due 2023-01-18/);
  expect(text.out).toMatch(/rule L2/);
  expect(text.out).toMatch(/base 2022-12-16/);
  const json = cli(
    'calc',
    'next-review',
    '--became-looked-after',
    '2025-01-02',
    '--held',
    '2025-01-31',
    '--profile',
    'oxfordshire',
    '--json',
  );
  expect(JSON.parse(json.out)).toMatchObject({ due: '2025-04-30', rule: 'L3', base: '2025-01-31' });
});

test('timeline lists L8, L9 and L10 with their rule ids', () => {
  const r = cli('calc', 'timeline', '--meeting', '2023-01-10');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/2022-12-22 Thu {2}L8 {3}invitations/);
  expect(r.out).toMatch(/2023-01-24 Tue {2}L10 {2}team manager/);
});

test('bad input: non-zero exit with a message naming the problem', () => {
  expect(cli('calc', 'add-working-days', '2023-02-30', '3')).toMatchObject({
    code: 2,
    err: expect.stringMatching(/date: "2023-02-30" is not a real date/),
  });
  expect(cli('calc', 'next-review', '--became-looked-after', '2023-01-01', '--held', '2023-03-01,2023-02-01')).toMatchObject({
    code: 2,
    err: expect.stringMatching(/in order/),
  });
  expect(cli('calc', 'next-review', '--became-looked-after', '2023-01-01', '--held', '2022-12-01')).toMatchObject({
    code: 2,
    err: expect.stringMatching(/before the child became looked after/),
  });
  expect(cli('calc', 'next-review', '--became-looked-after', '2023-01-01', '--profile', 'cornwall')).toMatchObject({
    code: 2,
    err: expect.stringMatching(/unknown profile "cornwall"/),
  });
  expect(cli('calc', 'add-working-days', '2023-01-01', 'x')).toMatchObject({ code: 2, err: expect.stringMatching(/^care-reviews: n:/) });
  expect(cli('calc', 'bogus').code).toBe(64);
});

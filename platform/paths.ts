/**
 * Where the application's own files are, the same whether it runs from the sources (tsx) or
 * compiled under dist/: paths built from __dirname differ between the two, this does not.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json (the checkout, or /app in the image). */
export const APP_ROOT = (() => {
  for (let dir = join(__dirname, '..'); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(__dirname, '..');
  }
})();

// Lint: typescript-eslint's recommended rules, prettier for layout, and the direction of imports
// between the layers (see README "Architecture"): workflows are pure and import no I/O; the
// platform and data layers know nothing of the API or the worker; the API reaches Temporal only
// through its services and never imports the worker.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const layer = (name) => ['../', '../../', '../../../'].flatMap((up) => [`${up}${name}`, `${up}${name}/**`]);
const forbid = (files, layers, message, allowTypeImports = false) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: layers.flatMap(layer), message, allowTypeImports }] }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', 'scripts/care-reviews.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  forbid(
    ['workflows/**'],
    ['platform', 'data', 'api', 'web', 'worker', 'activities'],
    'workflows are deterministic: no I/O layers (activities as types only)',
    true,
  ),
  forbid(['platform/**'], ['api', 'web', 'worker', 'activities', 'data'], 'the platform is below every other layer'),
  forbid(['data/**'], ['api', 'web', 'worker', 'activities'], 'data access knows nothing of the API, the worker or activities'),
  forbid(['activities/**'], ['api', 'worker'], 'activities are called by the worker and know nothing of the API'),
  forbid(['worker/**'], ['api', 'web'], 'the worker does not import the API or the screens'),
  forbid(['web/**'], ['worker', 'activities'], 'pages call the same services as the API, never the worker', true),
  forbid(['api/**'], ['worker', 'activities'], 'the API reaches Temporal through its services, never the worker', true),
);

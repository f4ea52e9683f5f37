import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The directions imports may take: each part of src/ lists the folders it must not reach (the
// README's map of the code says what each holds). A relative import names a folder after its leading `../` steps, so `^(\.\./)+db/`
// catches `../db/x.ts` and `../../db/x.ts` alike.
const outside = (...folders) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})/`,
  message: `Imports run one way: this part of src/ may not import ${folders.join('/, ')}/.`,
});
const featureInternals = {
  regex: '^(\\.\\./)+features/[^/]+/(?!index\\.ts$)',
  message:
    'Reach a feature only through its index.ts, the one door it opens to the rest of the code.',
};
const otherFeatureInternals = {
  regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.ts$)',
  message:
    'Reach another feature only through its index.ts, the one door it opens to the rest of the code.',
};
const restricted = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const entryPoints = ['app', 'cli', 'testing'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'test-results/', 'src/http/assets/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config reads the environment.' },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: restricted({ regex: '^\\.\\./', message: 'src/shared imports nothing outside itself.' }),
  },
  {
    files: ['src/engines/**'],
    rules: restricted(
      outside(...entryPoints, 'config', 'db', 'http', 'ui', 'jobs', 'i18n', 'mail', 'features'),
    ),
  },
  {
    files: ['src/db/**'],
    rules: restricted(
      outside(
        ...entryPoints,
        'config',
        'http',
        'ui',
        'jobs',
        'i18n',
        'mail',
        'features',
        'engines',
      ),
    ),
  },
  { files: ['src/ui/**'], rules: restricted(outside(...entryPoints, 'features')) },
  { files: ['src/http/**'], rules: restricted(outside(...entryPoints, 'features', 'ui')) },
  {
    files: ['src/jobs/**', 'src/mail/**', 'src/i18n/**', 'src/config/**'],
    rules: restricted(outside(...entryPoints, 'features', 'http', 'ui')),
  },
  { files: ['src/features/**'], rules: restricted(outside(...entryPoints), otherFeatureInternals) },
  { files: ['src/app/**', 'src/cli/**'], rules: restricted(featureInternals) },
  // Tests look inside what they test and build the whole app.
  {
    files: ['src/**/*.test.ts', 'src/**/*.fixtures.ts', 'src/testing/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: [
      'src/config/**',
      'scripts/**',
      'bench/**',
      'e2e/**',
      'src/**/*.test.ts',
      'src/testing/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

// Zero-warning lint for every workspace (`npm run lint` runs with --max-warnings 0).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const miniappDir = join(import.meta.dirname, 'miniapp');
const miniappServerTypesOnly = 'The mini-app takes only types from @palm/shared/server (import type): its values are server code.';

export default tseslint.config(
  // Lint fixtures are broken on purpose; the tests that need them lint them with `ignore: false`.
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', '**/coverage/**', '.palm-data/**', '**/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'log'] }],
    },
  },
  // No import cycles in the BFF (import-x/no-cycle). Two modules that import each other cannot be
  // understood, tested or moved apart, and a cycle through values can hand one of them the other
  // half-initialised at start; a domain reaches another's services through the app's decorators
  // (bff/src/README.md) instead. Type-only imports are not followed: they vanish when compiled.
  // Proven to fire by bff/test/lint/no-cycle.test.ts on bff/test/lint-fixtures/cycle/.
  {
    files: ['bff/src/**/*.ts', 'bff/test/lint-fixtures/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'bff/tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  // The Taro app (React 18, runs in mini-program and browser JS engines).
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser }, parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      // TypeScript checks props.
      'react/prop-types': 'off',
    },
  },
  // Mini-app boundaries (proved by miniapp/__tests__/lint-boundaries.test.ts):
  // - a page folder imports only features/, components/, api/, lib/ and theme/ — never another
  //   page, its stylesheet included; code two pages share lives in features/<domain>/ or
  //   components/. The page folders are read from disk, so a new page needs no line here. The
  //   shared folders import no page either.
  // - @palm/shared/server holds the BFF's TypeBox schemas: the app takes its types only, so none of
  //   its runtime reaches the mini-program bundle.
  // - no import cycles.
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // TypeScript modules are parsed for their imports (cycles), resolved as tsc resolves them.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.jsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: join(miniappDir, 'tsconfig.json') })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: join(miniappDir, 'src'), zones: miniappZones() }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@palm/shared/server', allowTypeImports: true, message: miniappServerTypesOnly }],
          patterns: [{ group: ['@palm/shared/server/*'], allowTypeImports: true, message: miniappServerTypesOnly }],
        },
      ],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['miniapp/__tests__/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.jest } },
  },
  // Boundary: seeds/ and the database package sit below the BFF. They may use @palm/db and
  // @palm/shared, never the BFF (bff/src by any relative path, or @palm/bff): the BFF imports the
  // seed loader to seed at start, so an import back would tie the two together again.
  // db/test/boundaries.test.ts proves the rule fires.
  {
    files: ['seeds/**/*.{ts,tsx,js,mjs}', 'db/src/**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // @palm/bff[/…], or a relative path through a bff/ folder (../bff/src/…, ../../bff).
              regex: '^(@palm/bff|(\\.{1,2}/)+(.+/)?bff)(/|$)',
              message: 'seeds/ and db/ must not import the BFF: use @palm/db or @palm/shared.',
            },
          ],
        },
      ],
    },
  },
);

/** The mini-app's zones: one per page folder (itself and the shared folders, no other page), and none into pages/ from outside. */
function miniappZones() {
  const pages = readdirSync(join(miniappDir, 'src', 'pages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return [
    ...pages.map((page) => ({
      target: `./pages/${page}`,
      from: './pages',
      except: [`./${page}`],
      message: 'A page imports no other page: move what both need to features/<domain>/ or components/.',
    })),
    {
      target: ['./features', './components', './api', './lib', './theme'],
      from: './pages',
      message: 'Nothing outside pages/ imports a page: pages sit on top of features/, components/, api/, lib/ and theme/.',
    },
  ];
}

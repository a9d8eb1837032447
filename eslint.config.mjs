// Zero-warning lint for every workspace (`npm run lint` runs with --max-warnings 0).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', '**/coverage/**', '.palm-data/**'] },
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

// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'release/', 'test-results/', 'playwright-report/', 'coverage/', 'node_modules/', 'data/', 'server/storage/migrations/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      // import-x only follows imports into files it may parse: TypeScript's, with typescript-eslint's parser.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      // The code imports without extensions and has no path aliases, so Node's resolution with TS extensions suffices.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.node'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // `async` without `await` is how this code base implements Promise-returning port methods and
      // IPC handlers: it turns a synchronous throw into a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Shipped code: a person's action never fails silently, and nothing else vanishes without a trace.
    // (Tests and benches may swallow in teardown, so the rule stops at these folders.)
    files: ['main/**/*.{ts,tsx}', 'preload/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}', 'server/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: [
            "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='Identifier'][body.name='undefined']",
            "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='Literal'][body.raw='null']",
            "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='UnaryExpression'][body.operator='void']",
            "CallExpression[callee.property.name='catch'] > :matches(ArrowFunctionExpression, FunctionExpression)[body.type='BlockStatement'][body.body.length=0]",
          ].join(', '),
          message:
            "This .catch() swallows the failure. For something a person asked for, use reportFailure('<action>') (renderer/src/services/report-failure.ts) so they see what happened and what to do; for background work use warnFailure(…) in the renderer or the Logger port in main/ and server/. If swallowing is really right, add `// eslint-disable-next-line no-restricted-syntax -- <why>`.",
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    // The plain JavaScript here (configs, stand-in processes for tests) all runs in Node.
    languageOptions: { globals: globals.node },
  },
  prettier,
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import commentedTypeAssertions from './eslint-rules/commented-type-assertions.js';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'data',
      'node_modules',
      'coverage',
      'test-results',
      'playwright-report',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'bin/*.js', 'eslint-rules/*.js'],
          // The scripts folder alone holds more than the default of 8 such files.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 32,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Fastify plugins, hooks and Kysely drivers are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Issue #14: a type assertion says why it holds (a comment on its line or the line above).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { tessera: { rules: { 'commented-type-assertions': commentedTypeAssertions } } },
    rules: { 'tessera/commented-type-assertions': 'error' },
  },
  {
    // Module boundaries (docs/architecture.md): a module in src/server/modules may import from
    // another module only its public surface: the service (`*.service.ts`, its factory and
    // types), the module factory (`*.module.ts`), the presenters (`*.presenters.ts`), `index.ts`,
    // and the few files below that exist to be shared. Repositories, routes and every other file
    // are the module's own. Tests may reach further (e.g. to compare two implementations).
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^\\.\\./(?!(?:realtime/(?:announce|event-bus)|idempotency/idempotency\\.http|notifications/notices|accounts/passwords)\\.js$)[\\w-]+/(?![\\w.-]+\\.(?:service|module|presenters)\\.js$|index\\.js$)',
              message:
                "Import another module's service, module factory, presenters or index, not its internals (see Module boundaries in docs/architecture.md).",
            },
          ],
        },
      ],
    },
  },
  {
    // Issue #14: the web app calls the API only through declared endpoints (call, useCursorList,
    // endpointUrl in src/web/api/endpoints.ts), never by a string path.
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/api/endpoints.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)api/client\\.js$|^\\./client\\.js$',
              importNames: ['apiRequest'],
              message:
                'Call a declared endpoint with call() or useCursorList() from api/endpoints.ts, not a string path.',
            },
          ],
        },
      ],
    },
  },
  {
    // Specs take `test` from e2e/test.ts, which closes the browser contexts earlier specs left open.
    files: ['e2e/**/*.ts'],
    ignores: ['e2e/test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test'],
              message: "Import test from './test.js': it closes the contexts earlier specs opened.",
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are typed Kysely<any> on purpose: they never import application types.
    files: ['src/server/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests read JSON responses loosely; the assertions are the type check.
    files: ['**/*.test.ts', 'test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);

// @ts-check
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import medverkan from './eslint-rules/medverkan.mjs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.cache/**', 'coverage/**', 'web/dist/**', 'web/src/generated/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `x += await f()` reads x before the await and loses what concurrent code added meanwhile.
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[operator!='='] > AwaitExpression.right",
          message: '`x += await f()` reads x before the await: await into a constant first, then update x.',
        },
      ],
    },
  },
  {
    // Workflow code must be deterministic: only @temporalio/workflow and its own files (plus `import type`).
    files: ['workflows/**/*.ts', 'test/lint-fixtures/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins.' })),
          patterns: [
            { group: ['@nestjs/*'], message: 'Workflows may not import NestJS.' },
            { group: ['typeorm', 'typeorm/*', 'pg', 'pdfkit', 'nodemailer'], message: 'Workflows do no I/O: use an activity.' },
            { group: ['**/src/**', '../src', '../src/*'], message: 'Workflows may not import from src/.' },
            {
              regex: '^(?!@temporalio/workflow$|\\.{1,2}/).*',
              message: 'Workflows import only @temporalio/workflow and their own files.',
              allowTypeImports: true,
            },
            {
              group: ['../activities', '../activities/*', '../../activities', '../../activities/*'],
              message: 'Import activities only as types: `import type { Activities } from "../activities"`.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Repositories are the only SQL (issue 15 #1): `.query(…)` / `createQueryBuilder(…)` on a TypeORM or pg object only
    // in `**/*.repository.ts`, migrations, tests and benchmarks, and the infrastructure files listed here.
    files: ['**/*.ts'],
    ignores: [
      '**/*.repository.ts',
      'src/database/migrations/**',
      'test/**',
      'bench/**',
      // Infrastructure, not a feature's data access:
      'src/database/data-source.ts', // opens the connection and runs the migrations
      'src/dev/embedded-postgres.ts', // creates the development database (pg client, before TypeORM)
      'src/dev/production-topology.ts', // creates the Temporal database and role of the production-like start
    ],
    plugins: { medverkan },
    rules: { 'medverkan/sql-in-repositories': 'error' },
  },
  {
    // The lint test's fixtures (test/lint-rules.spec.ts) are checked as the folders they stand for.
    files: ['test/lint-fixtures/src/**/*.ts'],
    ignores: ['**/*.repository.ts'],
    plugins: { medverkan },
    rules: { 'medverkan/sql-in-repositories': 'error' },
  },
  {
    // Controllers and activities call services, never a repository (services hold the rules). The worker's
    // composition root (activities/deps.ts, activities/index.ts) builds repositories and services and may import them.
    files: ['src/**/*.controller.ts', 'activities/**/*.ts', 'test/lint-fixtures/src/**/*.controller.ts'],
    ignores: ['activities/deps.ts', 'activities/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/*.repository', './*.repository'], message: 'Controllers and activities call services, not repositories.' }] },
      ],
    },
  },
  {
    // Repositories are data access only: they import no service and no controller (rules call data access, not back).
    files: ['**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/*.service', './*.service', '**/*.controller', './*.controller'], message: 'A repository imports no service or controller.' },
          ],
        },
      ],
    },
  },
  { ignores: ['test/lint-fixtures/**'] },
);

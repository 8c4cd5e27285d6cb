// @ts-check
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.cache/**', 'coverage/**', 'web/dist/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
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
    files: ['workflows/**/*.ts'],
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
              group: ['../activities', '../activities/*'],
              message: 'Import activities only as types: `import type { Activities } from "../activities"`.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);

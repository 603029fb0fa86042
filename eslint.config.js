// Flat config: typescript-eslint with type information, plus the import-direction rules of
// docs/ARCHITECTURE.md (nothing imports from apps/*, packages never import the runtime).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/.braid/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@braid/runtime', '**/apps/**'],
              message: 'packages/* never import from apps/*',
            },
            {
              group: ['@nestjs/*', 'typeorm'],
              message: 'packages stay free of NestJS and TypeORM',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/flow-schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@braid/*'], message: 'flow-schema is the root of the dependency graph' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@braid/connectors', '@braid/runtime'],
              message: 'engine depends on flow-schema only',
            },
            {
              group: ['@nestjs/*', 'typeorm', 'pg'],
              message: 'engine is pure: storage arrives through ports',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may assert on loosely typed JSON.
    files: ['**/*.test.ts', '**/test-support/**/*.ts', '**/bench/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);

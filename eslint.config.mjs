// Lint rules, including the dependency direction from STYLE.md:
// lib imports only lib (and zod); server imports lib; components import lib; app wires components and server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const IMPURE_FOR_LIB = [
  'node:*', 'fs', 'fs/*', 'net', 'http', 'https', 'child_process', 'os', 'path', 'zlib', 'crypto',
  'react', 'react-dom', 'react/*', 'next', 'next/*', 'cytoscape', 'cytoscape-*', 'prom-client', 'pino',
  '@opentelemetry/*', 'better-sqlite3', '@kubernetes/*', '@tanstack/*', '@codemirror/*', 'codemirror',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.meshlens/**', '.meshlens-e2e*/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './lib', from: ['./server', './components', './app', './bin', './e2e'], message: 'lib is pure: it imports only lib.' },
            { target: './server', from: ['./components', './app', './e2e'], message: 'server imports lib, never UI.' },
            { target: './components', from: ['./server', './app', './bin'], message: 'components import lib and each other only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: IMPURE_FOR_LIB, message: 'lib is pure: no I/O, UI or runtime-specific imports.' }] }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'lib does no I/O' }, { name: 'setTimeout', message: 'lib has no timers' }, { name: 'setInterval', message: 'lib has no timers' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'pass `now` in' }],
    },
  },
  {
    files: ['bin/**', 'scripts/**', 'bench/**', 'server/cli/**'],
    rules: { 'no-console': 'off' },
  },
);

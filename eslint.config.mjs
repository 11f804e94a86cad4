// Lint rules and the layer boundaries (ARCHITECTURE.md): core knows neither VS Code nor the CLI, the
// extension never reaches into the CLI, and nothing reaches into the extension.
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'only src/vscode may import vscode' };
const layer = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', 'demo-output/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.mts'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode, { name: 'node:fs', message: 'core does I/O through the FileSystem port (core/ports.ts)' }, { name: 'fs', message: 'core does I/O through the FileSystem port' }, { name: 'node:fs/promises', message: 'core does I/O through the FileSystem port' }, { name: 'node:worker_threads', message: 'threads are the hosts\' (src/node/detectorPool.ts behind the Detector port)' }],
        patterns: [layer(['**/vscode/**', '**/cli/**', '**/node/**'], 'core never imports the adapters (vscode, cli, node)')],
      }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [layer(['**/vscode/**', '**/cli/**'], 'the node adapters serve core, not the front ends')] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [layer(['**/vscode/**'], 'the CLI never imports the extension')] }] },
  },
  {
    files: ['src/vscode/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer(['**/cli/**'], 'the extension calls core jobs, never the CLI')] }],
      'no-console': 'error',
    },
  },
);

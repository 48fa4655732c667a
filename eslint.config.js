// Layout rules follow where code runs (see ../shared/style.md): the engine and
// shared code must run in plain Node or a browser, so they never import
// electron, and the renderer reaches the engine only through window.api.
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [{ name: 'electron', message: 'main/core and shared run in plain Node and the browser: inject what you need from main/electron.' }],
  patterns: [{ group: ['electron/*'], message: 'main/core and shared never import electron.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/core/**', 'shared/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron.paths,
          patterns: [...noElectron.patterns, { group: ['node:*', '**/main/**', '**/renderer/**'], message: 'shared/ holds what both sides import: no Node, no main, no renderer.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the engine through window.api only.' }],
          patterns: [{ group: ['**/main/**', 'node:*'], message: 'The renderer imports only shared/ and its own files.' }],
        },
      ],
    },
  },
);

// Layout rules follow where code runs (README.md, "Architecture"): the engine
// and shared code run in plain Node or a browser, so they never import
// electron; shared/ and renderer/ run in a browser, so they never import Node;
// the renderer reaches the engine only through window.api; trading is pure and
// never touches the network.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [{ name: 'electron', message: 'main/core, main/web and shared run without Electron: inject what you need from main/electron.' }],
  patterns: [{ group: ['electron/*'], message: 'main/core, main/web and shared never import electron.' }],
};

/** Every Node built-in, bare (`fs`, `fs/promises`) and as `node:*`: neither exists in a browser. */
function noNode(message) {
  return {
    paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message })),
    patterns: [{ group: ['node:*'], message }],
  };
}

const sharedMessage = 'shared/ holds what both sides import: no Node, no main, no renderer.';
const rendererMessage = 'The renderer runs in a browser: it imports only shared/ and its own files, and reaches the engine through window.api.';
const tradingMessage = 'main/core/trading is pure: it never touches the network (main/core/bot passes in what it needs).';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/core/**', 'main/web/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['main/core/trading/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noElectron.paths, ...['ws', 'ioredis', 'http', 'https', 'net', 'tls', 'node:http', 'node:https', 'node:net', 'node:tls'].map((name) => ({ name, message: tradingMessage }))],
          patterns: [...noElectron.patterns, { group: ['**/exchange', '**/exchange/**'], message: tradingMessage }],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noElectron.paths, ...noNode(sharedMessage).paths],
          patterns: [...noElectron.patterns, ...noNode(sharedMessage).patterns, { group: ['**/main/**', '**/renderer/**'], message: sharedMessage }],
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
          paths: [
            { name: 'electron', message: rendererMessage },
            { name: 'ws', message: 'The renderer uses the browser WebSocket (bridge/createWebSocketApi.ts), never the Node ws package.' },
            ...noNode(rendererMessage).paths,
          ],
          patterns: [{ group: ['electron/*', '**/main/**'], message: rendererMessage }, ...noNode(rendererMessage).patterns],
        },
      ],
    },
  },
);

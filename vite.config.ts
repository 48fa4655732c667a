import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const everySuite = ['main/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'test/**/*.test.ts'];

// One config for the renderer build (Vite) and every test suite (Vitest).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
  test: {
    root: '.',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // 2 cores here: more workers only fight over them.
    maxWorkers: 2,
    projects: [
      // `npm test`: unit, integration and end-to-end suites.
      { extends: true, test: { name: 'default', include: everySuite, exclude: ['test/chaos/**', '**/node_modules/**'] } },
      // `npm run test:chaos`: long fault, crash and load runs, bounded for CI.
      { extends: true, test: { name: 'chaos', include: ['test/chaos/**/*.test.ts'], testTimeout: 600_000 } },
    ],
  },
});

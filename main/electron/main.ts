import path from 'node:path';
import electron from 'electron';
import { startApp } from './startApp';

// Bundled to dist/electron/main.cjs: __dirname is dist/electron, and the
// assets ship beside dist as main/electron/assets (electron-builder.yml files).
startApp(electron, { bundleDir: __dirname, assetsDir: path.resolve(__dirname, '../../main/electron/assets') });

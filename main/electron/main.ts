import electron from 'electron';
import { startApp } from './startApp';

// Bundled to dist/electron/main.cjs; __dirname is that folder.
startApp(electron, { bundleDir: __dirname });

/**
 * What the web host's bundle gets for `import ccxt from 'ccxt'` (main/build/bundle.mjs
 * aliases it here): ccxt's mexc and its error classes, the only members the
 * engine uses, without the 100+ other exchanges ccxt's index loads. That
 * index costs ~0.6 s and ~85 MB of RSS to import; mexc alone ~0.15 s and
 * ~25 MB (issue 16, measured with `node -e "await import(...)"`).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type ccxt from 'ccxt';

// ccxt's package exports only its index; its ES sources sit beside the CommonJS build it does export (dist/ccxt.cjs).
const ccxtDir = path.dirname(path.dirname(createRequire(import.meta.url).resolve('ccxt')));
const source = (file: string) => pathToFileURL(path.join(ccxtDir, 'js', 'src', file)).href;
const [mexc, errors] = await Promise.all([import(source('mexc.js')), import(source('base/errors.js'))]);

export default { ...errors, mexc: mexc.default } as typeof ccxt;

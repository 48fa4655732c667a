import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contentSecurityPolicy';

/** Content types of what Vite emits into dist/renderer; anything else is served as opaque bytes. */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

/**
 * Answers a request for the built renderer with a file under `root` only:
 * no `..` (plain or encoded), no backslash, no NUL, no symlink out of the
 * folder; the CSP header on every HTML page. The URL's scheme and host are the
 * caller's business (Electron's app:// handler checks its own origin).
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
export async function serveRendererFile(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...BASE_HEADERS, Allow: 'GET, HEAD' } });
  }
  const relative = relativePathOf(request.url);
  if (relative === null) return new Response(null, { status: 400, headers: BASE_HEADERS });
  const file = await containedFile(root, relative);
  if (file === null) return new Response(null, { status: 404, headers: BASE_HEADERS });
  const contentType = RENDERER_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { ...BASE_HEADERS, 'Content-Type': contentType };
  if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  const body = request.method === 'HEAD' ? null : await fs.readFile(file);
  return new Response(body, { status: 200, headers });
}

/** The decoded path below the root ('index.html' for '/'), or null for anything that tries to climb out. */
function relativePathOf(url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/** The real path of a regular file inside root (symlinks resolved on both sides), else null. */
async function containedFile(root: string, relative: string): Promise<string | null> {
  try {
    const realRoot = await fs.realpath(root);
    const real = await fs.realpath(path.resolve(realRoot, relative));
    if (!real.startsWith(realRoot + path.sep)) return null;
    return (await fs.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

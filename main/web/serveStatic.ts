import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { parseRequestTarget } from './parseRequestTarget';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built renderer read-only; never a file outside its folder. A
 * request line that is not a URL (`GET http://[ HTTP/1.1`) gets 400: any
 * local process can send one, and it must not reach the engine (issue 14, point 3).
 */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const headers = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = parseRequestTarget(request.url);
  if (url === null) {
    response.writeHead(400, headers).end();
    return;
  }
  const pathname = safeDecode(url.pathname);
  const resolvedRoot = path.resolve(root);
  const file = pathname === null ? null : path.resolve(resolvedRoot, '.' + (pathname === '/' ? '/index.html' : pathname));
  if (file === null || !file.startsWith(resolvedRoot + path.sep)) {
    response.writeHead(404, headers).end();
    return;
  }
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('not a file');
    response.writeHead(200, {
      ...headers,
      'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
    });
    if (request.method === 'HEAD') response.end();
    // A client that hangs up mid-file, or a file removed under us, ends this response only.
    else pipeline(createReadStream(file), response, () => undefined);
  } catch {
    response.writeHead(404, headers).end();
  }
}

function safeDecode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

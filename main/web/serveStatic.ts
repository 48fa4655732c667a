import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveRendererFile } from '../core/static/serveRendererFile';
import { parseRequestTarget } from './parseRequestTarget';

/** What the web host adds to every answer: the page's address (it carries the token) never leaks as a Referer. */
const WEB_HEADERS = { 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

/**
 * Serves the built renderer read-only over HTTP, through the same file rules
 * as Electron's app:// handler (serveRendererFile: no traversal, MIME types,
 * CSP on HTML). A request line that is not a URL (`GET http://[ HTTP/1.1`)
 * gets 400: any local process can send one, and it must not reach the engine
 * (issue 14, point 3).
 */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Fetch's Request refuses some method names (CONNECT, TRACE): only GET and HEAD go further.
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...WEB_HEADERS, Allow: 'GET, HEAD' }).end();
    return;
  }
  const target = parseRequestTarget(request.url);
  if (target === null) {
    response.writeHead(400, WEB_HEADERS).end();
    return;
  }
  // Only the path counts: the host in an absolute-form target is not ours to honour.
  const answer = await serveRendererFile(root, new Request(`http://127.0.0.1${target.pathname}`, { method: request.method }));
  const body = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, { ...Object.fromEntries(answer.headers), ...WEB_HEADERS, 'Content-Length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
}

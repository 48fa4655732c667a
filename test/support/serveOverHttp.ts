import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HandlerOverHttp {
  /** http://127.0.0.1:PORT: stands in for the scheme and host the handler serves */
  origin: string;
  /** every request the handler answered: its URL as the handler saw it, and the status */
  answered: { url: string; status: number; contentType: string | null }[];
  /** the handler's URL for a page URL on this server (http://127.0.0.1:PORT/x → app://host/x) */
  handlerUrl(pageUrl: string): string;
  close(): Promise<void>;
}

/**
 * Chromium cannot load an unregistered scheme such as app://, so a test
 * serves a protocol.handle handler over loopback HTTP instead: each request is
 * handed to the very same (Request) => Response function, with its URL on the
 * handler's own origin, and its Response is written back unchanged.
 */
export async function serveOverHttp(handlerOrigin: string, handler: (request: Request) => Promise<Response>): Promise<HandlerOverHttp> {
  const answered: HandlerOverHttp['answered'] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const url = `${handlerOrigin}${incoming.url ?? '/'}`;
    void handler(new Request(url, { method: incoming.method }))
      .then(async (response) => {
        answered.push({ url, status: response.status, contentType: response.headers.get('content-type') });
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: Error) => outgoing.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    answered,
    handlerUrl: (pageUrl) => `${handlerOrigin}${new URL(pageUrl).pathname}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

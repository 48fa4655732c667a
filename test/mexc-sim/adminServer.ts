import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PATH, handleAdminRequest } from './adminEndpoint';
import type { SimState } from './SimState';

/** The admin endpoint on a port of its own (`--admin-port`), bound to 127.0.0.1. */
export async function startAdminServer(sim: SimState, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (handleAdminRequest(sim, request, response, Buffer.concat(chunks).toString('utf8'))) return;
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: `only ${ADMIN_PATH} lives here` }));
    });
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    url: `http://127.0.0.1:${bound}${ADMIN_PATH}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

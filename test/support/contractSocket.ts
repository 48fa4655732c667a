import WebSocket from 'ws';
import type { ServerFrame } from '../../shared/contract';
import { CONTRACT_PROTOCOL, WEB_SOCKET_PATH, webSocketProtocols } from '../../shared/webSocketProtocols';

/** A raw WebSocket client of the web host, for tests that speak the wire protocol. */
export class ContractSocket {
  private readonly frames: ServerFrame[] = [];
  private readonly waiters: { match: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }[] = [];

  private constructor(
    readonly ws: WebSocket,
    private readonly keepEvents: boolean,
  ) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      const waiter = this.waiters.find((w) => w.match(frame));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      } else if (this.keepEvents || frame.kind === 'result') {
        this.frames.push(frame);
      }
    });
  }

  /**
   * Connects as the page does: from the host's own origin, the token in
   * Sec-WebSocket-Protocol (null: offer no token); `headers` may override the Origin.
   * keepEvents: false for load tests, where unread event frames would pile up in the client.
   */
  static open(port: number, token: string | null, headers: Record<string, string> = {}, { keepEvents = true } = {}): Promise<ContractSocket> {
    const protocols = token === null ? [CONTRACT_PROTOCOL] : webSocketProtocols(token);
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WEB_SOCKET_PATH}`, protocols, {
      headers: { Origin: `http://127.0.0.1:${port}`, ...headers },
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new ContractSocket(ws, keepEvents)));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** The next frame that matches, whether it already arrived or is yet to come. */
  next(match: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    const index = this.frames.findIndex(match);
    if (index >= 0) return Promise.resolve(this.frames.splice(index, 1)[0]!);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Send a raw frame and wait for the result frame that answers it (by id, or the id-less error). */
  async request(raw: string | Buffer, id: number | null): Promise<ServerFrame> {
    this.sendRaw(raw);
    return this.next((frame) => frame.kind === 'result' && frame.id === id);
  }

  close(): void {
    this.ws.close();
  }
}

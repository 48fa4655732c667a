import net from 'node:net';

export interface RawAnswer {
  /** the status the server answered with, or null if it closed without a status line */
  status: number | null;
  /** everything received before the first chunk ended or the socket closed */
  head: string;
}

/**
 * Sends bytes over a plain TCP socket, exactly as given (no client fixes the
 * request line up), and resolves with the first chunk of the answer.
 */
export function rawHttpRequest(port: number, bytes: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    const settle = () => {
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve({ status: match ? Number(match[1]) : null, head: received });
    };
    socket.once('data', (chunk) => {
      received += chunk.toString('latin1');
      settle();
    });
    socket.once('close', settle);
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? settle() : reject(error)));
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { isExecutable, missingToolReason } from './requiredTool';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
export const redisServerAvailable = () => isExecutable(REDIS_SERVER);

/** Why the tests that start a redis-server cannot run here (null: they can); in CI, an error instead (requiredTool). */
export const missingRedisServerReason = (): string | null => missingToolReason('redis-server', redisServerAvailable(), 'apt-get install redis-server');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A real redis-server of the test's own on a free port; stop and restart it to
 * play an outage. With `password` it requires it (`--requirepass`): `url` never
 * carries it, so a test adds it where the product would.
 */
export async function startRedisServer(options: { password?: string } = {}) {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const auth = options.password ? ['--requirepass', options.password] : [];
  const start = async () => {
    child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], { stdio: 'ignore' });
    await waitForPing(port, options.password);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    password: options.password ?? null,
    stop: async () => {
      const running = child;
      if (!running) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
      child = null;
    },
    restart: start,
  };
}

/** Poll until the server answers PING (no fixed sleeps). */
async function waitForPing(port: number, password: string | undefined): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis({ port, host: '127.0.0.1', password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined); // refused while the server starts: expected
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      probe.disconnect();
    }
  }
}

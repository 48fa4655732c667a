export const DEFAULT_WEB_PORT = 5178;

/** QRL_WEB_PORT: the web host's port on 127.0.0.1 (0 picks a free one). */
export function readWebHostPort(env: NodeJS.ProcessEnv): number {
  const raw = env.QRL_WEB_PORT;
  if (raw === undefined || raw === '') return DEFAULT_WEB_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`QRL_WEB_PORT must be a port number from 0 to 65535, got "${raw}".`);
  }
  return port;
}

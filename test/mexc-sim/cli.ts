/**
 * The simulator standalone: `npm run sim -- --port 8999 [--seed 42] [--virtual]`.
 * Follows the real clock unless --virtual; prints a demo key with 10,000 USDT.
 */
import { startMexcSim } from './index';

const arg = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};

const sim = await startMexcSim({
  port: Number(arg('port') ?? 8999),
  seed: Number(arg('seed') ?? 42),
  useRealClock: !process.argv.includes('--virtual'),
  startTime: Date.now(),
});
const demo = sim.accounts.addApiKey({ apiKey: 'mx0vSIMDEMOKEY0001', secret: 'simdemosecret0000000000000000001', balances: { USDT: '10000', QRL: '0' } });
process.stdout.write(`MEXC simulator on ${sim.url}, WebSocket ${sim.ws.url} (demo key ${demo.apiKey}, secret ${demo.secret})\n`);
process.on('SIGINT', () => void sim.close().then(() => process.exit(0)));

/**
 * The simulator standalone: `npm run sim -- --port 8999 [--seed 42] [--virtual]
 * [--preset crash] [--fault maintenance] [--latency realistic] [--admin-port N]`
 * (`--help` lists them). Follows the real clock unless --virtual; prints a demo
 * key with 10,000 USDT and how to point the web host at it.
 */
import { startMexcSim } from './index';
import { parseSimArgs, SimArgsError, SIM_USAGE } from './parseSimArgs';

let args;
try {
  args = parseSimArgs(process.argv.slice(2), Date.now());
} catch (error) {
  if (!(error instanceof SimArgsError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(SIM_USAGE);
  process.exit(0);
}
const sim = await startMexcSim(args);
const demo = sim.accounts.addApiKey({ apiKey: 'mx0vSIMDEMOKEY0001', secret: 'simdemosecret0000000000000000001', balances: { USDT: '10000', QRL: '0' } });
process.stdout.write(
  [
    `MEXC simulator on ${sim.url}, WebSocket ${sim.ws.url} (demo key ${demo.apiKey}, secret ${demo.secret})`,
    `preset ${sim.state.market.preset.name}; faults admin (loopback only): ${sim.adminUrl}`,
    `the app against it: MEXC_BASE_URL=${sim.url} MEXC_WS_URL=${sim.ws.url} npm run web`,
    '',
  ].join('\n'),
);
process.on('SIGINT', () => void sim.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));

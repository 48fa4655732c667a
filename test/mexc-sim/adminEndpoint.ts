import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAULT_CATALOGUE, FaultRuleError, parseFaultRule } from './Faults';
import type { SimState } from './SimState';

/** Where the admin endpoint lives, on the sim's port or its own. */
export const ADMIN_PATH = '/_sim/faults';

/** Loopback peers only: the admin endpoint changes how the exchange behaves for everyone. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/**
 * The fault catalogue at run time (issue #15: rehearse an outage with the real
 * app): GET lists the catalogue and the active rules, POST injects a rule
 * (JSON; without `times` it stands until cleared), DELETE clears every fault.
 * Answers only loopback peers. Returns false when the request is not for it.
 */
export function handleAdminRequest(sim: SimState, request: IncomingMessage, response: ServerResponse, body: string): boolean {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== ADMIN_PATH) return false;
  const answer = (status: number, value: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(value));
  };
  if (!isLoopback(request.socket.remoteAddress)) {
    answer(403, { error: 'the simulator admin endpoint answers loopback (127.0.0.1) only' });
    return true;
  }
  const state = () => {
    const { rules, skewMs } = sim.faults.list();
    const active = rules.map((rule) => ({ ...rule, times: Number.isFinite(rule.times) ? rule.times : 'until cleared' }));
    return { preset: sim.market.preset.name, active, skewMs, catalogue: FAULT_CATALOGUE };
  };
  switch (request.method) {
    case 'GET':
      answer(200, state());
      return true;
    case 'POST': {
      try {
        const parsed: unknown = JSON.parse(body);
        sim.faults.inject(parseFaultRule(parsed));
        answer(200, state());
      } catch (error) {
        const message = error instanceof FaultRuleError ? error.message : `the body is not JSON: send {"kind": "maintenance"} (${(error as Error).message})`;
        answer(400, { error: message });
      }
      return true;
    }
    case 'DELETE':
      sim.faults.clear();
      answer(200, state());
      return true;
    default:
      answer(405, { error: `${ADMIN_PATH} answers GET (list), POST (inject a fault) and DELETE (clear every fault)` });
      return true;
  }
}

import type { RequestLogEntry } from '../mexc-sim/SimState';

/**
 * The most weight the simulator admitted in any span of `windowMs` (sliding,
 * so stricter than MEXC's fixed windows), per IP and per account: every
 * request counts on the IP, a signed one on the account too (all requests in
 * these runs come from one IP with one key). Refused requests (429/418) carry
 * no weight.
 */
export function peakWindowWeight(log: readonly RequestLogEntry[], windowMs = 10_000): { ip: number; account: number } {
  const admitted = log.filter((r) => r.status !== 429 && r.status !== 418).sort((a, b) => a.time - b.time);
  const peak = (entries: RequestLogEntry[]) => {
    let best = 0;
    let sum = 0;
    let start = 0;
    for (const entry of entries) {
      sum += entry.weight;
      while (entries[start]!.time <= entry.time - windowMs) sum -= entries[start++]!.weight;
      best = Math.max(best, sum);
    }
    return best;
  };
  return { ip: peak(admitted), account: peak(admitted.filter((r) => r.signed)) };
}

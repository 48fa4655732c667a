import type { ConnectionTest } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { MexcClient } from '../exchange/MexcClient';

/** The permission flags of MEXC's GET /api/v3/account answer (MEXC's Spot v3 docs, account and trade). */
interface AccountPermissions {
  canTrade?: boolean;
  canWithdraw?: boolean;
}

/** "Test connection": one signed account read with the saved keys, reporting what MEXC says they may do. */
export async function testConnection(probe: MexcClient | null, clock: Clock): Promise<ConnectionTest> {
  if (!probe) return { ok: false, canTrade: false, canWithdraw: false, latencyMs: null, message: 'No API keys saved yet.' };
  const started = clock.now();
  try {
    const balance = await probe.fetchBalance();
    const info = (balance.info ?? {}) as AccountPermissions;
    const canTrade = info.canTrade === true;
    const canWithdraw = info.canWithdraw === true;
    return {
      ok: true,
      canTrade,
      canWithdraw,
      latencyMs: clock.now() - started,
      message: canTrade ? 'Connected: these keys can read the account and trade.' : 'Connected, read-only: these keys cannot place orders (live mode needs trade permission).',
    };
  } catch (error) {
    return { ok: false, canTrade: false, canWithdraw: false, latencyMs: null, message: `MEXC refused the keys or could not be reached: ${(error as Error).message}` };
  }
}

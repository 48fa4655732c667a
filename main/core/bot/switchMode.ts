import { ContractFailure, type ConnectionTest, type OpenOrdersChoice, type TradingMode } from '../../../shared/contract';
import type { AlertInput } from '../alerts/AlertCenter';
import type { BotLifecycle } from './botLifecycle';
import { refuseUncanceled } from './CancelOrdersError';
import type { TradingEngine } from './TradingEngine';

// Why a module of its own: a mode switch has rules of its own (issue 13, "ownership": the user decides about the bot's open orders).

export interface SwitchModeContext {
  lifecycle: BotLifecycle;
  /** null without a data folder */
  trading: TradingEngine | null;
  testConnection(): Promise<ConnectionTest>;
  /** opens trading if it could not open yet */
  openTrading(): Promise<void>;
  raiseAlert(alert: AlertInput): void;
  /** after the switch, before it is announced: the live fill polling follows the new mode */
  switched(): void;
}

/**
 * Switching mode never strands the bot's open orders silently: with any open
 * in the mode being left, the user chooses to cancel them or keep them
 * (tracked as before); orders the bot did not place are never touched.
 * Live mode needs keys that can trade.
 */
export async function switchMode(mode: TradingMode, openOrders: OpenOrdersChoice | undefined, ctx: SwitchModeContext): Promise<void> {
  const { lifecycle, trading } = ctx;
  lifecycle.check('setMode');
  if (mode === lifecycle.mode) return;
  // A run in flight may be placing an order in the mode being left: let it land, so the choice below covers it.
  await trading?.idle();
  if (mode === 'live') {
    const check = await ctx.testConnection();
    if (!check.ok || !check.canTrade) throw new ContractFailure('INVALID_STATE', `Live mode needs API keys that can trade. ${check.message}`);
  }
  const leaving = lifecycle.mode === 'live' ? 'live' : 'paper';
  const open = trading?.ready ? trading.countOpenOwnOrders(leaving) : 0;
  if (open > 0 && !openOrders) {
    throw new ContractFailure('INVALID_STATE', `The bot has ${open} open ${leaving} order(s). Choose to cancel them or to keep them (they stay tracked) before switching mode.`);
  }
  let whatHappened = '';
  if (open > 0 && openOrders === 'cancel') {
    // open > 0 only when trading is ready
    const canceled = await trading!.cancelOwnOrders(leaving).catch(refuseUncanceled('The mode was not switched'));
    whatHappened = ` ${canceled} open ${leaving} order(s) of the bot canceled.`;
  } else if (open > 0) {
    whatHappened = ` ${open} open ${leaving} order(s) of the bot kept, and still tracked.`;
  }
  lifecycle.switchMode(mode, mode === 'live' ? 'Live trading confirmed by the user.' : null);
  if (trading?.ready) await trading.setMode(mode);
  else if (trading) await ctx.openTrading();
  ctx.switched();
  ctx.raiseAlert({
    severity: mode === 'live' ? 'critical' : 'info',
    kind: 'mode',
    message: (mode === 'live' ? 'LIVE trading is on: orders now use real money.' : 'Back to dry-run: orders are simulated.') + whatHappened,
  });
}

import path from 'node:path';
import type { TradingMode } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { MexcClient } from '../exchange/MexcClient';
import type { BrokerFill } from '../trading/Broker';
import { FillLedger } from '../trading/FillLedger';
import { mayStillBeOpen, sameBroker, type Journal } from '../trading/Journal';
import type { MarketInfo } from '../trading/MarketInfo';
import type { BotOrders } from './BotOrders';
import type { BrokerState } from './BrokerState';
import { LiveBroker } from './LiveBroker';

// Why a module of its own: the live account's broker, fill history and sync are one concern (issue 13, "complete history").

export const liveFillsFile = (account: string) => `fills-live-${account}.jsonl`;

/** The live broker for the saved keys, with that account's persisted fills. */
export interface LiveConnection {
  account: string;
  broker: LiveBroker;
  ledger: FillLedger;
}

export interface LiveAccountOptions {
  dataDir: string;
  clock: Clock;
  client: () => MexcClient;
  /** a fingerprint of the saved API key (never the key); null with no keys */
  liveAccount: () => string | null;
  journal: Journal;
  orders: BotOrders;
  market: MarketInfo;
  critical(kind: string, message: string): void;
}

/**
 * The MEXC account the saved keys trade: its broker (rebuilt when the client
 * is), its fill ledger (opened once per account), the bot's fills synced
 * forward from the last one known, and its state after the last refresh.
 */
export class LiveAccount {
  private live: (LiveConnection & { client: MexcClient }) | null = null;
  /** the live account after the last refresh; null while it is not tracked */
  state: BrokerState | null = null;

  constructor(private readonly options: LiveAccountOptions) {}

  /** The live broker for the saved keys; rebuilt when the client is (keys or settings changed). */
  connection(): LiveConnection | null {
    const account = this.options.liveAccount();
    if (!account || !this.live || this.live.account !== account) return null;
    const client = this.options.client();
    if (this.live.client !== client) this.live = { ...this.live, client, broker: new LiveBroker(client, this.options.market) };
    return this.live;
  }

  /** Opens the live account's fill ledger once per account (the keys may change). */
  async open(): Promise<void> {
    const account = this.options.liveAccount();
    if (!account) return;
    if (this.live?.account === account) return;
    const ledger = await FillLedger.open(path.join(this.options.dataDir, liveFillsFile(account)), this.options.clock);
    for (const problem of ledger.problems) this.options.critical('fills', `Live fill history: ${problem.message}`);
    const client = this.options.client();
    this.live = { client, account, broker: new LiveBroker(client, this.options.market), ledger };
    this.state = null;
  }

  /**
   * Reads the account while it needs tracking: live mode, a state already
   * kept, or live intents still open. Returns the bot's fills new since the
   * last read, so the caller tells and journals them.
   */
  async refresh(mode: TradingMode): Promise<BrokerFill[]> {
    const live = this.connection();
    if (live && (mode === 'live' || this.state !== null || this.hasOpenIntents(live.account))) {
      const [open, balances] = await Promise.all([live.broker.fetchOpenOrders(), live.broker.fetchBalance()]);
      const fresh = await this.syncFills(live);
      this.state = { ref: { kind: 'live', account: live.account }, openOrders: open, balances, fills: this.ownFills(live) };
      return fresh;
    }
    if (!live) this.state = null;
    return [];
  }

  private async syncFills(live: LiveConnection): Promise<BrokerFill[]> {
    const { journal, orders, clock } = this.options;
    const firstIntent = journal.entries().find((e) => sameBroker(e.broker, { kind: 'live', account: live.account }))?.time;
    const from = live.ledger.lastTimestamp() ?? firstIntent ?? clock.now();
    const fresh = await live.ledger.sync(live.broker, from, clock.now());
    return fresh.filter(orders.fillOwner(live.account));
  }

  /** The bot's fills on that account: its journal's fills and the persisted trade history, once each. */
  private ownFills(live: LiveConnection): BrokerFill[] {
    const { orders, market } = this.options;
    const byId = new Map<string, BrokerFill>();
    for (const fill of orders.journalFills(live.account, market)) byId.set(fill.id, fill);
    const owned = orders.fillOwner(live.account);
    for (const fill of live.ledger.fills()) if (owned(fill)) byId.set(fill.id, fill);
    return [...byId.values()].sort((a, b) => a.timestamp - b.timestamp);
  }

  private hasOpenIntents(account: string): boolean {
    return this.options.journal.entries().some((e) => sameBroker(e.broker, { kind: 'live', account }) && mayStillBeOpen(e));
  }
}

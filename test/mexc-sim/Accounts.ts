import { dec, type Dec } from './Decimal';
import type { SimOrder, SimTrade } from './MatchingEngine';

/** MEXC's key permissions (MEXC's Spot v3 docs, API key permissions); withdrawal is one a key for this app should never hold. */
export type Permission = 'SPOT_ACCOUNT_READ' | 'SPOT_ACCOUNT_WRITE' | 'SPOT_DEAL_READ' | 'SPOT_DEAL_WRITE' | 'SPOT_WITHDRAW_READ' | 'SPOT_WITHDRAW_WRITE';
export const READ_ONLY: Permission[] = ['SPOT_ACCOUNT_READ', 'SPOT_DEAL_READ'];
export const TRADING: Permission[] = ['SPOT_ACCOUNT_READ', 'SPOT_DEAL_READ', 'SPOT_DEAL_WRITE'];
/** A key created with every box ticked: it trades and can also withdraw. */
export const TRADING_AND_WITHDRAW: Permission[] = [...TRADING, 'SPOT_WITHDRAW_READ', 'SPOT_WITHDRAW_WRITE'];

export interface Asset {
  free: Dec;
  locked: Dec;
}

export interface Account {
  uid: number;
  balances: Map<string, Asset>;
  orders: Map<string, SimOrder>;
  ordersByClientId: Map<string, SimOrder>;
  trades: SimTrade[];
  listenKeys: Map<string, number>;
}

export interface ApiKey {
  apiKey: string;
  secret: string;
  permissions: Permission[];
  account: Account;
}

export interface AddApiKeyOptions {
  apiKey: string;
  secret: string;
  permissions?: Permission[];
  /** starting free balances, e.g. { USDT: '1000' } */
  balances?: Record<string, string>;
  /** share the account of an existing key (a read-only key beside a trading key) */
  sameAccountAs?: string;
}

/** API keys and the accounts behind them. */
export class Accounts {
  private readonly keys = new Map<string, ApiKey>();
  private nextUid = 1000;

  addApiKey(options: AddApiKeyOptions): ApiKey {
    const account = options.sameAccountAs ? this.keys.get(options.sameAccountAs)?.account : undefined;
    const key: ApiKey = {
      apiKey: options.apiKey,
      secret: options.secret,
      permissions: options.permissions ?? TRADING,
      account: account ?? {
        uid: this.nextUid++,
        balances: new Map(),
        orders: new Map(),
        ordersByClientId: new Map(),
        trades: [],
        listenKeys: new Map(),
      },
    };
    for (const [asset, amount] of Object.entries(options.balances ?? {})) key.account.balances.set(asset, { free: dec(amount), locked: 0n });
    this.keys.set(options.apiKey, key);
    return key;
  }

  find(apiKey: string): ApiKey | undefined {
    return this.keys.get(apiKey);
  }

  /** The account a user-data-stream listenKey belongs to, and until when the key is valid. */
  byListenKey(listenKey: string): { account: Account; validUntil: number } | undefined {
    for (const { account } of this.keys.values()) {
      const validUntil = account.listenKeys.get(listenKey);
      if (validUntil !== undefined) return { account, validUntil };
    }
    return undefined;
  }

  /** For test assertions: the account behind a key. */
  account(apiKey: string): Account {
    const key = this.keys.get(apiKey);
    if (!key) throw new Error(`no such key ${apiKey}`);
    return key.account;
  }

  asset(account: Account, asset: string): Asset {
    let entry = account.balances.get(asset);
    if (!entry) {
      entry = { free: 0n, locked: 0n };
      account.balances.set(asset, entry);
    }
    return entry;
  }

  allAccounts(): Account[] {
    return [...new Set([...this.keys.values()].map((key) => key.account))];
  }
}

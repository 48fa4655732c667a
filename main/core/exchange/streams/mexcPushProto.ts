import protobuf from 'protobufjs';

/**
 * The part of MEXC's push schema (github.com/mexcdevelop/websocket-proto,
 * MEXC's Spot v3 docs, WebSocket protobuf) this app subscribes to, field numbers as MEXC's
 * .proto files and ccxt's compiled decoder have them. Bodies of other
 * channels are skipped as unknown fields.
 */
const SCHEMA = `
syntax = "proto3";
message PublicAggreBookTickerV3Api { string bidPrice = 1; string bidQuantity = 2; string askPrice = 3; string askQuantity = 4; }
message PublicAggreDealsV3ApiItem { string price = 1; string quantity = 2; int32 tradeType = 3; int64 time = 4; }
message PublicAggreDealsV3Api { repeated PublicAggreDealsV3ApiItem deals = 1; string eventType = 2; }
message PublicLimitDepthV3ApiItem { string price = 1; string quantity = 2; }
message PublicLimitDepthsV3Api { repeated PublicLimitDepthV3ApiItem asks = 1; repeated PublicLimitDepthV3ApiItem bids = 2; string eventType = 3; string version = 4; }
message PublicAggreDepthV3ApiItem { string price = 1; string quantity = 2; }
message PublicAggreDepthsV3Api {
  repeated PublicAggreDepthV3ApiItem asks = 1; repeated PublicAggreDepthV3ApiItem bids = 2; string eventType = 3;
  string fromVersion = 4; string toVersion = 5;
}
message PublicSpotKlineV3Api {
  string interval = 1; int64 windowStart = 2; string openingPrice = 3; string closingPrice = 4; string highestPrice = 5;
  string lowestPrice = 6; string volume = 7; string amount = 8; int64 windowEnd = 9;
}
message PrivateOrdersV3Api {
  string id = 1; string clientId = 2; string price = 3; string quantity = 4; string amount = 5; string avgPrice = 6;
  int32 orderType = 7; int32 tradeType = 8; bool isMaker = 9; string remainAmount = 10; string remainQuantity = 11;
  optional string lastDealQuantity = 12; string cumulativeQuantity = 13; string cumulativeAmount = 14; int32 status = 15;
  int64 createTime = 16;
}
message PrivateDealsV3Api {
  string price = 1; string quantity = 2; string amount = 3; int32 tradeType = 4; bool isMaker = 5; bool isSelfTrade = 6;
  string tradeId = 7; string clientOrderId = 8; string orderId = 9; string feeAmount = 10; string feeCurrency = 11; int64 time = 12;
}
message PrivateAccountV3Api {
  string vcoinName = 1; string coinId = 2; string balanceAmount = 3; string balanceAmountChange = 4;
  string frozenAmount = 5; string frozenAmountChange = 6; string type = 7; int64 time = 8;
}
message PushDataV3ApiWrapper {
  string channel = 1;
  oneof body {
    PublicLimitDepthsV3Api publicLimitDepths = 303;
    PrivateOrdersV3Api privateOrders = 304;
    PrivateDealsV3Api privateDeals = 306;
    PrivateAccountV3Api privateAccount = 307;
    PublicSpotKlineV3Api publicSpotKline = 308;
    PublicAggreDepthsV3Api publicAggreDepths = 313;
    PublicAggreDealsV3Api publicAggreDeals = 314;
    PublicAggreBookTickerV3Api publicAggreBookTicker = 315;
  }
  optional string symbol = 3;
  optional string symbolId = 4;
  optional int64 createTime = 5;
  optional int64 sendTime = 6;
}
`;

export interface BookTickerBody {
  bidPrice: string;
  bidQuantity: string;
  askPrice: string;
  askQuantity: string;
}
export interface DealBody {
  price: string;
  quantity: string;
  /** 1 buy (taker bought), 2 sell */
  tradeType: number;
  time: number;
}
export interface LimitDepthBody {
  asks: { price: string; quantity: string }[];
  bids: { price: string; quantity: string }[];
  eventType: string;
  version: string;
}
export interface AccountBody {
  vcoinName: string;
  coinId: string;
  /** available after the change */
  balanceAmount: string;
  balanceAmountChange: string;
  /** locked after the change */
  frozenAmount: string;
  frozenAmountChange: string;
  type: string;
  time: number;
}

export interface DepthLevel {
  price: string;
  quantity: string;
}
/** A diff-depth push: absolute quantities of the levels that changed (0 deletes), versions fromVersion..toVersion. */
export interface AggreDepthBody {
  asks: DepthLevel[];
  bids: DepthLevel[];
  eventType: string;
  fromVersion: string;
  toVersion: string;
}
/** A kline push: window start and end in SECONDS (MEXC's Spot v3 docs, kline streams), the wrapper's times in ms. */
export interface KlineBody {
  /** Min1 … Month1 */
  interval: string;
  windowStart: number;
  openingPrice: string;
  closingPrice: string;
  highestPrice: string;
  lowestPrice: string;
  /** base volume */
  volume: string;
  /** quote volume */
  amount: string;
  windowEnd: number;
}
/** An order of the account changed (MEXC's Spot v3 docs, spot account orders). */
export interface PrivateOrderBody {
  id: string;
  clientId: string;
  price: string;
  quantity: string;
  /** the order's quote amount */
  amount: string;
  avgPrice: string;
  /** 1 LIMIT, 2 POST_ONLY (LIMIT_MAKER), 3 IOC, 4 FOK, 5 MARKET */
  orderType: number;
  /** 1 buy, 2 sell */
  tradeType: number;
  isMaker: boolean;
  remainAmount: string;
  remainQuantity: string;
  lastDealQuantity?: string;
  cumulativeQuantity: string;
  cumulativeAmount: string;
  /** 1 new, 2 filled, 3 partially filled, 4 canceled, 5 partially canceled */
  status: number;
  createTime: number;
}
/** One fill of the account (MEXC's Spot v3 docs, spot account deals). */
export interface PrivateDealBody {
  price: string;
  quantity: string;
  amount: string;
  /** 1 buy, 2 sell */
  tradeType: number;
  isMaker: boolean;
  isSelfTrade: boolean;
  tradeId: string;
  clientOrderId: string;
  orderId: string;
  feeAmount: string;
  feeCurrency: string;
  time: number;
}

/** One decoded push: the channel, and the body of the kind this app reads (others: none). */
export interface PushFrame {
  channel: string;
  symbol?: string;
  sendTime?: number;
  publicAggreBookTicker?: BookTickerBody;
  publicAggreDeals?: { deals: DealBody[]; eventType: string };
  publicLimitDepths?: LimitDepthBody;
  publicAggreDepths?: AggreDepthBody;
  publicSpotKline?: KlineBody;
  privateAccount?: AccountBody;
  privateOrders?: PrivateOrderBody;
  privateDeals?: PrivateDealBody;
}

const wrapper = protobuf.parse(SCHEMA).root.lookupType('PushDataV3ApiWrapper');

export class MalformedPushError extends Error {
  override readonly name = 'MalformedPushError';
}

export function decodePush(data: Uint8Array): PushFrame {
  try {
    const message = wrapper.decode(data);
    return wrapper.toObject(message, { longs: Number, arrays: true, defaults: true, oneofs: false }) as PushFrame;
  } catch (error) {
    throw new MalformedPushError(`MEXC sent a push that is not a PushDataV3ApiWrapper: ${(error as Error).message}`);
  }
}

/** The simulator's side of the same schema. */
export function encodePush(frame: PushFrame): Uint8Array {
  return wrapper.encode(wrapper.fromObject(frame)).finish();
}

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
message PrivateAccountV3Api {
  string vcoinName = 1; string coinId = 2; string balanceAmount = 3; string balanceAmountChange = 4;
  string frozenAmount = 5; string frozenAmountChange = 6; string type = 7; int64 time = 8;
}
message PushDataV3ApiWrapper {
  string channel = 1;
  oneof body {
    PublicLimitDepthsV3Api publicLimitDepths = 303;
    PrivateAccountV3Api privateAccount = 307;
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

/** One decoded push: the channel, and the body of the kind this app reads (others: none). */
export interface PushFrame {
  channel: string;
  symbol?: string;
  sendTime?: number;
  publicAggreBookTicker?: BookTickerBody;
  publicAggreDeals?: { deals: DealBody[]; eventType: string };
  publicLimitDepths?: LimitDepthBody;
  privateAccount?: AccountBody;
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

import { REDIS_NOW_MS_LUA, type RedisConnection } from '../cache/RedisConnection';
import type { RequestWeight } from './mexcWeights';
import type { WeightScope } from './WeightRateLimiter';

/** Lua: `now` in ms from ARGV[arg] when a test passes its clock, else from Redis TIME. */
const nowFrom = (arg: number) => `${REDIS_NOW_MS_LUA}
if ARGV[${arg}] ~= '' then
  now = tonumber(ARGV[${arg}])
end`;

/**
 * Check-and-add in one step, so two instances can never both see room for the
 * last slot. One sorted set per scope (IP, account): score = time in ms,
 * member = `{token}:{weight}`. The time is Redis's own (TIME), the one clock
 * every instance agrees on; ARGV[6] overrides it only for an engine on a
 * virtual clock, whose waits pass virtual time and never real time. Answers {admitted, waitMs, ipUsed, accountUsed}; waitMs is how long
 * until enough weight leaves the window (or a shared Retry-After pause ends).
 */
const RESERVE = `
local window = tonumber(ARGV[1])
local budget = tonumber(ARGV[2])
local weights = { tonumber(ARGV[3]), tonumber(ARGV[4]) }
local token = ARGV[5]
${nowFrom(6)}
local function weightOf(member) return tonumber(string.match(member, ':(%d+)$')) end
local used = { 0, 0 }
local wait = 0
local pausedUntil = tonumber(redis.call('GET', KEYS[3]) or '0')
if pausedUntil > now then wait = pausedUntil - now end
for i = 1, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local entries = redis.call('ZRANGE', KEYS[i], 0, -1, 'WITHSCORES')
  local total = 0
  for j = 1, #entries, 2 do total = total + weightOf(entries[j]) end
  used[i] = total
  local need = math.min(weights[i], budget)
  if need > 0 and total + need > budget then
    local left = total
    local free = window
    for j = 1, #entries, 2 do
      left = left - weightOf(entries[j])
      if left + need <= budget then
        free = tonumber(entries[j + 1]) + window - now
        break
      end
    end
    if free > wait then wait = free end
  end
end
if wait > 0 then return { 0, wait, used[1], used[2] } end
for i = 1, 2 do
  if weights[i] > 0 then
    redis.call('ZADD', KEYS[i], now, token .. ':' .. weights[i])
    redis.call('PEXPIRE', KEYS[i], window)
    used[i] = used[i] + weights[i]
  end
end
return { 1, 0, used[1], used[2] }
`;

/** Weight spent while Redis was away, added at its age so the shared window sees it (ARGV: window, token, now, then scope index, age, weight…). */
const HAND_OVER = `
local window = tonumber(ARGV[1])
local token = ARGV[2]
${nowFrom(3)}
for i = 4, #ARGV, 3 do
  local key = KEYS[tonumber(ARGV[i])]
  local at = now - tonumber(ARGV[i + 1])
  if at > now - window then
    redis.call('ZADD', key, at, token .. '-' .. i .. ':' .. ARGV[i + 2])
    redis.call('PEXPIRE', key, window)
  end
end
return 0
`;

/** The answer is back: the reservation counts from now (ARGV: window, member, now, ipWeight, accountWeight). */
const SETTLE = `
local window = tonumber(ARGV[1])
${nowFrom(3)}
for i = 1, 2 do
  local weight = tonumber(ARGV[3 + i])
  if weight > 0 then
    redis.call('ZADD', KEYS[i], now, ARGV[2] .. ':' .. weight)
    redis.call('PEXPIRE', KEYS[i], window)
  end
end
return 0
`;

/** A Retry-After seen by one instance holds every instance on that IP back: the later end wins (ARGV: ms, now). */
const PAUSE = `
${nowFrom(2)}
local ms = tonumber(ARGV[1])
if now + ms > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], now + ms, 'PX', ms) end
return 0
`;

export interface Reservation {
  admitted: boolean;
  /** names this reservation for settle() */
  token: string;
  /** 0 when admitted; else how long until the request may fit */
  waitMs: number;
  /** weight in the shared window after this answer (including this request when admitted) */
  used: { ip: number; account: number };
}

export interface RedisWeightWindowOptions {
  connection: RedisConnection;
  /** a fingerprint of the API key (never the key); null with no keys */
  account: string | null;
  /** which egress IP this instance sends from: instances with the same scope share one IP pool */
  ipScope?: string;
  windowMs: number;
  /** the weight one window may hold, across every instance */
  budget: number;
  /** an engine on a virtual clock (tests, the bench's day) passes it; otherwise Redis TIME decides */
  now?: () => number;
}

/** Names this instance's reservations apart from every other's. */
let nextToken = 0;
const processToken = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * MEXC's 500-per-10-s budget kept in Redis for every instance that shares it
 * (issue 16): one sliding window per IP scope and one per account, changed
 * only by atomic Lua scripts. Keys: `{prefix}weight:ip:{scope}`,
 * `{prefix}weight:account:{fingerprint}`, `{prefix}weight:pause:{scope}`.
 * Every call rejects while Redis is unreachable: the caller falls back.
 */
export class RedisWeightWindow {
  private readonly keys: [string, string, string];

  constructor(private readonly options: RedisWeightWindowOptions) {
    const prefix = options.connection.keyPrefix;
    const ipScope = options.ipScope ?? 'default';
    this.keys = [`${prefix}weight:ip:${ipScope}`, `${prefix}weight:account:${options.account ?? 'none'}`, `${prefix}weight:pause:${ipScope}`];
  }

  async reserve(weight: RequestWeight): Promise<Reservation> {
    const o = this.options;
    const token = `${processToken}-${nextToken++}`;
    const answer = (await o.connection.redis.eval(RESERVE, 3, ...this.keys, o.windowMs, o.budget, weight.ip, weight.uid, token, this.nowArg())) as number[];
    return { admitted: answer[0] === 1, token, waitMs: answer[1]!, used: { ip: answer[2]!, account: answer[3]! } };
  }

  /** The answer to a reserved request is back: its weight counts from now (WeightLimiter's Settle). */
  async settle(token: string, weight: RequestWeight): Promise<void> {
    await this.options.connection.redis.eval(SETTLE, 2, this.keys[0], this.keys[1], this.options.windowMs, token, this.nowArg(), weight.ip, weight.uid);
  }

  /** Add weight charged elsewhere (a fallback limiter) at its age. */
  async handOver(charges: { scope: WeightScope; ageMs: number; weight: number }[]): Promise<void> {
    if (charges.length === 0) return;
    const args = charges.flatMap((c) => [c.scope === 'ip' ? 1 : 2, Math.max(0, Math.round(c.ageMs)), c.weight]);
    await this.options.connection.redis.eval(HAND_OVER, 2, this.keys[0], this.keys[1], this.options.windowMs, `${processToken}-h${nextToken++}`, this.nowArg(), ...args);
  }

  /** Hold every instance on this IP back for `ms` (MEXC's Retry-After). */
  async pause(ms: number): Promise<void> {
    await this.options.connection.redis.eval(PAUSE, 1, this.keys[2], Math.max(1, Math.ceil(ms)), this.nowArg());
  }

  private nowArg(): string {
    return this.options.now ? String(Math.round(this.options.now())) : '';
  }
}

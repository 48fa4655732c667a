import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CONTRACT_PROTOCOL, TOKEN_PROTOCOL_PREFIX, WEB_SOCKET_PATH } from '../../shared/webSocketProtocols';

export interface UpgradeDoor {
  /** the host's own origin, e.g. http://127.0.0.1:5178: the only page allowed to connect */
  origin: string;
  /** the per-run secret, presented as the `token.<token>` subprotocol */
  token: string;
}

/**
 * The WebSocket's door (issue 14, point 4): exactly /ws with no query string
 * (a token in the URL is refused, so no request line carries one), exactly the
 * host's own Origin (no other port, no other name), the contract's protocol,
 * and the per-run token in Sec-WebSocket-Protocol. Pure: never throws.
 */
export function isAuthorizedUpgrade(request: IncomingMessage, door: UpgradeDoor): boolean {
  if (request.url !== WEB_SOCKET_PATH) return false;
  if (request.headers.origin !== door.origin) return false;
  const offered = offeredProtocols(request.headers['sec-websocket-protocol']);
  if (!offered.includes(CONTRACT_PROTOCOL)) return false;
  const tokens = offered.filter((protocol) => protocol.startsWith(TOKEN_PROTOCOL_PREFIX));
  if (tokens.length !== 1) return false;
  const presented = Buffer.from(tokens[0]!.slice(TOKEN_PROTOCOL_PREFIX.length));
  const expected = Buffer.from(door.token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function offeredProtocols(header: string | undefined): string[] {
  return (header ?? '').split(',').map((protocol) => protocol.trim()).filter(Boolean);
}

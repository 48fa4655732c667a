/**
 * How the page presents the web host's per-run token: in `Sec-WebSocket-Protocol`,
 * never in the URL, so no request line, proxy log or history entry carries it
 * (issue 14, point 4). The server echoes only the non-secret contract protocol.
 */

/** The one path the WebSocket lives on, with no query string. */
export const WEB_SOCKET_PATH = '/ws';
/** The contract's wire protocol, versioned: the only protocol the server echoes. */
export const CONTRACT_PROTOCOL = 'qrl-tray-bot.v1';
/** The token travels as a second offered protocol, `token.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'token.';
/** Characters a subprotocol may hold (RFC 6455 → RFC 7230 tchar) that a base64url token uses. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** What the page offers: `new WebSocket(url, webSocketProtocols(token))`. */
export function webSocketProtocols(token: string): string[] {
  return [CONTRACT_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}

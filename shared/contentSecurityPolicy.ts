/**
 * One strict CSP for the renderer, in Electron and in the web host: only the
 * app's own scripts and styles, no remote content; the web host's WebSocket is
 * same-origin (ws://127.0.0.1:PORT), which 'self' does not cover in every browser.
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:*",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

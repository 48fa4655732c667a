/**
 * A one-line description of an exchange error that never carries a request
 * URL, a query string, a signature, the API key or the secret. ccxt's network
 * errors quote the whole signed URL; MEXC's bodies are reduced to code and msg.
 */
export function describeExchangeError(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  const name = error instanceof Error ? error.constructor.name : 'Error';
  const raw = error instanceof Error ? error.message : String(error);
  const code = /"code"\s*:\s*"?(-?\d+)/.exec(raw)?.[1];
  const msg = /"msg"\s*:\s*"([^"]{0,160})/.exec(raw)?.[1];
  const detail = code ? `MEXC ${code}${msg ? `: ${msg}` : ''}` : raw;
  return `${name}: ${redact(detail, secrets).slice(0, 240)}`;
}

/** Scrub a text of URLs (keeping only the path), signatures and the given secrets. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text
    .replace(/https?:\/\/[^\s/]+(\/[^\s?#]*)?(\?\S*)?/g, (_match, path: string | undefined) => path ?? '[url]')
    .replace(/signature=[0-9a-zA-Z%]+/gi, 'signature=[redacted]')
    .replace(/(X-MEXC-APIKEY["':\s]+)[A-Za-z0-9_-]+/gi, '$1[redacted]');
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  // ccxt ends an HTTP error with the (often empty) body after a space: "… 502 Bad Gateway ".
  return out.trim();
}

/**
 * The same error, its message scrubbed in place, so a caller that checks the
 * ccxt class (InsufficientFunds, OrderNotFound) still can and never sees a secret.
 */
export function sanitizeExchangeError<E>(error: E, secrets: readonly (string | undefined)[] = []): E {
  if (error instanceof Error) {
    error.message = redact(error.message, secrets);
    if (error.stack) error.stack = redact(error.stack, secrets);
  }
  return error;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * MEXC's signature: lowercase hex HMAC-SHA256 over the exact bytes of the
 * query string concatenated with the body (no '&' between), with the
 * `signature` parameter itself left out (MEXC's Spot v3 docs, signed endpoints).
 */
export function sign(secret: string, totalParams: string): string {
  return createHmac('sha256', secret).update(totalParams).digest('hex');
}

/** Splits `signature=` off the raw query (it is appended last) without re-encoding anything. */
export function splitSignature(rawQuery: string): { signed: string; signature: string | null } {
  const marker = rawQuery.lastIndexOf('signature=');
  if (marker < 0) return { signed: rawQuery, signature: null };
  const before = rawQuery.slice(0, marker).replace(/&$/, '');
  const after = rawQuery.slice(marker + 'signature='.length);
  const end = after.indexOf('&');
  const signature = end < 0 ? after : after.slice(0, end);
  const rest = end < 0 ? '' : after.slice(end + 1);
  return { signed: rest ? `${before}&${rest}` : before, signature };
}

export function verifySignature(secret: string, totalParams: string, signature: string): boolean {
  // Uppercase hex is refused, as MEXC does.
  if (!/^[0-9a-f]{64}$/.test(signature)) return false;
  const expected = Buffer.from(sign(secret, totalParams));
  return timingSafeEqual(expected, Buffer.from(signature));
}

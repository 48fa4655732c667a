import { maskRedisUrl } from '../../../shared/maskRedisUrl';

/**
 * Any Redis URL inside a text (an ioredis error, a stack) with its password
 * masked, and the known passwords themselves replaced, however short: what
 * reaches a log or an error never carries one (issue 14).
 */
export function scrubRedisUrls(text: string, passwords: readonly (string | null)[] = []): string {
  let clean = text.replace(/rediss?:\/\/[^\s'"<>]+/g, (url) => maskRedisUrl(url));
  for (const password of passwords) {
    if (!password) continue;
    for (const form of new Set([password, encodeURIComponent(password)])) clean = clean.split(form).join('[redacted]');
  }
  return clean;
}

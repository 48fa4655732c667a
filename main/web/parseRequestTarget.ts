/**
 * A request line's target as a URL, or null when it is not one
 * (`GET http://[ HTTP/1.1`): the caller answers 400 (issue 14, point 3).
 */
export function parseRequestTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

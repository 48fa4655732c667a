/**
 * Turn the event loop (I/O included) until `condition` holds: waiting on a
 * socket without guessing a delay. It returns the moment the condition holds;
 * `limitMs` only bounds a wait that would otherwise never end (a busy CI
 * machine may take a second to load ccxt pro's decoder, so a count of turns
 * was too tight a bound).
 */
export async function untilTrue(condition: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened within ${limitMs} ms: ${what}`);
}

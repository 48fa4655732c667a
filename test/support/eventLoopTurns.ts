/**
 * Turn the event loop (I/O included) until `condition` holds, and fail after
 * `turns` turns: waiting on a socket without guessing a wall-clock delay.
 */
export async function untilTrue(condition: () => boolean | Promise<boolean>, what: string, turns = 500_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * Runs async tasks one at a time, in call order: each starts when the one
 * before it has settled. A task that fails rejects only its own caller; the
 * queue goes on with the next (so one failed request or write never blocks
 * every later one). Used where a turn must not interleave with another, as
 * the weight limiters' admission and the append-only log's writes.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queue `task` behind every task queued before it; resolves or rejects with its outcome. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const turn = this.tail.then(task);
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}

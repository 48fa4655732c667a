/**
 * The simulator's time. Tests drive it (`advance`, `set`), so a simulated day
 * runs in milliseconds; listeners (the matching engine) run on every move.
 */
export class VirtualClock {
  private current: number;
  private readonly listeners = new Set<(from: number, to: number) => void>();

  constructor(
    start: number,
    private readonly real = false,
  ) {
    this.current = start;
  }

  /** following the real clock (a standalone run) rather than a driven one */
  get isReal(): boolean {
    return this.real;
  }

  now(): number {
    return this.real ? Date.now() : this.current;
  }

  set(ms: number): void {
    const from = this.current;
    this.current = ms;
    this.listeners.forEach((listener) => listener(from, ms));
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }

  onMove(listener: (from: number, to: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

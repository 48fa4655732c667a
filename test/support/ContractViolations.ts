/**
 * Records every answer or event the engine tried to send outside the
 * contract (the transports log it and send INTERNAL instead), so the suite
 * that caused one fails when it closes its host (issue 14, point 8).
 */
export class ContractViolations {
  private readonly problems: string[] = [];

  constructor(private readonly logger?: { error(message: string): void }) {}

  readonly report = (problem: string): void => {
    this.problems.push(problem);
    this.logger?.error(problem);
  };

  assertNone(): void {
    if (this.problems.length === 0) return;
    throw new Error(`The engine sent ${this.problems.length} answer(s) or event(s) outside the contract: ${this.problems.join(' | ')}`);
  }
}

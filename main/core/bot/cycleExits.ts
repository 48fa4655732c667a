/**
 * Every way a strategy run can end. A run whose signal is "buy" ends in an
 * order placed or an alert that names the reason, never silently; a test
 * walks this list and makes each one happen.
 */
export const cycleExits = [
  /** the strategy did not signal a buy: nothing to do */
  'no-signal',
  /** "Run now" while the bot is not running: evaluated only */
  'preview',
  /** live mode with no keys (or the keychain unreadable) */
  'broker-unavailable',
  /** the paper wallet was lost and could not be rebuilt */
  'paper-wallet-needs-reset',
  /** an earlier order to the same broker has an unknown outcome: nothing new until it is settled */
  'unresolved-order',
  /** market closed, precision, minimums, balance, open-order cap */
  'pretrade',
  /** max position, max order value, orders per day, daily loss, kill switch */
  'risk',
  /** the id is already in the journal (never expected: ids count every intent) */
  'duplicate-id',
  /** the order is on the book or filled */
  'placed',
  /** the broker refused the order */
  'refused',
  /** sent, but the answer was lost: it is being reconciled */
  'unknown-outcome',
] as const;
export type CycleExit = (typeof cycleExits)[number];

/** The exits of a buy signal that must raise an alert naming why no order is on the book. */
export const exitsThatAlert: ReadonlySet<CycleExit> = new Set(cycleExits.filter((exit) => exit !== 'no-signal' && exit !== 'preview'));

/**
 * The bot's client order ids: `qtb-k3x9a2mq-20261125-000042`.
 * - `qtb` marks the bot, the install id (random, kept in the data folder) marks
 *   this install, so two installs on one account never reuse an id and orders
 *   placed by hand are never mistaken for the bot's;
 * - the date is the run's local date, for a reader of MEXC's order history;
 * - the sequence counts every intent ever journaled, in any state, so an id is
 *   never reused after a rejection, an unknown outcome or a damaged line.
 * MEXC states no length or charset for newClientOrderId but refuses odd
 * characters (700008); hummingbot caps its ids at 32 of [A-Za-z0-9_-], and so do we.
 */
export const CLIENT_ORDER_ID_PREFIX = 'qtb';
export const CLIENT_ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const INSTALL_ID_PATTERN = /^[a-z0-9]{8}$/;
const SEQUENCE_DIGITS = 6;
export const MAX_SEQUENCE = 10 ** SEQUENCE_DIGITS - 1;

const OWN_ID = /qtb-([a-z0-9]{8})-(\d{8})-(\d{6})/g;

export interface ClientOrderIdParts {
  installId: string;
  /** the run's local date, YYYYMMDD (localDateStamp) */
  runDate: string;
  /** 1-based, over every intent this install ever journaled */
  sequence: number;
}

export function clientOrderIdFor({ installId, runDate, sequence }: ClientOrderIdParts): string {
  if (!INSTALL_ID_PATTERN.test(installId)) throw new RangeError(`installId must be 8 characters of [a-z0-9], got "${installId}"`);
  if (!/^\d{8}$/.test(runDate)) throw new RangeError(`runDate must be YYYYMMDD, got "${runDate}"`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) throw new RangeError(`sequence must be 1..${MAX_SEQUENCE}, got ${sequence}`);
  return `${CLIENT_ORDER_ID_PREFIX}-${installId}-${runDate}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** The prefix every order of this install carries: what makes an order "the bot's". */
export function ownPrefix(installId: string): string {
  return `${CLIENT_ORDER_ID_PREFIX}-${installId}-`;
}

/** Every id of this install in `text`. */
export function ownIdsIn(text: string, installId: string): string[] {
  return [...text.matchAll(OWN_ID)].filter((match) => match[1] === installId).map((match) => match[0]);
}

/**
 * The highest sequence of this install found anywhere in `text` (journal ids,
 * or the raw text of a damaged journal line): the next id must be above it.
 */
export function highestSequenceIn(text: string, installId: string): number {
  let highest = 0;
  for (const match of text.matchAll(OWN_ID)) {
    if (match[1] === installId) highest = Math.max(highest, Number(match[3]));
  }
  return highest;
}

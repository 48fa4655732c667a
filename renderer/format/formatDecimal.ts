/**
 * Decimals travel as strings (see shared/contract.ts): these helpers format
 * them with string arithmetic only, so no float ever rounds a price or amount.
 */

import { Decimal } from '../../shared/decimal';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Round a decimal string half-up to `digits` fraction digits, by digits (shared/decimal.ts); anything else is shown as given. */
export function roundDecimal(value: string, digits: number): string {
  return DECIMAL.test(value) ? Decimal.from(value).toFixed(digits, 'half-up') : value;
}

/** "1234567.5" → "1,234,567.5"; `digits` rounds (half-up) to that many fraction digits. */
export function formatDecimal(value: string | null | undefined, digits?: number): string {
  if (value === null || value === undefined) return '—';
  const rounded = digits === undefined ? value : roundDecimal(value, digits);
  const match = DECIMAL.exec(rounded);
  if (!match) return rounded;
  const [, sign, int = '', frac] = match;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign === '-' ? '−' : ''}${grouped}${frac !== undefined ? '.' + frac : ''}`;
}

export type Direction = 'up' | 'down' | 'flat';

/** Which way a signed decimal points, read from its digits. */
export function directionOf(value: string | null | undefined): Direction {
  if (!value || !DECIMAL.test(value)) return 'flat';
  if (/^-?0*(\.0*)?$/.test(value)) return 'flat';
  return value.startsWith('-') ? 'down' : 'up';
}

/** "-2.35" → "−2.35 %", "1.5" → "+1.50 %". */
export function formatSignedPercent(value: string | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  const text = formatDecimal(value, digits);
  return `${directionOf(value) === 'up' ? '+' : ''}${text} %`;
}

/** A signed money amount: "+12.30" / "−4.10" / "0.00". */
export function formatSignedDecimal(value: string | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  const text = formatDecimal(value, digits);
  return `${directionOf(value) === 'up' ? '+' : ''}${text}`;
}

/**
 * Decimals travel as strings (see shared/contract.ts): these helpers format
 * them with string arithmetic only, so no float ever rounds a price or amount.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Round a decimal string half-up to `digits` fraction digits, by digits. */
export function roundDecimal(value: string, digits: number): string {
  const match = DECIMAL.exec(value);
  if (!match) return value;
  const [, sign, int, frac = ''] = match;
  if (frac.length <= digits) return `${sign}${int}${digits ? '.' + frac.padEnd(digits, '0') : ''}`;
  const kept = (int + frac.slice(0, digits)).split('').map(Number);
  if (Number(frac[digits]) >= 5) {
    let i = kept.length - 1;
    while (i >= 0) {
      if (kept[i] === 9) {
        kept[i] = 0;
        i -= 1;
      } else {
        kept[i] += 1;
        break;
      }
    }
    if (i < 0) kept.unshift(1);
  }
  const digitsText = kept.join('');
  const intPart = digitsText.slice(0, digitsText.length - digits) || '0';
  const fracPart = digits ? digitsText.slice(digitsText.length - digits) : '';
  const isZero = /^0*$/.test(intPart + fracPart);
  return `${isZero ? '' : sign}${intPart}${digits ? '.' + fracPart : ''}`;
}

/** "1234567.5" → "1,234,567.5"; `digits` rounds (half-up) to that many fraction digits. */
export function formatDecimal(value: string | null | undefined, digits?: number): string {
  if (value === null || value === undefined) return '—';
  const rounded = digits === undefined ? value : roundDecimal(value, digits);
  const match = DECIMAL.exec(rounded);
  if (!match) return rounded;
  const [, sign, int, frac] = match;
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

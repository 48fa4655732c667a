/**
 * Exact decimals for the simulator's money: BigInt scaled by 10^8 (MEXC never
 * uses more than 8 places). No float ever touches a balance or a fill.
 */
export const SCALE = 100_000_000n;
const PLACES = 8;

export type Dec = bigint;

export function dec(text: string | number): Dec {
  const raw = typeof text === 'number' ? text.toFixed(PLACES) : text.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(raw);
  if (!match) throw new Error(`not a decimal: ${raw}`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > PLACES && /[1-9]/.test(fraction.slice(PLACES))) throw new Error(`too many decimal places: ${raw}`);
  const value = BigInt(whole!) * SCALE + BigInt((fraction + '0'.repeat(PLACES)).slice(0, PLACES));
  return sign ? -value : value;
}

/** Parses a request decimal; null when it is not a plain decimal number. */
export function parseDec(text: string | undefined): Dec | null {
  if (text === undefined) return null;
  try {
    return dec(text);
  } catch {
    return null;
  }
}

export function str(value: Dec, places = PLACES): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(PLACES, '0').slice(0, places);
  const text = places > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** Shortest form: "0.41" rather than "0.41000000", as MEXC usually prints. */
export function plain(value: Dec): string {
  const text = str(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export const mul = (a: Dec, b: Dec): Dec => (a * b) / SCALE;
export const div = (a: Dec, b: Dec): Dec => (a * SCALE) / b;
export const min = (a: Dec, b: Dec): Dec => (a < b ? a : b);
export const max = (a: Dec, b: Dec): Dec => (a > b ? a : b);

/** Does `value` sit on the grid of `places` decimals? */
export function hasAtMostPlaces(value: Dec, places: number): boolean {
  const step = 10n ** BigInt(PLACES - places);
  return value % step === 0n;
}

export function floorTo(value: Dec, places: number): Dec {
  const step = 10n ** BigInt(PLACES - places);
  return value - (((value % step) + step) % step);
}

export function toNumber(value: Dec): number {
  return Number(str(value));
}

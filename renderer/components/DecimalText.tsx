import { directionOf, formatDecimal, formatSignedDecimal, formatSignedPercent } from '../format/formatDecimal';

interface DecimalTextProps {
  value: string | null | undefined;
  /** round half-up to this many fraction digits; omitted shows the value as given */
  digits?: number;
  /** "signed" adds + and colours up/down; "percent" also appends % */
  variant?: 'plain' | 'signed' | 'percent';
  unit?: string;
  testId?: string;
}

/** A contract decimal (a string), formatted without float math; tabular digits. */
export function DecimalText({ value, digits, variant = 'plain', unit, testId }: DecimalTextProps) {
  const text =
    variant === 'percent'
      ? formatSignedPercent(value, digits)
      : variant === 'signed'
        ? formatSignedDecimal(value, digits)
        : formatDecimal(value, digits);
  const direction = variant === 'plain' ? undefined : directionOf(value);
  return (
    <span className={`num ${direction ? `dir-${direction}` : ''}`} data-testid={testId}>
      {variant !== 'plain' && direction === 'up' && <span aria-hidden="true">▲ </span>}
      {variant !== 'plain' && direction === 'down' && <span aria-hidden="true">▼ </span>}
      {text}
      {unit && value != null && <span className="unit"> {unit}</span>}
    </span>
  );
}

import path from 'node:path';
import { z } from 'zod';
import { DecimalStringSchema } from '../../../shared/decimal';
import type { Clock } from '../clock';
import { JsonFileStore, type JsonFileCorruptError } from '../storage/JsonFileStore';

export const DAY_START_FILE = 'day-start.json';

const DayStartSchema = z.object({
  /** ms epoch of the local midnight this price belongs to */
  dayStart: z.number().int().nonnegative().nullable(),
  /** the market price at that midnight (the open of the 1m candle starting then) */
  price: DecimalStringSchema.refine((price) => !price.startsWith('-'), 'must not be negative').nullable(),
});

/**
 * The price at local midnight, which the daily loss cap measures today's
 * unrealized PnL from. Kept on disk so a restart at 15:00 still counts the
 * loss since midnight, not since the restart; and local, not the UTC daily
 * candle's open (16 h off in Taipei).
 */
export class DayStartPrice {
  private constructor(private readonly store: JsonFileStore<typeof DayStartSchema>) {}

  static async open(dataDir: string, clock: Clock): Promise<{ dayStartPrice: DayStartPrice; problem: JsonFileCorruptError | null }> {
    const store = new JsonFileStore({ file: path.join(dataDir, DAY_START_FILE), schema: DayStartSchema, defaults: () => ({ dayStart: null, price: null }), clock });
    const { problem } = await store.load();
    return { dayStartPrice: new DayStartPrice(store), problem };
  }

  /** The price at `dayStart` if it was read already, without reading it (the "why not yet" view must not call MEXC). */
  known(dayStart: number): string | null {
    const known = this.store.value;
    return known.dayStart === dayStart ? known.price : null;
  }

  /** The price at `dayStart`, read once a day through `fetchPrice` and then from disk. */
  async at(dayStart: number, fetchPrice: (dayStart: number) => Promise<string>): Promise<string> {
    const known = this.store.value;
    if (known.dayStart === dayStart && known.price !== null) return known.price;
    const price = await fetchPrice(dayStart);
    await this.store.save({ dayStart, price });
    return price;
  }
}

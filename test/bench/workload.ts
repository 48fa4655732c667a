import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const dataTypes = ['ticker', 'orderBook', 'deals', 'balance', 'ohlcv'] as const;

/** A demand pattern: who wants which data how often, over a (virtual) day. */
export const WorkloadSchema = z.strictObject({
  description: z.string().optional(),
  durationHours: z.number().positive().max(24 * 7),
  consumers: z
    .array(
      z.strictObject({
        name: z.string(),
        dataType: z.enum(dataTypes),
        everySeconds: z.number().positive(),
        fromHour: z.number().min(0),
        toHour: z.number().positive(),
      }),
    )
    .min(1),
});
export type Workload = z.infer<typeof WorkloadSchema>;

export function loadWorkload(file: string): Workload {
  return WorkloadSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Every request of the day in time order: [offset ms, data type]. */
export function requestsOf(workload: Workload): [number, (typeof dataTypes)[number]][] {
  const events: [number, (typeof dataTypes)[number]][] = [];
  for (const consumer of workload.consumers) {
    const end = Math.min(consumer.toHour, workload.durationHours) * 3_600_000;
    for (let t = consumer.fromHour * 3_600_000; t < end; t += consumer.everySeconds * 1000) events.push([t, consumer.dataType]);
  }
  return events.sort((a, b) => a[0] - b[0]);
}

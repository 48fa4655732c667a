import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const dataTypes = ['ticker', 'orderBook', 'deals', 'balance', 'ohlcv'] as const;
export type WorkloadDataType = (typeof dataTypes)[number];

/**
 * A demand pattern: who wants which data how often. See README.md beside this
 * file. `startHour` (default 0) and `durationHours` place each consumer in the
 * replayed period; the period is `durationHours` at the top level (default:
 * the end of the last consumer).
 */
export const WorkloadSchema = z.strictObject({
  description: z.string().optional(),
  durationHours: z.number().positive().max(24 * 7).optional(),
  consumers: z
    .array(
      z.strictObject({
        name: z.string(),
        dataType: z.enum(dataTypes),
        everySeconds: z.number().positive(),
        durationHours: z.number().positive().max(24 * 7),
        startHour: z.number().min(0).default(0),
      }),
    )
    .min(1),
});
export type Workload = z.output<typeof WorkloadSchema>;

export function loadWorkload(file: string): Workload {
  return WorkloadSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function periodHours(workload: Workload): number {
  return workload.durationHours ?? Math.max(...workload.consumers.map((c) => c.startHour + c.durationHours));
}

/** Every request of the period in time order: [offset ms, data type]. */
export function requestsOf(workload: Workload): [number, WorkloadDataType][] {
  const events: [number, WorkloadDataType][] = [];
  const periodEnd = periodHours(workload) * 3_600_000;
  for (const consumer of workload.consumers) {
    const end = Math.min((consumer.startHour + consumer.durationHours) * 3_600_000, periodEnd);
    for (let t = consumer.startHour * 3_600_000; t < end; t += consumer.everySeconds * 1000) events.push([Math.round(t), consumer.dataType]);
  }
  return events.sort((a, b) => a[0] - b[0]);
}

import type { z } from 'zod';

/** One line a person can act on: "maxPositionUsdt: Too small: expected number to be >=1". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

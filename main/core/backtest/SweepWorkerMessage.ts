import type { SweepCell } from '../../../shared/backtestSweepSchemas';

/** What the sweep worker posts back: a cell as each finishes, then done. */
export type SweepWorkerMessage = { kind: 'cell'; cell: SweepCell } | { kind: 'done' };

import type { Clock, TimerHandle, Timers } from '../clock';
import type { UtcOffset } from '../trading/localDay';
import { nextDailyRun } from './nextDailyRun';

// Why a module of its own: the daily run is the original bot's 09:00 cron, on the user's clock (issue 13, defect 8: changes reschedule at once).

export interface DailyRunScheduleOptions {
  clock: Clock;
  timers: Timers;
  utcOffset: UtcOffset;
  /** only a running bot has a daily run */
  active(): boolean;
  /** "HH:MM", local time: read again at every arming */
  runTime(): string;
  /** the run; its failure is its own to report */
  run(): Promise<unknown>;
}

/** While running: the daily run at the configured local time; re-armed after each run, and whenever state or settings change. */
export class DailyRunSchedule {
  private timer: TimerHandle | null = null;
  private at: number | null = null;

  constructor(private readonly options: DailyRunScheduleOptions) {}

  /** when the next daily run is due; null while none is armed */
  get nextRunAt(): number | null {
    return this.at;
  }

  /** Disarms, then arms at the next run time if the bot is running. */
  reschedule(): void {
    const { clock, timers } = this.options;
    this.stop();
    this.at = null;
    if (!this.options.active()) return;
    const at = nextDailyRun(clock.now(), this.options.runTime(), this.options.utcOffset);
    this.at = at;
    this.timer = timers.setTimeout(async () => {
      await this.options.run().catch(() => undefined);
      this.reschedule();
    }, at - clock.now());
  }

  stop(): void {
    if (this.timer) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
